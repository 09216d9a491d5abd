import { expect, test } from 'vitest';
import { validatePipeline, type Pipeline, type PipelineConfig } from '../../src/model/pipeline.js';
import { renderJenkinsfile, renderLibraryJenkinsfile } from '../../src/render/jenkinsfile.js';
import { renderLibrary } from '../../src/render/library.js';
import {
  loadJenkinsfileTemplates,
  loadLibraryJenkinsfileTemplate,
  loadLibraryTemplates,
} from '../../src/templates.js';
import { SNAPSHOT_CONFIGS } from '../fixtures/configs.js';
import { check, fixture, spots } from './support.js';

/**
 * What jenkins-multiarch emits must pass its own check without a finding: the Jenkinsfiles of
 * every snapshot config (they cover every branch of the template), the short library
 * Jenkinsfile, and every file of the shared library.
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

function pipelineOf(config: PipelineConfig): Pipeline {
  const validation = validatePipeline(config);
  if (!validation.ok) throw new Error(JSON.stringify(validation.problems));
  return validation.pipeline;
}

test.each(Object.entries(CONFIGS))(
  'the rendered %s Jenkinsfile has no findings',
  (_name, config) => {
    expect(
      spots(check(renderJenkinsfile(pipelineOf(config), loadJenkinsfileTemplates(), context))),
    ).toEqual([]);
  },
);

test.each(Object.entries(CONFIGS))(
  'the short library Jenkinsfile for %s has no findings',
  (_name, config) => {
    const jenkinsfile = renderLibraryJenkinsfile(
      pipelineOf(config),
      loadLibraryJenkinsfileTemplate(),
      {
        ...context,
        library: 'jenkins-multiarch@v1',
      },
    );
    expect(spots(check(jenkinsfile))).toEqual([]);
  },
);

test.each(
  [...renderLibrary(loadLibraryTemplates(), { version: '0.0.0-test' })].filter(([file]) =>
    file.endsWith('.groovy'),
  ),
)('the shared library file %s has no findings', (_file, source) => {
  expect(spots(check(source))).toEqual([]);
});

test('the sample the renderer emitted for a real project has no findings', () => {
  expect(spots(check(fixture('rendered-sample.Jenkinsfile')))).toEqual([]);
});

test('the analysis sees the rendered pipeline: remove its safeguards and findings appear', () => {
  const jenkinsfile = renderJenkinsfile(
    pipelineOf(CONFIGS.minimal!),
    loadJenkinsfileTemplates(),
    context,
  );
  const unsafe = jenkinsfile
    .replace(/^ *podman manifest rm "\$manifest_list" >\/dev\/null 2>&1 \|\| true\n/gm, '')
    // The login script's own `set +x`, which keeps the password out of the trace.
    .replace(/(# jenkins-multiarch login:.*\n) *\{ set \+x; \} 2>\/dev\/null\n/, '$1')
    .replace(/\{ case \$- in .*\n/, '')
    .replace('podman manifest push --all', 'podman manifest push --all=false')
    .replace(
      "'MULTIARCH_PLATFORMS=linux/amd64,linux/arm64'",
      "'MULTIARCH_PLATFORMS=linux/amd64,linux/aarch64'",
    )
    .replace(/if \[ ! -e "\$binfmt\/status" \]/, 'if false')
    .replace(/binfmt=\/proc\/sys\/fs\/binfmt_misc\n/, '');
  expect(new Set(check(unsafe).map((f) => f.rule))).toEqual(
    new Set(['manifest-reuse', 'secret-in-trace', 'manifest-push-without-all', 'unknown-platform']),
  );
});
