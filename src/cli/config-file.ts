import fs from 'fs-extra';
import path from 'node:path';
import { isNode, LineCounter, parseDocument } from 'yaml';
import { formatPath, validatePipeline, type Pipeline } from '../model/pipeline.js';
import { usageError } from './errors.js';

export const CONFIG_NAMES = [
  'jenkins-multiarch.yaml',
  'jenkins-multiarch.yml',
  'jenkins-multiarch.json',
];

/** The config file named on the command line, or the first conventional name that exists. */
export async function findConfig(cwd: string, given: string | undefined): Promise<string> {
  if (given !== undefined) return path.resolve(cwd, given);
  for (const name of CONFIG_NAMES) {
    if (await fs.pathExists(path.join(cwd, name))) return path.join(cwd, name);
  }
  throw usageError(
    `no config file: looked for ${CONFIG_NAMES.join(', ')} in ${cwd}. Create one with \`jenkins-multiarch init\` or name it: \`jenkins-multiarch render path/to/config.yaml\``,
  );
}

/**
 * Reads and validates a config file. YAML and JSON both go through the YAML parser (JSON is YAML),
 * so every problem can be reported at its line and column.
 */
export async function loadConfig(file: string, shownAs: string): Promise<Pipeline> {
  let source: string;
  try {
    source = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw usageError(
      code === 'ENOENT'
        ? `config file ${shownAs} does not exist; create one with \`jenkins-multiarch init\``
        : code === 'EISDIR'
          ? `${shownAs} is a directory; name the config file inside it`
          : `cannot read config ${shownAs}: ${code ?? String(error)}`,
    );
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${shownAs}:${line}:${col}`;
  };
  if (document.errors.length > 0) {
    throw usageError(
      document.errors
        .map(
          (e) =>
            `${at(e.pos[0])}: invalid ${path.extname(file) === '.json' ? 'JSON' : 'YAML'}: ${e.message.split('\n')[0]}`,
        )
        .join('\n'),
    );
  }
  const validation = validatePipeline(document.toJS());
  if (validation.ok) return validation.pipeline;
  const lines = validation.problems.map((problem) => {
    // The deepest node that exists: a missing field is reported where its parent is.
    let keys = [...problem.path];
    let node = document.getIn(keys, true);
    while (!isNode(node) && keys.length > 0) {
      keys = keys.slice(0, -1);
      node = keys.length > 0 ? document.getIn(keys, true) : document.contents;
    }
    const where = isNode(node) && node.range ? at(node.range[0]) : shownAs;
    return `${where}: ${formatPath(problem.path)}: ${problem.message}`;
  });
  throw usageError(
    `invalid config (${lines.length} problem${lines.length > 1 ? 's' : ''}):\n${lines.join('\n')}`,
  );
}
