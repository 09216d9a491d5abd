import fs from 'fs-extra';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  agentShell,
  agentTempDir,
  appRepository,
  giveToAgent,
  resolveAgent,
  type Agent,
} from './support/agent.js';
import { loginAndPushBaseImage } from './support/base-image.js';
import { renderJob } from './support/cli.js';
import { readIndex } from './support/oci.js';
import { expectEveryStageSucceeded, runPipeline, type PipelineRun } from './support/pipeline.js';
import { startRegistry, type Registry } from './support/registry.js';
import { requireTools } from './support/tools.js';

/**
 * Builds at the same time on one agent, end to end and rootless, as Jenkins runs them on an agent
 * with several executors: two builds of each of two jobs, four at once. The two builds of one job
 * each have a workspace of their own (Jenkins core's hudson.slaves.WorkspaceList.allocate gives a
 * second build `workspace@2` while the first holds `workspace`). The batch starts on a storage that
 * does not hold its base image yet, where podman's concurrent pulls raced (3 of 4 such runs failed
 * before build.sh retried the lost base image; containers/storage#915). Every build must succeed,
 * touch only its own list and login, and push an index with each platform once. The Dockerfile has
 * no RUN, so the batch takes podman's time, not QEMU's.
 */
const tools = ['podman', 'skopeo', 'groovy', 'docker-registry', 'htpasswd', 'git', 'runuser'];
const PLATFORMS = ['linux/amd64', 'linux/arm64'];
const APP_DOCKERFILE = 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCOPY hello.txt /hello.txt\n';

describe.skipIf(requireTools(tools).skip)('e2e: concurrent builds on one agent', () => {
  const PASSWORD = `concurrent pa$$ "word"`;
  let agent: Agent;
  let registry: Registry;
  let dir: string;
  let bare: string;

  beforeAll(async () => {
    agent = resolveAgent();
    registry = await startRegistry('jenkins', PASSWORD);
    dir = await agentTempDir(agent, 'jma-concurrent-');
    await loginAndPushBaseImage(agent, registry, dir, {
      name: 'base/four:1',
      platforms: PLATFORMS,
    });
    bare = await appRepository(agent, dir, 'app', {
      Dockerfile: APP_DOCKERFILE,
      'hello.txt': 'hello\n',
    });
  });

  afterAll(async () => {
    await registry?.stop();
    if (dir) await fs.remove(dir);
  });

  /** Renders and runs build `buildNumber` of `job`, from base image `base`, in its own workspace. */
  async function build(job: string, buildNumber: number, base: string): Promise<PipelineRun> {
    const jobDir = path.join(dir, `${job}-${buildNumber}`);
    const config = {
      agent: { label: 'podman' },
      image: { name: `acme/${job}`, tags: ['latest'] },
      platforms: PLATFORMS,
      build: { args: { BASE_IMAGE: `${registry.host}/${base}` } },
      registries: [{ host: registry.host, credentialsId: 'push', tlsVerify: false }],
      smoke: { enabled: false },
    };
    const jenkinsfile = await renderJob(jobDir, config);
    await giveToAgent(agent, jobDir);
    return runPipeline(agent, {
      jenkinsfile,
      dir: jobDir,
      buildNumber,
      jobName: job,
      credentials: {
        push: { type: 'usernamePassword', username: registry.user, password: PASSWORD },
      },
      scm: { url: bare, branch: 'main' },
    });
  }

  /**
   * Each build used only its own manifest list (named by its BUILD_TAG) and its own workspace,
   * where its login lives; the index has each platform once; no list is left on the agent.
   */
  async function expectApart(builds: { job: string; buildNumber: number; run: PipelineRun }[]) {
    for (const { job, buildNumber, run } of builds) {
      expectEveryStageSucceeded(run);
      const lists = new Set(run.log.match(/localhost\/jenkins-multiarch:[\w.-]+/g));
      expect([...lists].map((list) => list.replace(/:\d+-/, ':'))).toEqual([
        `localhost/jenkins-multiarch:jenkins-${job}-${buildNumber}`,
      ]);
      const workspaces = new Set(
        [...run.log.matchAll(new RegExp(`${dir}/([\\w-]+)/workspace`, 'g'))].map((m) => m[1]),
      );
      expect([...workspaces]).toEqual([`${job}-${buildNumber}`]);
    }
    for (const job of new Set(builds.map((b) => b.job))) {
      const index = await readIndex(registry, `acme/${job}`, 'latest');
      expect(index.entries.map((e) => e.platform).sort()).toEqual(PLATFORMS);
    }
    const left = await agentShell(
      agent,
      `podman images --format '{{.Repository}}:{{.Tag}}' | grep -c 'jenkins-multiarch:.*-jenkins-conc-' || true`,
    );
    expect(left.trim()).toBe('0');
  }

  test('four at once: two builds of each of two jobs', { timeout: 300_000 }, async () => {
    const builds = ['conc-b', 'conc-c'].flatMap((job) =>
      [1, 2].map((buildNumber) => ({ job, buildNumber })),
    );
    const runs = await Promise.all(builds.map((b) => build(b.job, b.buildNumber, 'base/four:1')));
    await expectApart(builds.map((b, i) => ({ ...b, run: runs[i]! })));
  });
});
