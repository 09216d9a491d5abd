import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG, type CheckConfig } from '../../src/check/check.js';
import { parseGroovy } from '../../src/check/groovy-parser.js';
import { STEP_CATALOGUE } from '../../src/check/step-catalogue.js';
import { OWN_LIBRARY, ownLibrarySteps } from '../../src/package-files.js';
import { check, cli, fixture, tempDir } from './support.js';

const unknown = (source: string, config: CheckConfig = DEFAULT_CONFIG, library?: string[]) =>
  check(source, config, 'groovy', library)
    .filter((f) => f.rule === 'unknown-step')
    .map(
      (f) =>
        `${f.line}:${f.column} ${/^unknown step "(\w+)" \(did you mean "(\w+)"/.exec(f.message)!.slice(1).join('->')}`,
    );

describe('the catalogue', () => {
  test('names each step once, with the plugin that provides it', () => {
    const names = STEP_CATALOGUE.map((step) => step.name);
    expect(new Set(names).size).toBe(names.length);
    const plugin = Object.fromEntries(STEP_CATALOGUE.map((step) => [step.name, step.plugin]));
    expect(plugin).toMatchObject({
      echo: 'workflow-basic-steps',
      stash: 'workflow-basic-steps',
      unstash: 'workflow-basic-steps',
      sh: 'workflow-durable-task-step',
      bat: 'workflow-durable-task-step',
      powershell: 'workflow-durable-task-step',
      node: 'workflow-durable-task-step',
      ws: 'workflow-durable-task-step',
      parallel: 'workflow-cps',
      env: 'workflow-cps',
      pipeline: 'pipeline-model-definition',
      script: 'pipeline-model-definition',
      withCredentials: 'credentials-binding',
      podTemplate: 'kubernetes',
      container: 'kubernetes',
      containerLog: 'kubernetes',
      docker: 'docker-workflow',
      checkout: 'workflow-scm-step',
      git: 'git',
      readJSON: 'pipeline-utility-steps',
      build: 'pipeline-build-step',
      input: 'pipeline-input-step',
      stage: 'pipeline-stage-step',
      lock: 'lockable-resources',
      timestamps: 'timestamper',
      ansiColor: 'ansicolor',
      junit: 'junit',
      archiveArtifacts: 'core',
      sha256: 'pipeline-utility-steps',
      verifySha256: 'pipeline-utility-steps',
      nodejs: 'nodejs',
    });
    // FileVerifyHashStep's name is "verify" and its algorithm, never "verify" alone.
    expect(names).not.toContain('verify');
  });

  test('knows parameters: the superclass setters too', () => {
    const sh = STEP_CATALOGUE.find((step) => step.name === 'sh')!;
    expect(sh.params).toEqual(['script', 'returnStdout', 'encoding', 'returnStatus', 'label']);
  });
});

describe('what is found', () => {
  const goodFixture = fixture('step-positions.Jenkinsfile');
  /** A typo put in each kind of step position of the good fixture is found there. */
  test.each([
    ['in a method called with a closure', "sh 'make image'", "shh 'make image'", '26:15 shh->sh'],
    ['in a closure held by a variable', 'echo message }', 'ech message }', '22:35 ech->echo'],
    ['in each and a parallel branch', 'stage(image) { sh', 'stage(image) { shh', '32:46 shh->sh'],
    ["in parallel's named branches", "{ echo 'a' }", "{ ech 'a' }", '35:27 ech->echo'],
    ["in docker's inside", "sh 'apk info'", "shh 'apk info'", '37:11 shh->sh'],
    ['heading a chain', "readFile('VERSION')", "readFle('VERSION')", '39:23 readFle->readFile'],
    ['a step without arguments', 'cleanWs()', 'cleanW()', '45:9 cleanW->cleanWs'],
  ])('%s', (_where, from, to, expected) => {
    expect(goodFixture).toContain(from);
    expect(unknown(goodFixture.replace(from, to))).toEqual([expected]);
  });

  test('at the top level of a scripted file and in if, try and for blocks', () => {
    const source = [
      "shh 'make'",
      'if (true) { ech "a" } else { sh "b" }',
      'try { deletDir() } finally { cleanWs() }',
      'for (f in files) { stashh name: f }',
    ].join('\n');
    expect(unknown(source)).toEqual([
      '1:1 shh->sh',
      '2:13 ech->echo',
      '3:7 deletDir->deleteDir',
      '4:20 stashh->stash',
    ]);
  });

  test('a typo of a method the file defines', () => {
    expect(unknown('def buildImage() { sh "make" }\nnode { buildImag() }')).toEqual([
      '2:8 buildImag->buildImage',
    ]);
  });

  test('a plugin step the catalogue lacks is known once the settings name it', () => {
    // The PMD plugin's step (superseded by warnings-ng, still in older pipelines).
    const source = "node { pmd pattern: 'target/pmd.xml' }";
    expect(unknown(source)).toEqual(['1:8 pmd->pwd']);
    expect(unknown(source, { ...DEFAULT_CONFIG, steps: ['pmd'] })).toEqual([]);
  });

  test("a library's vars are known where the file loads it, by @Library or library", () => {
    const config = { ...DEFAULT_CONFIG, libraries: { 'ci-lib': ['deployApp', 'notifyTeam'] } };
    for (const load of [
      "@Library('ci-lib@main') _",
      "library 'ci-lib@main'",
      "@Library(['ci-lib']) _",
      'library identifier: "ci-lib@${BRANCH}"',
      "pipeline { libraries { lib('ci-lib@main') } }",
    ])
      expect(unknown(`${load}\nnode {\n  deployApp()\n  notifyTem()\n}`, config)).toEqual([
        '4:3 notifyTem->notifyTeam',
      ]);
    // Without loading it, the library's names are not suggested: notifyTem is not near any step.
    expect(unknown('node {\n  notifyTem()\n}', config)).toEqual([]);
  });

  test('a file that loads a library the settings do not describe is left alone', () => {
    expect(unknown("@Library('other') _\nnode { shh 'make' }")).toEqual([]);
    expect(unknown("library 'other'\nnode { shh 'make' }")).toEqual([]);
    expect(
      unknown(
        "pipeline {\n  libraries { lib('other') }\n  stages { stage('a') { steps { shh 'x' } } }\n}",
      ),
    ).toEqual([]);
  });

  test("a vars/ file knows its library's other steps", () => {
    const source = 'def call() {\n  notifyTeam()\n  notifyTem()\n}';
    expect(unknown(source, DEFAULT_CONFIG, ['deployApp', 'notifyTeam'])).toEqual([
      '3:3 notifyTem->notifyTeam',
    ]);
  });

  test(`this package's library is known as ${OWN_LIBRARY}`, () => {
    const config = { ...DEFAULT_CONFIG, libraries: { [OWN_LIBRARY]: ownLibrarySteps() } };
    const source = `@Library('${OWN_LIBRARY}@v1') _\nmultiarchPipelin(image: 'x')\nmultiarchPipeline(image: 'x')`;
    expect(unknown(source, config)).toEqual(['2:1 multiarchPipelin->multiarchPipeline']);
  });
});

test('the parser keeps the parameter names and annotations the rule reads', () => {
  const file = parseGroovy(
    "@Library(['a', 'b@1']) _\ndef call(Map config = [:], Closure body) { [1].each { k, v -> body() } }",
    String,
  );
  expect(file.annotations.map((a) => [a.name, a.args.length])).toEqual([['Library', 1]]);
  const method = file.statements.find((s) => s.kind === 'method');
  expect(method).toMatchObject({ name: 'call', params: ['config', 'body'] });
});

describe('through the CLI, with the settings file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    const { rm } = await import('node:fs/promises');
    await rm(dir, { recursive: true, force: true });
  });
  const put = async (name: string, content: string) => {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  };

  test("libraries' vars/ are read from the path the settings give; vars/ files know their siblings", async () => {
    await put('ci/check.yaml', 'libraries:\n  ci-lib: ../lib/vars\nsteps: [pmd]\n');
    await put('lib/vars/deployApp.groovy', 'def call() {\n  notifyTem()\n  pmd()\n}\n');
    await put('lib/vars/notifyTeam.groovy', "def call() { echo 'done' }\n");
    await put('Jenkinsfile', "@Library('ci-lib') _\nnode {\n  deployAp()\n}\n");
    const result = await cli(
      dir,
      'check',
      '-c',
      'ci/check.yaml',
      '--format',
      'json',
      'Jenkinsfile',
      'lib/vars',
    );
    const findings = JSON.parse(result.stdout).findings.map(
      (f: { file: string; line: number; column: number; rule: string }) =>
        `${f.file}:${f.line}:${f.column} ${f.rule}`,
    );
    expect(findings).toEqual([
      'Jenkinsfile:3:3 unknown-step',
      'lib/vars/deployApp.groovy:2:3 unknown-step',
    ]);
    expect(result.code).toBe(1);
  });

  test('only a vars/ directory makes its files steps: a Jenkinsfile beside a .groovy file cannot call it bare', async () => {
    await put('.jenkins-multiarch-check.yaml', 'libraries:\n  ci-lib: lib/vars\n');
    await put('lib/vars/deployApp.groovy', "def call() { echo 'deploy' }\n");
    await put('ci/deployAp.groovy', "def call() { echo 'not a step' }\n");
    await put('ci/Jenkinsfile', "@Library('ci-lib') _\nnode {\n  deployAp()\n}\n");
    const result = await cli(dir, 'check', 'ci/Jenkinsfile');
    expect(result.stdout).toContain('unknown step "deployAp" (did you mean "deployApp"?)');
    expect(result.code).toBe(1);
  });

  test("this package's own library is known without settings", async () => {
    await put('Jenkinsfile', `@Library('${OWN_LIBRARY}@v1') _\nmultiarchPipelin(image: 'x')\n`);
    const result = await cli(dir, 'check', 'Jenkinsfile');
    expect(result.stdout).toContain(
      'unknown step "multiarchPipelin" (did you mean "multiarchPipeline"?)',
    );
  });

  test('a library path that is not there is a settings error at its line, exit 2', async () => {
    await put('.jenkins-multiarch-check.yaml', 'libraries:\n  ci-lib: lib/vars\n');
    await put('Jenkinsfile', "node { sh 'make' }\n");
    const result = await cli(dir, 'check', 'Jenkinsfile');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^jenkins-multiarch: invalid \.jenkins-multiarch-check\.yaml:\n\.jenkins-multiarch-check\.yaml:2:11: libraries\.ci-lib: \S+\/lib\/vars does not exist: give the path of the library's vars\/ directory, relative to this file\n$/,
    );
  });
});
