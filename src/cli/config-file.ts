import fs from 'fs-extra';
import path from 'node:path';
import { validatePipeline, type Pipeline, type Problem } from '../model/pipeline.js';
import { mayBeLeftOut, PIPELINE_SPEC } from '../model/spec.js';
import { problemLines, readYamlSource, type YamlSource } from '../yaml-source.js';
import { usageError } from './errors.js';
import { readConfigText } from './read-config-text.js';
import { repositoryRoot } from './workspace.js';

export const CONFIG_NAMES = [
  'jenkins-multiarch.yaml',
  'jenkins-multiarch.yml',
  'jenkins-multiarch.json',
];

/**
 * The config file named on the command line (resolved against cwd), or else the conventional one
 * in cwd or the nearest parent directory that has one, as git finds its repository: the search
 * stops at the repository root (the directory holding `.git`) or the filesystem root. The result
 * is absolute; when it lies above cwd, `path.relative(cwd, result)` says where it was found.
 */
export async function findConfig(cwd: string, given: string | undefined): Promise<string> {
  if (given !== undefined) return path.resolve(cwd, given);
  const shown = (file: string) => path.relative(cwd, file) || file;
  const root = await repositoryRoot(cwd);
  const top = root ?? path.parse(path.resolve(cwd)).root;
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const found: string[] = [];
    for (const name of CONFIG_NAMES)
      if (await fs.pathExists(path.join(dir, name))) found.push(path.join(dir, name));
    if (found.length > 1)
      throw usageError(
        `${found.map(shown).join(' and ')} are both configs; keep one, or name the one to use: \`jenkins-multiarch render ${shown(found[0]!)}\``,
      );
    if (found.length === 1) return found[0]!;
    if (dir === top) {
      const searched = dir === path.resolve(cwd) ? '' : ` and its parents up to ${dir}`;
      throw usageError(
        `no config file: looked for ${CONFIG_NAMES.join(', ')} in ${cwd}${searched}${root ? ' (the repository root)' : ''}. Create one with \`jenkins-multiarch init\` or name it: \`jenkins-multiarch render path/to/config.yaml\``,
      );
    }
  }
}

/**
 * Reads and validates a config file. YAML and JSON both go through the YAML parser (JSON is YAML),
 * so every problem can be reported at its line and column.
 */
export async function loadConfig(file: string, shownAs: string): Promise<Pipeline> {
  const language = path.extname(file) === '.json' ? 'JSON' : 'YAML';
  const text = await readConfigText(
    file,
    shownAs,
    'config file',
    'create one with `jenkins-multiarch init`',
  );
  const read = readYamlSource(text, shownAs, language);
  if (!read.ok) throw usageError(read.problems.join('\n'));
  if (read.empty) {
    const required = Object.entries(PIPELINE_SPEC.fields)
      .filter(([, field]) => !mayBeLeftOut(field))
      .map(([name]) => name);
    throw usageError(
      `${read.valueAt([]).at}: (config): the file is empty; a config is a mapping with at least ${required.slice(0, -1).join(', ')} and ${required.at(-1)}: \`jenkins-multiarch init\` writes one`,
    );
  }
  const validation = validatePipeline(read.value);
  if (validation.ok) return validation.pipeline;
  const lines = problemLines(
    validation.problems.map((problem) => ({
      place: placeOf(read, problem),
      path: problem.path,
      message: problem.message + quotingHint(read, problem, language),
    })),
  );
  throw usageError(
    `invalid config (${lines.length} problem${lines.length > 1 ? 's' : ''}):\n${lines.join('\n')}`,
  );
}

type ReadSource = Extract<YamlSource, { ok: true }>;

/** Unknown fields are reported at the first of their keys, anything else at its value. */
function placeOf(read: ReadSource, problem: Problem) {
  const places = (problem.keys ?? []).map((key) => read.keyAt([...problem.path, key]));
  return places.sort((a, b) => a.offset - b.offset)[0] ?? read.valueAt(problem.path);
}

/** `tags: [1.0]` is the number 1 to YAML: when a string was expected, say so and how to quote. */
function quotingHint(read: ReadSource, problem: Problem, language: string): string {
  const unquoted = problem.stringExpected ? read.unquotedAt(problem.path) : undefined;
  return unquoted
    ? ` (${language} reads ${unquoted.text} as ${unquoted.readAs}; write ${JSON.stringify(unquoted.text)} in quotes)`
    : '';
}
