import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { asAgent, giveToAgent, resolveAgent, type Agent } from '../support/agent.js';
import { requireTools } from '../support/tools.js';

/**
 * The podman behaviour that check's messages state, measured again with the podman on this
 * machine (4.3.1 on Debian 12), rootless as the agent user the e2e tests use (oneself when not
 * root), in a private image store. Without podman it skips locally and fails in CI, like every
 * test that needs a tool.
 */
let agent: Agent;
let dir: string;

/** podman as the agent user, in dir's private store; returns exit code and output. */
async function podman(...args: string[]) {
  const result = await asAgent(
    agent,
    'podman',
    [
      '--root',
      `${dir}/storage`,
      '--runroot',
      `${dir}/run/storage`,
      '--storage-driver',
      'vfs',
      ...args,
    ],
    { env: { XDG_RUNTIME_DIR: `${dir}/run`, HOME: dir }, cwd: `${dir}/context` },
  );
  return { code: result.exitCode, output: String(result.all ?? '') };
}

const architectures = async (list: string) =>
  [...(await podman('manifest', 'inspect', list)).output.matchAll(/"architecture": "(\w+)"/g)].map(
    (match) => match[1],
  );

describe.skipIf(requireTools(['podman']).skip)('podman 4.3 behaviour behind the rules', () => {
  beforeAll(async () => {
    agent = resolveAgent();
    dir = await mkdtemp(path.join(os.tmpdir(), 'jma-podman-'));
    await mkdir(`${dir}/context`);
    await mkdir(`${dir}/run`);
    // FROM scratch with a file per architecture: distinct images per platform, no emulation.
    await writeFile(
      `${dir}/context/Containerfile`,
      'FROM scratch\nARG TARGETARCH\nCOPY file-${TARGETARCH} /file\n',
    );
    for (const arch of ['amd64', 'arm64']) await writeFile(`${dir}/context/file-${arch}`, arch);
    await giveToAgent(agent, dir);
    // podman refuses a runtime directory that others may enter.
    await chmod(`${dir}/run`, 0o700);
  });

  afterAll(async () => {
    if (dir) {
      await podman('system', 'reset', '--force');
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('platform-tag-without-manifest: -t with two platforms leaves one architecture', async () => {
    expect(
      (
        await podman(
          'build',
          '-q',
          '--platform',
          'linux/amd64,linux/arm64',
          '-t',
          'localhost/tagged',
          '.',
        )
      ).code,
    ).toBe(0);
    expect((await podman('manifest', 'exists', 'localhost/tagged')).code).not.toBe(0);
    const arch = await podman(
      'image',
      'inspect',
      '--format',
      '{{.Architecture}}',
      'localhost/tagged',
    );
    expect(['amd64', 'arm64']).toContain(arch.output);
  });

  test('manifest-reuse: building into an existing list appends duplicates', async () => {
    for (const revision of ['1', '2'])
      expect(
        (
          await podman(
            'build',
            '-q',
            '--platform',
            'linux/amd64,linux/arm64',
            '--label',
            `rev=${revision}`,
            '--manifest',
            'localhost/list',
            '.',
          )
        ).code,
      ).toBe(0);
    expect((await architectures('localhost/list')).sort()).toEqual([
      'amd64',
      'amd64',
      'arm64',
      'arm64',
    ]);
  });

  test('manifest-create-without-amend: create fails when the list exists', async () => {
    expect((await podman('manifest', 'create', 'localhost/created')).code).toBe(0);
    const again = await podman('manifest', 'create', 'localhost/created');
    expect(again.code).toBe(125);
    expect(again.output).toContain('is already associated with image');
  });

  test('manifest-push-without-all: --all is the default; --all=false copies no image', async () => {
    const push = async (...flags: string[]) =>
      (
        await podman(
          'manifest',
          'push',
          ...flags,
          'localhost/list',
          `dir:${dir}/context/out${flags.length}`,
        )
      ).output;
    expect(await push()).toContain('Copying 4 of 4 images in list');
    expect(await push('--all=false')).toContain('Copying 0 of 4 images in list');
  });

  test('manifest-push-without-all: podman push of a list writes a single image', async () => {
    expect((await podman('push', 'localhost/list', `dir:${dir}/context/pushed`)).code).toBe(0);
    const manifest = await readFile(`${dir}/context/pushed/manifest.json`, 'utf8');
    expect(manifest).not.toContain('"manifests"');
    expect(manifest).toContain('"layers"');
  });

  test('docker-podman-mismatch: podman has no buildx builders and no build --push', async () => {
    expect((await podman('buildx', 'use', 'x')).output).toContain(
      'unrecognized command `podman buildx use`',
    );
    expect((await podman('buildx', 'build', '--push', '.')).output).toContain(
      'unknown flag: --push',
    );
  });

  test('unknown-platform: linux/aarch64 is normalised to linux/arm64', async () => {
    expect(
      (await podman('build', '-q', '--platform', 'linux/aarch64', '-t', 'localhost/alias', '.'))
        .code,
    ).toBe(0);
    expect(
      (await podman('image', 'inspect', '--format', '{{.Architecture}}', 'localhost/alias')).output,
    ).toBe('arm64');
  });
});
