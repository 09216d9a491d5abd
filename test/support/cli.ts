import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { stringify as stringifyYaml } from 'yaml';
import { run } from '../../src/cli/main.js';

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

/** Writes `config` as `dir`'s jenkins-multiarch.yaml and renders its Jenkinsfile, whose path it returns. */
export async function renderJob(dir: string, config: object): Promise<string> {
  await fs.outputFile(path.join(dir, 'jenkins-multiarch.yaml'), stringifyYaml(config));
  const rendered = await cli(dir, 'render', '-o', 'Jenkinsfile');
  expect(rendered.code, rendered.stderr).toBe(0);
  return path.join(dir, 'Jenkinsfile');
}

/** A job whose Jenkinsfile is the short one for this repository's library, from `config`. */
export async function renderLibraryJob(jobDir: string, config: object): Promise<void> {
  await renderJob(jobDir, { library: 'jenkins-multiarch@main', ...config });
}

export async function tempDir(prefix = 'jma-'): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}
