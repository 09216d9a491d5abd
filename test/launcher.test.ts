import { execa } from 'execa';
import fs from 'fs-extra';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { tempDir } from './support/cli.js';
import { repoRoot } from './support/tools.js';

// bin/jenkins-multiarch.js, the launcher of the built CLI, run as a process (npm test builds dist/ first).
let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await fs.remove(dir);
});

describe("the launcher's code cache", () => {
  const bin = path.join(repoRoot, 'bin', 'jenkins-multiarch.js');
  const launch = (cache: string, ...args: string[]) =>
    execa('node', [bin, ...args], { cwd: dir, env: { XDG_CACHE_HOME: cache }, reject: false });

  test('check keeps a cache of its own, which another command does not replace', async () => {
    const cache = path.join(dir, 'cache');
    const jenkinsfile = path.join(repoRoot, 'test/check/fixtures/seeds/seed-000.Jenkinsfile');
    const first = await launch(cache, 'check', jenkinsfile);
    const cacheDir = path.join(cache, 'jenkins-multiarch');
    const written = await fs.readdir(cacheDir);
    expect(written).toHaveLength(1);
    const checkCache = written[0]!;
    expect(checkCache).toMatch(/^main-\w+\.cjs-check-v[\d.]+-\w+$/);
    const writtenAt = (await fs.stat(path.join(cacheDir, checkCache))).mtimeMs;

    expect((await launch(cache, '--version')).exitCode).toBe(0);
    expect((await fs.readdir(cacheDir)).map((name) => name.split('-')[2]).sort()).toEqual([
      'check',
      'other',
    ]);
    // Compiled from its cache, which V8 accepted, so it is not written again; the same report.
    const second = await launch(cache, 'check', jenkinsfile);
    expect([second.exitCode, second.stdout]).toEqual([first.exitCode, first.stdout]);
    expect((await fs.stat(path.join(cacheDir, checkCache))).mtimeMs).toBe(writtenAt);
  });
});
