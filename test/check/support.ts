import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  checkSource,
  DEFAULT_CONFIG,
  type CheckConfig,
  type Finding,
} from '../../src/check/check.js';
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
