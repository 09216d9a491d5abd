import fs from 'fs-extra';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { stringify as stringifyYaml } from 'yaml';
import type { PipelineConfig } from '../src/model/pipeline.js';
import { agentShell, agentTempDir, resolveAgent, type Agent } from './support/agent.js';
import { cli } from './support/cli.js';
import { fakeCalls, fakeLists, installFakeTools } from './support/fake-tools.js';
import { expectEveryStageSucceeded, runPipeline, type PipelineRun } from './support/pipeline.js';
import { repoRoot, requireTools } from './support/tools.js';

/**
 * What the runtime (vars/multiarchRuntime.groovy) does around the shell steps, for the standalone
 * Jenkinsfile and for the short one that calls the library: which stages run and with what
 * result, the label of each step, the container each runs in, the credentials it asks Jenkins
 * for. The Groovy 2.4 harness runs them as the agent, with a fake podman and skopeo
 * (test/support/fake-tools.ts): no containers storage, no registry.
 */
const KINDS = ['standalone', 'library'] as const;
type Kind = (typeof KINDS)[number];

/** A harness run starts a JVM and runs eight shell steps: seconds, more on a busy machine. */
const RUN_TIMEOUT = 120_000;

const CREDENTIALS = {
  'registry-push': { type: 'usernamePassword', username: 'ci', password: 'registry-secret' },
  'git-read': { type: 'usernamePassword', username: 'git', password: 'git-secret' },
};

const BASE: PipelineConfig = {
  agent: { label: 'podman' },
  image: { name: 'acme/hello', tags: ['1.0'] },
  platforms: ['linux/amd64', 'linux/arm64'],
  registries: [{ host: 'registry.example.com', credentialsId: 'registry-push' }],
  push: { retries: 0 },
};

/**
 * Each step of a build as the log shows it: its stage, its label, and a line of what its script
 * printed, so the label is known to head the right script.
 */
const STEPS = {
  source: [
    'Clone',
    'Record the commit, branch and release tag of the checkout',
    /^INFO: recorded commit [0-9a-f]{40}, branch main/m,
  ],
  preflightLogin: [
    'Preflight',
    'Log in to a registry',
    /^INFO: logging in to registry\.example\.com as ci$/m,
  ],
  preflight: [
    'Preflight',
    'Check podman, rootless storage, QEMU emulation, the registries and the base images',
    /^OK: arm64 runs under [^]*^OK: registry registry\.example\.com answers \(TLS verified\), acme\/hello has tags\.$/m,
  ],
  login: ['Build', 'Log in to a registry', /^INFO: logging in to registry\.example\.com as ci$/m],
  tags: [
    'Build',
    'Compute the tags of this build from git',
    /^INFO: this build pushes the tags: 1\.0$/m,
  ],
  build: [
    'Build',
    'Build every platform into a local manifest list',
    /^\+ timeout .* podman build /m,
  ],
  push: [
    'Push',
    'Push the manifest list and all its images',
    /^\+ timeout --kill-after=10 \d+s podman manifest push --all /m,
  ],
  verify: [
    'Verify',
    'Verify the pushed index',
    /^INFO: registry\.example\.com\/acme\/hello:1\.0 lists exactly: linux\/amd64 linux\/arm64$/m,
  ],
  smoke: [
    'Verify',
    'Run the pushed image on every platform',
    /^OK: linux\/amd64 runs \(uname -m: x86_64\)$[\s\S]*^OK: linux\/arm64 runs \(uname -m: aarch64\)$/m,
  ],
  cleanup: [
    'Cleanup',
    'Remove the local manifest list and the registry logins',
    /^\+ podman manifest rm localhost\/jenkins-multiarch:/m,
  ],
} as const;

/** Every step of a build that pushes, in order. */
const EVERY_STEP = Object.keys(STEPS) as (keyof typeof STEPS)[];

/** The sh steps of a build log in order: the stage each ran in, its label, what it printed. */
function shellSteps(log: string): { stage: string; label: string; output: string }[] {
  const steps: { stage: string; label: string; output: string }[] = [];
  let stage = '';
  for (const line of log.split('\n')) {
    const stageStart = /^\[Pipeline\] stage \((.*)\)$/.exec(line);
    const sh = /^\[Pipeline\] sh \((.*)\)$/.exec(line);
    if (stageStart) stage = stageStart[1]!;
    else if (sh) steps.push({ stage, label: sh[1]!, output: '' });
    else if (!line.startsWith('[Pipeline]') && steps.length > 0)
      steps.at(-1)!.output += `${line}\n`;
  }
  return steps;
}

/** The log's steps are these, each in its stage, under its label, printing what its script does. */
function expectSteps(run: PipelineRun, names: (keyof typeof STEPS)[]) {
  const steps = shellSteps(run.log);
  expect(
    steps.map(({ stage, label }) => [stage, label]),
    run.log,
  ).toEqual(names.map((name) => STEPS[name].slice(0, 2)));
  names.forEach((name, i) => expect(steps[i]!.output, name).toMatch(STEPS[name][2]));
}

describe.skipIf(requireTools(['groovy', 'git', 'sh', 'sha256sum']).skip)(
  'the runtime around the shell steps, standalone and as a library',
  () => {
    let agent: Agent;
    let dir: string;
    let bin: string;
    let binfmt: string;
    let bareRepo: string;
    let jobs = 0;

    beforeAll(async () => {
      agent = resolveAgent();
      dir = await agentTempDir(agent, 'jma-runtime-behaviour-');
      bin = path.join(dir, 'bin');
      await installFakeTools(bin);
      // QEMU for arm64 registered, enabled, with the F flag: what preflight asks of an amd64 agent.
      binfmt = path.join(dir, 'binfmt_misc');
      await fs.outputFile(path.join(binfmt, 'status'), 'enabled\n');
      await fs.outputFile(
        path.join(binfmt, 'qemu-aarch64'),
        'enabled\ninterpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P\nflags: POCF\n',
      );
      // The application, on a git server; created by the agent, as git wants its own repositories.
      bareRepo = path.join(dir, 'hello.git');
      await agentShell(
        agent,
        `mkdir "$DIR/hello" && cd "$DIR/hello" && git init -q -b main && echo 'FROM scratch' >Dockerfile
         git add Dockerfile && git -c user.name=ci -c user.email=ci@example.com commit -qm app
         git clone -q --bare "$DIR/hello" "$DIR/hello.git"`,
        { DIR: dir },
      );
    });
    afterAll(async () => {
      if (dir) await fs.remove(dir);
    });

    /**
     * Renders the config's Jenkinsfile of this kind and runs it as a job of its own; `fail`: every
     * `podman manifest push` fails; `arm64Agent`: the label arm64 is an arm64 machine of its own.
     * Returns the run and the job's directory.
     */
    async function build(
      kind: Kind,
      config: PipelineConfig,
      options: {
        fail?: boolean;
        containerEnv?: Record<string, Record<string, string>>;
        arm64Agent?: boolean;
      } = {},
    ) {
      const jobDir = path.join(dir, `job${++jobs}`);
      const library = kind === 'library' ? { library: 'jenkins-multiarch@main' } : {};
      await fs.outputFile(
        path.join(jobDir, 'jenkins-multiarch.yaml'),
        stringifyYaml({ ...library, ...config }),
      );
      const rendered = await cli(jobDir, 'render', '-o', 'Jenkinsfile');
      expect(rendered.code, rendered.stderr).toBe(0);
      for (const sub of ['calls', 'state']) await fs.mkdirp(path.join(jobDir, sub));
      const run = await runPipeline(agent, {
        jenkinsfile: path.join(jobDir, 'Jenkinsfile'),
        dir: jobDir,
        buildNumber: 1,
        jobName: `hello-${jobs}`,
        credentials: CREDENTIALS,
        scm: { url: bareRepo, branch: 'main' },
        ...(kind === 'library' && { library: { name: 'jenkins-multiarch', path: repoRoot } }),
        containerEnv: options.containerEnv,
        ...(options.arm64Agent && {
          agents: { arm64: { workspace: path.join(jobDir, 'arm64'), env: { FAKE_ARCH: 'arm64' } } },
        }),
        env: {
          PATH: `${bin}:${agent.env.PATH}`,
          FAKE_CALLS: path.join(jobDir, 'calls'),
          FAKE_STATE: path.join(jobDir, 'state'),
          MULTIARCH_BINFMT_MISC: binfmt,
          ...(options.fail && { FAKE_PUSH_FAILS: '1' }),
        },
      });
      return { run, jobDir };
    }

    describe.each(KINDS)('%s Jenkinsfile', (kind) => {
      test(
        'a push that fails fails the build, and Cleanup still removes the list and the logins',
        { timeout: RUN_TIMEOUT },
        async () => {
          const { run, jobDir } = await build(kind, BASE, { fail: true });
          expect(run.result.result, run.log).toBe('FAILURE');
          expect(run.result.stages).toEqual([
            { name: 'Clone', result: 'SUCCESS' },
            { name: 'Preflight', result: 'SUCCESS' },
            { name: 'Build', result: 'SUCCESS' },
            { name: 'Push', result: 'FAILURE' },
            { name: 'Cleanup', result: 'SUCCESS' },
          ]);
          expectSteps(
            run,
            EVERY_STEP.filter((name) => name !== 'verify' && name !== 'smoke'),
          );
          expect(run.log).toContain('Error: fake push fails');
          // The build's list was made, and is gone; so are the workspace's state and logins.
          const made = (await fakeCalls(path.join(jobDir, 'calls'))).filter(
            ({ argv }) => argv[1] === 'build',
          );
          expect(made).toHaveLength(1);
          expect(await fakeLists(path.join(jobDir, 'state'))).toEqual([]);
          expect(await fs.pathExists(path.join(jobDir, 'workspace', '.jenkins-multiarch'))).toBe(
            false,
          );
        },
      );

      test(
        'a registry without credentials gets no login, and no credentials are asked for',
        { timeout: RUN_TIMEOUT },
        async () => {
          const { run, jobDir } = await build(kind, {
            ...BASE,
            registries: [{ host: 'registry.example.com', credentialsId: null }],
          });
          expectEveryStageSucceeded(run);
          expectSteps(
            run,
            EVERY_STEP.filter((name) => name !== 'login' && name !== 'preflightLogin'),
          );
          expect(run.log).not.toContain('withCredentials');
          const calls = await fakeCalls(path.join(jobDir, 'calls'));
          // Preflight reads the auth file (podman login --get-login), which logs in nowhere.
          const logins = calls.filter(
            ({ argv }) => argv[1] === 'login' && argv[2] !== '--get-login',
          );
          expect(logins).toEqual([]);
        },
      );

      test(
        'on a label with a container, cloned with credentials: podman and skopeo run in that container, the clone uses them',
        { timeout: RUN_TIMEOUT },
        async () => {
          const { run, jobDir } = await build(
            kind,
            {
              ...BASE,
              agent: { label: 'podman', container: 'builder' },
              clone: { url: `file://${bareRepo}`, branch: 'main', credentialsId: 'git-read' },
            },
            { containerEnv: { builder: { JMA_CONTAINER: 'builder' } } },
          );
          expectEveryStageSucceeded(run);
          expectSteps(run, EVERY_STEP);
          const calls = await fakeCalls(path.join(jobDir, 'calls'));
          expect(new Set(calls.map(({ argv }) => argv.slice(0, 2).join(' ')))).toEqual(
            new Set([
              'podman --version',
              'podman info',
              'podman login',
              'podman search',
              'podman manifest',
              'podman build',
              'skopeo --version',
              'skopeo inspect',
              'podman pull',
              'podman run',
              'podman rmi',
            ]),
          );
          expect(calls.filter(({ container }) => container !== 'builder')).toEqual([]);
          expect(run.log).toContain(
            `\n[Pipeline] git file://${bareRepo} main\nusing credential git-read\n`,
          );
        },
      );

      test(
        "after Verify, each platform of the pushed digest is pulled, run without network and removed; a pod's smoke run is in its podman container, not skopeo's",
        { timeout: RUN_TIMEOUT },
        async () => {
          const { run, jobDir } = await build(
            kind,
            { ...BASE, agent: { kubernetes: { cloud: 'k8s-builds', namespace: 'ci' } } },
            {
              containerEnv: {
                podman: { JMA_CONTAINER: 'podman' },
                skopeo: { JMA_CONTAINER: 'skopeo' },
              },
            },
          );
          expect(run.result.result, run.log).toBe('SUCCESS');
          // The pod in the cloud and namespace the config names.
          expect(run.result.agent).toMatchObject({
            kubernetes: { cloud: 'k8s-builds', namespace: 'ci' },
          });
          const calls = await fakeCalls(path.join(jobDir, 'calls'));
          const verified = calls.findIndex(({ argv }) => argv[0] === 'skopeo');
          const smoke = calls.slice(verified + 1).filter(({ argv }) => argv[0] === 'podman');
          // The digest push wrote (the fake's), from the first registry, with the workspace's logins.
          const ref = 'registry.example.com/acme/hello@sha256:1111';
          // In the podman container, as `container: command`.
          expect(smoke.map(({ container, argv }) => `${container}: ${argv.join(' ')}`)).toEqual([
            'podman: podman info --format {{.Host.Arch}} {{.Store.GraphRoot}}/{{.Store.GraphDriverName}}-images',
            ...['amd64', 'arm64'].flatMap((arch) => [
              `podman: podman pull -q --tls-verify=true --platform linux/${arch} ${ref}`,
              `podman: podman run --rm --network none fake-image-linux-${arch} uname -m`,
              `podman: podman rmi fake-image-linux-${arch}`,
            ]),
            // Cleanup, in the same container.
            expect.stringMatching(/^podman: podman manifest rm localhost\/jenkins-multiarch:/),
          ]);
          expect(calls[verified]!.container).toBe('skopeo');
        },
      );

      test(
        'with a platform built natively, the smoke run still follows Verify on the default agent, for every platform',
        { timeout: RUN_TIMEOUT },
        async () => {
          const { run, jobDir } = await build(
            kind,
            { ...BASE, native: { 'linux/arm64': { label: 'arm64' } } },
            { arm64Agent: true },
          );
          expect(run.result.result, run.log).toBe('SUCCESS');
          // Each platform built where it belongs: arm64 in its own branch, amd64 emulated here.
          const builds = (await fakeCalls(path.join(jobDir, 'calls')))
            .filter(({ argv }) => argv[1] === 'build')
            .map(({ argv }) => {
              const list = argv[argv.indexOf('--manifest') + 1]!;
              const branch = /-(linux-arm64|emulated)$/.exec(list)?.[1] ?? list;
              return `${argv[argv.indexOf('--platform') + 1]} in ${branch}`;
            });
          expect(builds.sort()).toEqual(['linux/amd64 in emulated', 'linux/arm64 in linux-arm64']);
          const verify = shellSteps(run.log).filter(({ stage }) => stage === 'Verify');
          expect(verify.map(({ label }) => label)).toEqual([STEPS.verify[1], STEPS.smoke[1]]);
          expect(verify[1]!.output).toMatch(STEPS.smoke[2]);
        },
      );

      test(
        'smoke.command reaches podman run word for word; smoke.enabled: false runs nothing after Verify',
        { timeout: RUN_TIMEOUT },
        async () => {
          const words = ['sh', '-c', `echo "it's $HOME" \\ \${USER}`, 'two  spaces'];
          const custom = await build(kind, { ...BASE, smoke: { command: words } });
          expectEveryStageSucceeded(custom.run);
          const runs = (await fakeCalls(path.join(custom.jobDir, 'calls'))).filter(
            ({ argv }) => argv[1] === 'run',
          );
          expect(runs.map(({ argv }) => argv.slice(6))).toEqual([words, words]);
          expect(custom.run.log).toContain(`OK: linux/arm64 runs (${words.join(' ')} exited 0)`);

          const off = await build(kind, { ...BASE, smoke: { enabled: false } });
          expectEveryStageSucceeded(off.run);
          expectSteps(
            off.run,
            EVERY_STEP.filter((name) => name !== 'smoke'),
          );
          const calls = await fakeCalls(path.join(off.jobDir, 'calls'));
          expect(calls.filter(({ argv }) => ['pull', 'run'].includes(argv[1]!))).toEqual([]);
        },
      );
    });
  },
);
