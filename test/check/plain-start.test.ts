import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { runProgram } from '../../src/cli/program.js';
import { cli, tempDir } from './support.js';

/**
 * A pre-commit hook runs `check FILE...` on every commit, so with plain arguments check starts
 * without the command-line parser and the other commands' modules (src/cli/program.ts): their
 * loading is most of a run's start-up. Here that module is a stand-in that records being called;
 * that plain arguments parse as commander parses them is cli.test.ts's "plain arguments skip
 * commander".
 */
vi.mock('../../src/cli/program.js', () => ({ runProgram: vi.fn(async () => 0) }));

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
  vi.mocked(runProgram).mockClear();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('check with plain arguments runs without the full command line', async () => {
  await writeFile(path.join(dir, 'Jenkinsfile'), "node('podman') {\n  sh 'podman info'\n}\n");
  const result = await cli(dir, 'check', 'Jenkinsfile', '--format', 'json');
  expect(result.code, result.stderr).toBe(0);
  expect(JSON.parse(result.stdout)).toBeTruthy();
  expect(runProgram).not.toHaveBeenCalled();
});
