import fs from 'fs-extra';
import path from 'node:path';
import { formatPath, validatePipeline, type Pipeline } from '../model/pipeline.js';
import { readYamlSource } from '../yaml-source.js';
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
  const read = readYamlSource(source, shownAs, path.extname(file) === '.json' ? 'JSON' : 'YAML');
  if (!read.ok) throw usageError(read.problems.join('\n'));
  const validation = validatePipeline(read.value);
  if (validation.ok) return validation.pipeline;
  const lines = validation.problems.map(
    (problem) => `${read.valueAt(problem.path)}: ${formatPath(problem.path)}: ${problem.message}`,
  );
  throw usageError(
    `invalid config (${lines.length} problem${lines.length > 1 ? 's' : ''}):\n${lines.join('\n')}`,
  );
}
