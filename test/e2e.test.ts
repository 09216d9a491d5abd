import { execa } from 'execa';
import fs from 'fs-extra';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadResources } from '../src/package-files.js';
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
import { renderJob, renderLibraryJob } from './support/cli.js';
import { readImageConfig, readImageFile, readIndex } from './support/oci.js';
import { expectEveryStageSucceeded, runPipeline, type PipelineRun } from './support/pipeline.js';
import { startRegistry, type Registry } from './support/registry.js';
import { repoRoot, requireTools } from './support/tools.js';

/**
 * The bundled example, end to end and rootless: render -> the Groovy 2.4 harness runs the
 * Jenkinsfile as an unprivileged agent -> clone -> podman builds three platforms under QEMU ->
 * push with htpasswd credentials -> verify; then this test reads the registry independently.
 */
const tools = ['podman', 'groovy', 'docker-registry', 'htpasswd', 'git', 'tar', 'runuser'];

describe.skipIf(requireTools(tools).skip)('e2e: examples/hello with rootless podman', () => {
  // A password that breaks naive quoting: $, a space, both quotes, and a Groovy/shell expansion.
  const PASSWORD = `pa$s w"o'rd \${HOME} $(id)`;
  // A build argument and a label that must reach the image byte for byte through withEnv (which
  // passes values verbatim) and the shell: $NAME, $$, ${NAME}, quotes, backslashes, a newline.
  const GREETING = `it's $HOME, $$ and \${USER}, "quoted" \\ back\\slash\nsecond line`;
  const PLATFORMS = BASE_PLATFORMS.map((p) => p.platform);
  const resources = loadResources();

  let agent: Agent;
  let registry: Registry;
  let dir: string;
  let authFile: string;
  let baseImage: string;
  let repo: string;
  let bareRepo: string;
  let commit: string;
  let jobDir: string;
  const runs: PipelineRun[] = [];

  const credentials = () => ({
    'registry-push': { type: 'usernamePassword', username: registry.user, password: PASSWORD },
  });
  const build = (buildNumber: number, killWhen?: RegExp) =>
    runPipeline(agent, {
      jenkinsfile: path.join(repo, 'Jenkinsfile'),
      dir: jobDir,
      buildNumber,
      credentials: credentials(),
      scm: { url: bareRepo, branch: 'main' },
      killWhen,
    });

  /**
   * The registry holds exactly the requested platforms under every tag, each image really built by
   * its own architecture (RUN uname -m under QEMU) with the build argument intact.
   */
  async function expectVerifiedImage(repository: string) {
    const index = await readIndex(registry, repository, '1.0.0');
    expect(index.entries.map((e) => e.platform).sort()).toEqual([...PLATFORMS].sort());
    // The tags computed from git: latest (built from main) and the short commit.
    expect((await readIndex(registry, repository, 'latest')).digest).toBe(index.digest);
    expect((await readIndex(registry, repository, commit.slice(0, 7))).digest).toBe(index.digest);
    for (const { platform, uname } of BASE_PLATFORMS) {
      const entry = index.entries.find((e) => e.platform === platform)!;
      expect(await readImageFile(registry, repository, entry.digest, 'etc/build-arch')).toBe(
        `${uname}\n`,
      );
      expect(await readImageFile(registry, repository, entry.digest, 'etc/greeting')).toBe(
        `${GREETING}\n`,
      );
      const image = await readImageConfig(registry, repository, entry.digest);
      expect(image.config.Labels?.['org.example.greeting']).toBe(GREETING);
    }
  }

  beforeAll(async () => {
    agent = resolveAgent();
    registry = await startRegistry('jenkins', PASSWORD);
    dir = await agentTempDir(agent, 'jma-e2e-');
    jobDir = path.join(dir, 'job');
    ({ image: baseImage, authFile } = await loginAndPushBaseImage(agent, registry, dir));

    // The application repository: the bundled example, pointed at the local registry.
    repo = path.join(dir, 'hello');
    // The pipeline clones from a bare repository, as from a git server.
    bareRepo = path.join(dir, 'hello.git');
    await fs.copy(path.join(repoRoot, 'examples', 'hello'), repo);
    const config = parseYaml(await fs.readFile(path.join(repo, 'jenkins-multiarch.yaml'), 'utf8'));
    config.registries = [{ host: registry.host, credentialsId: 'registry-push', tlsVerify: false }];
    config.build.args = { BASE_IMAGE: baseImage, GREETING };
    config.image.labels = { 'org.example.greeting': GREETING };
    await renderJob(repo, config);
    await giveToAgent(agent, repo);
    await agentShell(
      agent,
      `cd "$REPO" && git init -q -b main && git add -A && git -c user.name=ci -c user.email=ci@example.com commit -qm app
       git clone -q --bare "$REPO" "$BARE"`,
      { REPO: repo, BARE: bareRepo },
    );
    commit = (await agentShell(agent, 'git -C "$REPO" rev-parse HEAD', { REPO: repo })).trim();
  });

  afterAll(async () => {
    await registry?.stop();
    if (dir) await fs.remove(dir);
  });

  test(
    'the rendered Jenkinsfile builds, pushes and verifies linux/amd64, arm64 and mips64le',
    { timeout: 300_000 },
    async () => {
      const run = await build(1);
      runs.push(run);
      expectEveryStageSucceeded(run);
      expect(run.log).toContain(
        `INFO: ${registry.host}/acme/hello:1.0.0 lists exactly: ${[...PLATFORMS].sort().join(' ')}`,
      );
      // The smoke run: each platform of the pushed index runs its own machine (QEMU for two).
      for (const { platform, uname } of BASE_PLATFORMS)
        expect(run.log).toContain(`\nOK: ${platform} runs (uname -m: ${uname})\n`);

      await expectVerifiedImage('acme/hello');
    },
  );

  test(
    'a second build leaves exactly three entries, even over a stale list its predecessor left',
    { timeout: 300_000 },
    async () => {
      // Simulate a build 2 killed before its post step: its manifest list already holds 3 images.
      const listName = await agentShell(
        agent,
        `${resources.get('common.sh')}\necho "$manifest_list"`,
        {
          WORKSPACE: jobDir,
          BUILD_TAG: 'jenkins-hello-2',
        },
      );
      await agentShell(
        agent,
        'podman manifest rm "$LIST" >/dev/null 2>&1 || true; podman manifest create "$LIST" >/dev/null && podman manifest add --all --tls-verify=false "$LIST" "docker://$BASE" >/dev/null',
        { LIST: listName.trim(), BASE: baseImage, REGISTRY_AUTH_FILE: authFile },
      );

      const run = await build(2);
      runs.push(run);
      expect(run.result.result, run.log).toBe('SUCCESS');
      for (const tag of ['1.0.0', 'latest']) {
        const index = await readIndex(registry, 'acme/hello', tag);
        expect(index.entries.map((e) => e.platform).sort()).toEqual([...PLATFORMS].sort());
      }
      // post removed the build's list, so nothing accumulates on the agent.
      const lists = await asAgent(agent, 'podman', ['image', 'exists', listName.trim()]);
      expect(lists.exitCode).toBe(1);
    },
  );

  test(
    'a build killed during Build, and one killed during Push, leave nothing the next build trips on',
    { timeout: 600_000 },
    async () => {
      const state = path.join(jobDir, 'workspace', '.jenkins-multiarch');
      const listOf = async (buildNumber: number) =>
        (
          await agentShell(agent, `${resources.get('common.sh')}\necho "$manifest_list"`, {
            // A workspace of its own, which no other build has used.
            WORKSPACE: path.join(dir, `names-${buildNumber}`),
            BUILD_TAG: `jenkins-hello-${buildNumber}`,
          })
        ).trim();
      const exists = async (list: string) =>
        (await asAgent(agent, 'podman', ['image', 'exists', list])).exitCode === 0;

      // Killed while podman builds: its login stays in the workspace.
      const duringBuild = await build(3, /\+ timeout .* podman build /);
      runs.push(duringBuild);
      expect(duringBuild.result.result, duringBuild.log).toBe('NONE');
      expect(await fs.readFile(path.join(state, 'auth.json'), 'utf8')).toContain(registry.host);

      // The next build starts by removing that; killed in turn as the push begins, when its list
      // holds every platform.
      const duringPush = await build(4, /\+ timeout .* podman manifest push /);
      runs.push(duringPush);
      expect(duringPush.log).toContain(
        'INFO: removing what build jenkins-hello-3 left in this workspace when it stopped before its Cleanup',
      );
      expect(duringPush.result.result, duringPush.log).toBe('NONE');
      expect(await exists(await listOf(4))).toBe(true);

      const next = await build(5);
      runs.push(next);
      expect(next.log).toContain('INFO: removing what build jenkins-hello-4 left');
      expectEveryStageSucceeded(next);
      for (const buildNumber of [3, 4, 5])
        expect(await exists(await listOf(buildNumber))).toBe(false);
      const index = await readIndex(registry, 'acme/hello', '1.0.0');
      expect(index.entries.map((e) => e.platform).sort()).toEqual([...PLATFORMS].sort());
    },
  );

  test(
    "the short library Jenkinsfile gets the same verified index, running the repository's vars/",
    { timeout: 300_000 },
    async () => {
      const config = parseYaml(
        await fs.readFile(path.join(repo, 'jenkins-multiarch.yaml'), 'utf8'),
      );
      config.image.name = 'acme/hello-library';
      const libraryJob = path.join(dir, 'library-job');
      await renderLibraryJob(libraryJob, config);

      const run = await runPipeline(agent, {
        jenkinsfile: path.join(libraryJob, 'Jenkinsfile'),
        dir: libraryJob,
        buildNumber: 1,
        jobName: 'hello-library',
        credentials: credentials(),
        scm: { url: bareRepo, branch: 'main' },
        library: { name: 'jenkins-multiarch', path: repoRoot },
      });
      runs.push(run);
      expectEveryStageSucceeded(run);
      expect(run.log).toContain('[Pipeline] sh (Verify the pushed index)');
      await expectVerifiedImage('acme/hello-library');
    },
  );

  test('the password is in no build log, no emitted file and nothing left in the workspace', async () => {
    expect(runs).toHaveLength(6);
    const basicAuth = Buffer.from(`${registry.user}:${PASSWORD}`).toString('base64');
    for (const run of runs) {
      expect(run.log).toContain('Login Succeeded');
      expect(run.log).not.toContain(PASSWORD);
      expect(run.log).not.toContain(basicAuth);
    }
    expect(await fs.readFile(path.join(repo, 'Jenkinsfile'), 'utf8')).not.toContain(PASSWORD);
    const workspace = path.join(jobDir, 'workspace');
    expect(await fs.pathExists(path.join(workspace, '.jenkins-multiarch'))).toBe(false);
    const leftovers = await execa('grep', ['-rlF', '-e', PASSWORD, '-e', basicAuth, workspace], {
      reject: false,
    });
    expect(leftovers.stdout).toBe('');
  });

  test(
    'verify fails a tag whose index lacks a platform, lists one twice, or lists one digest twice',
    { timeout: 120_000 },
    async () => {
      const base = await readIndex(registry, 'base/busybox', '1');
      const hello = await readIndex(registry, 'acme/hello', '1.0.0');
      const digest = (index: typeof base, platform: string) =>
        index.entries.find((e) => e.platform === platform)!.digest;
      const ref = (repository: string, d: string) => `docker://${registry.host}/${repository}@${d}`;
      const partial = [
        ref('base/busybox', digest(base, 'linux/amd64')),
        ref('base/busybox', digest(base, 'linux/arm64')),
      ];
      // Seed 000's bug: a rebuild appended a second arm64 image to the list.
      const duplicate = [
        ...partial,
        ref('acme/hello', digest(hello, 'linux/arm64')),
        ref('base/busybox', digest(base, 'linux/mips64le')),
      ];
      await agentShell(
        agent,
        `push() { tag=$1; shift
         podman manifest rm "localhost/jma-broken:$tag" >/dev/null 2>&1 || true
         podman manifest create "localhost/jma-broken:$tag" >/dev/null
         for ref in "$@"; do podman manifest add --tls-verify=false "localhost/jma-broken:$tag" "$ref" >/dev/null; done
         podman manifest push --all --quiet --tls-verify=false "localhost/jma-broken:$tag" "docker://$HOST/acme/broken:$tag"
         podman manifest rm "localhost/jma-broken:$tag" >/dev/null; }
       push partial ${partial.join(' ')}
       push duplicate ${duplicate.join(' ')}`,
        { HOST: registry.host, REGISTRY_AUTH_FILE: authFile },
      );
      expect((await readIndex(registry, 'acme/broken', 'duplicate')).entries).toHaveLength(4);
      // The same image listed twice, which podman cannot write: `podman manifest add --all`
      // keeps one entry of it, so only a raw read of the index sees it.
      const index = 'application/vnd.oci.image.index.v1+json';
      const raw = JSON.parse(
        await (await registry.get('/v2/acme/broken/manifests/duplicate', [index])).text(),
      ) as { manifests: { digest: string; platform: { architecture: string } }[] };
      const amd64 = raw.manifests.find((m) => m.platform.architecture === 'amd64')!;
      raw.manifests.push(amd64);
      await registry.putManifest('acme/broken', 'twice', JSON.stringify(raw), index);

      const result = await agentStep(agent, ['login', 'tags', 'verify'], {
        WORKSPACE: jobDir,
        BUILD_TAG: 'jenkins-e2e-step-1',
        MULTIARCH_REGISTRIES: registry.host,
        MULTIARCH_INSECURE_REGISTRIES: registry.host,
        MULTIARCH_LOGIN_REGISTRY: registry.host,
        MULTIARCH_IMAGE: 'acme/broken',
        MULTIARCH_TAGS: 'partial duplicate twice',
        MULTIARCH_PLATFORMS: PLATFORMS.join(','),
        MULTIARCH_REGISTRY_USER: registry.user,
        MULTIARCH_REGISTRY_PASSWORD: PASSWORD,
      });
      expect(result.exitCode).toBe(1);
      const expected = 'the build asked for [linux/amd64 linux/arm64 linux/mips64le], each once.';
      expect(result.stdout).toContain(
        `ERROR: ${registry.host}/acme/broken:partial: it lists [linux/amd64 linux/arm64] but ${expected}`,
      );
      expect(result.stdout).toContain(
        `ERROR: ${registry.host}/acme/broken:duplicate: it lists [linux/amd64 linux/arm64 linux/arm64 linux/mips64le] but ${expected}`,
      );
      expect(result.stdout).toContain(
        `ERROR: ${registry.host}/acme/broken:twice: it lists ${amd64.digest} more than once; it lists [linux/amd64 linux/amd64 linux/arm64 linux/arm64 linux/mips64le] but ${expected}`,
      );
      expect(result.all).not.toContain(PASSWORD);
    },
  );
});
