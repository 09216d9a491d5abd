import fs from 'fs-extra';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PipelineConfig } from '../src/model/pipeline.js';
import {
  agentTempDir,
  appRepository,
  giveToAgent,
  resolveAgent,
  type Agent,
} from './support/agent.js';
import { loginAndPushBaseImage } from './support/base-image.js';
import { renderJob } from './support/cli.js';
import {
  expectImagesBeforeIndex,
  indexPut,
  startFaultProxy,
  type FaultProxy,
  type ProxiedRequest,
} from './support/fault-proxy.js';
import { readIndex } from './support/oci.js';
import { runPipeline, type PipelineRun } from './support/pipeline.js';
import { startRegistry, type Registry } from './support/registry.js';
import { requireTools } from './support/tools.js';

/**
 * A registry that fails during the push, end to end and rootless: the pipeline pushes through a
 * proxy (support/fault-proxy.ts) that answers 503, resets the connection or never answers, on the
 * test's schedule. The push is retried (push.retries, waiting 5 then 10 s; a try that hangs is
 * stopped after push.timeoutSeconds) and succeeds once the registry answers again, or fails after
 * its bound naming the registry and the tag; the images
 * always go before the index, so a tag never names an index whose images the registry lacks.
 */
const tools = ['podman', 'skopeo', 'groovy', 'docker-registry', 'htpasswd', 'git', 'runuser'];
const PLATFORMS = ['linux/amd64', 'linux/arm64'];
const APP_DOCKERFILE = 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN uname -m > /etc/build-arch\n';

/** The config's push section. */
type PushSettings = NonNullable<PipelineConfig['push']>;

describe.skipIf(requireTools(tools).skip)('e2e: a registry that fails during the push', () => {
  const PASSWORD = `fault pa$$ "word"`;
  let agent: Agent;
  let registry: Registry;
  let proxy: FaultProxy;
  let dir: string;
  let bare: string;
  let config: (tag: string, push: PushSettings) => PipelineConfig;
  let buildNumber = 0;

  beforeAll(async () => {
    agent = resolveAgent();
    registry = await startRegistry('jenkins', PASSWORD);
    proxy = await startFaultProxy(registry.host);
    dir = await agentTempDir(agent, 'jma-faults-');
    const { image } = await loginAndPushBaseImage(agent, registry, dir, { platforms: PLATFORMS });
    bare = await appRepository(agent, dir, 'app', { Dockerfile: APP_DOCKERFILE });
    config = (tag, pushSettings) => ({
      agent: { label: 'podman' },
      image: { name: 'acme/faults', tags: [tag] },
      platforms: PLATFORMS,
      // Through the proxy too: Preflight reads it with the registry's login and TLS setting.
      build: { args: { BASE_IMAGE: image.replace(registry.host, proxy.host) } },
      registries: [{ host: proxy.host, credentialsId: 'push', tlsVerify: false }],
      smoke: { enabled: false },
      push: pushSettings,
    });
  });

  afterAll(async () => {
    await proxy?.stop();
    await registry?.stop();
    if (dir) await fs.remove(dir);
  });

  /** Renders the config for `tag`, runs it, and returns the run with the requests it made. */
  async function push(
    tag: string,
    pushSettings: PushSettings,
  ): Promise<{ run: PipelineRun; requests: ProxiedRequest[] }> {
    buildNumber += 1;
    const jobDir = path.join(dir, `job-${buildNumber}`);
    const jenkinsfile = await renderJob(jobDir, config(tag, pushSettings));
    await giveToAgent(agent, jobDir);
    const before = proxy.requests.length;
    const run = await runPipeline(agent, {
      jenkinsfile,
      dir: jobDir,
      buildNumber,
      jobName: 'faults',
      credentials: {
        push: { type: 'usernamePassword', username: registry.user, password: PASSWORD },
      },
      scm: { url: bare, branch: 'main' },
    });
    return { run, requests: proxy.requests.slice(before) };
  }

  test(
    '503 on the index for two pushes: retried after 5 and 10 s, then pushed and verified',
    { timeout: 300_000 },
    async () => {
      // podman 4.3.1 tries the index as OCI, then as a Docker list: two PUTs a push.
      let failures = 0;
      proxy.decide = (r) => (indexPut('1.0')(r) && failures++ < 4 ? '503' : 'pass');
      const { run, requests } = await push('1.0', { retries: 2 });
      expect(run.result.result, run.log).toBe('SUCCESS');
      expect(run.log).toContain(
        `WARNING: pushing ${proxy.host}/acme/faults:1.0 failed; retry 1 of 2 in 5 seconds.`,
      );
      expect(run.log).toContain(
        `WARNING: pushing ${proxy.host}/acme/faults:1.0 failed; retry 2 of 2 in 10 seconds.`,
      );
      expect(requests.filter((r) => r.fault === '503')).toHaveLength(4);
      expectImagesBeforeIndex(requests, '1.0', PLATFORMS.length);
      const index = await readIndex(registry, 'acme/faults', '1.0');
      expect(index.entries.map((e) => e.platform).sort()).toEqual(PLATFORMS);
    },
  );

  test(
    'the connection reset as a blob upload starts: the retry completes',
    { timeout: 300_000 },
    async () => {
      let resets = 0;
      proxy.decide = (r) =>
        r.method !== 'GET' &&
        r.method !== 'HEAD' &&
        r.path.includes('/blobs/uploads/') &&
        resets++ < 1
          ? 'reset'
          : 'pass';
      const { run, requests } = await push('1.1', { retries: 1 });
      expect(run.result.result, run.log).toBe('SUCCESS');
      expect(requests.filter((r) => r.fault === 'reset')).toHaveLength(1);
      expect(run.log).toContain(
        `WARNING: pushing ${proxy.host}/acme/faults:1.1 failed; retry 1 of 1 in 5 seconds.`,
      );
      expectImagesBeforeIndex(requests, '1.1', PLATFORMS.length);
      const index = await readIndex(registry, 'acme/faults', '1.1');
      expect(index.entries.map((e) => e.platform).sort()).toEqual(PLATFORMS);
    },
  );

  test(
    'a registry that never answers the index: that try is stopped after push.timeoutSeconds, the retry completes',
    { timeout: 300_000 },
    async () => {
      let stalls = 0;
      proxy.decide = (r) => (indexPut('1.3')(r) && stalls++ < 1 ? 'stall' : 'pass');
      const started = Date.now();
      const { run, requests } = await push('1.3', { retries: 1, timeoutSeconds: 10 });
      expect(run.result.result, run.log).toBe('SUCCESS');
      expect(requests.filter((r) => r.fault === 'stall')).toHaveLength(1);
      expect(run.log).toContain(
        `WARNING: pushing ${proxy.host}/acme/faults:1.3 was stopped after 10 seconds (push.timeoutSeconds); retry 1 of 1 in 5 seconds.`,
      );
      expectImagesBeforeIndex(requests, '1.3', PLATFORMS.length);
      const index = await readIndex(registry, 'acme/faults', '1.3');
      expect(index.entries.map((e) => e.platform).sort()).toEqual(PLATFORMS);
      // Bounded: the whole run, build included, well within podman's wait for ever.
      expect(Date.now() - started).toBeLessThan(240_000);
    },
  );

  test(
    'a registry that stays down: the build fails after its retry, naming registry and tag, and no tag is made',
    { timeout: 300_000 },
    async () => {
      proxy.decide = (r) => (indexPut('1.2')(r) ? '503' : 'pass');
      const { run, requests } = await push('1.2', { retries: 1 });
      expect(run.result.result, run.log).toBe('FAILURE');
      expect(run.result.stages.map((s) => `${s.name} ${s.result}`)).toContain('Push FAILURE');
      expect(run.result.stages.at(-1)).toEqual({ name: 'Cleanup', result: 'SUCCESS' });
      expect(run.log).toContain(
        `ERROR: pushing ${proxy.host}/acme/faults:1.2 failed on every try (1 + push.retries = 2): raise push.retries if the registry needs longer to come back.`,
      );
      // Two pushes, each trying OCI and then Docker's format.
      expect(requests.filter(indexPut('1.2'))).toHaveLength(4);
      expectImagesBeforeIndex(requests, '1.2', PLATFORMS.length);
      const tags = (await (await registry.get('/v2/acme/faults/tags/list')).json()) as {
        tags: string[];
      };
      expect(tags.tags.sort()).toEqual(['1.0', '1.1', '1.3']);
    },
  );
});
