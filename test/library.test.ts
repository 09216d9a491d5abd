import fs from 'fs-extra';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatPath, validatePipeline } from '../src/model/pipeline.js';
import { composeLibrary, LIBRARY_STEPS } from '../src/render/library.js';
import { loadLibraryFiles, toolVersion } from '../src/package-files.js';
import { PARITY_CASES } from './fixtures/parity-cases.js';
import { agentTempDir, resolveAgent, type Agent } from './support/agent.js';
import { cli, tempDir } from './support/cli.js';
import { groovyCodeOutsideLiterals, parseGroovy } from './support/groovy.js';
import { runPipeline } from './support/pipeline.js';
import { startLibraryEval } from './support/library.js';
import { repoRoot, requireTools } from './support/tools.js';

const rendered = composeLibrary(loadLibraryFiles(), { version: toolVersion });

describe('the repository is the library', () => {
  test('vars/ and resources/ are what `jenkins-multiarch library` writes (run it after changing the model)', async () => {
    const result = await cli(repoRoot, 'library', '--check');
    expect(result.stderr).toBe('library in . is up to date\n');
    expect(result.code).toBe(0);
  });

  test('vars/ holds a step file and a help page for each step, and nothing else', async () => {
    const files = (await fs.readdir(path.join(repoRoot, 'vars'))).map((name) => `vars/${name}`);
    const steps = [...Object.keys(LIBRARY_STEPS), 'multiarchConfig', 'multiarchRuntime'];
    expect(files.sort()).toEqual(
      steps.flatMap((s) => [`vars/${s}.groovy`, `vars/${s}.txt`]).sort(),
    );
    expect([...rendered.keys()].filter((f) => f.startsWith('vars/')).sort()).toEqual(files);
  });

  test('no step has a GString, and the password appears only where withCredentials binds it', () => {
    const mentions = [...rendered]
      .filter(([file]) => file.endsWith('.groovy'))
      .flatMap(([file, content]) => {
        expect(groovyCodeOutsideLiterals(content), file).not.toContain('"');
        return content
          .split('\n')
          .filter((line) => line.includes('MULTIARCH_REGISTRY_PASSWORD'))
          .map((line) => `${file}: ${line.trim()}`);
      });
    expect(mentions).toEqual([
      expect.stringMatching(
        /^vars\/multiarchRuntime\.groovy: withCredentials\(\[usernamePassword\(.*passwordVariable: 'MULTIARCH_REGISTRY_PASSWORD'\)\]\) \{$/,
      ),
    ]);
  });

  test('each building block checks its own arguments, then runs its stage of the runtime', () => {
    const stages: Record<string, string> = {
      multiarchPipeline: 'runPipeline',
      multiarchPreflight: 'preflightStage',
      multiarchBuild: 'buildStage',
      multiarchPush: 'pushStage',
      multiarchVerify: 'verifyStage',
      multiarchCleanup: 'cleanupStage',
      multiarchMirror: 'mirrorStage',
    };
    expect(Object.keys(stages).sort()).toEqual(Object.keys(LIBRARY_STEPS).sort());
    for (const [step, stage] of Object.entries(stages)) {
      expect(rendered.get(`vars/${step}.groovy`)).toContain(
        `  Map job = multiarchConfig.prepare('${step}', args)\n  multiarchRuntime.${stage}(job.config, job.resources)\n`,
      );
    }
  });

  test('every step has a help page listing each of its arguments', () => {
    for (const [name, step] of Object.entries(LIBRARY_STEPS)) {
      const help = rendered.get(`vars/${name}.txt`)!;
      for (const field of step.fields) expect(help).toContain(`<code>${field}</code>`);
      expect(help).toContain(`<pre><code>${name}(`);
    }
    // Help pages are HTML: the model's docs must arrive escaped.
    expect(rendered.get('vars/multiarchPipeline.txt')).toContain(
      '&quot;Username with password&quot;',
    );
  });
});

describe('render with library: in the config', () => {
  test('renders @Library and one multiarchPipeline call with every value written out', async () => {
    const dir = await tempDir();
    const example = await fs.readFile(
      path.join(repoRoot, 'examples', 'hello', 'jenkins-multiarch.yaml'),
      'utf8',
    );
    await fs.writeFile(
      path.join(dir, 'jenkins-multiarch.yaml'),
      `${example}library: multiarch@main\n`,
    );
    const result = await cli(dir, 'render');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').slice(5)).toEqual([
      "@Library('multiarch@main') _",
      '',
      'multiarchPipeline(',
      "  agent: [label: 'podman'],",
      "  image: [name: 'acme/hello', tags: ['1.0.0', [from: 'git-sha'], [from: 'latest']], labels: [:]],",
      "  platforms: ['linux/amd64', 'linux/arm64', 'linux/mips64le'],",
      '  native: [:],',
      "  build: [dockerfile: 'Dockerfile', context: '.', args: [:], noCache: false, isolation: 'chroot'],",
      "  registries: [[host: 'registry.example.com', credentialsId: 'registry-push', tlsVerify: true]],",
      '  push: [retries: 2, timeoutSeconds: 1800],',
      '  smoke: [enabled: true]',
      ')',
      '',
    ]);
    await fs.remove(dir);
  });

  test('refuses a library that is not NAME[@VERSION], at its line', async () => {
    const dir = await tempDir();
    await fs.copy(
      path.join(repoRoot, 'examples', 'hello', 'jenkins-multiarch.yaml'),
      path.join(dir, 'jenkins-multiarch.yaml'),
    );
    await fs.appendFile(path.join(dir, 'jenkins-multiarch.yaml'), `library: "a'b"\n`);
    const result = await cli(dir, 'render');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /jenkins-multiarch\.yaml:\d+:10: library: "a'b" is not a shared library reference; expected NAME or NAME@VERSION/,
    );
    await fs.remove(dir);
  });
});

describe.skipIf(requireTools(['groovy']).skip)('Groovy 2.4', () => {
  test('compiles every vars/*.groovy', async () => {
    const files = (await fs.readdir(path.join(repoRoot, 'vars')))
      .filter((f) => f.endsWith('.groovy'))
      .map((f) => path.join(repoRoot, 'vars', f));
    const results = await parseGroovy(files);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results).toHaveLength(Object.keys(LIBRARY_STEPS).length + 2);
  });

  test(
    'the library checks arguments exactly as the TypeScript model does',
    { timeout: 60_000 },
    async () => {
      const library = startLibraryEval();
      const groovy = await Promise.all(PARITY_CASES.map((args) => library.ask(args)));
      await library.close();
      const typescript = PARITY_CASES.map((config) => {
        const result = validatePipeline(config);
        return result.ok
          ? []
          : result.problems.map((p) => [p.path.length ? formatPath(p.path) : '', p.message]);
      });
      expect(groovy.map((answer) => answer.problems)).toEqual(typescript);
      // The cases are not vacuous: most are invalid, some valid.
      expect(typescript.filter((t) => t.length > 0).length).toBeGreaterThan(10);
      expect(groovy.filter((answer) => answer.env !== null).length).toBeGreaterThan(4);
    },
  );
});

describe.skipIf(requireTools(['groovy', 'git']).skip)('library steps in the harness', () => {
  let agent: Agent;
  let dir: string;
  beforeAll(async () => {
    agent = resolveAgent();
    dir = await agentTempDir(agent, 'jma-libsteps-');
  });
  afterAll(async () => {
    await fs.remove(dir);
  });

  async function run(name: string, body: string) {
    const jobDir = path.join(dir, name);
    await fs.outputFile(
      path.join(jobDir, 'Jenkinsfile'),
      `@Library('jenkins-multiarch@test') _\n\npipeline {\n  agent any\n  stages {\n    stage('Step') {\n      steps {\n        ${body}\n      }\n    }\n  }\n}\n`,
    );
    return runPipeline(agent, {
      jenkinsfile: path.join(jobDir, 'Jenkinsfile'),
      dir: jobDir,
      buildNumber: 1,
      library: { name: 'jenkins-multiarch', path: repoRoot },
    });
  }

  /** The build failed on the step's arguments with these problems, before any sh step. */
  function expectRefused(result: { code: number; log: string }, step: string, problems: string[]) {
    expect(result.code).toBe(1);
    expect(result.log).toContain(
      [`ERROR: ${step}: invalid arguments, nothing was run:`, ...problems, ''].join('\n'),
    );
    expect(result.log).not.toContain('[Pipeline] sh');
  }

  test('wrong arguments fail the build at once, naming each key and what is allowed, before any sh step', async () => {
    const result = await run(
      'bad-build',
      `multiarchBuild(image: [name: 'acme/app', tags: ['1']], platforms: ['linux/arm46'], registries: [[host: 'reg.example.com']], platfroms: 'x')`,
    );
    expectRefused(result, 'multiarchBuild', [
      '  platforms[0]: unknown platform "linux/arm46" (did you mean "linux/arm64"?); known platforms: linux/amd64, linux/arm64, linux/arm/v7, linux/arm/v6, linux/386, linux/ppc64le, linux/s390x, linux/mips64le, linux/riscv64',
      '  registries[0].credentialsId: is required: the Jenkins username/password credentials id, or null for a registry that needs no login',
      '  (arguments): unknown field "platfroms" (did you mean "platforms"?); known fields here: image, platforms, build, registries',
    ]);
  });

  test('multiarchPipeline checks its arguments before the pipeline starts', async () => {
    const result = await run(
      'bad-pipeline',
      `script { multiarchPipeline(agent: [label: 'podman'], image: [name: 'Acme'], platforms: 'linux/amd64') }`,
    );
    expect(result.log).toContain('ERROR: multiarchPipeline: invalid arguments, nothing was run:');
    expect(result.log).toContain(
      '  image.name: "Acme" has uppercase letters; image names must be lowercase',
    );
    expect(result.log).toContain(
      '  image.tags: is required: a list of tags, e.g. ["1.0", {from: git-sha}]',
    );
    expect(result.log).toContain(
      '  platforms: expected a list of platforms, e.g. ["linux/amd64", "linux/arm64"], got "linux/amd64"',
    );
    expect(result.log).not.toContain('[Pipeline] sh');
  });

  test('multiarchMirror: a bad image reference, an unknown field and a missing mirror fail in the words of the model, before any sh step', async () => {
    const bad = await run(
      'bad-mirror',
      `multiarchMirror(mirror: [images: [[source: 'docker.io/library/Busybox:1.36', destination: 'registry.example.com/mirror/busybox:1.36']], platform: ['linux/arm64']], registries: [[host: 'registry.example.com', credentialsId: null]])`,
    );
    expectRefused(bad, 'multiarchMirror', [
      '  mirror.images[0].source: "docker.io/library/Busybox:1.36" is not an image reference; expected [host[:port]/]path[:tag][@sha256:digest], e.g. "quay.io/podman/stable:v4.3.1"',
      '  mirror: unknown field "platform" (did you mean "platforms"?); known fields here: images, platforms, format',
    ]);

    // A pipeline may leave mirror out; this step exists for it.
    const missing = await run(
      'no-mirror',
      `multiarchMirror(registries: [[host: 'registry.example.com', credentialsId: 'registry-push']])`,
    );
    expectRefused(missing, 'multiarchMirror', [
      '  mirror: is required: a mapping with images, platforms and format',
    ]);
    expect(missing.log).not.toContain('withCredentials');
  });

  test('a Jenkinsfile asking for a library the job does not have fails', async () => {
    const jobDir = path.join(dir, 'unknown-library');
    await fs.outputFile(
      path.join(jobDir, 'Jenkinsfile'),
      "@Library('other') _\nmultiarchCleanup()\n",
    );
    const result = await runPipeline(agent, {
      jenkinsfile: path.join(jobDir, 'Jenkinsfile'),
      dir: jobDir,
      buildNumber: 1,
      library: { name: 'jenkins-multiarch', path: repoRoot },
    });
    expect(result.code).toBe(1);
    expect(result.log).toContain('ERROR: Library other is not configured for this job');
  });
});
