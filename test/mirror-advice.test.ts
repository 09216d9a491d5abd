import fs from 'fs-extra';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listBaseImages } from '../src/cli/base-images.js';
import { mirrorPlan } from '../src/model/mirror-plan.js';
import { validatePipeline, type PipelineConfig } from '../src/model/pipeline.js';
import { stepEnvironment } from '../src/model/step-environment.js';
import { mirrorAdvice } from '../src/render/mirror-advice.js';
import { agentStep, agentTempDir, giveToAgent, resolveAgent, type Agent } from './support/agent.js';
import { pushBaseImage } from './support/base-image.js';
import { startRegistry, type Registry } from './support/registry.js';
import { requireTools } from './support/tools.js';

/**
 * mirror --from-config's advice, followed: the pipeline's own build step (build.sh, rootless
 * podman 4.3.1 as the agent) builds a Dockerfile whose FROMs name Docker Hub and quay.io, with no
 * network to either, from copies in a plain-HTTP registry on 127.0.0.1, given only the build arg
 * and the registries.conf tables that the advice prints. The copies are pushed where the plan puts
 * them, standing in for `mirror` itself (test/support/base-image.ts, busybox for each platform).
 */
const tools = ['podman', 'docker-registry', 'htpasswd', 'runuser'];
const PLATFORMS = ['linux/amd64', 'linux/arm64'];

describe.skipIf(requireTools(tools).skip)('mirror --from-config advice, followed', () => {
  let agent: Agent;
  let registry: Registry;
  let dir: string;

  beforeAll(async () => {
    agent = resolveAgent();
    registry = await startRegistry('anyone', 'unused', { open: true });
    dir = await agentTempDir(agent, 'jma-mirror-advice-');
  }, 60_000);

  afterAll(async () => {
    await registry?.stop();
    if (dir) await fs.remove(dir);
  });

  test('the build finds every copy through the build arg and the registry mirror, and without them does not', async () => {
    const workspace = path.join(dir, 'workspace');
    const names = `jma-mirror-${process.pid}`;
    await fs.outputFile(
      path.join(workspace, 'Dockerfile'),
      [
        `ARG BASE=quay.io/${names}/busybox:1`,
        'FROM $BASE AS tools',
        `FROM docker.io/library/${names}:1`,
        'COPY --from=tools /bin/busybox /tools-busybox',
        '',
      ].join('\n'),
    );
    // Seed 002's shop: its own registry over plain HTTP, the build's and the mirror's.
    const config: PipelineConfig = {
      agent: { label: 'podman' },
      image: { name: 'acme/app', tags: ['1'] },
      platforms: PLATFORMS,
      registries: [{ host: registry.host, credentialsId: null, tlsVerify: false }],
      build: { pull: 'always', isolation: 'chroot' },
    };
    const validation = validatePipeline(config);
    if (!validation.ok) throw new Error(JSON.stringify(validation.problems));
    const stages = await listBaseImages(validation.pipeline, { root: workspace });
    const plan = mirrorPlan(stages, { prefix: `${registry.host}/mirror`, tlsVerify: false });
    const authFile = path.join(dir, 'auth.json');
    await fs.writeFile(authFile, '{"auths": {}}\n');
    await giveToAgent(agent, dir);
    for (const image of plan.images)
      await pushBaseImage(agent, registry, authFile, {
        name: image.destination.slice(`${registry.host}/`.length),
        platforms: image.platforms,
      });

    // What the user copies out of the advice: the YAML block, and the TOML tables up to the NOTE.
    const advice = mirrorAdvice(plan, 'Dockerfile');
    const yamlBlock = /^build:\n(?: {2}.*\n)+/m.exec(advice)?.[0];
    const tomlBlock = /^\[\[registry\]\][\s\S]*?(?=\n\nNOTE:)/m.exec(advice)?.[0];
    expect(yamlBlock, advice).toBeDefined();
    expect(tomlBlock, advice).toBeDefined();
    const registriesConf = path.join(dir, 'registries.conf');
    await fs.writeFile(registriesConf, `${tomlBlock}\n`);
    await giveToAgent(agent, dir);

    const build = async (advised: boolean) => {
      const args = advised ? (parseYaml(yamlBlock!) as PipelineConfig).build!.args : undefined;
      const advisedConfig = validatePipeline({ ...config, build: { ...config.build, args } });
      if (!advisedConfig.ok) throw new Error(JSON.stringify(advisedConfig.problems));
      const env = {
        ...Object.fromEntries(stepEnvironment(advisedConfig.pipeline)),
        WORKSPACE: workspace,
        BUILD_TAG: `jenkins-mirror-advice-${advised}`,
        // An empty file: no mirror, as on an agent without the advised tables.
        CONTAINERS_REGISTRIES_CONF: advised ? registriesConf : '/dev/null',
      };
      const result = await agentStep(agent, ['build'], env, workspace);
      await agentStep(agent, ['cleanup'], env, workspace);
      return { exitCode: result.exitCode, all: String(result.all) };
    };
    const without = await build(false);
    expect(without.exitCode, without.all).not.toBe(0);
    expect(without.all).toContain(`quay.io/${names}/busybox:1`);
    const followed = await build(true);
    expect(followed.exitCode, followed.all).toBe(0);
  }, 240_000);
});
