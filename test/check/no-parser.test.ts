import { execa } from 'execa';
import fs from 'fs-extra';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { tempDir } from '../support/cli.js';
import { repoRoot } from '../support/tools.js';

/**
 * check where tree-sitter's native part is missing, as after `npm ci --ignore-scripts` on a
 * platform without a prebuilt binary: the CLI, compiled from this source, runs from a copy of the
 * package whose tree-sitter and tree-sitter-bash have neither build/ nor prebuilds/, so loading
 * them fails for real.
 */
let dir: string;
let pkg: string;

beforeAll(async () => {
  dir = await tempDir('jma-no-parser-');
  pkg = path.join(dir, 'pkg');
  await fs.copy(path.join(repoRoot, 'package.json'), path.join(pkg, 'package.json'));
  await fs.copy(path.join(repoRoot, 'bin'), path.join(pkg, 'bin'));
  // check knows this package's own library by the step names of its vars/.
  await fs.copy(path.join(repoRoot, 'vars'), path.join(pkg, 'vars'));
  await execa('npx', ['tsc', '-p', 'tsconfig.build.json', '--outDir', path.join(pkg, 'dist')], {
    cwd: repoRoot,
  });
  await execa('node', ['scripts/bundle-cli.mjs', path.join(pkg, 'dist')], { cwd: repoRoot });
  for (const name of await fs.readdir(path.join(repoRoot, 'node_modules'))) {
    const from = path.join(repoRoot, 'node_modules', name);
    const to = path.join(pkg, 'node_modules', name);
    if (name === 'tree-sitter' || name === 'tree-sitter-bash')
      await fs.copy(from, to, {
        filter: (file) => !/[/\\](?:build|prebuilds|src|vendor)$/.test(file),
      });
    else await fs.ensureSymlink(from, to);
  }
}, 120_000);

afterAll(async () => {
  await fs.remove(dir);
});

test('the copy really cannot load the native parser', async () => {
  const loaded = await execa('node', ['-e', "require('tree-sitter')"], { cwd: pkg, reject: false });
  expect(loaded.exitCode).toBe(1);
  expect(loaded.stderr).toContain('No native build was found');
});

test('check goes on without shell analysis and says so once, with the fix; exit codes as usual', async () => {
  const work = path.join(dir, 'work');
  // A written token (found without the shell parser) and a password on podman's command line
  // (found only with it), in two files: the notice comes once.
  await fs.outputFile(
    path.join(work, 'Jenkinsfile'),
    "node {\n  git url: 'https://oauth2:glpat-SECRET@gitlab.example.com/team/app.git'\n  sh 'podman login -p hunter2 registry.example.com'\n}\n",
  );
  await fs.outputFile(
    path.join(work, 'vars/release.groovy'),
    "def call() {\n  sh 'podman login -p hunter2 registry.example.com'\n}\n",
  );
  const run = (...args: string[]) =>
    execa('node', [path.join(pkg, 'bin', 'jenkins-multiarch.js'), 'check', ...args], {
      cwd: work,
      reject: false,
    });
  const both = await run();
  expect(both.exitCode).toBe(1);
  expect(both.stdout).toContain('credentials-in-url');
  expect(both.stdout).not.toContain('password-on-command-line');
  expect(both.stdout).not.toContain('vars/release.groovy');
  expect(both.stderr.split('\n')).toEqual([
    expect.stringMatching(
      /^jenkins-multiarch: shell-level rules skipped: tree-sitter's native parser could not be loaded \(No native build was found for platform=/,
    ),
    'jenkins-multiarch: 1 error-level finding; see above for each fix',
  ]);

  expect(both.stderr).not.toMatch(/\n\s+at /);
  expect(both.stderr).toContain('get it with `npm rebuild tree-sitter tree-sitter-bash`');
  const shellOnly = await run('vars/release.groovy');
  expect(shellOnly.exitCode).toBe(0);
  expect(shellOnly.stderr).toMatch(/^jenkins-multiarch: shell-level rules skipped: [^\n]*$/);
});
