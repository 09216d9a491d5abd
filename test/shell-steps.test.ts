import { execa } from 'execa';
import fs from 'fs-extra';
import { createHash, randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { loadResources } from '../src/package-files.js';
import { fakeCalls, fakeLists, installFakeTools } from './support/fake-tools.js';
import { requireTools } from './support/tools.js';

/**
 * What the shell steps leave on the agent: the login's password nowhere but in podman's stdin,
 * its files private, and nothing of the build after cleanup. Real sh and coreutils, a fake podman
 * (test/support/fake-tools.ts) that keeps its manifest lists in a file.
 */
const resources = loadResources();
const BUILD_TAG = 'jenkins-acme-hello-main-7';

describe.skipIf(requireTools(['sh', 'unshare', 'mount', 'sha256sum', 'grep']).skip)(
  'what the shell steps leave behind',
  () => {
    let root: string;
    let runs = 0;
    /** This test's directory: bin, workspace, calls, state, home, tmp, run. */
    let dir: string;

    beforeAll(async () => {
      root = await fs.mkdtemp(path.join(os.tmpdir(), 'jma-shell-steps-'));
    });
    afterAll(async () => {
      if (root) await fs.remove(root);
    });
    beforeEach(async () => {
      dir = path.join(root, `t${++runs}`);
      for (const sub of ['workspace', 'calls', 'state', 'home', 'tmp', 'run'])
        await fs.mkdirp(path.join(dir, sub));
      await installFakeTools(path.join(dir, 'bin'));
    });

    /**
     * The environment of a step run from `base` (the test's directory as the step sees it): what
     * a Jenkins agent gives it, the fakes first on PATH, and every place a process may write to
     * by itself (HOME, TMPDIR, XDG_RUNTIME_DIR) inside the test's directory.
     */
    const agentEnv = (base: string, env: Record<string, string>) => ({
      PATH: `${base}/bin:/usr/local/bin:/usr/bin:/bin`,
      HOME: `${base}/home`,
      TMPDIR: `${base}/tmp`,
      XDG_RUNTIME_DIR: `${base}/run`,
      LANG: 'C.UTF-8',
      GIT_CEILING_DIRECTORIES: root,
      WORKSPACE: `${base}/workspace`,
      BUILD_TAG,
      FAKE_CALLS: `${base}/calls`,
      FAKE_STATE: `${base}/state`,
      ...env,
    });

    /** common.sh then the steps, as a Jenkins sh step runs them: one script file, `sh -xe`. */
    async function step(names: string[], env: Record<string, string> = {}) {
      const file = path.join(dir, `step-${names.join('-')}.sh`);
      await fs.writeFile(
        file,
        ['common', ...names].map((name) => resources.get(`${name}.sh`)).join(''),
      );
      return execa('sh', ['-xe', file], {
        cwd: path.join(dir, 'workspace'),
        env: agentEnv(dir, env),
        extendEnv: false,
        reject: false,
        all: true,
      });
    }

    const stateDir = () => path.join(dir, 'workspace', '.jenkins-multiarch');
    const mode = async (file: string) => (await fs.stat(file)).mode & 0o777;

    describe('login.sh', () => {
      // Unique, so any file holding it was written by this step; quotes and $ to break naive quoting.
      const PASSWORD = `jma-sentinel-${randomUUID()} pa$$'w"rd`;

      /**
       * Runs the login in a mount namespace of its own, where /tmp, /var/tmp and /dev/shm are
       * empty and private and the test's directory is /mnt; then lists every file anywhere it
       * could have written that holds the password, before the namespace and its /tmp are gone.
       * The agent's umask is the usual 022: the step must tighten it itself.
       */
      async function loginInPrivateNamespace() {
        const file = path.join(dir, 'step.sh');
        await fs.writeFile(file, resources.get('common.sh')! + resources.get('login.sh')!);
        const env = agentEnv('/mnt', {
          MULTIARCH_LOGIN_REGISTRY: 'registry.example.com',
          MULTIARCH_REGISTRY_USER: 'ci-user',
          MULTIARCH_REGISTRY_PASSWORD: PASSWORD,
        });
        const assignments = Object.entries(env).map(([name, value]) => `${name}=${value}`);
        const script = `set -e
mount --bind "$DIR" /mnt
for scratch in /tmp /var/tmp /dev/shm; do [ ! -d "$scratch" ] || mount -t tmpfs tmpfs "$scratch"; done
cd /mnt/workspace
umask 022
status=0
env -i "$@" sh -xe /mnt/step.sh >/mnt/output 2>&1 || status=$?
echo "exit $status"
grep -rlF -e "$PASSWORD" /mnt /tmp /var/tmp /dev/shm 2>/dev/null || true`;
        const run = await execa('unshare', ['-rm', 'sh', '-c', script, 'sh', ...assignments], {
          env: { PATH: process.env.PATH!, DIR: dir, PASSWORD },
          extendEnv: false,
          reject: false,
          all: true,
        });
        expect(run.exitCode, run.all).toBe(0);
        const [status, ...holders] = run.stdout.split('\n');
        const output = await fs.readFile(path.join(dir, 'output'), 'utf8');
        return { status, holders, output };
      }

      test('the password goes to podman on stdin only: no file, argument or log line holds it', async () => {
        const { status, holders, output } = await loginInPrivateNamespace();
        expect(status, output).toBe('exit 0');
        expect(holders).toEqual([]);
        expect(output).toContain('INFO: logging in to registry.example.com as ci-user');
        const calls = await fakeCalls(path.join(dir, 'calls'));
        expect(calls.map((call) => call.argv)).toEqual([
          [
            'podman',
            'login',
            '--tls-verify=true',
            '--username',
            'ci-user',
            '--password-stdin',
            'registry.example.com',
          ],
        ]);
        expect(calls[0]!.stdinSha256).toBe(createHash('sha256').update(PASSWORD).digest('hex'));
      });

      test('podman logs in under umask 077: the state directory and the auth file are private', async () => {
        const { status, output } = await loginInPrivateNamespace();
        expect(status, output).toBe('exit 0');
        expect((await fakeCalls(path.join(dir, 'calls')))[0]!.umask).toBe('0077');
        expect(await mode(stateDir())).toBe(0o700);
        // The fake rewrote it: a file made under the agent's umask would be 0644.
        expect(await fs.readFile(path.join(stateDir(), 'auth.json'), 'utf8')).toContain('"fake"');
        expect(await mode(path.join(stateDir(), 'auth.json'))).toBe(0o600);
      });
    });

    describe('cleanup.sh', () => {
      const BUILD = {
        MULTIARCH_REGISTRIES: 'registry.example.com',
        MULTIARCH_IMAGE: 'acme/hello',
        MULTIARCH_TAGS: '1.0',
        MULTIARCH_PLATFORMS: 'linux/amd64,linux/arm64',
        MULTIARCH_DOCKERFILE: 'Dockerfile',
        MULTIARCH_CONTEXT: '.',
      };
      const lists = () => fakeLists(path.join(dir, 'state'));

      async function expectSucceeded(run: Promise<{ exitCode?: number; all?: string }>) {
        const { exitCode, all } = await run;
        expect(exitCode, all).toBe(0);
      }

      test('after a build, no manifest list, no state and no auth file is left', async () => {
        await expectSucceeded(step(['tags'], BUILD));
        await expectSucceeded(step(['build'], BUILD));
        expect(await lists()).toHaveLength(1);
        expect(await fs.pathExists(path.join(stateDir(), 'auth.json'))).toBe(true);

        await expectSucceeded(step(['cleanup']));
        expect(await lists()).toEqual([]);
        expect(await fs.pathExists(stateDir())).toBe(false);
      });

      test("after a build with parallel branches, neither the build's list nor a branch's is left", async () => {
        const branches = { MULTIARCH_BRANCHES: 'linux-arm64 emulated' };
        await expectSucceeded(step(['tags'], BUILD));
        for (const [branch, platforms] of [
          ['linux-arm64', 'linux/arm64'],
          ['emulated', 'linux/amd64'],
        ])
          await expectSucceeded(
            step(['build'], {
              ...BUILD,
              MULTIARCH_BRANCH: branch!,
              MULTIARCH_PLATFORMS: platforms!,
            }),
          );
        await expectSucceeded(step(['merge'], { ...BUILD, ...branches }));
        expect(await lists()).toHaveLength(3);

        await expectSucceeded(step(['cleanup'], branches));
        expect(await lists()).toEqual([]);
        expect(await fs.pathExists(stateDir())).toBe(false);
      });
    });
  },
);
