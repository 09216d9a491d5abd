import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { validatePipeline, type Pipeline, type PipelineConfig } from '../src/model/pipeline.js';
import { loadRuntime } from '../src/package-files.js';
import { groovyString } from '../src/render/groovy.js';
import {
  composeJenkinsfile,
  generatedState,
  NOT_CARRIED,
  runtimeModel,
} from '../src/render/jenkinsfile.js';
import { STEP_ENVIRONMENT } from '../src/model/step-environment.js';
import { SNAPSHOT_CONFIGS } from './fixtures/configs.js';
import { EMITTED_JENKINSFILES } from './support/emitted.js';
import { groovyCodeOutsideLiterals, parseGroovy, runGroovy } from './support/groovy.js';
import { requireTools } from './support/tools.js';

const files = loadRuntime();
const context = { version: '0.0.0-test', source: 'jenkins-multiarch.yaml' };

function pipelineOf(config: PipelineConfig): Pipeline {
  const result = validatePipeline(config);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.pipeline;
}

// The package's files read anew, so that a test that renders runs their loading too.
const render = (config: PipelineConfig) =>
  composeJenkinsfile(pipelineOf(config), loadRuntime(), context);
const withLibrary = (config: PipelineConfig): PipelineConfig => ({
  ...config,
  library: 'jenkins-multiarch@v1.2.3',
});

// Each test renders its Jenkinsfile itself: the mutation run (issue 17) counts only what runs
// inside a test as its coverage, not what a describe body computes.
describe.each(Object.entries(SNAPSHOT_CONFIGS))(
  'the standalone Jenkinsfile for %s',
  (name, config) => {
    test('matches its snapshot up to the runtime it carries', async () => {
      const jenkinsfile = render(config);
      // What follows is vars/multiarchRuntime.groovy and resources/ as they are (tested below).
      const first = [...files.resources.keys()].find((file) => !NOT_CARRIED.includes(file));
      const end = jenkinsfile.indexOf(`\n    ${groovyString(first!)}: '''`);
      expect(end).toBeGreaterThan(0);
      const own = jenkinsfile.slice(0, end);
      await expect(own).toMatchFileSnapshot(`__snapshots__/${name}.Jenkinsfile`);
    });

    test('carries the runtime as it is, and the resources it reads', () => {
      const jenkinsfile = render(config);
      expect(jenkinsfile.endsWith(`\n${files.runtime}`)).toBe(true);
      for (const [file] of files.resources) {
        const carried = jenkinsfile.includes(`\n    ${groovyString(file)}: '''`);
        // pod.yaml only where the runtime makes a pod; the CLI's and multiarchMirror's never.
        expect(carried, file).toBe(
          file === 'pod.yaml' ? config.agent.kubernetes !== undefined : !NOT_CARRIED.includes(file),
        );
      }
      // model.json once: the runtime's table, not the whole model the package has.
      expect(jenkinsfile.split(`\n    ${groovyString('model.json')}: '''`)).toHaveLength(2);
    });

    test('mentions the registry password only in the runtime and the login script', () => {
      const mentions = render(config)
        .split('\n')
        .filter((line) => line.includes('MULTIARCH_REGISTRY_PASSWORD'));
      // login.sh's one use, through a pipe; then the runtime's binding of it.
      expect(mentions.map((line) => line.trim())).toEqual([
        `printf '%s' "$MULTIARCH_REGISTRY_PASSWORD" |`,
        expect.stringMatching(
          /^withCredentials\(\[usernamePassword\(.*passwordVariable: 'MULTIARCH_REGISTRY_PASSWORD'\)\]\) \{$/,
        ),
      ]);
    });
  },
);

describe.each(EMITTED_JENKINSFILES)('the $kind Jenkinsfile for $name', ({ text }) => {
  test('has no GString: outside single-quoted literals there is no double quote', () => {
    expect(groovyCodeOutsideLiterals(text())).not.toContain('"');
  });

  test('is pure ASCII, so no encoding can change a value', () => {
    expect(text()).toMatch(/^[\x20-\x7e\n]*$/);
  });
});

test('with library:, the Jenkinsfile loads that library and hands it every field but library', () => {
  const text = render(withLibrary(SNAPSHOT_CONFIGS.minimal!));
  expect(text.split('\n').slice(4)).toEqual([
    '// multiarchPipeline comes from the jenkins-multiarch shared library (see its multiarchPipeline.txt).',
    "@Library('jenkins-multiarch@v1.2.3') _",
    '',
    'multiarchPipeline(',
    "  agent: [label: 'podman'],",
    "  image: [name: 'acme/hello', tags: ['latest'], labels: [:]],",
    "  platforms: ['linux/amd64', 'linux/arm64'],",
    '  native: [:],',
    "  build: [dockerfile: 'Dockerfile', context: '.', args: [:], noCache: false],",
    "  registries: [[host: 'registry.example.com', credentialsId: 'registry-push', tlsVerify: true]],",
    '  push: [retries: 2, timeoutSeconds: 1800],',
    '  smoke: [enabled: true]',
    ')',
    '',
  ]);
});

test('render replaces a Jenkinsfile only as it generated it: an edit, or a header without its digest, makes it edited', () => {
  for (const config of [SNAPSHOT_CONFIGS.minimal!, withLibrary(SNAPSHOT_CONFIGS.minimal!)]) {
    const text = render(config);
    expect(generatedState(text)).toBe('as-generated');
    expect(generatedState(text.replace("label: 'podman'", "label: 'docker'"))).toBe('edited');
    const lines = text.split('\n');
    expect(lines[3]).toMatch(/^\/\/ sha256 of the lines below: [0-9a-f]{64}$/);
    // The digest line gone, or every line it vouched for (and the line break that ends it).
    expect(generatedState([...lines.slice(0, 3), ...lines.slice(4)].join('\n'))).toBe('edited');
    expect(generatedState(lines.slice(0, 4).join('\n'))).toBe('edited');
    expect(generatedState(`${lines.slice(0, 4).join('\n')}\n`)).toBe('edited');
    expect(generatedState(text.slice(1))).toBe('foreign');
  }
});

describe.skipIf(requireTools(['groovy']).skip)('Groovy 2.4', () => {
  test(
    'compiles every Jenkinsfile, whose script level holds only the call of the runtime or the library',
    { timeout: 60_000 },
    async () => {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'jma-parse-'));
      const paths = await Promise.all(
        EMITTED_JENKINSFILES.map(async ({ name, kind, text }) => {
          const file = path.join(dir, `${name}-${kind}.Jenkinsfile`);
          await fs.writeFile(file, text());
          return file;
        }),
      );
      const results = await parseGroovy(paths);
      // No script-level variable, which declarative's script splitting refuses (JENKINS-37984),
      // but the `_` that `@Library` annotates, as Jenkins documents it: these Jenkinsfiles are
      // scripted, and script splitting applies to declarative ones only.
      expect(
        results.map((r) => ({
          file: path.basename(r.file),
          errors: r.errors,
          topLevel: r.topLevel,
        })),
      ).toEqual(
        EMITTED_JENKINSFILES.map(({ name, kind }) => ({
          file: `${name}-${kind}.Jenkinsfile`,
          errors: [],
          topLevel:
            kind === 'library'
              ? ['declaration _ @Library', 'call multiarchPipeline']
              : ['call runPipeline'],
        })),
      );
      await fs.remove(dir);
    },
  );

  test('reads back the config and every resource of a standalone Jenkinsfile exactly', async () => {
    const text = render(SNAPSHOT_CONFIGS.everything!);
    const methods = text.slice(
      text.indexOf('@NonCPS\nMap multiarchConfig()'),
      text.indexOf('// ---- vars/'),
    );
    const output = await runGroovy(
      `${methods.replaceAll('@NonCPS\n', '')}\nprintln groovy.json.JsonOutput.toJson([config: multiarchConfig(), resources: multiarchResources()])`,
    );
    const { library: _library, ...config } = pipelineOf(SNAPSHOT_CONFIGS.everything!);
    expect(JSON.parse(output)).toEqual({
      config,
      // All but those runPipeline never runs.
      resources: {
        ...Object.fromEntries([...files.resources].filter(([name]) => !NOT_CARRIED.includes(name))),
        'model.json': runtimeModel(),
      },
    });
    // Of model.json, the table of the step environment that the runtime reads.
    expect(JSON.parse(runtimeModel())).toEqual({ stepEnvironment: STEP_ENVIRONMENT });
  });

  test('compiles whatever the config file is called: its path is shown in comments, encoded', async () => {
    // Groovy reads \uXXXX in comments too: an escaped line break would end the header's `//`
    // comment, a `\u` without hex digits does not compile, and `*/` ends the config's doc comment.
    const source = 'team\\user*/x\\u000a y\ncaf\u00e9.yaml';
    const text = composeJenkinsfile(pipelineOf(SNAPSHOT_CONFIGS.minimal!), files, {
      ...context,
      source,
    });
    const shown = 'team%5Cuser%2A/x%5Cu000a y%0Acaf%C3%A9.yaml';
    expect(text.split('\n').slice(0, 2)).toEqual([
      `// Generated by jenkins-multiarch 0.0.0-test from ${shown}.`,
      `// Edit that file and run \`jenkins-multiarch render '${shown}' -o Jenkinsfile\`: once this`,
    ]);
    expect(text).toContain(`/** ${shown}, checked, with every default written out. */`);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'jma-parse-'));
    const file = path.join(dir, 'Jenkinsfile');
    await fs.writeFile(file, text);
    const [result] = await parseGroovy([file]);
    expect(result?.errors).toEqual([]);
    await fs.remove(dir);
  });

  test('reports a syntax error with its line, so a passing parse means something', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'jma-parse-'));
    const file = path.join(dir, 'Broken.Jenkinsfile');
    await fs.writeFile(
      file,
      render(SNAPSHOT_CONFIGS.minimal!).replace("label: 'podman'", "label: 'podman"),
    );
    const [result] = await parseGroovy([file]);
    expect(result?.ok).toBe(false);
    expect(result?.errors[0]?.line).toBeGreaterThan(0);
    await fs.remove(dir);
  });
});
