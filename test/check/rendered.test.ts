import { expect, test } from 'vitest';
import { validatePipeline, type Pipeline, type PipelineConfig } from '../../src/model/pipeline.js';
import { DEFAULT_CONFIG } from '../../src/check/check.js';
import {
  loadLibraryFiles,
  loadResources,
  loadRuntime,
  OWN_LIBRARY,
  ownLibrarySteps,
} from '../../src/package-files.js';
import { groovyMultilineString } from '../../src/render/groovy.js';
import { composeJenkinsfile } from '../../src/render/jenkinsfile.js';
import { composeLibrary } from '../../src/render/library.js';
import { SNAPSHOT_CONFIGS } from '../fixtures/configs.js';
import { check, fixture, spots } from './support.js';

/**
 * What jenkins-multiarch emits must pass its own check without a finding: the Jenkinsfiles of
 * every snapshot config, standalone and short, every file of the shared library, and the shell
 * steps of the runtime, which those Jenkinsfiles run from data where check cannot follow them.
 */
const CONFIGS: Record<string, PipelineConfig> = {
  ...SNAPSHOT_CONFIGS,
  // A build argument whose name looks like a secret's, and platforms across four architectures.
  'token-named-arg': {
    ...SNAPSHOT_CONFIGS['build-args']!,
    platforms: ['linux/amd64', 'linux/s390x', 'linux/riscv64', 'linux/386'],
    build: { args: { API_TOKEN_NAME: 'not-a-secret' } },
  },
};

const context = { version: '0.0.0-test', source: 'jenkins-multiarch.yaml' };

/**
 * As the CLI checks: this package's library known by its name, its vars/ by their names; and as a
 * controller with Declarative's script splitting on, which what we emit must run on too.
 */
const withOwnLibrary = {
  ...DEFAULT_CONFIG,
  libraries: { [OWN_LIBRARY]: ownLibrarySteps() },
  scriptSplitting: true,
};

function pipelineOf(config: PipelineConfig): Pipeline {
  const validation = validatePipeline(config);
  if (!validation.ok) throw new Error(JSON.stringify(validation.problems));
  return validation.pipeline;
}

test.each(Object.entries(CONFIGS))('the Jenkinsfiles for %s have no findings', (_name, config) => {
  for (const library of [undefined, 'jenkins-multiarch@v1'])
    expect(
      spots(
        check(
          composeJenkinsfile(pipelineOf({ ...config, library }), loadRuntime(), context),
          withOwnLibrary,
        ),
      ),
    ).toEqual([]);
});

test.each(
  [...composeLibrary(loadLibraryFiles(), { version: '0.0.0-test' })].filter(([file]) =>
    file.endsWith('.groovy'),
  ),
)('the shared library file %s has no findings', (_file, source) => {
  expect(spots(check(source, withOwnLibrary, 'groovy', ownLibrarySteps()))).toEqual([]);
});

test('the sample the renderer emitted for a real project has no findings', () => {
  expect(spots(check(fixture('rendered-sample.Jenkinsfile')))).toEqual([]);
});

/**
 * The shell steps as the runtime runs them (common.sh, then the step, in withEnv), written out as
 * literal sh steps so that check reads them.
 */
function stepsAsWritten(platforms: string): string {
  const resources = loadResources();
  const steps = ['preflight', 'login', 'tags', 'build', 'push', 'verify', 'cleanup'].map(
    (name) =>
      `    sh(script: ${groovyMultilineString(resources.get('common.sh')! + resources.get(`${name}.sh`)!)})`,
  );
  return `node('podman') {\n  withEnv(['MULTIARCH_PLATFORMS=${platforms}']) {\n${steps.join('\n')}\n  }\n}\n`;
}

test('the shell steps have no findings, and the analysis sees them: remove their safeguards and findings appear', () => {
  const safe = stepsAsWritten('linux/amd64,linux/arm64');
  expect(spots(check(safe))).toEqual([]);
  const unsafe = stepsAsWritten('linux/amd64,linux/aarch64')
    .replace(/^podman manifest rm "\$manifest_list" >\/dev\/null 2>&1 \|\| true\n/gm, '')
    // The login script's own `set +x`, which keeps the password out of the trace.
    .replace(/(# jenkins-multiarch login:.*\n)\{ set \+x; \} 2>\/dev\/null\n/, '$1')
    .replace(/\{ case \$- in .*\n/g, '')
    .replace('podman manifest push --all', 'podman manifest push --all=false');
  expect(new Set(check(unsafe).map((f) => f.rule))).toEqual(
    new Set(['manifest-reuse', 'secret-in-trace', 'manifest-push-without-all', 'unknown-platform']),
  );
});
