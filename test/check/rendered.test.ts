import { expect, test } from 'vitest';
import { validatePipeline, type PipelineConfig } from '../../src/model/pipeline.js';
import { renderJenkinsfile } from '../../src/render/jenkinsfile.js';
import { loadJenkinsfileTemplates } from '../../src/templates.js';
import { check, fixture, spots } from './support.js';

/**
 * Configs covering every branch of the Jenkinsfile template (the same shapes as the renderer's
 * snapshot configs): what jenkins-multiarch emits must pass its own check without a finding.
 */
const CONFIGS: Record<string, PipelineConfig> = {
  minimal: {
    agent: { label: 'podman' },
    image: { name: 'acme/hello', tags: ['latest'] },
    platforms: ['linux/amd64', 'linux/arm64'],
    registry: { host: 'registry.example.com', credentialsId: 'registry-push' },
  },
  'kubernetes-container': {
    agent: { label: 'base', container: 'base' },
    clone: {
      url: 'https://gitlab.example.com/ndx/dao-2048.git',
      branch: 'master',
      credentialsId: 'gitlab',
    },
    image: { name: 'demo/dao-2048', tags: ['v1'] },
    platforms: ['linux/amd64', 'linux/arm64'],
    registry: { host: 'release.example.io', credentialsId: 'harbor' },
  },
  // tlsVerify: false is the config saying the registry is insecure on purpose.
  'insecure-registry': {
    agent: { label: 'linux && podman' },
    image: { name: 'debian-jdk8-multi', tags: ['v1'] },
    platforms: ['linux/amd64', 'linux/arm64', 'linux/mips64le'],
    registry: { host: '192.168.41.96:5000', tlsVerify: false },
  },
  'three-platforms': {
    agent: { label: 'podman' },
    image: { name: 'acme/tools', tags: ['1.2.3', '1.2', 'latest'] },
    platforms: ['linux/arm/v7', 'linux/arm/v6', 'linux/ppc64le'],
    registry: { host: 'registry.example.com', credentialsId: 'registry-push' },
  },
  'build-args': {
    agent: { label: 'podman' },
    image: { name: 'acme/api', tags: ['main'] },
    platforms: ['linux/amd64', 'linux/s390x', 'linux/riscv64', 'linux/386'],
    build: {
      dockerfile: 'docker/api/Dockerfile',
      context: 'services/api',
      isolation: 'chroot',
      args: {
        BASE_IMAGE: 'registry.example.com/mirror/debian:bookworm',
        MOTD: 'it\'s $HOME and ${USER}, "quoted" \\ and\nnew lines',
        API_TOKEN_NAME: 'not-a-secret',
      },
    },
    registry: { host: 'registry.example.com', credentialsId: 'registry-push' },
  },
};

test.each(Object.entries(CONFIGS))(
  'the rendered %s Jenkinsfile has no findings',
  (name, config) => {
    const validation = validatePipeline(config);
    if (!validation.ok) throw new Error(JSON.stringify(validation.problems));
    const jenkinsfile = renderJenkinsfile(validation.pipeline, loadJenkinsfileTemplates(), {
      version: '0.0.0-test',
      source: `${name}.yaml`,
    });
    expect(spots(check(jenkinsfile))).toEqual([]);
  },
);

test('the sample the renderer emitted for a real project has no findings', () => {
  expect(spots(check(fixture('rendered-sample.Jenkinsfile')))).toEqual([]);
});

test('the analysis sees the rendered pipeline: remove its safeguards and findings appear', () => {
  const jenkinsfile = renderJenkinsfile(
    (validatePipeline(CONFIGS.minimal) as { ok: true; pipeline: never }).pipeline,
    loadJenkinsfileTemplates(),
    { version: '0.0.0-test', source: 'minimal.yaml' },
  );
  const unsafe = jenkinsfile
    .replace(/^ *podman manifest rm "\$manifest_list" >\/dev\/null 2>&1 \|\| true\n/gm, '')
    .replace('{ set +x; } 2>/dev/null\n', '')
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
