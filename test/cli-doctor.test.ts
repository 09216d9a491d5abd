import fs from 'fs-extra';
import path from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { stringify as stringifyYaml } from 'yaml';
import { loadResources } from '../src/package-files.js';
import { cli } from './support/cli.js';
import { multiarchEnv, stepCalls, useFakeStepShell } from './support/fake-step-shell.js';

/**
 * `doctor` in-process, with a fake shell in place of the one preflight.sh runs in
 * (test/support/fake-step-shell.ts): the environment and directory the checks run with, how
 * their lines are shown (as a checklist, with --verbose, as JSON) and the exit code they make.
 * preflight.sh's own checks, on a real podman, are test/preflight.test.ts's.
 */

const step = useFakeStepShell();
let dir: string;
let calls: string;
beforeEach(() => {
  ({ dir, calls } = step);
});

const CONFIG = {
  agent: { label: 'podman' },
  image: { name: 'acme/app', tags: ['1'] },
  platforms: ['linux/amd64', 'linux/arm64', 'linux/s390x'],
  build: { dockerfile: 'Dockerfile', context: '.' },
  registries: [
    { host: 'registry.example.com', credentialsId: 'push', tlsVerify: true },
    { host: 'lab.example.com:5000', credentialsId: null, tlsVerify: false },
  ],
};

/** `config` as jenkins-multiarch.yaml in `where` (from the test's directory), with its Dockerfile. */
async function writeConfig(config: object = CONFIG, where = '.', dockerfile = true) {
  await fs.outputFile(path.join(dir, where, 'jenkins-multiarch.yaml'), stringifyYaml(config));
  if (dockerfile) await fs.outputFile(path.join(dir, where, 'Dockerfile'), 'FROM busybox:1.36\n');
}

/** The one run of preflight.sh. */
async function onlyRun() {
  const runs = await stepCalls(calls);
  expect(runs).toHaveLength(1);
  return runs[0]!;
}

const CHECKS = [
  'OK: podman 4.3.1',
  'a line of podman info',
  'WARNING: vfs storage is slow',
  'INFO: 3 platforms',
];

describe('doctor', () => {
  test("runs preflight.sh with the config's step environment, from the build's root, as a checklist", async () => {
    await writeConfig();
    await step.scriptSays(CHECKS);
    const result = await cli(dir, 'doctor');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'Checking this machine for jenkins-multiarch.yaml, as a build in .',
        // A login is named for a registry, and none is stored here.
        '! no stored registry login (`podman login HOST` stores one): the registry checks run without one, where the pipeline logs in with Jenkins credentials',
        '✓ podman 4.3.1',
        '! vfs storage is slow',
        '  3 platforms',
        '',
      ].join('\n'),
    );
    const call = await onlyRun();
    const resources = loadResources();
    expect(call.script).toBe(resources.get('common.sh')! + resources.get('preflight.sh')!);
    expect(call.cwd).toBe(dir);
    expect(call.env.BUILD_TAG).toBe('jenkins-multiarch-doctor');
    expect(path.basename(call.env.WORKSPACE!)).toMatch(/^jenkins-multiarch-doctor-./);
    expect(await fs.pathExists(call.env.WORKSPACE!)).toBe(false);
    expect(multiarchEnv(call)).toMatchObject({
      MULTIARCH_PLATFORMS: 'linux/amd64,linux/arm64,linux/s390x',
      MULTIARCH_REGISTRIES: 'registry.example.com lab.example.com:5000',
      MULTIARCH_INSECURE_REGISTRIES: 'lab.example.com:5000',
      MULTIARCH_DOCKERFILE: 'Dockerfile',
      MULTIARCH_IMAGE: 'acme/app',
    });
    expect(call.auth).toBeUndefined();
  });

  test("--verbose shows the tools' own lines too", async () => {
    await writeConfig();
    await step.scriptSays(CHECKS);
    const result = await cli(dir, 'doctor', '--verbose');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('✓ podman 4.3.1\n  a line of podman info\n! vfs storage');
  });

  test('a stored login: copied for the registry checks, and no warning about it', async () => {
    await writeConfig();
    await fs.outputFile(path.join(process.env.HOME!, '.config', 'containers', 'auth.json'), '{}\n');
    const result = await cli(dir, 'doctor');
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('no stored registry login');
    expect((await onlyRun()).auth?.text).toBe('{}\n');
  });

  test('no registry with a login: no warning about logins', async () => {
    await writeConfig({ ...CONFIG, registries: [CONFIG.registries[1]] });
    const result = await cli(dir, 'doctor');
    expect(result.stdout).toBe(
      'Checking this machine for jenkins-multiarch.yaml, as a build in .\n',
    );
  });

  test('platforms built natively: left to their own agents, each named, the rest checked here', async () => {
    await writeConfig({ ...CONFIG, native: { 'linux/arm64': { label: 'arm64' } } });
    const result = await cli(dir, 'doctor');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      '! linux/arm64 is built natively on other agents (native.linux/arm64): run doctor on one of them to check it\n',
    );
    expect((await onlyRun()).env.MULTIARCH_PLATFORMS).toBe('linux/amd64,linux/s390x');
  });

  test('an ERROR: ✗, exit 1, and the summary on stderr', async () => {
    await writeConfig();
    await step.scriptSays(
      ['OK: podman', 'ERROR: no qemu for arm64: apt-get install qemu-user-static'],
      1,
    );
    const result = await cli(dir, 'doctor');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      '✓ podman\n✗ no qemu for arm64: apt-get install qemu-user-static\n',
    );
    expect(result.stderr).toBe('jenkins-multiarch: doctor found problems (✗ above)\n');
  });

  test('an ERROR with exit 0 is still a problem', async () => {
    await writeConfig();
    await step.scriptSays(['ERROR: broken']);
    expect((await cli(dir, 'doctor')).code).toBe(1);
  });

  test('the script stopping without an ERROR: doctor says so itself, and exits 1', async () => {
    await writeConfig();
    await step.scriptSays(['OK: podman', 'sh: 1: oops: not found'], 127);
    const result = await cli(dir, 'doctor');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      '✗ the preflight script stopped with exit code 127 before finishing its checks; run doctor --verbose to see its output\n',
    );
    // Said once: the ✗ is not repeated.
    expect(result.stdout.match(/✗/g)).toHaveLength(1);
  });

  test("--json: the checks without the tools' lines, ok, the config; nothing else on stdout", async () => {
    await writeConfig();
    await step.scriptSays(CHECKS);
    const result = await cli(dir, 'doctor', '--json', '--verbose');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      ok: true,
      config: 'jenkins-multiarch.yaml',
      checks: [
        {
          status: 'warning',
          message: expect.stringMatching(/^no stored registry login/),
        },
        { status: 'ok', message: 'podman 4.3.1' },
        { status: 'warning', message: 'vfs storage is slow' },
        { status: 'info', message: '3 platforms' },
      ],
    });
  });

  test('--json with a problem: ok false, exit 1, no summary on stderr', async () => {
    await writeConfig();
    await step.scriptSays(['ERROR: broken'], 1);
    const result = await cli(dir, 'doctor', '--json');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toMatchObject({
      ok: false,
      checks: [expect.anything(), { status: 'error', message: 'broken' }],
    });
  });

  test('--help says what doctor checks and what each option does', async () => {
    const { stdout } = await cli(dir, 'doctor', '--help');
    expect(stdout).toMatch(/\n\nCheck this machine as the pipeline's Preflight stage/);
    expect(stdout).toMatch(/ {2}config +config file \(default: jenkins-multiarch\.yaml/);
    expect(stdout).toMatch(/ {2}--json +print the checklist as JSON/);
    expect(stdout).toMatch(/ {2}--verbose +also show podman's own output/);
  });
});

describe('doctor: where the build runs', () => {
  test("a config in a subdirectory of a repository, its paths from the repository's root: run from the root", async () => {
    await fs.mkdirp(path.join(dir, '.git'));
    await fs.outputFile(path.join(dir, 'Dockerfile'), 'FROM busybox\n');
    // A Dockerfile beside the config too: the paths hold from the root, so the build runs there.
    await writeConfig(CONFIG, 'ci');
    const result = await cli(path.join(dir, 'ci'), 'doctor');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^Checking this machine for jenkins-multiarch\.yaml, as a build in \.\.\n/,
    );
    expect((await onlyRun()).cwd).toBe(dir);
  });

  test('a config whose paths hold from its own directory only: an application of its own, run from there, with a warning', async () => {
    await fs.mkdirp(path.join(dir, '.git'));
    await writeConfig(CONFIG, 'app');
    const result = await cli(dir, 'doctor', 'app/jenkins-multiarch.yaml');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^Checking this machine for app\/jenkins-multiarch\.yaml, as a build in app\n! build\.dockerfile: .* but is in app/,
    );
    expect((await onlyRun()).cwd).toBe(path.join(dir, 'app'));
  });

  test("paths that hold nowhere: run from the repository's root, each warned", async () => {
    await fs.mkdirp(path.join(dir, '.git'));
    await writeConfig(CONFIG, 'app', false);
    const result = await cli(dir, 'doctor', 'app/jenkins-multiarch.yaml');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /as a build in \.\n! build\.dockerfile: "Dockerfile" is not a file/,
    );
    expect((await onlyRun()).cwd).toBe(dir);
  });

  test("no repository: run from the config's directory", async () => {
    await writeConfig(CONFIG, 'app');
    const result = await cli(dir, 'doctor', 'app/jenkins-multiarch.yaml');
    expect(result.stdout).toMatch(/as a build in app\n/);
    expect((await onlyRun()).cwd).toBe(path.join(dir, 'app'));
  });
});
