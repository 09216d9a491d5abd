import { execa } from 'execa';
import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mirrorName } from '../src/model/image-reference.js';
import { agentTempDir, asAgent, resolveAgent, type Agent } from './support/agent.js';
import { loginAndPushBaseImage, pushBaseImage } from './support/base-image.js';
import { cli, tempDir } from './support/cli.js';
import { readIndex, readManifest, type IndexEntry } from './support/oci.js';
import { startRegistry, type Registry } from './support/registry.js';
import { startSlowLink } from './support/slow-link.js';
import { repoRoot, requireTools } from './support/tools.js';

/**
 * `jenkins-multiarch mirror` (dist/, as installed) run as the rootless agent user with a stored
 * podman login, against two real registries on 127.0.0.1: `source` with htpasswd over plain HTTP,
 * holding a four-platform busybox index, and `target`, open, over plain HTTP. What arrives is read
 * back over the registry API, which shares no code with skopeo or mirror.sh.
 */
const tools = ['podman', 'skopeo', 'jq', 'docker-registry', 'htpasswd', 'runuser'];
const bin = path.join(repoRoot, 'bin', 'jenkins-multiarch.js');
const PLAIN = ['--src-tls-verify=false', '--dest-tls-verify=false'];

/** The repository and tag of a reference on a test registry: `host/base/four:1`. */
const where = (reference: string) => {
  const [repository, tag] = reference.slice(reference.indexOf('/') + 1).split(':');
  return [repository!, tag!] as const;
};

const byPlatform = (entries: IndexEntry[]) =>
  Object.fromEntries(entries.map((entry) => [entry.platform, entry.digest]));

describe.skipIf(requireTools(tools).skip)('mirror: two real registries', () => {
  let agent: Agent;
  let source: Registry;
  let target: Registry;
  let dir: string;
  let authFile: string;
  /** The four-platform index on `source`, and what it lists. */
  let four: string;
  let fourDigest: string | null;
  let fourEntries: IndexEntry[];
  /** An amd64 image on `source` that is no index. */
  let single: string;
  let bundle: string;

  beforeAll(async () => {
    agent = resolveAgent();
    source = await startRegistry('mirror-user', 'mirror-secret');
    target = await startRegistry('unused', 'unused', { open: true });
    dir = await agentTempDir(agent, 'jma-mirror-');
    // The busybox cache has amd64, arm64 and mips64el; linux/arm/v7 is a fourth, holding a file.
    ({ image: four, authFile } = await loginAndPushBaseImage(agent, source, dir, {
      name: 'base/four:1',
      placeholders: ['linux/arm/v7'],
    }));
    ({ digest: fourDigest, entries: fourEntries } = await readIndex(source, ...where(four)));
    single = await pushBaseImage(agent, source, authFile, {
      name: 'base/single:1',
      platforms: ['linux/amd64'],
      index: false,
    });
  }, 120_000);

  afterAll(async () => {
    await source?.stop();
    await target?.stop();
    if (dir) await fs.remove(dir);
  });

  /** The CLI as the agent, with its stored login to `source` and nothing else. */
  async function mirror(...args: string[]) {
    const result = await asAgent(agent, process.execPath, [bin, 'mirror', ...args], {
      cwd: dir,
      env: { REGISTRY_AUTH_FILE: authFile },
    });
    return { code: result.exitCode, stdout: String(result.stdout), all: String(result.all) };
  }

  test('the source is a four-platform index', () => {
    expect(fourEntries.map((entry) => entry.platform)).toEqual([
      'linux/amd64',
      'linux/arm64',
      'linux/mips64le',
      'linux/arm/v7',
    ]);
  });

  test('all platforms: the copy is the same index, digest and all', async () => {
    const destination = `${target.host}/copy/whole:1`;
    const result = await mirror(four, destination, ...PLAIN);
    expect(result.code, result.all).toBe(0);
    const copy = await readIndex(target, ...where(destination));
    expect(copy.digest).toBe(fourDigest);
    expect(copy.entries).toEqual(fourEntries);
    expect(result.stdout).toContain(
      `INFO: verified: ${destination} holds linux/amd64, linux/arm/v7, linux/arm64, linux/mips64le, each with the source's digest; digest ${fourDigest}.`,
    );
    // skopeo's own progress comes through.
    expect(result.stdout).toMatch(/^Copying blob sha256:/m);
  });

  test("two platforms: a new index of exactly those, each with the source's digest, and mirror names both index digests", async () => {
    const destination = `${target.host}/copy/two:1`;
    const result = await mirror(
      four,
      destination,
      '--platforms',
      'linux/arm/v7,linux/arm64',
      ...PLAIN,
    );
    expect(result.code, result.all).toBe(0);
    const copy = await readIndex(target, ...where(destination));
    const wanted = byPlatform(fourEntries);
    // In the source's order, whatever the order asked in.
    expect(copy.entries).toEqual([
      { platform: 'linux/arm64', digest: wanted['linux/arm64'] },
      { platform: 'linux/arm/v7', digest: wanted['linux/arm/v7'] },
    ]);
    expect(copy.digest).not.toBe(fourDigest);
    const lines = result.stdout.split('\n');
    expect(lines).toContain(
      `INFO: the new index (an OCI image index) has digest ${copy.digest}, not the source's ${fourDigest}: it lists only the platforms copied, each image with its digest in the source.`,
    );
    expect(lines).toContain(`INFO: [1/2] linux/arm64 ${wanted['linux/arm64']}`);
    expect(lines).toContain(`INFO: [2/2] linux/arm/v7 ${wanted['linux/arm/v7']}`);
  });

  test('a platform the source lacks fails, naming it and what the source has, and tags nothing', async () => {
    const destination = `${target.host}/copy/missing:1`;
    const result = await mirror(
      four,
      destination,
      '--platforms',
      'linux/amd64,linux/s390x',
      ...PLAIN,
    );
    expect(result.code, result.all).toBe(1);
    expect(result.stdout.split('\n')).toContain(
      `ERROR: ${four} has no linux/s390x; it has linux/amd64, linux/arm64, linux/mips64le, linux/arm/v7. Nothing of it is copied: drop that platform, or choose a tag or image that has it.`,
    );
    expect(result.all).toContain('jenkins-multiarch: mirror failed (ERROR above)');
    const [repository, tag] = where(destination);
    expect((await target.get(`/v2/${repository}/manifests/${tag}`)).status).toBe(404);
  });

  test('a single image: copied as it is, unless platforms other than its own are asked for', async () => {
    const refused = await mirror(
      single,
      `${target.host}/copy/single:1`,
      '--platforms',
      'linux/arm64',
      ...PLAIN,
    );
    expect(refused.code, refused.all).toBe(1);
    expect(refused.stdout.split('\n')).toContain(
      `ERROR: ${single} is a single image (application/vnd.oci.image.manifest.v1+json, linux/amd64), not an index, so it cannot give linux/arm64. Nothing of it is copied: copy it without platforms, or with linux/amd64 alone.`,
    );
    const destination = `${target.host}/copy/single:1`;
    const copied = await mirror(single, destination, '--platforms', 'linux/amd64', ...PLAIN);
    expect(copied.code, copied.all).toBe(0);
    const [repository, tag] = where(destination);
    expect((await readManifest(target, repository, tag)).digest).toBe(
      (await readManifest(source, ...where(single))).digest,
    );
    expect(copied.stdout).toContain(
      `INFO: verified: ${destination} holds the single image, with the source's digest;`,
    );
  });

  test("--format v2s2: a Docker manifest list whose images have the source's configs", async () => {
    const destination = `${target.host}/copy/docker:1`;
    const result = await mirror(four, destination, '--format', 'v2s2', ...PLAIN);
    expect(result.code, result.all).toBe(0);
    const [repository, tag] = where(destination);
    const list = await readManifest(target, repository, tag);
    expect(list.body.mediaType).toBe('application/vnd.docker.distribution.manifest.list.v2+json');
    const configs = async (registry: Registry, repo: string, entries: IndexEntry[]) =>
      Promise.all(
        entries.map(async ({ platform, digest }) => {
          const { body } = await readManifest(registry, repo, digest);
          return [platform, body.mediaType, body.config!.digest];
        }),
      );
    const copied = (await readIndex(target, repository, tag)).entries;
    const sourceConfigs = await configs(source, where(four)[0], fourEntries);
    expect(await configs(target, repository, copied)).toEqual(
      sourceConfigs.map(([platform, , config]) => [
        platform,
        'application/vnd.docker.distribution.manifest.v2+json',
        config,
      ]),
    );
  });

  test('export three platforms to one archive, stop the source registry, import into the other: same index, same images', async () => {
    bundle = path.join(dir, 'bundle.tar');
    const platforms = 'linux/amd64,linux/arm64,linux/arm/v7';
    const exported = await mirror(
      'export',
      four,
      '--platforms',
      platforms,
      '-o',
      bundle,
      '--src-tls-verify=false',
    );
    expect(exported.code, exported.all).toBe(0);
    const name = mirrorName(four);
    expect(name).toBe(`${source.host.replace(':', '-')}/base/four:1`);
    // One OCI layout; the image under its name; nothing left beside the archive.
    const listing = (await execa('tar', ['-tf', bundle])).stdout.split('\n');
    expect(listing).toEqual(expect.arrayContaining(['oci-layout', 'index.json']));
    const layoutIndex = JSON.parse((await execa('tar', ['-xOf', bundle, 'index.json'])).stdout);
    expect(
      layoutIndex.manifests.map((m: any) => m.annotations['org.opencontainers.image.ref.name']),
    ).toEqual([name]);
    expect((await fs.readdir(dir)).filter((file) => file.includes('bundle'))).toEqual([
      'bundle.tar',
    ]);
    const indexDigest: string = layoutIndex.manifests[0].digest;

    await source.stop();
    const prefix = `${target.host}/inside`;
    const imported = await mirror('import', bundle, prefix, '--dest-tls-verify=false');
    expect(imported.code, imported.all).toBe(0);
    const copy = await readIndex(target, `inside/${name.split(':')[0]}`, '1');
    expect(copy.digest).toBe(indexDigest);
    const wanted = byPlatform(fourEntries);
    expect(copy.entries).toEqual(
      ['linux/amd64', 'linux/arm64', 'linux/arm/v7'].map((platform) => ({
        platform,
        digest: wanted[platform],
      })),
    );
    expect(imported.stdout).toContain(`INFO: verified: ${prefix}/${name} holds`);
  });

  test('an import killed while its blobs are on the way leaves no tag; running it again completes it', async () => {
    expect(bundle, 'the archive of the export test').toBeDefined();
    // 256 KB/s: the archive's three busybox layers take seconds to upload.
    const link = await startSlowLink(target.host, 256 * 1024);
    const leftovers = async () =>
      (await fs.readdir(os.tmpdir())).filter((name) =>
        name.startsWith('jenkins-multiarch-mirror-'),
      );
    const before = await leftovers();
    try {
      // Killed whole, in its own process group: node, sh and skopeo, as a dying agent stops them.
      const child = asAgent(
        agent,
        process.execPath,
        [bin, 'mirror', 'import', bundle, `${link.host}/killed`, '--dest-tls-verify=false'],
        { cwd: dir, env: { REGISTRY_AUTH_FILE: authFile }, detached: true },
      );
      let seen = '';
      for await (const line of child.iterable({ from: 'all' })) {
        seen += `${line}\n`;
        if (String(line).startsWith('Copying blob')) {
          process.kill(-child.pid!, 'SIGKILL');
          break;
        }
      }
      const killed = await child;
      expect(killed.signal ?? killed.exitCode, seen).toBe('SIGKILL');
      expect(seen).not.toContain('Writing manifest list');
      const repository = `killed/${mirrorName(four).split(':')[0]}`;
      expect((await target.get(`/v2/${repository}/manifests/1`)).status).toBe(404);

      const again = await mirror(
        'import',
        bundle,
        `${target.host}/killed`,
        '--dest-tls-verify=false',
      );
      expect(again.code, again.all).toBe(0);
      const exported = JSON.parse((await execa('tar', ['-xOf', bundle, 'index.json'])).stdout);
      expect((await readIndex(target, repository, '1')).digest).toBe(exported.manifests[0].digest);
    } finally {
      await link.stop();
      for (const name of await leftovers())
        if (!before.includes(name)) await fs.remove(path.join(os.tmpdir(), name));
    }
  });
});

describe('mirror: bad arguments', () => {
  test.each([
    [['Debian:x', 'h.lan/a:1'], 'SRC: "Debian:x" is not an image reference'],
    [['debian:12', 'h.lan/a b'], 'DST: "h.lan/a b" is not an image reference'],
    [
      ['debian:12', 'h.lan/a:1', '--platforms', 'linux/amd64,linux/s390'],
      '--platforms: unknown platform "linux/s390" (did you mean "linux/s390x"?)',
    ],
    [
      ['debian:12', 'h.lan/a:1', '--platforms', 'linux/amd64,linux/amd64'],
      '--platforms: "linux/amd64" is listed twice',
    ],
    [
      ['debian:12', 'h.lan/a:1', '--dest-tls-verify=no'],
      '--dest-tls-verify: "no" is not true or false',
    ],
    [
      ['debian:12', 'h.lan/a:1', '--format', 'docker'],
      "option '--format <format>' argument 'docker' is invalid",
    ],
    [['export', 'debian:12'], "required option '-o, --output <bundle.tar>' not specified"],
    [
      ['export', 'debian:12', 'docker.io/library/debian:12', '-o', 'b.tar'],
      'SRC: "docker.io/library/debian:12" is listed twice',
    ],
    [['import', 'missing.tar', 'h.lan:5000'], 'cannot read missing.tar: no such file or directory'],
  ])('mirror %j: exit 2, %s', async (args, message) => {
    const cwd = await tempDir('jma-mirror-args-');
    const result = await cli(cwd, 'mirror', ...args);
    await fs.remove(cwd);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(message);
  });

  test('import: a prefix without a registry host is refused, naming DST-PREFIX', async () => {
    const cwd = await tempDir('jma-mirror-args-');
    await fs.writeFile(path.join(cwd, 'b.tar'), '');
    const result = await cli(cwd, 'mirror', 'import', 'b.tar', 'myrepo');
    await fs.remove(cwd);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('DST-PREFIX: "myrepo" does not start with a registry host');
  });

  test('export never overwrites an archive without --force', async () => {
    const cwd = await tempDir('jma-mirror-args-');
    await fs.writeFile(path.join(cwd, 'b.tar'), 'mine');
    const result = await cli(cwd, 'mirror', 'export', 'debian:12', '-o', 'b.tar');
    expect(await fs.readFile(path.join(cwd, 'b.tar'), 'utf8')).toBe('mine');
    await fs.remove(cwd);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('refusing to overwrite b.tar: it exists');
  });
});
