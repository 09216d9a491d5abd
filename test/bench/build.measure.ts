import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { stringify as stringifyYaml } from 'yaml';
import {
  agentShell,
  agentTempDir,
  giveToAgent,
  resolveAgent,
  type Agent,
} from '../support/agent.js';
import { BASE_PLATFORMS, loginAndPushBaseImage } from '../support/base-image.js';
import { cli } from '../support/cli.js';
import { MACHINE_ARCH, simulateMachines, type Machines } from '../support/machines.js';
import { runPipeline } from '../support/pipeline.js';
import { startRegistry, type Registry } from '../support/registry.js';
import { repoRoot } from '../support/tools.js';

/**
 * `npm run bench -- --build`: how fast a multi-arch build is, as ratios measured in one run on
 * this machine (shared and noisy, so never absolute targets), with a CPU-heavy Dockerfile and
 * three platforms, against a registry on 127.0.0.1, as the rootless agent:
 *   (a) the seeds' command, `podman build --platform a,b,c --manifest X` then `manifest push --all`;
 *   (b) our generated pipeline, emulated, cold (build.noCache);
 *   (c) our generated pipeline again with nothing changed (the layer cache);
 *   (d) the native strategy, a branch per platform on an agent of its own (other machines
 *       simulated: own workspace and storage; their builds share this machine's cores, under QEMU);
 *   the cores' limit: max(the longest platform alone, the sum of all alone / cores).
 * Medians of BENCH_BUILD_RUNS runs (default 3). Prints the ratios and writes .bench/build.json.
 */
const RUNS = Number(process.env.BENCH_BUILD_RUNS ?? 3);
/** One RUN that keeps a core busy: hashing 600 MB, under QEMU for the foreign platforms. */
const DOCKERFILE =
  'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN head -c 600000000 /dev/zero | sha256sum > /hash\n';
const PLATFORMS = BASE_PLATFORMS.map((p) => p.platform);

let agent: Agent;
let registry: Registry;
let dir: string;
let baseImage: string;
let authFile: string;
let machines: Machines;

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return seconds(start);
}

beforeAll(async () => {
  agent = resolveAgent();
  registry = await startRegistry('bench', 'bench-password');
  dir = await agentTempDir(agent, 'jma-bench-build-');
  ({ image: baseImage, authFile } = await loginAndPushBaseImage(agent, registry, dir));
  await fs.outputFile(path.join(dir, 'app', 'Dockerfile'), DOCKERFILE);
  machines = await simulateMachines(agent, dir);
  await giveToAgent(agent, dir);
  // Every run starts from a pulled base image, as on an agent that built before.
  await agentShell(
    agent,
    PLATFORMS.map(
      (p) => `podman pull -q --tls-verify=false --platform ${p} "$BASE" >/dev/null`,
    ).join('\n'),
    { BASE: baseImage, REGISTRY_AUTH_FILE: authFile },
  );
}, 300_000);

afterAll(async () => {
  await machines?.stop();
  await registry?.stop();
  if (dir) await fs.remove(dir);
});

/** One podman build as the agent, in the app directory, TLS off for the local registry. */
const podmanBuild = (args: string) =>
  agentShell(
    agent,
    `cd "$APP" && podman build -q --tls-verify=false --build-arg BASE_IMAGE="$BASE" ${args} . >/dev/null`,
    { APP: path.join(dir, 'app'), BASE: baseImage, REGISTRY_AUTH_FILE: authFile },
  );

/** A repository with the app and its config, cloned by the pipeline; the Jenkinsfile rendered. */
async function pipelineJob(name: string, noCache: boolean, native = false) {
  const repo = path.join(dir, `${name}-repo`);
  await fs.copy(path.join(dir, 'app'), repo);
  await fs.writeFile(
    path.join(repo, 'jenkins-multiarch.yaml'),
    stringifyYaml({
      agent: { label: 'podman' },
      image: { name: `bench/${name}`, tags: ['1'] },
      platforms: PLATFORMS,
      ...(native && {
        native: Object.fromEntries(PLATFORMS.map((p) => [p, { label: MACHINE_ARCH[p]! }])),
      }),
      build: { args: { BASE_IMAGE: baseImage }, noCache, isolation: 'chroot' },
      registries: [{ host: registry.host, credentialsId: 'push', tlsVerify: false }],
    }),
  );
  expect((await cli(repo, 'render', '-o', 'Jenkinsfile')).code).toBe(0);
  await giveToAgent(agent, repo);
  await agentShell(
    agent,
    'cd "$REPO" && git init -q -b main && git add -A && git -c user.name=b -c user.email=b@b commit -qm app',
    { REPO: repo },
  );
  let build = 0;
  return async () => {
    const run = await runPipeline(agent, {
      jenkinsfile: path.join(repo, 'Jenkinsfile'),
      dir: path.join(dir, `${name}-job`),
      buildNumber: ++build,
      jobName: name,
      credentials: {
        push: { type: 'usernamePassword', username: registry.user, password: registry.password },
      },
      scm: { url: repo, branch: 'main' },
      agents: machines.agents,
    });
    expect(run.result.result, run.log.slice(-2000)).toBe('SUCCESS');
  };
}

test('build speed, as ratios', { timeout: 3_600_000 }, async () => {
  const alone: Record<string, number> = {};
  for (const platform of PLATFORMS)
    alone[platform] = await timed(() =>
      podmanBuild(`--no-cache --platform ${platform} -t localhost/bench-alone`),
    );
  const cores = os.cpus().length;
  const sum = Object.values(alone).reduce((a, b) => a + b, 0);
  const limit = Math.max(...Object.values(alone), sum / cores);

  const seeds: number[] = [];
  for (let i = 0; i < RUNS; i++)
    seeds.push(
      await timed(async () => {
        // The seeds' command: a fixed list name, removed first so that it does not accumulate.
        await agentShell(agent, 'podman manifest rm localhost/bench-seeds >/dev/null 2>&1 || true');
        await podmanBuild(
          `--no-cache --platform ${PLATFORMS.join(',')} --manifest localhost/bench-seeds`,
        );
        await agentShell(
          agent,
          'podman manifest push -q --all --tls-verify=false localhost/bench-seeds "docker://$REF"',
          { REF: `${registry.host}/bench/seeds:1`, REGISTRY_AUTH_FILE: authFile },
        );
      }),
    );

  const cold = await pipelineJob('cold', true);
  const ours: number[] = [];
  for (let i = 0; i < RUNS; i++) ours.push(await timed(cold));

  const warm = await pipelineJob('cached', false);
  await warm();
  const cached: number[] = [];
  for (let i = 0; i < RUNS; i++) cached.push(await timed(warm));

  const fanOut = await pipelineJob('native', true, true);
  const native: number[] = [];
  for (let i = 0; i < RUNS; i++) native.push(await timed(fanOut));

  const a = median(seeds);
  const b = median(ours);
  const c = median(cached);
  const d = median(native);
  const longest = Math.max(...Object.values(alone));
  const results = {
    machine: { cores, loadAverage: os.loadavg() },
    runs: RUNS,
    seconds: {
      alone,
      coresLimit: limit,
      seedsCommand: seeds,
      ourPipeline: ours,
      ourPipelineCached: cached,
      nativeStrategy: native,
    },
    medians: { a, b, c, d },
    ratios: { aOverB: a / b, cOverB: c / b, bOverCoresLimit: b / limit },
    nativeOverLongestBranch: d - longest,
  };
  await fs.outputJson(path.join(repoRoot, '.bench', 'build.json'), results, { spaces: 2 });
  const s = (value: number) => `${value.toFixed(1)} s`;
  console.log(
    [
      `build benchmark: ${cores} cores, load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}, medians of ${RUNS}`,
      `  alone: ${PLATFORMS.map((p) => `${p} ${s(alone[p]!)}`).join(', ')}; the cores' limit ${s(limit)}`,
      `  (a) the seeds' command, build + push --all     ${s(a)}`,
      `  (b) our pipeline, emulated, cold                ${s(b)}`,
      `  (c) our pipeline again, nothing changed         ${s(c)}`,
      `  (d) native strategy, a branch per platform      ${s(d)}  (longest platform alone ${s(longest)}; d - longest = ${s(d - longest)})`,
      `  (a)/(b) = ${(a / b).toFixed(2)}   (c)/(b) = ${(c / b).toFixed(2)}   (b)/limit = ${(b / limit).toFixed(2)}`,
      '  written to .bench/build.json',
    ].join('\n'),
  );
});
