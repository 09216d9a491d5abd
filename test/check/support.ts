import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  checkSource,
  DEFAULT_CONFIG,
  type CheckConfig,
  type Finding,
} from '../../src/check/check.js';
import { lexGroovy, type StringLiteral } from '../../src/check/groovy-lexer.js';
import type { Word } from '../../src/check/shell.js';
import type { MappedText } from '../../src/check/source.js';
import { tempDir as tempDirIn } from '../support/cli.js';

export const fixturePath = (name: string) =>
  path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures', name);

export const fixture = (name: string) => readFileSync(fixturePath(name), 'utf8');

export const check = (
  source: string,
  config: CheckConfig = DEFAULT_CONFIG,
  kind: 'groovy' | 'dockerfile' = 'groovy',
  librarySteps?: readonly string[],
) => checkSource(source, config, kind, librarySteps);

/** `line:column rule` for each finding (of one rule, if given): what the tests pin down. */
export const spots = (findings: readonly Finding[], rule?: string) =>
  findings
    .filter((f) => rule === undefined || f.rule === rule)
    .map((f) => `${f.line}:${f.column} ${f.rule}`);

export { cli, type CliResult } from '../support/cli.js';

export const tempDir = () => tempDirIn('jma-check-');

/** The first string literal the lexer finds in a Groovy source. */
export const stringOf = (source: string): StringLiteral => {
  const string = lexGroovy(source).tokens.find((t) => t.kind === 'string')?.string;
  if (!string) throw new Error(`no string in ${source}`);
  return string;
};

/** Script text whose offsets are its own indices, plus 1000 to tell them from indices. */
export const script = (text: string, unknown: MappedText['unknown'] = []): MappedText => ({
  text,
  offsets: Array.from({ length: text.length + 1 }, (_, i) => 1000 + i),
  unknown,
});

/** A shell word as text, with `$NAME` for a variable and `?` for a value known only at run time. */
export const describeWord = (word: Word) =>
  word.parts
    .map((part) =>
      part.kind === 'text' ? part.text.text : part.kind === 'variable' ? `$${part.name}` : '?',
    )
    .join('');
