import fs from 'fs-extra';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  agentShell,
  agentStep,
  agentTempDir,
  asAgent,
  giveToAgent,
  resolveAgent,
  type Agent,
} from './support/agent.js';
import { BASE_PLATFORMS, loginAndPushBaseImage } from './support/base-image.js';
import { readIndex } from './support/oci.js';
import { startRegistry, type Registry } from './support/registry.js';
import { requireTools } from './support/tools.js';

/**
 * smoke.sh with real rootless podman, QEMU and a registry, run as the pipeline runs it (common.sh
 * + login.sh, then common.sh + smoke.sh, as the agent, after a push left its tags and digest):
 * a healthy index runs each platform's own machine; an index whose arm64 entry holds amd64
 * programs fails, naming the platform and what it printed.
 */
const tools = ['podman', 'docker-registry', 'htpasswd', 'runuser'];

describe.skipIf(requireTools(tools).skip)('smoke.sh with rootless podman', () => {
  let agent: Agent;
  let registry: Registry;
  let dir: string;
  let authFile: string;
  let baseImage: string;

  beforeAll(async () => {
    agent = resolveAgent();
    registry = await startRegistry('smoke', `smoke pa$s "w'o`);
    dir = await agentTempDir(agent, 'jma-smoke-');
    ({ image: baseImage, authFile } = await loginAndPushBaseImage(agent, registry, dir));
  });
  afterAll(async () => {
    await registry?.stop();
    if (dir) await fs.remove(dir);
  });

  /** Login, then the smoke run of IMAGE@DIGEST in a workspace of its own, as a pipeline's steps. */
  async function smoke(image: string, digest: string, platforms: string[]) {
    const workspace = path.join(dir, `workspace-${image.replaceAll('/', '-')}`);
    await fs.outputFile(path.join(workspace, '.jenkins-multiarch', 'tags'), '1\n');
    await fs.outputFile(path.join(workspace, '.jenkins-multiarch', 'digest'), digest);
    await giveToAgent(agent, workspace);
    const env = {
      WORKSPACE: workspace,
      BUILD_TAG: 'jenkins-smoke-1',
      MULTIARCH_REGISTRIES: registry.host,
      MULTIARCH_INSECURE_REGISTRIES: registry.host,
      MULTIARCH_IMAGE: image,
      MULTIARCH_PLATFORMS: platforms.join(','),
    };
    const login = await agentStep(agent, ['login'], {
      ...env,
      MULTIARCH_LOGIN_REGISTRY: registry.host,
      MULTIARCH_REGISTRY_USER: registry.user,
      MULTIARCH_REGISTRY_PASSWORD: registry.password,
    });
    expect(login.exitCode, String(login.all)).toBe(0);
    const started = Date.now();
    const result = await agentStep(agent, ['smoke'], env);
    const seconds = (Date.now() - started) / 1000;
    const lines = String(result.stdout)
      .split('\n')
      .filter((line) => /^(OK|ERROR|WARNING|INFO)/.test(line));
    // The id each pull gave, in order, from the step's trace.
    const ids = [...String(result.all).matchAll(/^\+ id=([0-9a-f]{64})$/gm)].map((m) => m[1]!);
    console.log(`smoke: ${image}, ${platforms.join(' ')}: ${seconds.toFixed(1)} s`);
    return { ...result, lines, ids, ref: `${registry.host}/${image}@${digest}` };
  }

  const exists = async (id: string) =>
    (await asAgent(agent, 'podman', ['image', 'exists', id])).exitCode === 0;

  test(
    'a healthy index of amd64, arm64 and mips64le (QEMU): each prints its own machine, and the images built here stay',
    { timeout: 120_000 },
    async () => {
      const { digest } = await readIndex(registry, 'base/busybox', '1');
      const result = await smoke(
        'base/busybox',
        digest!,
        BASE_PLATFORMS.map((p) => p.platform),
      );
      expect(result.exitCode, String(result.all)).toBe(0);
      expect(result.lines).toEqual(
        BASE_PLATFORMS.map(({ platform, uname }) => `OK: ${platform} runs (uname -m: ${uname})`),
      );
      // Built on this agent (base-image.ts), so kept: their layers are a later build's cache.
      expect(result.ids).toHaveLength(3);
      for (const id of result.ids) expect(await exists(id)).toBe(true);
    },
  );

  test(
    "an index whose arm64 entry holds amd64 programs fails naming linux/arm64 and what it printed; what only the run pulled is removed, a build's own image stays",
    { timeout: 180_000 },
    async () => {
      // Two amd64 images built here from the base: one listed as amd64, the other as arm64.
      // Labels written out: podman 4.3's layer cache ignores build arguments (measured).
      const context = path.join(dir, 'liar');
      for (const entry of ['amd64', 'arm64'])
        await fs.outputFile(
          path.join(context, `Containerfile.${entry}`),
          `FROM ${baseImage}\nLABEL org.example.entry=${entry}\n`,
        );
      await giveToAgent(agent, context);
      const digestFile = path.join(dir, 'liar-digest');
      const built = await agentShell(
        agent,
        `build() { podman build -q --tls-verify=false --platform linux/amd64 -f "$CONTEXT/Containerfile.$1" "$CONTEXT"; }
         amd64=$(build amd64)
         liar=$(build arm64)
         podman push -q --tls-verify=false "$amd64" "docker://$HOST/acme/liar:amd64"
         podman push -q --tls-verify=false "$liar" "docker://$HOST/acme/liar:amd64-as-arm64"
         # Only in the registry: the smoke run pulls it afresh.
         podman rmi "$liar" >/dev/null
         podman manifest rm "$LIST" >/dev/null 2>&1 || true
         podman manifest create "$LIST" >/dev/null
         podman manifest add --tls-verify=false "$LIST" "docker://$HOST/acme/liar:amd64" >/dev/null
         podman manifest add --tls-verify=false --arch arm64 "$LIST" "docker://$HOST/acme/liar:amd64-as-arm64" >/dev/null
         podman manifest push -q --all --tls-verify=false --digestfile "$DIGEST" "$LIST" "docker://$HOST/acme/liar:1"
         podman manifest rm "$LIST" >/dev/null
         echo "$amd64 $liar"`,
        {
          CONTEXT: context,
          HOST: registry.host,
          LIST: `localhost/jma-smoke-liar-${process.pid}`,
          DIGEST: digestFile,
          REGISTRY_AUTH_FILE: authFile,
        },
      );
      const [amd64, liar] = built.trim().split('\n').at(-1)!.split(' ');
      expect((await readIndex(registry, 'acme/liar', '1')).entries.map((e) => e.platform)).toEqual([
        'linux/amd64',
        'linux/arm64',
      ]);

      const result = await smoke('acme/liar', await fs.readFile(digestFile, 'utf8'), [
        'linux/amd64',
        'linux/arm64',
      ]);
      expect(result.exitCode, String(result.all)).toBe(1);
      expect(result.lines).toEqual([
        'OK: linux/amd64 runs (uname -m: x86_64)',
        `ERROR: linux/arm64 of ${result.ref} printed x86_64 for uname -m, not aarch64: its image holds programs of another architecture. Check that the Dockerfile's base image, and any binaries it downloads or copies, are for linux/arm64 (ARG TARGETARCH names its architecture).`,
      ]);
      expect(result.ids).toEqual([amd64, liar]);
      // The image built here stays, the next build's cache; the one only the run pulled is gone.
      expect(await exists(amd64!)).toBe(true);
      expect(await exists(liar!)).toBe(false);
      await asAgent(agent, 'podman', ['rmi', amd64!]);
    },
  );
});
