import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { stringify as stringifyYaml } from 'yaml';
import { loadResources } from '../src/package-files.js';
import { cli } from './support/cli.js';
import {
  multiarchEnv,
  stepCalls,
  useFakeStepShell,
  type StepCall,
} from './support/fake-step-shell.js';

/**
 * `mirror`, `mirror export`, `mirror import` and `mirror --from-config` in-process, with a fake
 * shell in place of the one mirror.sh runs in (test/support/fake-step-shell.ts): what the
 * arguments become in the script's environment, what a bad argument is told before anything runs,
 * and how the script's lines and exit code come out. mirror.sh itself, against real registries,
 * is test/mirror.test.ts's and test/mirror-step.test.ts's.
 */

const step = useFakeStepShell(['MULTIARCH_MIRROR_FORMAT']);
let dir: string;
let calls: string;
beforeEach(() => {
  ({ dir, calls } = step);
});
const scriptSays = (lines: string[], exitCode?: number) => step.scriptSays(lines, exitCode);

/** The one run of mirror.sh, with its MULTIARCH_* variables. */
async function onlyRun(): Promise<{ call: StepCall; env: Record<string, string> }> {
  const runs = await stepCalls(calls);
  expect(runs).toHaveLength(1);
  return { call: runs[0]!, env: multiarchEnv(runs[0]!) };
}

describe('mirror SRC DST (copy)', () => {
  test('runs common.sh + mirror.sh in a workspace of its own, removed afterwards, with the copy in its environment', async () => {
    await scriptSays([
      'OK: copied',
      'WARNING: a new index',
      'INFO: digests differ',
      'a skopeo line',
      '>&2 ERROR: said on stderr',
    ]);
    const result = await cli(
      dir,
      'mirror',
      'debian:bullseye',
      'registry.example.com/base/debian:bullseye',
      '--platforms',
      'linux/arm64,linux/amd64',
      '--format',
      'v2s2',
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const { call, env } = await onlyRun();
    expect(env).toEqual({
      MULTIARCH_MIRROR_MODE: 'copy',
      MULTIARCH_MIRROR_IMAGES: 'debian:bullseye=registry.example.com/base/debian:bullseye',
      // In the order given: the copy's index lists them so.
      MULTIARCH_MIRROR_PLATFORMS: 'linux/arm64,linux/amd64',
      MULTIARCH_MIRROR_FORMAT: 'v2s2',
    });
    // The pipeline's own script, as a sh step runs it: -e, from the working directory.
    const resources = loadResources();
    expect(call.script).toBe(resources.get('common.sh')! + resources.get('mirror.sh')!);
    expect(call.argv).toEqual(['-e', path.join(call.env.WORKSPACE!, 'mirror.sh')]);
    expect(call.cwd).toBe(dir);
    expect(call.env.BUILD_TAG).toBe('jenkins-multiarch-mirror');
    expect(path.dirname(call.env.WORKSPACE!)).toBe(os.tmpdir());
    expect(path.basename(call.env.WORKSPACE!)).toMatch(/^jenkins-multiarch-mirror-./);
    expect(await fs.pathExists(call.env.WORKSPACE!)).toBe(false);
    // No login stored: none is put where common.sh looks.
    expect(call.auth).toBeUndefined();
    // Each line as it came, on stdout or stderr alike, with its prefix; tools' lines as they are.
    expect(result.stdout).toBe(
      'OK: copied\nWARNING: a new index\nINFO: digests differ\na skopeo line\nERROR: said on stderr\n',
    );
  });

  test('every platform unless --platforms, no format unless --format, and TLS verified unless told', async () => {
    // Left from an earlier build in the caller's environment: the command alone says what to do.
    process.env.MULTIARCH_MIRROR_FORMAT = 'oci';
    const result = await cli(
      dir,
      'mirror',
      'copy',
      'busybox:1.36',
      'localhost:5000/busybox:1.36',
      '--src-tls-verify',
      '--dest-tls-verify=true',
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const { call, env } = await onlyRun();
    expect(env).toEqual({
      MULTIARCH_MIRROR_MODE: 'copy',
      MULTIARCH_MIRROR_IMAGES: 'busybox:1.36=localhost:5000/busybox:1.36',
      MULTIARCH_MIRROR_PLATFORMS: '',
    });
    // Everything else of the caller's environment is there: PATH finds the tools.
    expect(call.env.HOME).toBe(process.env.HOME);
  });

  test('--src-tls-verify=false and --dest-tls-verify false: both registries in MULTIARCH_INSECURE_REGISTRIES', async () => {
    const result = await cli(
      dir,
      'mirror',
      'debian:bullseye',
      '192.168.41.96:5000/docker.io/library/debian:bullseye',
      '--src-tls-verify=false',
      '--dest-tls-verify',
      'false',
    );
    expect(result.stderr).toBe('');
    const { env } = await onlyRun();
    expect(env.MULTIARCH_INSECURE_REGISTRIES).toBe('docker.io 192.168.41.96:5000');
    expect(
      (
        await cli(
          dir,
          'mirror',
          'lab:5000/a:1',
          'lab:5000/b:1',
          '--src-tls-verify=false',
          '--dest-tls-verify=false',
        )
      ).code,
    ).toBe(0);
    // One registry on both sides: named once.
    expect(multiarchEnv((await stepCalls(calls))[1]!).MULTIARCH_INSECURE_REGISTRIES).toBe(
      'lab:5000',
    );
  });

  test("a failed copy: exit 1, after the script's lines, pointing at its ERROR", async () => {
    await scriptSays(['ERROR: the source has no linux/s390x'], 1);
    const result = await cli(
      dir,
      'mirror',
      'debian:bullseye',
      'registry.example.com/debian:bullseye',
    );
    expect(result).toEqual({
      code: 1,
      stdout: 'ERROR: the source has no linux/s390x\n',
      stderr: 'jenkins-multiarch: mirror failed (ERROR above)\n',
    });
  });

  test.each([
    [['debian:bullseye'], 'give SRC and DST'],
    [[], 'give SRC and DST'],
    [['Debian:bullseye', 'registry.example.com/debian:bullseye'], 'SRC: '],
    [['debian:bullseye', 'registry.example.com/Debian:bullseye'], 'DST: '],
    [
      ['debian:bullseye', 'r.example.com/debian:1', '--platforms', 'linux/amd64,linux/sparc'],
      '--platforms: unknown platform "linux/sparc"',
    ],
    [
      [
        'debian:bullseye',
        'r.example.com/debian:1',
        '--platforms',
        'linux/amd64,linux/arm64,linux/amd64',
      ],
      '--platforms: "linux/amd64" is listed twice',
    ],
    [
      ['debian:bullseye', 'r.example.com/debian:1', '--src-tls-verify=no'],
      '--src-tls-verify: "no" is not true or false',
    ],
    [
      ['debian:bullseye', 'r.example.com/debian:1', '--dest-tls-verify=off'],
      '--dest-tls-verify: "off" is not true or false',
    ],
    [['debian:bullseye', 'r.example.com/debian:1', '--format', 'docker'], "'docker' is invalid"],
  ])('mirror %j: bad usage (exit 2) naming %j, and nothing run', async (args, message) => {
    const result = await cli(dir, 'mirror', ...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(await stepCalls(calls)).toEqual([]);
  });

  test('--format oci and v2s2 are the two formats taken', async () => {
    for (const format of ['oci', 'v2s2'])
      expect(
        (await cli(dir, 'mirror', 'a.example.com/x:1', 'b.example.com/x:1', '--format', format))
          .code,
      ).toBe(0);
    expect((await stepCalls(calls)).map((call) => call.env.MULTIARCH_MIRROR_FORMAT)).toEqual([
      'oci',
      'v2s2',
    ]);
  });
});

describe("registry logins: the user's stored one, copied where common.sh looks", () => {
  const login = async (file: string, text: string) => {
    await fs.outputFile(file, text);
    return file;
  };

  test.each([
    ['REGISTRY_AUTH_FILE', (home: string) => path.join(home, 'elsewhere', 'auth.json')],
    ['XDG_RUNTIME_DIR', (home: string) => path.join(home, 'run', 'containers', 'auth.json')],
    [
      '~/.config/containers/auth.json',
      (home: string) => path.join(home, '.config', 'containers', 'auth.json'),
    ],
    ['~/.docker/config.json', (home: string) => path.join(home, '.docker', 'config.json')],
  ])('found at %s', async (_, where) => {
    const home = process.env.HOME!;
    process.env.REGISTRY_AUTH_FILE = path.join(home, 'elsewhere', 'auth.json');
    process.env.XDG_RUNTIME_DIR = path.join(home, 'run');
    await login(where(home), '{"auths": {"found": {}}}\n');
    expect((await cli(dir, 'mirror', 'a.example.com/x:1', 'b.example.com/x:1')).code).toBe(0);
    const { call } = await onlyRun();
    // Readable by the user alone, as login.sh leaves the pipeline's.
    expect(call.auth).toEqual({
      text: '{"auths": {"found": {}}}\n',
      dirMode: '700',
      fileMode: '600',
    });
  });

  test("in podman's order: REGISTRY_AUTH_FILE, then XDG_RUNTIME_DIR's, then ~/.config's, then Docker's", async () => {
    const home = process.env.HOME!;
    process.env.XDG_RUNTIME_DIR = path.join(home, 'run');
    const files = [
      path.join(home, '.docker', 'config.json'),
      path.join(home, '.config', 'containers', 'auth.json'),
      path.join(home, 'run', 'containers', 'auth.json'),
      path.join(home, 'auth-file.json'),
    ];
    const found: string[] = [];
    for (const [index, file] of files.entries()) {
      await login(file, `${index}\n`);
      if (index === files.length - 1) process.env.REGISTRY_AUTH_FILE = file;
      expect((await cli(dir, 'mirror', 'a.example.com/x:1', 'b.example.com/x:1')).code).toBe(0);
      found.push((await stepCalls(calls))[index]!.auth!.text);
    }
    expect(found).toEqual(['0\n', '1\n', '2\n', '3\n']);
  });
  test('no HOME: the logins are looked for in the home directory the system gives', async () => {
    delete process.env.HOME;
    const result = await cli(dir, 'mirror', 'a.example.com/x:1', 'b.example.com/x:1');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});

describe('mirror export', () => {
  test('each image under its registry, repository and tag, into one archive given from here', async () => {
    const result = await cli(
      dir,
      'mirror',
      'export',
      'debian:bullseye',
      'quay.io/acme/tool:1',
      'lab.example.com:5000/base/alpine:3',
      '--platforms',
      'linux/amd64,linux/arm64',
      '-o',
      'out/debian.tar',
      '--src-tls-verify=false',
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const { env } = await onlyRun();
    expect(env).toEqual({
      MULTIARCH_MIRROR_MODE: 'export',
      MULTIARCH_MIRROR_IMAGES:
        'debian:bullseye=docker.io/library/debian:bullseye quay.io/acme/tool:1=quay.io/acme/tool:1 lab.example.com:5000/base/alpine:3=lab.example.com-5000/base/alpine:3',
      MULTIARCH_MIRROR_PLATFORMS: 'linux/amd64,linux/arm64',
      MULTIARCH_MIRROR_BUNDLE: path.join(dir, 'out', 'debian.tar'),
      MULTIARCH_INSECURE_REGISTRIES: 'docker.io quay.io lab.example.com:5000',
    });
    // The archive's directory is made for the script to write into.
    expect((await fs.stat(path.join(dir, 'out'))).isDirectory()).toBe(true);
  });

  test('every platform, TLS verified, by default', async () => {
    expect((await cli(dir, 'mirror', 'export', 'debian:bullseye', '-o', 'b.tar')).code).toBe(0);
    const { env } = await onlyRun();
    expect(env.MULTIARCH_MIRROR_PLATFORMS).toBe('');
    expect(env.MULTIARCH_INSECURE_REGISTRIES).toBeUndefined();
  });

  test('an existing archive: refused (exit 1) unless --force, which replaces it', async () => {
    await fs.writeFile(path.join(dir, 'b.tar'), 'old');
    expect(await cli(dir, 'mirror', 'export', 'debian:bullseye', '-o', 'b.tar')).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'jenkins-multiarch: refusing to overwrite b.tar: it exists. Choose another name, or pass --force to replace it.\n',
    });
    expect(await stepCalls(calls)).toEqual([]);
    expect(
      (await cli(dir, 'mirror', 'export', 'debian:bullseye', '-o', 'b.tar', '--force')).code,
    ).toBe(0);
    expect((await onlyRun()).env.MULTIARCH_MIRROR_BUNDLE).toBe(path.join(dir, 'b.tar'));
  });

  test('an archive that cannot be written there: named, nothing run', async () => {
    await fs.mkdirp(path.join(dir, 'adir'));
    await fs.writeFile(path.join(dir, 'afile'), '');
    const isDir = await cli(dir, 'mirror', 'export', 'debian:bullseye', '-o', 'adir', '--force');
    expect(isDir.code).toBe(2);
    expect(isDir.stderr).toMatch(/^jenkins-multiarch: cannot write adir: .*directory/);
    const underFile = await cli(dir, 'mirror', 'export', 'debian:bullseye', '-o', 'afile/b.tar');
    expect(underFile.code).toBe(2);
    expect(underFile.stderr).toContain('cannot write afile/b.tar: ');
    expect(await stepCalls(calls)).toEqual([]);
  });

  test.each([
    [['debian:bullseye', 'Bad:1'], 'SRC 2: '],
    [
      ['debian:bullseye', 'docker.io/library/debian:bullseye'],
      'SRC: "docker.io/library/debian:bullseye" is listed twice',
    ],
    [
      ['debian:bullseye', '--platforms', 'linux/amd64,linux/amd64'],
      '--platforms: "linux/amd64" is listed twice',
    ],
    [
      ['debian:bullseye', '--src-tls-verify=maybe'],
      '--src-tls-verify: "maybe" is not true or false',
    ],
  ])('export %j: bad usage (exit 2) naming %j', async (args, message) => {
    const result = await cli(dir, 'mirror', 'export', ...args, '-o', 'b.tar');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(await stepCalls(calls)).toEqual([]);
    expect(await fs.pathExists(path.join(dir, 'b.tar'))).toBe(false);
  });

  test('no -o: bad usage', async () => {
    const result = await cli(dir, 'mirror', 'export', 'debian:bullseye');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--output');
  });
});

describe('mirror import', () => {
  test('the archive from here, under the prefix, its trailing slashes dropped', async () => {
    await fs.writeFile(path.join(dir, 'b.tar'), '');
    const result = await cli(dir, 'mirror', 'import', 'b.tar', 'harbor.example.com/mirror//');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect((await onlyRun()).env).toEqual({
      MULTIARCH_MIRROR_MODE: 'import',
      MULTIARCH_MIRROR_BUNDLE: path.join(dir, 'b.tar'),
      MULTIARCH_MIRROR_PREFIX: 'harbor.example.com/mirror',
    });
  });

  test("--dest-tls-verify=false: the prefix's host in MULTIARCH_INSECURE_REGISTRIES", async () => {
    await fs.writeFile(path.join(dir, 'b.tar'), '');
    expect(
      (
        await cli(
          dir,
          'mirror',
          'import',
          'b.tar',
          '192.168.41.96:5000/a/b',
          '--dest-tls-verify=false',
        )
      ).code,
    ).toBe(0);
    const { env } = await onlyRun();
    expect(env.MULTIARCH_MIRROR_PREFIX).toBe('192.168.41.96:5000/a/b');
    expect(env.MULTIARCH_INSECURE_REGISTRIES).toBe('192.168.41.96:5000');
  });

  test('--dest-tls-verify takes true or false, and says so by its name', async () => {
    await fs.writeFile(path.join(dir, 'b.tar'), '');
    const result = await cli(dir, 'mirror', 'import', 'b.tar', 'lab:5000', '--dest-tls-verify=off');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--dest-tls-verify: "off" is not true or false');
    expect(await stepCalls(calls)).toEqual([]);
  });

  test.each([
    ['localhost', 'localhost'],
    ['localhost/x', 'localhost/x'],
    ['lab:5000', 'lab:5000'],
  ])('prefix %s: a registry host', async (prefix, shown) => {
    await fs.writeFile(path.join(dir, 'b.tar'), '');
    expect((await cli(dir, 'mirror', 'import', 'b.tar', prefix)).code).toBe(0);
    expect((await onlyRun()).env.MULTIARCH_MIRROR_PREFIX).toBe(shown);
  });

  test.each([
    ['myrepo', 'DST-PREFIX: "myrepo" does not start with a registry host'],
    ['myrepo/base', 'DST-PREFIX: "myrepo/base" does not start with a registry host'],
    ['bad_host.example.com', 'DST-PREFIX: '],
    ['r.example.com/Base', 'DST-PREFIX: '],
    // Each component of the path is checked on its own: "a" and "-b", not "a-b".
    ['r.example.com/a/-b', 'DST-PREFIX: '],
  ])('prefix %s: bad usage naming DST-PREFIX, nothing run', async (prefix, message) => {
    await fs.writeFile(path.join(dir, 'b.tar'), '');
    const result = await cli(dir, 'mirror', 'import', 'b.tar', prefix);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(await stepCalls(calls)).toEqual([]);
  });

  test('an archive not there, or a directory: named, nothing run', async () => {
    await fs.mkdirp(path.join(dir, 'adir'));
    for (const bundle of ['missing.tar', 'adir']) {
      const result = await cli(dir, 'mirror', 'import', bundle, 'r.example.com');
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`cannot read ${bundle}: `);
      if (bundle === 'adir') expect(result.stderr).toContain('it is a directory');
    }
    expect(await stepCalls(calls)).toEqual([]);
  });
});

describe('mirror --from-config CONFIG DST-PREFIX', () => {
  /** A config building FROM two images, one from a registry over plain HTTP. */
  async function writeConfig() {
    await fs.writeFile(
      path.join(dir, 'Dockerfile'),
      'FROM docker.io/library/busybox:1.36 AS base\nFROM lab.example.com:5000/base/alpine:3\nCOPY --from=base /bin/sh /bin/sh\n',
    );
    await fs.writeFile(
      path.join(dir, 'jenkins-multiarch.yaml'),
      stringifyYaml({
        agent: { label: 'podman' },
        image: { name: 'acme/app', tags: ['1'] },
        platforms: ['linux/amd64', 'linux/arm64'],
        build: { dockerfile: 'Dockerfile', context: '.' },
        registries: [
          { host: 'registry.example.com', credentialsId: 'push', tlsVerify: true },
          { host: 'lab.example.com:5000', credentialsId: null, tlsVerify: false },
        ],
      }),
    );
  }

  test("one mirror.sh run per base image, under the prefix, for the config's platforms; then what to set", async () => {
    await writeConfig();
    await scriptSays(['OK: copied']);
    const result = await cli(
      dir,
      'mirror',
      '--from-config',
      'jenkins-multiarch.yaml',
      '192.168.41.96:5000',
      '--dest-tls-verify=false',
      '--format',
      'oci',
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const runs = (await stepCalls(calls)).map(multiarchEnv);
    expect(runs).toEqual([
      {
        MULTIARCH_MIRROR_MODE: 'copy',
        MULTIARCH_MIRROR_IMAGES:
          'docker.io/library/busybox:1.36=192.168.41.96:5000/docker.io/library/busybox:1.36',
        MULTIARCH_MIRROR_PLATFORMS: 'linux/amd64,linux/arm64',
        MULTIARCH_MIRROR_FORMAT: 'oci',
        // The config's plain-HTTP registry, and the destination's.
        MULTIARCH_INSECURE_REGISTRIES: 'lab.example.com:5000 192.168.41.96:5000',
      },
      {
        MULTIARCH_MIRROR_MODE: 'copy',
        MULTIARCH_MIRROR_IMAGES:
          'lab.example.com:5000/base/alpine:3=192.168.41.96:5000/lab.example.com-5000/base/alpine:3',
        MULTIARCH_MIRROR_PLATFORMS: 'linux/amd64,linux/arm64',
        MULTIARCH_MIRROR_FORMAT: 'oci',
        MULTIARCH_INSECURE_REGISTRIES: 'lab.example.com:5000 192.168.41.96:5000',
      },
    ]);
    expect(result.stdout).toMatch(
      /^Mirroring the base images of jenkins-multiarch\.yaml under 192\.168\.41\.96:5000\nOK: copied\nOK: copied\n\n/,
    );
    expect(result.stdout).toContain(
      'docker.io/library/busybox:1.36 -> 192.168.41.96:5000/docker.io/library/busybox:1.36 (linux/amd64, linux/arm64; Dockerfile:1)',
    );
  });

  test("TLS verified at the destination unless told; --src-tls-verify=false adds each source's registry", async () => {
    await writeConfig();
    expect(
      (
        await cli(
          dir,
          'mirror',
          '--from-config',
          'jenkins-multiarch.yaml',
          'r.example.com/m',
          '--src-tls-verify=false',
        )
      ).code,
    ).toBe(0);
    expect((await stepCalls(calls)).map((call) => call.env.MULTIARCH_INSECURE_REGISTRIES)).toEqual([
      'lab.example.com:5000 docker.io',
      'lab.example.com:5000',
    ]);
    expect((await stepCalls(calls)).map((call) => call.env.MULTIARCH_MIRROR_FORMAT)).toEqual([
      undefined,
      undefined,
    ]);
  });

  test('a base image named by digest: copied whole, every platform', async () => {
    await writeConfig();
    const digest = `sha256:${'a'.repeat(64)}`;
    await fs.writeFile(path.join(dir, 'Dockerfile'), `FROM docker.io/library/busybox@${digest}\n`);
    expect(
      (await cli(dir, 'mirror', '--from-config', 'jenkins-multiarch.yaml', 'r.example.com')).code,
    ).toBe(0);
    expect((await stepCalls(calls)).map(multiarchEnv)).toEqual([
      expect.objectContaining({
        MULTIARCH_MIRROR_IMAGES: `docker.io/library/busybox@${digest}=r.example.com/docker.io/library/busybox@${digest}`,
        MULTIARCH_MIRROR_PLATFORMS: '',
      }),
    ]);
  });

  test('a copy that fails stops there: exit 1, the images after it not tried', async () => {
    await writeConfig();
    await scriptSays(['ERROR: no such image'], 1);
    const result = await cli(
      dir,
      'mirror',
      '--from-config',
      'jenkins-multiarch.yaml',
      'r.example.com',
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('jenkins-multiarch: mirror failed (ERROR above)\n');
    expect(await stepCalls(calls)).toHaveLength(1);
  });

  test('a build path missing: warned on stderr, the rest mirrored', async () => {
    await writeConfig();
    const config = path.join(dir, 'jenkins-multiarch.yaml');
    await fs.writeFile(
      config,
      (await fs.readFile(config, 'utf8')).replace('context: .', 'context: app'),
    );
    const result = await cli(
      dir,
      'mirror',
      '--from-config',
      'jenkins-multiarch.yaml',
      'r.example.com',
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^warning: .*app/);
    expect(await stepCalls(calls)).toHaveLength(2);
  });

  test.each([
    [
      ['--from-config', 'jenkins-multiarch.yaml'],
      'with --from-config, give one argument, DST-PREFIX',
    ],
    [
      ['--from-config', 'jenkins-multiarch.yaml', 'r.example.com', 'extra.example.com'],
      'with --from-config, give one argument, DST-PREFIX',
    ],
    [
      ['--from-config', 'jenkins-multiarch.yaml', 'r.example.com', '--platforms', 'linux/amd64'],
      '--platforms: not with --from-config',
    ],
    [
      ['--from-config', 'jenkins-multiarch.yaml', 'nohost'],
      'DST-PREFIX: "nohost" does not start with a registry host',
    ],
    [
      ['--from-config', 'jenkins-multiarch.yaml', 'r.example.com', '--dest-tls-verify=nope'],
      '--dest-tls-verify: "nope" is not true or false',
    ],
    [
      ['--from-config', 'jenkins-multiarch.yaml', 'r.example.com', '--src-tls-verify=nope'],
      '--src-tls-verify: "nope" is not true or false',
    ],
  ])('mirror %j: bad usage (exit 2) naming %j, nothing run', async (args, message) => {
    await writeConfig();
    const result = await cli(dir, 'mirror', ...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    // Refused before the base images are even listed.
    expect(result.stdout).toBe('');
    expect(await stepCalls(calls)).toEqual([]);
  });
});

describe('help', () => {
  /** The lines of a help's Options: and Arguments: sections, each an item and what it does. */
  const items = (help: string) =>
    help
      .split(/\n(?:Options|Arguments):\n/)
      .slice(1)
      .flatMap((section) => section.split('\n\n')[0]!.split('\n'))
      .filter((line) => /^ {2}\S/.test(line));

  test.each([
    ['copy', ['SRC', 'DST']],
    ['export', ['SRC']],
    ['import', ['bundle.tar', 'DST-PREFIX']],
  ])('mirror %s --help names and explains each argument (%j) and option', async (command, args) => {
    const { stdout, code } = await cli(dir, 'mirror', command, '--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: \S+ mirror \S+ .*\n\n\S.{30,}\n/);
    const listed = items(stdout);
    expect(listed.length).toBeGreaterThan(2);
    // Each with words of its own, not only commander's (choices: ...).
    for (const line of listed) expect(line, stdout).toMatch(/^ {2}\S.*\S {2,}[^\s(].{8,}/);
    expect(listed.filter((line) => !line.startsWith('  -'))).toEqual(
      args.map((name) => expect.stringMatching(new RegExp(`^ {2}${name} {2,}\\S`))),
    );
    // The tls flags say which side they are for.
    if (command !== 'import')
      expect(stdout).toMatch(/--src-tls-verify \[bool\] +false for a source registry/);
    if (command !== 'export')
      expect(stdout).toMatch(/--dest-tls-verify \[bool\] +false for a destination registry/);
    if (command !== 'copy') expect(stdout).toMatch(/\n {2}\$ jenkins-multiarch mirror /);
  });

  test('mirror --help: the three forms, what mirror does, and its exit codes', async () => {
    const { stdout } = await cli(dir, 'mirror', '--help');
    expect(stdout).toMatch(
      /^Usage: \S+ mirror SRC DST \[options\] \| --from-config CONFIG DST-PREFIX .*\| export .*\| import /,
    );
    expect(stdout).toMatch(/\n\nCopy multi-arch images/);
    expect(stdout).toContain(
      'Exit codes: 0 copied and verified, 1 a copy failed or did not verify, 2 bad usage.',
    );
    expect(stdout).toMatch(/export .*Write images/);
    expect(stdout).toMatch(/import .*Push the images/);
    expect(stdout).toMatch(/copy .*Copy a multi-arch image/);
  });
});
