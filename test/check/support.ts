import { mkdtemp } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  checkSource,
  DEFAULT_CONFIG,
  type CheckConfig,
  type Finding,
} from '../../src/check/check.js';
import { run } from '../../src/cli/main.js';

export const fixturePath = (name: string) =>
  path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures', name);

export const fixture = (name: string) => readFileSync(fixturePath(name), 'utf8');

export const check = (source: string, config: CheckConfig = DEFAULT_CONFIG) =>
  checkSource(source, config);

/** `line:column rule` for each finding (of one rule, if given): what the tests pin down. */
export const spots = (findings: readonly Finding[], rule?: string) =>
  findings
    .filter((f) => rule === undefined || f.rule === rule)
    .map((f) => `${f.line}:${f.column} ${f.rule}`);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process in `cwd`, capturing what it prints. */
export async function cli(cwd: string, ...argv: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    cwd,
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
  });
  return { code, stdout, stderr };
}

export const tempDir = () => mkdtemp(path.join(os.tmpdir(), 'jma-check-'));
