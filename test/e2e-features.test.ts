import fs from 'fs-extra';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PipelineConfig } from '../src/model/pipeline.js';
import {
  agentShell,
  agentTempDir,
  giveToAgent,
  resolveAgent,
  type Agent,
} from './support/agent.js';
import { BASE_PLATFORMS, loginAndPushBaseImage } from './support/base-image.js';
import { renderJob, renderLibraryJob } from './support/cli.js';
import { readImageConfig, readImageFile, readIndex } from './support/oci.js';
import { runPipeline, type PipelineRun } from './support/pipeline.js';
import { startRegistry, type Registry } from './support/registry.js';
import { repoRoot, requireTools } from './support/tools.js';

/**
 * What the model grew for platform teams, end to end and rootless: a release build of git tag
 * v1.2.3 on a Kubernetes agent (the harness holds container() to the pod's containers, and its
 * podman container has no git), pushed to three registries (plain HTTP with tlsVerify: false,
 * HTTPS verified against a CA the agent trusts, each with its own login, and one that needs no
 * login); tags computed from git; user labels; target stage, no-cache, pull policy and an
 * allowed extra flag. Run as the standalone Jenkinsfile and as the library's. Then a build whose
 * only registry needs no login.
 */
const tools = [
  'podman',
  'groovy',
  'docker-registry',
  'htpasswd',
  'openssl',
  'git',
  'tar',
  'runuser',
];

describe.skipIf(requireTools(tools).skip)(
  'e2e: tags from git, three registries, a pod agent',
  () => {
    const PLAIN_PASSWORD = `plain'pa$$ "word" \${HOME}`;
    const TLS_PASSWORD = `tls pa$(id)ss\`w\`ord`;
    const LABEL = `platform "team" $HOME 'x'`;
    const PLATFORMS = ['linux/amd64', 'linux/arm64'];
    const RELEASE_TAGS = ['1.2.3', '1.2', '1', 'latest'];

    let agent: Agent;
    let plain: Registry;
    let secure: Registry;
    /** No authentication: `credentialsId: null`. */
    let open: Registry;
    let dir: string;
    let commit: string;
    let bareRepo: string;
    let config: PipelineConfig;
    let noGitPath: string;
    const runs: PipelineRun[] = [];

    const credentials = () => ({
      'plain-push': { type: 'usernamePassword', username: plain.user, password: PLAIN_PASSWORD },
      'tls-push': { type: 'usernamePassword', username: secure.user, password: TLS_PASSWORD },
    });

    /** A multibranch job's build of the tag v1.2.3: Jenkins sets TAG_NAME and BRANCH_NAME. */
    async function releaseBuild(jobDir: string, jenkinsfile: string, library?: boolean) {
      const run = await runPipeline(agent, {
        jenkinsfile,
        dir: jobDir,
        buildNumber: 1,
        jobName: path.basename(jobDir),
        credentials: credentials(),
        // The tag's commit is main's; the harness's checkout fetches branches.
        scm: { url: bareRepo, branch: 'main' },
        env: { TAG_NAME: 'v1.2.3', BRANCH_NAME: 'v1.2.3' },
        // Like quay.io/podman/stable, the podman container has no git: what the build needs from
        // git, the Clone stage recorded where git is.
        containerEnv: { 'podman-builder': { PATH: noGitPath } },
        ...(library && { library: { name: 'jenkins-multiarch', path: repoRoot } }),
      });
      runs.push(run);
      expect(run.result.result, run.log).toBe('SUCCESS');
      return run;
    }

    /** Every computed tag, in every registry, names one index of exactly the two platforms. */
    async function expectReleasedImage(repository: string) {
      const reference = await readIndex(plain, repository, '1.2.3');
      expect(reference.entries.map((e) => e.platform).sort()).toEqual(PLATFORMS);
      for (const registry of [plain, secure, open])
        for (const tag of [...RELEASE_TAGS, commit.slice(0, 7)])
          expect(
            (await readIndex(registry, repository, tag)).digest,
            `${registry.host} ${tag}`,
          ).toBe(reference.digest);
      // Only the computed tags: no branch tag for a tag build.
      const listed = await (await secure.get(`/v2/${repository}/tags/list`)).json();
      expect((listed as { tags: string[] }).tags.sort()).toEqual(
        [...RELEASE_TAGS, commit.slice(0, 7)].sort(),
      );
      for (const entry of reference.entries) {
        const image = (await readImageConfig(secure, repository, entry.digest)) as Awaited<
          ReturnType<typeof readImageConfig>
        > & { history?: unknown[] };
        expect(image.config.Labels).toMatchObject({
          'org.example.team': LABEL,
          'org.opencontainers.image.version': 'v1.2.3',
          'org.opencontainers.image.revision': commit,
        });
        // --omit-history, from build.extraArgs.
        expect(image.history ?? []).toEqual([]);
        // target: runtime; the debug stage after it was not built.
        expect(await readImageFile(secure, repository, entry.digest, 'etc/build-arch')).toBe(
          `${BASE_PLATFORMS.find((p) => p.platform === entry.platform)!.uname}\n`,
        );
        await expect(readImageFile(secure, repository, entry.digest, 'etc/debug')).rejects.toThrow(
          /in no layer/,
        );
      }
    }

    beforeAll(async () => {
      agent = resolveAgent();
      plain = await startRegistry('plain-user', PLAIN_PASSWORD);
      secure = await startRegistry('tls-user', TLS_PASSWORD, { tls: { agent } });
      open = await startRegistry('anyone', 'unused', { open: true });
      dir = await agentTempDir(agent, 'jma-features-');
      const { image: baseImage } = await loginAndPushBaseImage(agent, plain, dir);

      noGitPath = path.join(dir, 'no-git-bin');
      await agentShell(
        agent,
        `mkdir "$BIN" && for tool in /usr/bin/* /usr/sbin/*; do
         case \${tool##*/} in git | git-*) ;; *) ln -sf "$tool" "$BIN/" ;; esac
       done`,
        { BIN: noGitPath },
      );

      const repo = path.join(dir, 'app');
      bareRepo = path.join(dir, 'app.git');
      await fs.outputFile(
        path.join(repo, 'Dockerfile'),
        [
          'ARG BASE_IMAGE',
          'FROM ${BASE_IMAGE} AS runtime',
          'RUN uname -m > /etc/build-arch',
          'FROM runtime AS debug',
          'RUN echo debug > /etc/debug',
          '',
        ].join('\n'),
      );
      config = {
        agent: { kubernetes: { container: 'podman-builder' } },
        image: {
          name: 'acme/release',
          tags: [
            { from: 'semver' },
            { from: 'semver', pattern: '{{major}}.{{minor}}' },
            { from: 'semver', pattern: '{{major}}' },
            { from: 'git-sha' },
            { from: 'branch' },
            { from: 'latest' },
          ],
          labels: { 'org.example.team': LABEL },
        },
        platforms: PLATFORMS,
        build: {
          args: { BASE_IMAGE: baseImage },
          target: 'runtime',
          pull: 'missing',
          noCache: true,
          timeoutMinutes: 30,
          extraArgs: ['--omit-history'],
          isolation: 'chroot',
        },
        registries: [
          { host: plain.host, credentialsId: 'plain-push', tlsVerify: false },
          { host: secure.host, credentialsId: 'tls-push' },
          { host: open.host, credentialsId: null, tlsVerify: false },
        ],
        push: { retries: 1 },
      };
      await renderJob(repo, config);
      await giveToAgent(agent, repo);
      await agentShell(
        agent,
        `cd "$REPO" && git init -q -b main && git add -A && git -c user.name=ci -c user.email=ci@example.com commit -qm app
       git tag v1.2.3 && git clone -q --bare "$REPO" "$BARE"`,
        { REPO: repo, BARE: bareRepo },
      );
      commit = (await agentShell(agent, 'git -C "$REPO" rev-parse HEAD', { REPO: repo })).trim();
    }, 300_000);

    afterAll(async () => {
      await plain?.stop();
      await secure?.stop();
      await open?.stop();
      if (dir) await fs.remove(dir);
    });

    test(
      'the rendered Jenkinsfile of a release builds in the pod, pushes 1.2.3, 1.2, 1, latest and the commit to every registry, and verifies them',
      { timeout: 300_000 },
      async () => {
        const run = await releaseBuild(path.join(dir, 'job'), path.join(dir, 'app', 'Jenkinsfile'));
        const kubernetes = (run.result as { agent?: { kubernetes?: { containers: string[] } } })
          .agent?.kubernetes;
        expect(kubernetes?.containers).toEqual(['podman-builder', 'skopeo', 'jnlp']);
        expect(run.log).toContain('[Pipeline] container (podman-builder)');
        // Verify reads the registries with skopeo, in the pod's container of its own.
        expect(run.log).toMatch(
          /\[Pipeline\] container \(skopeo\)\n(.*\n){0,4}\[Pipeline\] sh \(Verify the pushed index\)/,
        );
        expect(run.log).toContain(`INFO: logging in to ${plain.host} as ${plain.user}`);
        expect(run.log).toContain(`INFO: logging in to ${secure.host} as ${secure.user}`);
        expect(run.log).toContain(
          `INFO: this build pushes the tags: 1.2.3 1.2 1 ${commit.slice(0, 7)} latest`,
        );
        for (const registry of [plain, secure, open])
          expect(run.log).toContain(
            `INFO: ${registry.host}/acme/release:1.2 lists exactly: linux/amd64 linux/arm64`,
          );
        expect(run.log).not.toContain(`logging in to ${open.host}`);
        await expectReleasedImage('acme/release');
      },
    );

    test(
      "the library's multiarchPipeline does the same on its Kubernetes agent",
      { timeout: 300_000 },
      async () => {
        const jobDir = path.join(dir, 'library-job');
        await renderLibraryJob(jobDir, {
          ...config,
          image: { ...config.image, name: 'acme/release-library' },
        });
        await giveToAgent(agent, jobDir);
        const run = await releaseBuild(jobDir, path.join(jobDir, 'Jenkinsfile'), true);
        expect(run.log).toContain('[Pipeline] container (podman-builder)');
        await expectReleasedImage('acme/release-library');
      },
    );

    test(
      'a build whose only registry needs no login pushes and verifies, with no login at all',
      { timeout: 300_000 },
      async () => {
        const { image: openBase } = await loginAndPushBaseImage(
          agent,
          open,
          path.join(dir, 'open'),
        );
        const jobDir = path.join(dir, 'open-job');
        await renderLibraryJob(jobDir, {
          ...config,
          agent: { label: 'podman' },
          image: { name: 'acme/open', tags: ['1.0'] },
          build: { args: { BASE_IMAGE: openBase }, target: 'runtime', isolation: 'chroot' },
          registries: [{ host: open.host, credentialsId: null, tlsVerify: false }],
        });
        await giveToAgent(agent, jobDir);
        const run = await releaseBuild(jobDir, path.join(jobDir, 'Jenkinsfile'), true);
        expect(run.log).not.toContain('[Pipeline] withCredentials');
        expect(run.log).toContain(
          `INFO: ${open.host}/acme/open:1.0 lists exactly: linux/amd64 linux/arm64`,
        );
        expect(
          (await readIndex(open, 'acme/open', '1.0')).entries.map((e) => e.platform).sort(),
        ).toEqual(PLATFORMS);
      },
    );

    test('neither password is in a build log or left in a workspace', async () => {
      expect(runs).toHaveLength(3);
      for (const run of runs)
        for (const password of [PLAIN_PASSWORD, TLS_PASSWORD])
          expect(run.log).not.toContain(password);
      for (const job of ['job', 'library-job', 'open-job'])
        expect(await fs.pathExists(path.join(dir, job, 'workspace', '.jenkins-multiarch'))).toBe(
          false,
        );
    });
  },
);
