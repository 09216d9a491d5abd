import fs from 'fs-extra';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { agentShell, agentStep, agentTempDir, giveToAgent, resolveAgent } from './support/agent.js';
import type { Agent } from './support/agent.js';
import { baseImageLines, loginAndPushBaseImage, pushBaseImage } from './support/base-image.js';
import { startRegistry, type Registry } from './support/registry.js';
import { requireTools } from './support/tools.js';

/**
 * The preflight's base-image check against a real registry on 127.0.0.1: real skopeo, run as the
 * rootless agent the way the pipeline runs the step (common.sh + preflight.sh, `sh -xe`, after
 * login.sh wrote the workspace's auth file). The images are busybox builds of test/support/
 * base-image.ts: all three test platforms, two of them, or one as a single image. The QEMU part
 * of the preflight reads a binfmt_misc of this test's own, so that only the base images decide.
 */
const tools = ['podman', 'skopeo', 'docker-registry', 'htpasswd', 'runuser'];
const THREE = 'linux/amd64,linux/arm64,linux/mips64le';

describe.skipIf(requireTools(tools).skip)('preflight: base images in a real registry', () => {
  let agent: Agent;
  let registry: Registry;
  let dir: string;
  let binfmt: string;
  let nativeArch: string;
  /** Images with all three test platforms, with linux/amd64 and linux/arm64, and a single amd64 one. */
  let three: string;
  let two: string;
  let single: string;

  beforeAll(async () => {
    agent = resolveAgent();
    registry = await startRegistry('base-pusher', 'base-secret');
    dir = await agentTempDir(agent, 'jma-base-images-');
    let authFile: string;
    ({ image: three, authFile } = await loginAndPushBaseImage(agent, registry, dir));
    two = await pushBaseImage(agent, registry, authFile, {
      name: 'base/two:1',
      platforms: ['linux/amd64', 'linux/arm64'],
    });
    single = await pushBaseImage(agent, registry, authFile, {
      name: 'base/single:1',
      platforms: ['linux/amd64'],
      index: false,
    });
    binfmt = path.join(dir, 'binfmt_misc');
    await fs.mkdirp(binfmt);
    await fs.writeFile(path.join(binfmt, 'status'), 'enabled\n');
    for (const handler of ['qemu-x86_64', 'qemu-aarch64', 'qemu-mips64el'])
      await fs.writeFile(
        path.join(binfmt, handler),
        `enabled\ninterpreter /usr/libexec/qemu-binfmt/${handler}\nflags: POCF\n`,
      );
    nativeArch = (await agentShell(agent, "podman info --format '{{.Host.Arch}}'")).trim();
  }, 180_000);

  afterAll(async () => {
    await registry?.stop();
    if (dir) await fs.remove(dir);
  });

  let runs = 0;
  /**
   * A fresh workspace holding `dockerfile`, logged in to the registry by login.sh, then the
   * preflight run in it as the pipeline runs it; returns its result and how long it took.
   */
  async function preflight(dockerfile: string, platforms: string) {
    const workspace = path.join(dir, `workspace-${++runs}`);
    await fs.outputFile(path.join(workspace, 'Dockerfile'), dockerfile);
    await giveToAgent(agent, dir);
    const env = {
      WORKSPACE: workspace,
      BUILD_TAG: 'jenkins-acme-hello-main-7',
      MULTIARCH_INSECURE_REGISTRIES: registry.host,
    };
    const login = await agentStep(
      agent,
      ['login'],
      {
        ...env,
        MULTIARCH_LOGIN_REGISTRY: registry.host,
        MULTIARCH_REGISTRY_USER: registry.user,
        MULTIARCH_REGISTRY_PASSWORD: registry.password,
      },
      workspace,
    );
    expect(login.exitCode, String(login.all)).toBe(0);
    const started = performance.now();
    const result = await agentStep(
      agent,
      ['preflight'],
      {
        ...env,
        MULTIARCH_PLATFORMS: platforms,
        MULTIARCH_DOCKERFILE: 'Dockerfile',
        MULTIARCH_CONTEXT: '.',
        MULTIARCH_BINFMT_MISC: binfmt,
      },
      workspace,
    );
    const seconds = (performance.now() - started) / 1000;
    const lines = baseImageLines(String(result.stdout));
    return { exitCode: result.exitCode, all: String(result.all), lines, seconds };
  }

  test('a base image without a platform of the config fails, naming the image, what it lacks and what it has', async () => {
    const missing = `${registry.host}/base/missing:1`;
    const result = await preflight(`FROM ${two}\nRUN true\nFROM ${missing}\n`, THREE);
    expect(result.exitCode, result.all).toBe(1);
    expect(result.lines).toEqual([
      `ERROR: base image ${two} (Dockerfile:1) has no linux/mips64le; it has linux/amd64, linux/arm64. Choose a tag or image whose index has every platform in platforms (skopeo inspect --raw docker://${two} lists them), or drop the platform.`,
      `ERROR: base image ${missing} (Dockerfile:3) cannot be read from its registry: Error parsing image name "docker://${missing}": reading manifest 1 in ${missing.replace(/:1$/, '')}: manifest unknown: manifest unknown`,
    ]);
  });

  test("a multi-stage build whose builder stage runs on the agent's platform is not flagged", async () => {
    expect(nativeArch).toBe('amd64');
    const result = await preflight(
      [
        `FROM --platform=$BUILDPLATFORM ${two} AS builder`,
        'RUN echo built >/out',
        `FROM ${three}`,
        'COPY --from=builder /out /out',
        '',
      ].join('\n'),
      THREE,
    );
    expect(result.exitCode, result.all).toBe(0);
    expect(result.lines).toEqual([
      `OK: base image ${two} has linux/amd64`,
      `OK: base image ${three} has linux/amd64, linux/arm64, linux/mips64le`,
    ]);
    // The whole preflight, podman info included: the check reads two indexes.
    expect(result.seconds).toBeLessThan(30);
  });

  test('a single image is told from an index, and offers its own platform only', async () => {
    const result = await preflight(
      `FROM --platform=$BUILDPLATFORM ${single} AS tools\nFROM ${single}\n`,
      'linux/amd64,linux/arm64',
    );
    expect(result.exitCode, result.all).toBe(1);
    expect(result.lines).toEqual([
      `OK: base image ${single} has linux/amd64 (a single image, not an index)`,
      `ERROR: base image ${single} (Dockerfile:2) has no linux/arm64; it has linux/amd64 (a single image, not an index). Choose a tag or image whose index has every platform in platforms (skopeo inspect --raw docker://${single} lists them), or drop the platform.`,
    ]);
  });
});
