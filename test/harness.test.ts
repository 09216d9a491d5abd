import { execa } from 'execa';
import fs from 'fs-extra';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { agentTempDir, giveToAgent, resolveAgent, type Agent } from './support/agent.js';
import { loadResources } from '../src/package-files.js';
import { runPipeline } from './support/pipeline.js';
import { requireTools } from './support/tools.js';

/** The harness is what the e2e trusts, so it is tested on its own: it must fail where Jenkins would. */
describe.skipIf(requireTools(['groovy', 'git']).skip)('pipeline harness', () => {
  let agent: Agent;
  let dir: string;
  let counter = 0;

  beforeAll(async () => {
    agent = resolveAgent();
    dir = await agentTempDir(agent, 'jma-harness-');
  });
  afterAll(async () => {
    await fs.remove(dir);
  });

  async function run(jenkinsfile: string, extra: Partial<Parameters<typeof runPipeline>[1]> = {}) {
    const jobDir = path.join(dir, `job${++counter}`);
    await fs.outputFile(path.join(jobDir, 'Jenkinsfile'), jenkinsfile);
    return runPipeline(agent, {
      jenkinsfile: path.join(jobDir, 'Jenkinsfile'),
      dir: jobDir,
      buildNumber: 1,
      ...extra,
    });
  }

  const stages = (body: string, post = '') =>
    `pipeline {\n  agent any\n  stages {\n${body}\n  }\n${post}\n}\n`;

  test('runs sh like Jenkins: /bin/sh -xe in the workspace, failing on the first error', async () => {
    const result = await run(
      stages(`stage('A') { steps { sh 'echo one; pwd; false; echo never' } }
              stage('B') { steps { sh 'echo B ran' } }`),
    );
    expect(result.code).toBe(1);
    expect(result.log).toContain('+ echo one\none\n');
    expect(result.log).toMatch(/\/workspace\n\+ false\nERROR: script returned exit code 1/);
    expect(result.log).not.toContain('never');
    expect(result.result).toEqual({
      result: 'FAILURE',
      stages: [
        { name: 'A', result: 'FAILURE' },
        { name: 'B', result: 'SKIPPED' },
      ],
      agent: 'any',
    });
  });

  test('runs post conditions after a failure', async () => {
    const result = await run(
      stages(
        `stage('A') { steps { error 'boom' } }`,
        `post { always { echo 'always ran' }\n success { echo 'success ran' }\n failure { echo 'failure ran' } }`,
      ),
    );
    expect(result.log).toContain('ERROR: boom');
    expect(result.log).toContain('always ran');
    expect(result.log).toContain('failure ran');
    expect(result.log).not.toContain('success ran');
  });

  test('passes withEnv values verbatim, unsets a variable given empty, and refuses PATH+NAME, as Jenkins does', async () => {
    const verbatim = await run(
      stages(
        `stage('A') { steps { withEnv(['X=$HOME|$$HOME|$UNDEFINED|\${HOME}', 'HOME=']) { sh 'printf "%s|%s\\n" "$X" "\${HOME-unset}"' } } }`,
      ),
    );
    expect(verbatim.code, verbatim.log).toBe(0);
    expect(verbatim.log).toContain('\n$HOME|$$HOME|$UNDEFINED|${HOME}|unset\n');
    const prepend = await run(
      stages(`stage('A') { steps { withEnv(['PATH+EXTRA=/opt/bin']) { sh 'true' } } }`),
    );
    expect(prepend.code).toBe(1);
    expect(prepend.log).toContain("withEnv: 'PATH+EXTRA' uses the PATH+NAME form");
  });

  test('binds credentials and fails like Jenkins on an unknown id', async () => {
    const credentials = { reg: { type: 'usernamePassword', username: 'u', password: 's3cret' } };
    const ok = await run(
      stages(`stage('A') { steps { withCredentials([usernamePassword(credentialsId: 'reg', usernameVariable: 'U', passwordVariable: 'P')]) {
        sh 'test "$U:$P" = u:s3cret' } } }`),
      { credentials },
    );
    expect(ok.code).toBe(0);
    const missing = await run(
      stages(
        `stage('A') { steps { withCredentials([usernamePassword(credentialsId: 'nope', usernameVariable: 'U', passwordVariable: 'P')]) { sh 'true' } } }`,
      ),
      { credentials },
    );
    expect(missing.log).toContain("ERROR: Could not find credentials entry with ID 'nope'");
  });

  test('does not mask secrets, so a leak is visible', async () => {
    const result = await run(
      stages(
        `stage('A') { steps { withCredentials([usernamePassword(credentialsId: 'reg', usernameVariable: 'U', passwordVariable: 'P')]) { sh 'echo "$P"' } } }`,
      ),
      {
        credentials: {
          reg: { type: 'usernamePassword', username: 'u', password: 'visible-secret' },
        },
        secretsMayShow: true,
      },
    );
    expect(result.log).toContain('visible-secret');
  });

  test("loads a Groovy file as Jenkins' load step does: its steps run, its value returns", async () => {
    const file = path.join(dir, 'loaded.groovy');
    await fs.writeFile(file, "sh 'echo loaded file ran'\n[answer: 6 * 7]\n");
    const result = await run(
      stages(`stage('A') { steps { script { echo('answer=' + load('${file}').answer) } } }`),
    );
    expect(result.code, result.log).toBe(0);
    expect(result.log).toContain('\nloaded file ran\n');
    expect(result.log).toContain('\nanswer=42\n');
  });

  test('fails loudly on a step it does not model', async () => {
    const result = await run(stages(`stage('A') { steps { archiveArtifacts 'x' } }`));
    expect(result.code).toBe(1);
    expect(result.log).toContain("ERROR: unknown step 'archiveArtifacts'");
  });

  test('fails the build before any stage on a section it does not model, as Jenkins would', async () => {
    const result = await run(
      `pipeline {\n  agent any\n  triggers { cron('H * * * *') }\n  stages {\n    stage('A') { steps { sh 'echo never' } }\n  }\n}\n`,
    );
    expect(result.code).toBe(1);
    expect(result.log).toContain("ERROR: unknown pipeline section 'triggers' in the test harness");
    expect(result.log).not.toContain('never');
    expect(result.result).toEqual({ result: 'FAILURE', stages: [], agent: null });
  });

  describe('kubernetes agent', () => {
    const podYaml = loadResources()
      .get('pod.yaml')!
      .replaceAll('{container}', 'podman')
      .replace('{image}', 'quay.io/podman/stable:v4.3.1')
      .replace('{skopeoImage}', 'quay.io/skopeo/stable:v1')
      .replace('{seLinuxOptions}', '{}');
    const onPod = (options: string, body: string) =>
      `pipeline {\n  agent {\n    kubernetes {\n${options}\n    }\n  }\n  stages {\n${body}\n  }\n}\n`;
    const yaml = `      yaml '''${podYaml}'''`;

    test('runs the sh steps here and records the agent with its yaml', async () => {
      const result = await run(
        onPod(
          `      cloud 'kubernetes'\n      namespace 'builds'\n${yaml}`,
          `stage('A') { steps { sh 'echo ran on the pod agent' } }`,
        ),
      );
      expect(result.code, result.log).toBe(0);
      expect(result.log).toContain('\nran on the pod agent\n');
      expect(result.result).toEqual({
        result: 'SUCCESS',
        stages: [{ name: 'A', result: 'SUCCESS' }],
        agent: {
          kubernetes: {
            yaml: podYaml,
            cloud: 'kubernetes',
            namespace: 'builds',
            defaultContainer: null,
            containers: ['podman', 'skopeo', 'jnlp'],
          },
        },
      });
    });

    test("lets steps into the pod's containers, the plugin's jnlp one included", async () => {
      const result = await run(
        onPod(
          `${yaml}\n      defaultContainer 'podman'`,
          `stage('A') { steps { container('podman') { sh 'echo in podman' }
                                container('jnlp') { sh 'echo in jnlp' } } }`,
        ),
      );
      expect(result.code, result.log).toBe(0);
      expect(result.log).toContain('\nin podman\n');
      expect(result.log).toContain('\nin jnlp\n');
    });

    test('fails a step in a container the pod does not have, as the plugin would', async () => {
      const result = await run(
        onPod(
          yaml,
          `stage('A') { steps { container('nope') { sh 'echo never' } } }
           stage('B') { steps { sh 'echo never either' } }`,
        ),
      );
      expect(result.code).toBe(1);
      expect(result.log).toContain(
        "ERROR: container 'nope' is not in the pod of the kubernetes agent, whose containers are: podman, skopeo, jnlp",
      );
      expect(result.log).not.toContain('never');
      expect(result.result.stages).toEqual([
        { name: 'A', result: 'FAILURE' },
        { name: 'B', result: 'SKIPPED' },
      ]);
    });

    test('runs every stage in the defaultContainer, so it must be in the pod too', async () => {
      const result = await run(
        onPod(
          `${yaml}\n      defaultContainer 'podmn'`,
          `stage('A') { steps { sh 'echo never' } }`,
        ),
      );
      expect(result.code).toBe(1);
      expect(result.log).toContain("ERROR: container 'podmn' is not in the pod");
      expect(result.log).not.toContain('never');
    });

    test('does not take the names of env entries or volumes for containers', async () => {
      // pod.yaml has `- name: HOME` under env and `- name: containers-storage` twice.
      const names = ['HOME', 'STORAGE_DRIVER', 'containers-storage'];
      const result = await run(
        onPod(
          yaml,
          `stage('A') { steps { script { for (String name : ${JSON.stringify(names).replaceAll('"', "'")}) {
             try { container(name) { echo 'entered ' + name } } catch (e) { echo 'refused: ' + e.message }
           } } } }`,
        ),
      );
      expect(result.code, result.log).toBe(0);
      expect(result.log).not.toContain('entered');
      for (const name of names) {
        expect(result.log).toContain(`refused: container '${name}' is not in the pod`);
      }
    });

    test('reads container names from block-style YAML however it is indented', async () => {
      const tricky = [
        'metadata:',
        '  annotations:',
        '    note: |',
        '      containers:',
        '        - name: in-a-block-scalar',
        'spec:',
        '  initContainers:',
        '  - name: init',
        '  containers:',
        '  - name: "quoted"   # comment',
        '    env:',
        '    - name: NOT_A_CONTAINER',
        '      valueFrom:',
        '        configMapKeyRef:',
        '          name: not-a-container-either',
        '  -',
        '    image: busybox',
        "    name: 'later-line'",
        '  - image: busybox',
        '    name: plain # comment',
        '  volumes:',
        '  - name: a-volume',
      ].join('\n');
      const result = await run(
        onPod(`      yaml '''${tricky}'''`, `stage('A') { steps { sh 'true' } }`),
      );
      expect(result.code, result.log).toBe(0);
      expect(result.result.agent).toMatchObject({
        kubernetes: { containers: ['quoted', 'later-line', 'plain', 'jnlp'] },
      });
    });

    test('fails on an option it does not model, before any stage runs', async () => {
      const result = await run(
        onPod(`${yaml}\n      yamlFile 'pod.yaml'`, `stage('A') { steps { sh 'echo never' } }`),
      );
      expect(result.code).toBe(1);
      expect(result.log).toContain(
        "ERROR: unknown kubernetes option 'yamlFile' in the test harness",
      );
      expect(result.log).not.toContain('never');
      expect(result.result).toEqual({ result: 'FAILURE', stages: [], agent: null });
    });
  });

  describe('scripted pipeline', () => {
    test('runs node and stage blocks, records each stage, and ends the build at an error', async () => {
      const result = await run(
        `node('podman') {\n  stage('A') { sh 'echo in A' }\n  stage('B') { sh 'exit 3' }\n  stage('C') { echo 'never' }\n}\n`,
      );
      expect(result.code).toBe(1);
      expect(result.log).toContain('\nin A\n');
      expect(result.log).toContain('ERROR: script returned exit code 3');
      expect(result.log).not.toContain('never');
      // Scripted stages that never ran are not shown, unlike declarative's SKIPPED ones.
      expect(result.result).toEqual({
        result: 'FAILURE',
        stages: [
          { name: 'A', result: 'SUCCESS' },
          { name: 'B', result: 'FAILURE' },
        ],
        agent: { label: 'podman' },
      });
    });

    test('catchError swallows the error, and fails the build and its stage as told', async () => {
      const result = await run(
        `node('podman') {
           try { stage('A') { error 'boom' } }
           finally { stage('Cleanup') { catchError(buildResult: 'FAILURE', stageResult: 'FAILURE') { error 'cleanup failed too' } ; echo 'after catchError' } }
         }\n`,
      );
      expect(result.log).toContain('ERROR: cleanup failed too');
      expect(result.log).toContain('after catchError');
      // The stage that failed first is the build's error, not hidden by the cleanup's.
      expect(result.log.trimEnd().split('\n').at(-2)).toBe('ERROR: boom');
      expect(result.result.stages).toEqual([
        { name: 'A', result: 'FAILURE' },
        { name: 'Cleanup', result: 'FAILURE' },
      ]);
      const unknown = await run(`node('x') { catchError(message: 'm') { echo 'x' } }\n`);
      expect(unknown.log).toContain('catchError: the test harness does not model message');
    });

    test('runs parallel branches at once, each in its own environment, and fails with the first failure', async () => {
      const result = await run(
        `node('podman') {
           parallel(
             a: { withEnv(['WHO=a']) { stage('A') { sh 'sleep 1; echo "$WHO done"' } } },
             b: { withEnv(['WHO=b']) { stage('B') { sh 'sleep 1; echo "$WHO done"' } } },
           )
           stage('After') { sh 'echo "after \${WHO:-none}"' }
         }\n`,
      );
      expect(result.code, result.log).toBe(0);
      // Each branch's lines carry its name, and each saw its own WHO.
      expect(result.log).toContain('\n[a] a done\n');
      expect(result.log).toContain('\n[b] b done\n');
      expect(result.log).toContain('\nafter none\n');
      expect(new Set(result.result.stages.map((s) => s.name))).toEqual(
        new Set(['A', 'B', 'After']),
      );
      // At once: two one-second sleeps ran together.
      const started = result.log.indexOf('[a] + sleep 1');
      const other = result.log.indexOf('[b] + sleep 1');
      expect(Math.max(started, other)).toBeLessThan(
        Math.min(result.log.indexOf('[a] a done'), result.log.indexOf('[b] b done')),
      );
    });

    test('with failFast, a failing branch stops the others and fails the build, naming itself', async () => {
      const start = Date.now();
      const result = await run(
        `node('podman') {
           parallel(
             quick: { stage('Quick') { sh 'exit 4' } },
             slow: { stage('Slow') { sh 'sleep 30; echo never' } },
             failFast: true,
           )
           echo 'never after'
         }\n`,
      );
      expect(Date.now() - start).toBeLessThan(25_000);
      expect(result.code).toBe(1);
      expect(result.log).toContain('ERROR: Failed in branch quick: script returned exit code 4');
      expect(result.log).not.toContain('never');
      expect(result.result.stages).toEqual(
        expect.arrayContaining([
          { name: 'Quick', result: 'FAILURE' },
          { name: 'Slow', result: 'FAILURE' },
        ]),
      );
    });

    test('a node of a label job.json names runs in its own workspace and environment', async () => {
      const arm = path.join(dir, 'arm-agent');
      const result = await run(
        `node('podman') {
           sh 'echo "default $WORKSPACE $MACHINE"'
           node('arm64') { sh 'echo "arm $WORKSPACE $MACHINE"; pwd' }
         }\n`,
        { agents: { arm64: { workspace: arm, env: { MACHINE: 'aarch64' } } } },
      );
      expect(result.code, result.log).toBe(0);
      expect(result.log).toMatch(/\ndefault \S+\/workspace \n/);
      expect(result.log).toContain(`\narm ${arm} aarch64\n+ pwd\n${arm}\n`);
      expect(result.result.agent).toEqual({ label: 'podman' });
    });

    test('podTemplate makes a pod whose POD_LABEL node runs the steps, held to its containers', async () => {
      const yaml = 'spec:\n  containers:\n    - name: podman\n      image: x\n';
      const result = await run(
        `podTemplate(yaml: '''${yaml}''', namespace: 'ci') {
           node(POD_LABEL) {
             stage('A') { container('podman') { sh 'echo in podman' } }
             stage('B') { container('skopeo') { echo 'never' } }
           }
         }\n`,
      );
      expect(result.code).toBe(1);
      expect(result.log).toContain('\nin podman\n');
      expect(result.log).toContain(
        "ERROR: container 'skopeo' is not in the pod of the kubernetes agent, whose containers are: podman, jnlp",
      );
      expect(result.result.agent).toEqual({
        kubernetes: {
          yaml,
          cloud: null,
          namespace: 'ci',
          defaultContainer: null,
          containers: ['podman', 'jnlp'],
        },
      });
      const unknown = await run(`podTemplate(yaml: '', label: 'x') { echo 'never' }\n`);
      expect(unknown.log).toContain('podTemplate: the test harness does not model label');
    });
  });

  test('checks out scm and git from a local repository as the git plugin does', async () => {
    const repo = path.join(dir, 'repo');
    await fs.outputFile(path.join(repo, 'hello.txt'), 'hi\n');
    await execa('git', ['init', '-q', '-b', 'main', repo]);
    await execa('git', ['-C', repo, 'add', '.']);
    await execa('git', [
      '-C',
      repo,
      '-c',
      'user.name=t',
      '-c',
      'user.email=t@t',
      'commit',
      '-qm',
      'init',
    ]);
    const commit = (await execa('git', ['-C', repo, 'rev-parse', 'HEAD'])).stdout;
    await giveToAgent(agent, repo);
    const result = await run(
      stages(`stage('scm') { steps { script { def scmVars = checkout scm; echo "commit=\${scmVars.GIT_COMMIT}" }
                                       sh 'cat hello.txt; git config --get remote.origin.url; echo "env=\${GIT_COMMIT:-unset}"' } }
              stage('git') { steps { dir('other') { git(url: '${repo}', branch: 'main') ; sh 'test -f hello.txt' } } }`),
      { scm: { url: repo, branch: 'main' } },
    );
    expect(result.code, result.log).toBe(0);
    expect(result.log).toContain(`commit=${commit}`);
    expect(result.log).toContain(`\n${repo}\n`);
    // An explicit checkout in a declarative stage does not set env.GIT_COMMIT in Jenkins either.
    expect(result.log).toContain('\nenv=unset\n');
  });
});
