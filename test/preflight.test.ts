import { execa } from 'execa';
import fs from 'fs-extra';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { stringify as stringifyYaml } from 'yaml';
import {
  agentStep,
  agentTempDir,
  appRepository,
  asAgent,
  resolveAgent,
  type Agent,
} from './support/agent.js';
import { BASE_PLATFORMS, loginAndPushBaseImage, pushBaseImage } from './support/base-image.js';
import { cli } from './support/cli.js';
import { runPipeline } from './support/pipeline.js';
import { startRegistry, type Registry } from './support/registry.js';
import { inCI, repoRoot, requireTools } from './support/tools.js';
import type { PipelineConfig } from '../src/model/pipeline.js';

/**
 * The Preflight stage on real broken setups, each made here and undone after: a QEMU handler
 * disabled in the real binfmt_misc, wrong registry credentials, a registry over plain HTTP where
 * the config asks for TLS, one whose certificate nobody trusts, one that is not there, a user
 * without subordinate ids, a base image without a platform; then a healthy agent, which must
 * print only OK lines. `jenkins-multiarch doctor`, run as the same user on a config that says the
 * same, must say the same ERROR (it runs the same script). Real podman 4.3.1 as the rootless
 * agent, real registries (htpasswd, test/support/registry.ts), and the rendered pipeline once in
 * the Groovy harness. Needs root: it writes binfmt_misc and adds a user.
 */
const tools = ['podman', 'docker-registry', 'htpasswd', 'openssl', 'runuser', 'useradd', 'userdel'];
const requirement = requireTools([...tools, 'groovy']);
const isRoot = process.getuid?.() === 0;
if (!isRoot && inCI) throw new Error('test/preflight.test.ts must run as root in CI');

const BINFMT = '/proc/sys/fs/binfmt_misc';
/** A user the test makes without subordinate ids, and removes. */
const NO_IDS_USER = 'jmanosubids';
/** The agent's own platform: no emulation, so a registry case prints only what it is about. */
const NATIVE = `linux/${process.arch === 'arm64' ? 'arm64' : 'amd64'}`;

/** What a preflight run printed: its checklist lines, everything, and its exit code. */
interface Checklist {
  code: number | undefined;
  lines: string[];
  all: string;
}

describe.skipIf(requirement.skip || !isRoot)('preflight on real broken setups', () => {
  let agent: Agent;
  let plain: Registry;
  let secure: Registry;
  let runs = 0;
  /** The workspaces and jobs made, removed after. */
  const made: string[] = [];

  beforeAll(async () => {
    agent = resolveAgent();
    plain = await startRegistry('jenkins', 'right-password');
    // HTTPS with a certificate from a CA no client here trusts.
    secure = await startRegistry('jenkins', 'right-password', { tls: {} });
  });
  afterAll(async () => {
    await plain?.stop();
    await secure?.stop();
    for (const dir of made) await fs.remove(dir);
  });

  /** A workspace of `who`'s own; `login` (user:password) is stored in its auth file for `host`. */
  async function workspace(who: Agent, login?: { host: string; auth: string }) {
    const dir = await agentTempDir(who, `jma-preflight-${++runs}-`);
    made.push(dir);
    if (login) {
      const authFile = path.join(dir, '.jenkins-multiarch', 'auth.json');
      const auths = { [login.host]: { auth: Buffer.from(login.auth).toString('base64') } };
      await fs.outputJson(authFile, { auths }, { mode: 0o600 });
      await execa('chown', ['-R', `${who.uid}:${who.uid}`, dir]);
    }
    return dir;
  }

  /** common.sh then the steps, as one `sh -xe` step of Jenkins, as `who` in `dir`. */
  async function steps(
    who: Agent,
    dir: string,
    names: string[],
    env: Record<string, string>,
  ): Promise<Checklist> {
    const result = await agentStep(
      who,
      names,
      { WORKSPACE: dir, BUILD_TAG: `jenkins-preflight-${runs}`, ...env },
      dir,
    );
    return {
      code: result.exitCode,
      lines: String(result.stdout).split('\n').filter(Boolean),
      all: String(result.all),
    };
  }

  /** One preflight run of `who` with this config (MULTIARCH_*), in a workspace of its own. */
  async function preflight(
    env: Record<string, string>,
    options: { who?: Agent; login?: { host: string; auth: string } } = {},
  ) {
    const who = options.who ?? agent;
    return steps(who, await workspace(who, options.login), ['preflight'], {
      MULTIARCH_PLATFORMS: NATIVE,
      MULTIARCH_IMAGE: 'acme/hello',
      ...env,
    });
  }

  const errors = (run: Checklist) => run.lines.filter((line) => line.startsWith('ERROR: '));

  /** What `jenkins-multiarch doctor --json` reported, and its exit code. */
  interface Doctor {
    code: number | undefined;
    checks: { status: string; message: string }[];
    /** Its ✗ lines, as preflight prints them: ERROR: and the message. */
    errors: string[];
    all: string;
  }

  /** A valid config of the agent's own platform, pushing to `plain` with credentials. */
  const validConfig = (): PipelineConfig => ({
    agent: { label: 'podman' },
    image: { name: 'acme/hello', tags: ['1.0'] },
    platforms: [NATIVE],
    registries: [{ host: plain.host, credentialsId: 'registry-push', tlsVerify: false }],
  });

  /**
   * `jenkins-multiarch doctor --json` as `who`, in a directory of its own holding `config` over
   * validConfig() (plain with a login of `password` stored in the user's auth file, the agent's own
   * platform) and the Dockerfile `dockerfile`.
   */
  async function doctor(
    config: Partial<PipelineConfig>,
    options: { who?: Agent; password?: string; dockerfile?: string; text?: boolean } = {},
  ): Promise<Doctor> {
    const who = options.who ?? agent;
    const dir = await workspace(who);
    const authFile = path.join(dir, 'auth.json');
    const login = `${plain.user}:${options.password ?? plain.password}`;
    await fs.outputJson(authFile, {
      auths: { [plain.host]: { auth: Buffer.from(login).toString('base64') } },
    });
    await fs.outputFile(
      path.join(dir, 'jenkins-multiarch.yaml'),
      stringifyYaml({ ...validConfig(), ...config }),
    );
    await fs.outputFile(path.join(dir, 'Dockerfile'), options.dockerfile ?? 'FROM scratch\n');
    await execa('chown', ['-R', `${who.uid}:${who.uid}`, dir]);
    await fs.chmod(authFile, 0o600);
    const bin = path.join(repoRoot, 'bin', 'jenkins-multiarch.js');
    const format = options.text ? [] : ['--json'];
    const result = await asAgent(who, process.execPath, [bin, 'doctor', ...format], {
      cwd: dir,
      env: { REGISTRY_AUTH_FILE: authFile },
    });
    const { checks } = options.text
      ? { checks: [] }
      : (JSON.parse(String(result.stdout)) as Pick<Doctor, 'checks'>);
    return {
      code: result.exitCode,
      checks,
      errors: checks.filter((c) => c.status === 'error').map((c) => `ERROR: ${c.message}`),
      all: String(result.all),
    };
  }

  test('a QEMU handler disabled in binfmt_misc: an ERROR naming it and update-binfmts', async () => {
    // s390x: no other test builds it, so disabling it for a moment breaks no one's build.
    const handler = path.join(BINFMT, 'qemu-s390x');
    expect((await fs.readFile(handler, 'utf8')).split('\n')[0]).toBe('enabled');
    const config = { MULTIARCH_PLATFORMS: 'linux/amd64,linux/s390x' };
    let disabled: Checklist;
    let diagnosed: Doctor;
    try {
      await fs.writeFile(handler, '0');
      disabled = await preflight(config);
      diagnosed = await doctor({ platforms: ['linux/amd64', 'linux/s390x'] });
    } finally {
      await fs.writeFile(handler, '1');
    }
    const expected = [
      'ERROR: binfmt_misc handler qemu-s390x is disabled. On the node, as root: update-binfmts --enable qemu-s390x',
    ];
    expect(disabled.code, disabled.all).toBe(1);
    expect(errors(disabled)).toEqual(expected);
    expect(diagnosed.code, diagnosed.all).toBe(1);
    expect(diagnosed.errors).toEqual(expected);
    // Restored, the same check passes: the handler, not something else, was what failed.
    const restored = await preflight(config);
    expect(restored.code, restored.all).toBe(0);
    expect(restored.lines).toContainEqual(expect.stringMatching(/^OK: s390x runs under \//));
  });

  describe('registries: one authenticated read each, classified', () => {
    const stored = (registry: Registry, password: string) => ({
      host: registry.host,
      auth: `${registry.user}:${password}`,
    });
    const config = (
      registry: Registry,
      options: { tlsVerify: boolean; credentialsId?: string },
    ) => ({
      MULTIARCH_REGISTRIES: registry.host,
      MULTIARCH_INSECURE_REGISTRIES: options.tlsVerify ? '' : registry.host,
      MULTIARCH_REGISTRY_CREDENTIALS: options.credentialsId
        ? `${registry.host}=${options.credentialsId}`
        : '',
    });

    test('a login accepted, a repository not pushed yet: OK (the first push makes it)', async () => {
      const run = await preflight(
        config(plain, { tlsVerify: false, credentialsId: 'registry-push' }),
        { login: stored(plain, 'right-password') },
      );
      expect(run.code, run.all).toBe(0);
      expect(run.lines).toContain(
        `OK: registry ${plain.host} answers (tlsVerify: false), accepts the login of jenkins, acme/hello is not there yet (the first push makes it).`,
      );
    });

    test('a wrong login stored: an ERROR naming the registry, the user and the credentials', async () => {
      const run = await preflight(
        config(plain, { tlsVerify: false, credentialsId: 'registry-push' }),
        { login: stored(plain, 'wrong-password') },
      );
      expect(run.code, run.all).toBe(1);
      const expected = [
        `ERROR: registry ${plain.host} refuses the login of jenkins from Jenkins credentials 'registry-push' (getting repository tags: unable to retrieve auth token: invalid username/password: unauthorized: authentication required): correct that login's username and password, or name the right credentials in credentialsId for ${plain.host} in registries.`,
      ];
      expect(errors(run)).toEqual(expected);
      const diagnosed = await doctor({}, { password: 'wrong-password' });
      expect(diagnosed.code, diagnosed.all).toBe(1);
      expect(diagnosed.errors).toEqual(expected);
    });

    test('no login stored: an ERROR to log in first, or to name credentials', async () => {
      const withCredentials = await preflight(
        config(plain, { tlsVerify: false, credentialsId: 'registry-push' }),
      );
      expect(errors(withCredentials)).toEqual([
        `ERROR: registry ${plain.host} asks for a login, and none is stored here (getting repository tags: unable to retrieve auth token: invalid username/password: unauthorized: authentication required): log in with Jenkins credentials 'registry-push' first (the pipeline does, before this check).`,
      ]);
      const withoutCredentials = await preflight(config(plain, { tlsVerify: false }));
      expect(errors(withoutCredentials)).toEqual([
        `ERROR: registry ${plain.host} asks for a login (getting repository tags: unable to retrieve auth token: invalid username/password: unauthorized: authentication required): name Jenkins username/password credentials in credentialsId for ${plain.host} in registries.`,
      ]);
    });

    test('plain HTTP while the config says tlsVerify true: preflight and login both say to set it false', async () => {
      const expected = `ERROR: registry ${plain.host} answers over plain HTTP, and registries says tlsVerify: true for it: set tlsVerify: false for ${plain.host} in registries.`;
      const settings = config(plain, { tlsVerify: true, credentialsId: 'registry-push' });
      const run = await preflight(settings, { login: stored(plain, 'right-password') });
      expect(run.code, run.all).toBe(1);
      expect(errors(run)).toEqual([expected]);
      const diagnosed = await doctor({
        registries: [{ host: plain.host, credentialsId: 'registry-push', tlsVerify: true }],
      });
      expect(diagnosed.code, diagnosed.all).toBe(1);
      expect(diagnosed.errors).toEqual([expected]);
      // login.sh classifies podman login's error with the same words (common.sh).
      const login = await steps(agent, await workspace(agent), ['login'], {
        ...settings,
        MULTIARCH_LOGIN_REGISTRY: plain.host,
        MULTIARCH_REGISTRY_USER: plain.user,
        MULTIARCH_REGISTRY_PASSWORD: plain.password,
      });
      expect(login.code, login.all).toBe(1);
      expect(errors(login)).toEqual([expected]);
    });

    test('a certificate nobody here trusts: an ERROR with the certs.d fix', async () => {
      const run = await preflight(config(secure, { tlsVerify: true }));
      expect(run.code, run.all).toBe(1);
      expect(errors(run)).toEqual([
        `ERROR: registry ${secure.host}'s TLS certificate is refused (x509: certificate signed by unknown authority): on the agent, put the CA certificate that signed it in /etc/containers/certs.d/${secure.host}/ca.crt (for a rootless agent user, ~/.config/containers/certs.d/${secure.host}/ca.crt), or set tlsVerify: false for ${secure.host} in registries.`,
      ]);
    });

    test('nothing listening: an ERROR that the registry cannot be reached', async () => {
      // Port 1 (tcpmux): nothing listens there.
      const run = await preflight({ MULTIARCH_REGISTRIES: '127.0.0.1:1' });
      expect(run.code, run.all).toBe(1);
      expect(errors(run)).toEqual([
        "ERROR: registry 127.0.0.1:1 cannot be reached (dial tcp 127.0.0.1:1: connect: connection refused): check its host[:port] in registries, that it is running, and that this agent's network reaches it.",
      ]);
    });
  });

  describe('a user without subordinate ids', () => {
    let user: Agent;

    /** The user's podman pause process (podman 4.3.1 keeps its pid here) and the user go. */
    async function removeUser() {
      const entry = await execa('getent', ['passwd', NO_IDS_USER], { reject: false });
      if (entry.exitCode !== 0) return;
      const uid = entry.stdout.split(':')[2];
      const runtimeDir = `/tmp/jma-runtime-${uid}`;
      const pidFile = path.join(runtimeDir, 'libpod', 'tmp', 'pause.pid');
      if (await fs.pathExists(pidFile)) {
        try {
          process.kill(Number(await fs.readFile(pidFile, 'utf8')));
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
        }
      }
      await execa('userdel', ['-r', NO_IDS_USER], { reject: false });
      await fs.remove(runtimeDir);
    }

    beforeAll(async () => {
      await removeUser();
      // useradd gives an ordinary user ranges by default (SUB_UID_COUNT in login.defs): none here.
      await execa('useradd', [
        '--create-home',
        '--shell',
        '/bin/sh',
        '-K',
        'SUB_UID_COUNT=0',
        '-K',
        'SUB_GID_COUNT=0',
        NO_IDS_USER,
      ]);
      for (const file of ['/etc/subuid', '/etc/subgid'])
        expect(await fs.readFile(file, 'utf8')).not.toMatch(new RegExp(`^${NO_IDS_USER}:`, 'm'));
      user = resolveAgent(NO_IDS_USER);
    });
    afterAll(removeUser);

    test('podman 4.3.1 runs with a single id, saying so on stderr; preflight: an ERROR naming the user and the fix', async () => {
      // Measured: podman info succeeds for such a user; it logs why, and maps one id.
      const info = await asAgent(user, 'podman', [
        'info',
        '--format',
        '{{.Host.IDMappings.UIDMap}}',
      ]);
      expect(info.exitCode, String(info.all)).toBe(0);
      expect(info.stdout).toBe(`[{0 ${user.uid} 1}]`);
      expect(info.stderr).toContain(
        `cannot find UID/GID for user ${NO_IDS_USER}: no subuid ranges found for user \\"${NO_IDS_USER}\\" in /etc/subuid`,
      );
      const run = await preflight({}, { who: user });
      expect(run.code, run.all).toBe(1);
      const expected = [
        `ERROR: podman has no subordinate uids and gids for ${NO_IDS_USER}, only ${NO_IDS_USER}'s own id (no range for ${NO_IDS_USER} in /etc/subuid and /etc/subgid, or podman started before they were added), so no image with files of other owners can be built. As root: usermod --add-subuids 100000-165535 --add-subgids 100000-165535 ${NO_IDS_USER} (ids no other user's range has); then, as ${NO_IDS_USER}: podman system migrate`,
      ];
      expect(errors(run)).toEqual(expected);
      const diagnosed = await doctor({}, { who: user });
      expect(diagnosed.code, diagnosed.all).toBe(1);
      expect(diagnosed.errors).toEqual(expected);
    });
  });

  describe('base images, and a healthy machine, through doctor', () => {
    const ALL = BASE_PLATFORMS.map(({ platform }) => platform);
    let three: string;
    let two: string;

    beforeAll(async () => {
      const pushed = await loginAndPushBaseImage(agent, plain, await workspace(agent));
      three = pushed.image;
      two = await pushBaseImage(agent, plain, pushed.authFile, {
        name: 'base/two:1',
        platforms: ['linux/amd64', 'linux/arm64'],
      });
    }, 300_000);

    test('a base image without a platform of the config: doctor names it, what it lacks and has', async () => {
      const diagnosed = await doctor({ platforms: ALL }, { dockerfile: `FROM ${two}\n` });
      const problem = `base image ${two} (Dockerfile:1) has no linux/mips64le; it has linux/amd64, linux/arm64. Choose a tag or image whose index has every platform in platforms (skopeo inspect --raw docker://${two} lists them), or drop the platform.`;
      expect(diagnosed.code, diagnosed.all).toBe(1);
      expect(diagnosed.errors).toEqual([`ERROR: ${problem}`]);
      // As a person reads it: a checklist, the problem marked ✗, and why the exit code is 1.
      const text = await doctor({ platforms: ALL }, { dockerfile: `FROM ${two}\n`, text: true });
      expect(text.code).toBe(1);
      const lines = text.all.split('\n');
      expect(lines[0]).toBe('Checking this machine for jenkins-multiarch.yaml, as a build in .');
      expect(lines).toContain(`✗ ${problem}`);
      expect(lines).toContainEqual(expect.stringMatching(/^✓ podman version /));
      expect(lines).toContain('jenkins-multiarch: doctor found problems (✗ above)');
    });

    test('a healthy machine: only ✓, a $BUILDPLATFORM builder stage not flagged, nothing changed', async () => {
      // Which of the base images are in the agent's storage (`podman images` takes 13 s here).
      const pulled = async () => {
        const names = [];
        for (const image of [two, three])
          if ((await asAgent(agent, 'podman', ['image', 'exists', image])).exitCode === 0)
            names.push(image);
        return names;
      };
      const leftovers = async () =>
        (await fs.readdir('/tmp')).filter((name) => name.startsWith('jenkins-multiarch-doctor-'));
      const before = { pulled: await pulled(), leftovers: await leftovers() };
      // The builder runs on the agent's own platform, which the two-platform image has.
      const dockerfile = `FROM --platform=$BUILDPLATFORM ${two} AS builder\nFROM ${three}\n`;
      const diagnosed = await doctor({ platforms: ALL }, { dockerfile });
      expect(diagnosed.code, diagnosed.all).toBe(0);
      expect(diagnosed.checks.filter((c) => c.status !== 'ok')).toEqual([]);
      expect(diagnosed.checks.map((c) => c.message)).toEqual(
        expect.arrayContaining([
          `base image ${two} has ${NATIVE}`,
          `base image ${three} has ${ALL.join(', ')}`,
          `registry ${plain.host} answers (tlsVerify: false), accepts the login of jenkins, acme/hello is not there yet (the first push makes it).`,
        ]),
      );
      // It read, and changed nothing: no image pulled, no temporary workspace left.
      expect({ pulled: await pulled(), leftovers: await leftovers() }).toEqual(before);
    });
  });

  test('a healthy agent prints only OK lines, in seconds, and changes nothing in the registry', async () => {
    const dir = await workspace(agent);
    const settings = {
      MULTIARCH_PLATFORMS: BASE_PLATFORMS.map(({ platform }) => platform).join(','),
      MULTIARCH_IMAGE: 'acme/hello',
      MULTIARCH_REGISTRIES: plain.host,
      MULTIARCH_INSECURE_REGISTRIES: plain.host,
      MULTIARCH_REGISTRY_CREDENTIALS: `${plain.host}=registry-push`,
    };
    // A tag to read: an empty index, put by the test.
    await plain.putManifest(
      'acme/hello',
      '1.0',
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: [],
      }),
      'application/vnd.oci.image.index.v1+json',
    );
    const catalog = async () => (await plain.get('/v2/_catalog')).text();
    const before = await catalog();
    // Logged in the way Preflight does, with the real login.sh.
    const login = await steps(agent, dir, ['login'], {
      ...settings,
      MULTIARCH_LOGIN_REGISTRY: plain.host,
      MULTIARCH_REGISTRY_USER: plain.user,
      MULTIARCH_REGISTRY_PASSWORD: plain.password,
    });
    expect(login.code, login.all).toBe(0);
    const started = Date.now();
    const run = await steps(agent, dir, ['preflight'], settings);
    const seconds = (Date.now() - started) / 1000;
    expect(run.code, run.all).toBe(0);
    expect(
      run.lines.filter((line) => !line.startsWith('OK: ')),
      run.all,
    ).toEqual([]);
    for (const check of [
      /^OK: podman version /,
      /^OK: skopeo version /,
      /^OK: storage driver /,
      /^OK: podman maps subordinate uids and gids for /,
      /^OK: BUILDAH_ISOLATION=chroot/,
      // Each platform of another architecture than the agent's runs under QEMU.
      ...BASE_PLATFORMS.filter(({ platform }) => platform !== NATIVE).map(
        ({ platform }) => new RegExp(`^OK: ${platform.split('/')[1]} runs under /`),
      ),
      new RegExp(
        `^OK: registry ${plain.host} answers \\(tlsVerify: false\\), accepts the login of jenkins, acme/hello has tags\\.$`,
      ),
    ])
      expect(run.lines).toContainEqual(expect.stringMatching(check));
    expect(seconds).toBeLessThan(10);
    expect(await catalog()).toBe(before);
  });

  test(
    'the rendered pipeline with wrong credentials fails in Preflight, naming registry and credentials, before any build step',
    { timeout: 180_000 },
    async () => {
      const jobDir = await agentTempDir(agent, 'jma-preflight-job-');
      made.push(jobDir);
      await fs.outputFile(
        path.join(jobDir, 'jenkins-multiarch.yaml'),
        stringifyYaml(validConfig()),
      );
      const rendered = await cli(jobDir, 'render', '-o', 'Jenkinsfile');
      expect(rendered.code, rendered.stderr).toBe(0);
      const bare = await appRepository(agent, jobDir, 'app', { Dockerfile: 'FROM scratch\n' });
      const run = await runPipeline(agent, {
        jenkinsfile: path.join(jobDir, 'Jenkinsfile'),
        dir: jobDir,
        buildNumber: 1,
        scm: { url: bare, branch: 'main' },
        credentials: {
          'registry-push': { type: 'usernamePassword', username: 'jenkins', password: 'wrong' },
        },
      });
      expect(run.result.result, run.log).toBe('FAILURE');
      expect(run.result.stages).toEqual([
        { name: 'Clone', result: 'SUCCESS' },
        { name: 'Preflight', result: 'FAILURE' },
        { name: 'Cleanup', result: 'SUCCESS' },
      ]);
      expect(run.log).toContain(
        `\nERROR: registry ${plain.host} refuses the login of jenkins from Jenkins credentials 'registry-push' (invalid username/password): correct that credential's username and password in Jenkins, or name the right credentials in credentialsId for ${plain.host} in registries.\n`,
      );
      // No build step started: neither build.sh's step nor podman build.
      expect(run.log).not.toContain('[Pipeline] sh (Build every platform');
      expect(run.log).not.toMatch(/podman build /);
    },
  );
});
