import { execa } from 'execa';
import fs from 'fs-extra';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { cli, tempDir } from './support/cli.js';
import { missingTools, repoRoot } from './support/tools.js';

/**
 * Users install from a release tag, as the README says: `npm i git+…#vX.Y.Z`, and pre-commit's
 * `rev: vX.Y.Z`. scripts/release.sh makes the tag in a copy of this working tree (never in this
 * repository), and the tag must install without a build: no tsc, no prepare script.
 *
 * npm installs the dependencies with prefer-offline: the tarballs come from the cache `npm ci`
 * filled; the registry's package documents (which `npm ci` does not cache, and npm needs to
 * resolve a git or tarball dependency's ranges) come from the cache when some earlier install
 * stored them, else from the registry. tree-sitter has no prebuilt binary for linux: installing
 * it compiles its addon (g++, ~30 s on 2 idle cores), so only the pre-commit install runs it.
 */
const { version } = await fs.readJson(path.join(repoRoot, 'package.json'));
const tag = `v${version}`;

let dir: string;
/** The copy of this repository that holds the release tag. */
let clone: string;
/** What a user's shell has: no tsc (this clone's node_modules/.bin is not on PATH). */
let userEnv: Record<string, string>;

const run = (command: string, args: string[], cwd: string) =>
  execa(command, args, { cwd, env: userEnv, extendEnv: false, stdin: 'ignore', reject: false });

/** A repository holding this working tree's files, on main, committed; node_modules linked. */
async function copyOfThisRepository(target: string): Promise<void> {
  const listed = await execa(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      cwd: repoRoot,
    },
  );
  const files = listed.stdout
    .split('\0')
    .filter((file) => file && fs.existsSync(path.join(repoRoot, file)));
  await Promise.all(
    files.map((file) => fs.copy(path.join(repoRoot, file), path.join(target, file))),
  );
  const git = (...args: string[]) => execa('git', args, { cwd: target });
  await git('init', '-q', '-b', 'main');
  await git('config', 'user.name', 'Release Test');
  await git('config', 'user.email', 'release-test@example.com');
  await git('config', 'tag.gpgSign', 'false');
  await fs.symlink(path.join(repoRoot, 'node_modules'), path.join(target, 'node_modules'));
  await fs.appendFile(path.join(target, '.git', 'info', 'exclude'), 'node_modules\n');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'The working tree under test');
}

beforeAll(async () => {
  // Fails (not skips) without them: scripts/test-env.sh installs Debian's pre-commit.
  expect(missingTools(['git', 'pre-commit']), 'run scripts/test-env.sh as root').toEqual([]);
  dir = await tempDir('jma-install-');
  clone = path.join(dir, 'jenkins-multiarch');
  await copyOfThisRepository(clone);
  const released = await execa('scripts/release.sh', [version], { cwd: clone, stdin: 'ignore' });
  expect(released.stdout).toContain(`tagged ${tag}`);

  userEnv = {
    ...(process.env as Record<string, string>),
    PATH: process.env
      .PATH!.split(path.delimiter)
      .filter((entry) => !entry.endsWith(path.join('node_modules', '.bin')))
      .join(path.delimiter),
    npm_config_prefer_offline: 'true',
    // node-gyp compiles tree-sitter's eleven C++ files on all cores, not one at a time.
    JOBS: 'max',
    PRE_COMMIT_HOME: path.join(dir, 'pre-commit-home'),
    // CI=true makes picocolors colour the hook's report; the assertions read plain text.
    NO_COLOR: '1',
  };
  expect((await run('sh', ['-c', 'command -v tsc'], dir)).exitCode, 'tsc is on PATH').not.toBe(0);
}, 300_000);

afterAll(async () => {
  if (dir) await fs.remove(dir);
});

test("the release tag adds the compiled dist/ and drops package.json's scripts, off main", async () => {
  const git = (...args: string[]) => execa('git', args, { cwd: clone });
  const tagged = JSON.parse((await git('show', `${tag}:package.json`)).stdout);
  expect(tagged.scripts).toBeUndefined();
  expect(tagged.version).toBe(version);
  expect((await git('ls-tree', '-r', '--name-only', tag, 'dist/cli')).stdout).toContain(
    'dist/cli/main.js',
  );
  // main still builds on `npm ci`, and only the tag reaches the release commit.
  expect(JSON.parse((await git('show', 'main:package.json')).stdout).scripts.prepare).toBe(
    'npm run build',
  );
  expect((await git('ls-tree', '--name-only', 'main')).stdout).not.toContain('dist');
  expect((await git('rev-parse', `${tag}^{commit}^`)).stdout).toBe(
    (await git('rev-parse', 'main')).stdout,
  );
  expect((await git('branch', '--contains', tag)).stdout).toBe('');
});

test('release.sh refuses to re-tag, a version that is not package.json’s, changes and other branches', async () => {
  const release = (version: string) =>
    run(path.join(clone, 'scripts', 'release.sh'), [version], clone);
  const git = (...args: string[]) => execa('git', args, { cwd: clone });
  const again = await release(version);
  expect(again.exitCode).toBe(1);
  expect(again.stderr).toContain(`tag ${tag} exists already`);
  const other = await release('99.0.0');
  expect(other.exitCode).toBe(1);
  expect(other.stderr).toContain(`package.json says ${version}, not 99.0.0`);

  // The next version, not yet committed; then committed, but on a branch of its own.
  const manifest = path.join(clone, 'package.json');
  await fs.writeJson(manifest, { ...(await fs.readJson(manifest)), version: '99.0.0' });
  const uncommitted = await release('99.0.0');
  expect(uncommitted.exitCode).toBe(1);
  expect(uncommitted.stderr).toContain('the working tree has changes');
  await git('checkout', '-q', '-b', 'next');
  await git('commit', '-q', '-am', 'Next version');
  const offMain = await release('99.0.0');
  expect(offMain.exitCode).toBe(1);
  expect(offMain.stderr).toContain('check out main first');
  await git('checkout', '-q', 'main');
  expect((await git('tag')).stdout).toBe(tag);
});

test('npm install -g from the git tag needs no tsc, no C++ compiler, and gives a working CLI', async () => {
  const prefix = path.join(dir, 'global');
  // A machine without a C++ compiler: tree-sitter's addon (no prebuilt binary for linux) fails to
  // build, and since it is an optional dependency the install goes on without it. Its compile
  // happens in the pre-commit test below.
  const installed = await execa(
    'npm',
    ['install', '-g', '--prefix', prefix, `git+file://${clone}#${tag}`],
    {
      cwd: dir,
      env: { ...userEnv, CC: 'false', CXX: 'false' },
      extendEnv: false,
      stdin: 'ignore',
      reject: false,
    },
  );
  expect(installed.exitCode, installed.stderr).toBe(0);
  const bin = path.join(prefix, 'bin', 'jenkins-multiarch');
  expect((await run(bin, ['--version'], dir)).stdout).toBe(version);
  const rendered = await run(bin, ['render'], path.join(repoRoot, 'examples', 'hello'));
  expect(rendered.stdout, rendered.stderr).toMatch(
    /^\/\/ Generated by jenkins-multiarch \S+ from jenkins-multiarch\.yaml\./,
  );
  // check works without the shell parser, and says what it skipped.
  await fs.outputFile(
    path.join(dir, 'no-parser', 'Jenkinsfile'),
    'node { sh "podman login -p ${PASS} registry.example.com" }\n',
  );
  const checked = await run(bin, ['check', 'Jenkinsfile'], path.join(dir, 'no-parser'));
  expect(checked.exitCode).toBe(1);
  expect(checked.stdout).toContain('secret-interpolation');
  expect(checked.stderr).toContain('shell-level rules skipped');
}, 180_000);

// Measured: ~100 s of CPU, most of it tree-sitter's compile; 4-5 min of wall time at load 11-16 on 2 cores.
test('pre-commit installs both hooks from the tag and runs them', async () => {
  const app = path.join(dir, 'app');
  await fs.copy(path.join(repoRoot, 'examples', 'hello'), app);
  expect((await cli(app, 'render', '-o', 'Jenkinsfile')).code).toBe(0);
  await fs.outputFile(
    path.join(app, '.pre-commit-config.yaml'),
    [
      'repos:',
      `  - repo: ${clone}`,
      `    rev: ${tag}`,
      '    hooks:',
      '      - id: jenkins-multiarch-check',
      '      - id: jenkins-multiarch-render-check',
      '',
    ].join('\n'),
  );
  // A hand-written Jenkinsfile next to the generated one, with a password on the command line.
  await fs.outputFile(
    path.join(app, 'release.Jenkinsfile'),
    `pipeline { agent any; stages { stage('login') { steps { sh "podman login -p \${PASS} r.example.com" } } } }\n`,
  );
  const git = (...args: string[]) => run('git', args, app);
  await git('init', '-q', '-b', 'main');
  await git('add', '-A');

  const installed = await run('pre-commit', ['install-hooks'], app);
  expect(installed.exitCode, installed.stdout + installed.stderr).toBe(0);

  const finding = await run('pre-commit', ['run', '--all-files'], app);
  expect(finding.exitCode, finding.stdout).toBe(1);
  expect(finding.stdout).toMatch(/jenkins-multiarch check\.+Failed/);
  expect(finding.stdout).toContain('release.Jenkinsfile\n  1:');
  expect(finding.stdout).toContain('password-on-command-line');
  expect(finding.stdout).toMatch(/jenkins-multiarch render --check\.+Passed/);

  // The hand-written file goes; the config changes without a re-render.
  await fs.remove(path.join(app, 'release.Jenkinsfile'));
  const config = path.join(app, 'jenkins-multiarch.yaml');
  await fs.writeFile(config, (await fs.readFile(config, 'utf8')).replace("'1.0.0'", "'1.0.1'"));
  await git('add', '-A');
  const stale = await run('pre-commit', ['run', '--all-files'], app);
  expect(stale.exitCode, stale.stdout).toBe(1);
  expect(stale.stdout).toMatch(/jenkins-multiarch check\.+Passed/);
  expect(stale.stdout).toMatch(/jenkins-multiarch render --check\.+Failed/);
  expect(stale.stdout).toContain('Jenkinsfile');

  expect((await cli(app, 'render', '-o', 'Jenkinsfile')).code).toBe(0);
  await git('add', '-A');
  const clean = await run('pre-commit', ['run', '--all-files'], app);
  expect(clean.exitCode, clean.stdout).toBe(0);
}, 600_000);
