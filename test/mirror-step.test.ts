import { createHash } from 'node:crypto';
import fs from 'fs-extra';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { groovyCall } from '../src/render/groovy.js';
import { agentShell, agentTempDir, resolveAgent, type Agent } from './support/agent.js';
import { loginAndPushBaseImage } from './support/base-image.js';
import { fakeCalls, installFakeTools } from './support/fake-tools.js';
import { readIndex } from './support/oci.js';
import { runPipeline, type PipelineJob } from './support/pipeline.js';
import { startRegistry, type Registry } from './support/registry.js';
import { repoRoot, requireTools } from './support/tools.js';

/**
 * The library step multiarchMirror as a Jenkinsfile calls it, run by the Groovy 2.4 harness as
 * the agent: what it does around mirror.sh (the logins, the step environment, the cleanup), with
 * a fake podman and skopeo; then one real copy between two registries.
 */

/** A harness run starts a JVM and runs a few shell steps: seconds, more on a busy machine. */
const RUN_TIMEOUT = 120_000;

/** A declarative Jenkinsfile that loads the library and calls the step in its one stage. */
function mirrorJenkinsfile(args: Record<string, unknown>): string {
  const call = groovyCall('multiarchMirror', args).replace(/\n/g, '\n        ');
  return `@Library('jenkins-multiarch@test') _\n\npipeline {\n  agent any\n  stages {\n    stage('Mirror') {\n      steps {\n        ${call}\n      }\n    }\n  }\n}\n`;
}

/** The sh steps of a build log, by their labels, in order. */
const shellLabels = (log: string) =>
  [...log.matchAll(/^\[Pipeline\] sh \((.*)\)$/gm)].map((match) => match[1]);

const LOGIN = 'Log in to a registry';
const MIRROR = 'Copy each image to its destination and verify the copy';
const CLEANUP = 'Remove the local manifest list and the registry logins';

async function runMirror(
  agent: Agent,
  jobDir: string,
  args: Record<string, unknown>,
  job: Pick<PipelineJob, 'credentials' | 'env'>,
) {
  await fs.outputFile(path.join(jobDir, 'Jenkinsfile'), mirrorJenkinsfile(args));
  return runPipeline(agent, {
    jenkinsfile: path.join(jobDir, 'Jenkinsfile'),
    dir: jobDir,
    buildNumber: 1,
    jobName: 'mirror',
    library: { name: 'jenkins-multiarch', path: repoRoot },
    ...job,
  });
}

describe.skipIf(requireTools(['groovy', 'sh', 'sha256sum', 'jq']).skip)(
  'multiarchMirror around mirror.sh, with a fake podman and skopeo',
  () => {
    const PASSWORD = 'registry-secret';
    const CREDENTIALS = {
      'registry-push': { type: 'usernamePassword', username: 'ci', password: PASSWORD },
    };
    // One registry with a login, one without, over plain HTTP: each flag comes from registries.
    const REGISTRIES = [
      { host: 'registry.example.com', credentialsId: 'registry-push' },
      { host: 'lab.example.com:5000', credentialsId: null, tlsVerify: false },
    ];
    const IMAGES = [
      {
        source: 'docker.io/library/busybox:1.36',
        destination: 'registry.example.com/mirror/busybox:1.36',
      },
      {
        source: 'lab.example.com:5000/base/debian:bullseye',
        destination: 'registry.example.com/mirror/debian:bullseye',
      },
    ];

    let agent: Agent;
    let dir: string;
    let bin: string;
    let jobs = 0;

    beforeAll(async () => {
      agent = resolveAgent();
      dir = await agentTempDir(agent, 'jma-mirror-step-');
      bin = path.join(dir, 'bin');
      await installFakeTools(bin);
    });
    afterAll(async () => {
      if (dir) await fs.remove(dir);
    });

    /** The step with these arguments, every image of the fake registries offering `offered`. */
    async function mirror(args: Record<string, unknown>, offered: string) {
      const jobDir = path.join(dir, `job${++jobs}`);
      await fs.mkdirp(path.join(jobDir, 'calls'));
      const run = await runMirror(agent, jobDir, args, {
        credentials: CREDENTIALS,
        env: {
          PATH: `${bin}:${agent.env.PATH}`,
          FAKE_CALLS: path.join(jobDir, 'calls'),
          FAKE_STATE: jobDir,
          FAKE_INDEX_PLATFORMS: offered,
        },
      });
      const calls = await fakeCalls(path.join(jobDir, 'calls'));
      const state = path.join(jobDir, 'workspace', '.jenkins-multiarch');
      return { run, calls, stateLeft: await fs.pathExists(state) };
    }

    test(
      'logs in with the named credentials, copies each image as mirror and registries say, then removes the logins',
      { timeout: RUN_TIMEOUT },
      async () => {
        const { run, calls, stateLeft } = await mirror(
          { mirror: { images: IMAGES }, registries: REGISTRIES },
          'linux/amd64,linux/arm64',
        );
        expect(run.result.result, run.log).toBe('SUCCESS');
        expect(shellLabels(run.log)).toEqual([LOGIN, MIRROR, CLEANUP]);
        // Asked of Jenkins once, for the one registry that names credentials.
        expect(run.log.match(/^\[Pipeline\] withCredentials$/gm)).toHaveLength(1);
        const logins = calls.filter(({ argv }) => argv[1] === 'login');
        expect(logins.map(({ argv }) => argv.slice(1))).toEqual([
          [
            'login',
            '--tls-verify=true',
            '--username',
            'ci',
            '--password-stdin',
            'registry.example.com',
          ],
        ]);
        expect(logins[0]!.stdinSha256).toBe(createHash('sha256').update(PASSWORD).digest('hex'));
        // Whole (no platforms), digests kept; TLS as registries says for each end.
        const copies = calls.filter(({ argv }) => argv[0] === 'skopeo' && argv[1] === 'copy');
        // The second source is on the registry over plain HTTP.
        const sourceTls = [true, false];
        expect(copies.map(({ argv }) => argv.slice(1))).toEqual(
          IMAGES.map(({ source, destination }, i) => [
            'copy',
            '--all',
            '--preserve-digests',
            `--src-tls-verify=${sourceTls[i]}`,
            '--dest-tls-verify=true',
            `docker://${source}`,
            `docker://${destination}`,
          ]),
        );
        expect(run.log).toContain(
          `INFO: verified: ${IMAGES[1]!.destination} holds linux/amd64, linux/arm64, each with the source's digest`,
        );
        expect(stateLeft).toBe(false);
      },
    );

    test(
      'a platform a source lacks fails the build, naming what it has; nothing is copied and the logins are removed still',
      { timeout: RUN_TIMEOUT },
      async () => {
        const { run, calls, stateLeft } = await mirror(
          {
            mirror: { images: IMAGES.slice(0, 1), platforms: ['linux/arm64', 'linux/mips64le'] },
            registries: REGISTRIES,
          },
          'linux/amd64,linux/arm64',
        );
        expect(run.result.result, run.log).toBe('FAILURE');
        expect(run.result.stages).toEqual([{ name: 'Mirror', result: 'FAILURE' }]);
        expect(shellLabels(run.log)).toEqual([LOGIN, MIRROR, CLEANUP]);
        expect(run.log).toContain(
          'ERROR: docker.io/library/busybox:1.36 has no linux/mips64le; it has linux/amd64, linux/arm64.',
        );
        expect(calls.filter(({ argv }) => argv[1] === 'copy')).toEqual([]);
        expect(stateLeft).toBe(false);
      },
    );
  },
);

const REAL_TOOLS = ['groovy', 'podman', 'skopeo', 'jq', 'docker-registry', 'htpasswd', 'openssl'];

describe.skipIf(requireTools(REAL_TOOLS).skip)(
  'multiarchMirror between two real registries',
  () => {
    let agent: Agent;
    let source: Registry;
    let destination: Registry;
    let dir: string;
    let baseImage: string;

    beforeAll(async () => {
      agent = resolveAgent();
      // The source over plain HTTP, the destination over HTTPS that the agent trusts; both with
      // htpasswd, so each needs its login.
      source = await startRegistry('upstream', 'upstream-secret');
      destination = await startRegistry('mirror', 'mirror-secret', { tls: { agent } });
      dir = await agentTempDir(agent, 'jma-mirror-real-');
      ({ image: baseImage } = await loginAndPushBaseImage(agent, source, dir));
    });
    afterAll(async () => {
      await source?.stop();
      await destination?.stop();
      if (dir) await fs.remove(dir);
    });

    test(
      'copies 2 of the 3 platforms of an index into a new index of exactly those, each image with its digest',
      { timeout: 240_000 },
      async () => {
        const target = `${destination.host}/mirror/busybox:1`;
        const run = await runMirror(
          agent,
          path.join(dir, 'job'),
          {
            mirror: {
              images: [{ source: baseImage, destination: target }],
              platforms: ['linux/arm64', 'linux/amd64'],
            },
            registries: [
              { host: source.host, credentialsId: 'upstream-pull', tlsVerify: false },
              { host: destination.host, credentialsId: 'mirror-push' },
            ],
          },
          {
            credentials: {
              'upstream-pull': {
                type: 'usernamePassword',
                username: source.user,
                password: source.password,
              },
              'mirror-push': {
                type: 'usernamePassword',
                username: destination.user,
                password: destination.password,
              },
            },
          },
        );
        expect(run.result.result, run.log).toBe('SUCCESS');
        expect(shellLabels(run.log)).toEqual([LOGIN, LOGIN, MIRROR, CLEANUP]);

        // The destination's index, read with skopeo as the agent, with a login of the test's own.
        const raw = await agentShell(
          agent,
          `printf '%s' "$PASSWORD" | podman login --username "$USER_NAME" --password-stdin "$HOST" >/dev/null
           skopeo inspect --raw "docker://$TARGET"`,
          {
            PASSWORD: destination.password,
            USER_NAME: destination.user,
            HOST: destination.host,
            TARGET: target,
            REGISTRY_AUTH_FILE: path.join(dir, 'check-auth.json'),
          },
        );
        const index = JSON.parse(raw) as {
          mediaType: string;
          manifests: { digest: string; platform: { os: string; architecture: string } }[];
        };
        const copied = index.manifests.map((m) => ({
          platform: `${m.platform.os}/${m.platform.architecture}`,
          digest: m.digest,
        }));
        // The source's own entries for those platforms, read from its API without skopeo.
        const original = await readIndex(
          source,
          baseImage.slice(source.host.length + 1, baseImage.lastIndexOf(':')),
          baseImage.slice(baseImage.lastIndexOf(':') + 1),
        );
        expect(copied).toEqual(
          original.entries.filter((e) => ['linux/amd64', 'linux/arm64'].includes(e.platform)),
        );
        expect(original.entries.map((e) => e.platform)).toContain('linux/mips64le');
        // Each image is there, by the digest the index names.
        for (const { digest } of copied) {
          const response = await destination.get(`/v2/mirror/busybox/manifests/${digest}`, [
            'application/vnd.oci.image.manifest.v1+json',
            'application/vnd.docker.distribution.manifest.v2+json',
          ]);
          expect(response.status).toBe(200);
        }
        expect(run.log).toMatch(/^INFO: the new index \(an OCI image index\) has digest sha256:/m);
      },
    );
  },
);
