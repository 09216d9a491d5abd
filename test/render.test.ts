import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { validatePipeline, type Pipeline, type PipelineConfig } from '../src/model/pipeline.js';
import { renderJenkinsfile } from '../src/render/jenkinsfile.js';
import { environment, LOGIN_ENVIRONMENT, stepEnvironment } from '../src/render/step-environment.js';
import { loadJenkinsfileTemplates } from '../src/templates.js';
import { SNAPSHOT_CONFIGS } from './fixtures/configs.js';
import { groovyCodeOutsideLiterals, parseGroovy } from './support/groovy.js';
import { requireTools } from './support/tools.js';

const templates = loadJenkinsfileTemplates();
const context = { version: '0.0.0-test', source: 'jenkins-multiarch.yaml' };

function pipelineOf(config: PipelineConfig): Pipeline {
  const result = validatePipeline(config);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.pipeline;
}

const render = (config: PipelineConfig) =>
  renderJenkinsfile(pipelineOf(config), templates, context);

describe.each(Object.entries(SNAPSHOT_CONFIGS))('Jenkinsfile for %s', (name, config) => {
  const jenkinsfile = render(config);

  test('matches its snapshot', async () => {
    await expect(jenkinsfile).toMatchFileSnapshot(`__snapshots__/${name}.Jenkinsfile`);
  });

  test('has no GString: outside single-quoted literals there is no double quote', () => {
    expect(groovyCodeOutsideLiterals(jenkinsfile)).not.toContain('"');
  });

  test('is pure ASCII, so no encoding can change a value', () => {
    expect(jenkinsfile).toMatch(/^[\x20-\x7e\n]*$/);
  });

  test('mentions the registry password only as the credentials binding and in the login script', () => {
    const mentions = jenkinsfile
      .split('\n')
      .filter((line) => line.includes('MULTIARCH_REGISTRY_PASSWORD'));
    const logins = pipelineOf(config).registries.filter((r) => r.credentialsId).length;
    if (logins === 0) return expect(mentions).toEqual([]);
    // The login script once (its one use, through a pipe), then each login's binding.
    expect(mentions).toHaveLength(1 + logins);
    expect(mentions[0]!.trim()).toBe(`printf '%s' "$MULTIARCH_REGISTRY_PASSWORD" |`);
    for (const line of mentions.slice(1))
      expect(line).toMatch(
        /withCredentials\(\[usernamePassword\(.*passwordVariable: 'MULTIARCH_REGISTRY_PASSWORD'\)\]\)/,
      );
  });
});

describe('stepEnvironment', () => {
  test('carries every value the scripts read', () => {
    const env = Object.fromEntries(stepEnvironment(pipelineOf(SNAPSHOT_CONFIGS['build-args']!)));
    expect(env).toEqual({
      MULTIARCH_REGISTRIES: 'registry.example.com',
      MULTIARCH_INSECURE_REGISTRIES: '',
      MULTIARCH_IMAGE: 'acme/api',
      MULTIARCH_TAGS: 'main',
      MULTIARCH_PLATFORMS: 'linux/amd64,linux/s390x',
      MULTIARCH_EMULATION: 'amd64:qemu-x86_64 s390x:qemu-s390x',
      MULTIARCH_DOCKERFILE: 'docker/api/Dockerfile',
      MULTIARCH_CONTEXT: 'services/api',
      MULTIARCH_BUILD_ARG_1: 'BASE_IMAGE=registry.example.com/mirror/debian:bookworm',
      MULTIARCH_BUILD_ARG_2: 'MOTD=it\'s $HOME and ${USER}, "quoted" \\ and\nnew lines',
      MULTIARCH_NO_CACHE: 'false',
      BUILDAH_ISOLATION: 'chroot',
      MULTIARCH_PUSH_RETRIES: '2',
    });
  });

  test('carries tag rules, labels, registries and build options', () => {
    const env = Object.fromEntries(stepEnvironment(pipelineOf(SNAPSHOT_CONFIGS['everything']!)));
    expect(env).toMatchObject({
      MULTIARCH_REGISTRIES: 'harbor.lan:8080 mirror.example.com',
      MULTIARCH_INSECURE_REGISTRIES: 'harbor.lan:8080',
      MULTIARCH_TAGS: '1.0 @git-sha @branch @semver @semver:{{major}}.{{minor}} @latest:trunk',
      MULTIARCH_LABEL_1: 'org.opencontainers.image.vendor=Acme',
      MULTIARCH_LABEL_2: 'com.example.team=platform $HOME',
      MULTIARCH_TARGET: 'runtime',
      MULTIARCH_PULL: 'newer',
      MULTIARCH_NO_CACHE: 'true',
      MULTIARCH_TIMEOUT_MINUTES: '45',
      MULTIARCH_EXTRA_ARGS: '--squash --layers=false',
      MULTIARCH_PUSH_RETRIES: '3',
    });
  });

  test('checks one QEMU handler per architecture', () => {
    const env = Object.fromEntries(
      stepEnvironment(pipelineOf(SNAPSHOT_CONFIGS['three-platforms']!)),
    );
    expect(env.MULTIARCH_EMULATION).toBe('arm:qemu-arm ppc64le:qemu-ppc64le');
  });

  test('every MULTIARCH_ variable a script reads is set, and every one set is read', () => {
    const scripts = Object.values(templates.scripts).join('\n');
    const read = new Set([...scripts.matchAll(/\$\{?(MULTIARCH_[A-Z_]+)/g)].map((m) => m[1]!));
    // build.sh reads numbered entries as MULTIARCH_<kind>_$i, for each kind its loop lists.
    read.delete('MULTIARCH_');
    for (const kind of /for kind in ([^;]*);/.exec(scripts)![1]!.split(' '))
      read.add(`MULTIARCH_${kind.split(':')[0]}_`);
    // Credentials come from withCredentials.
    read.delete('MULTIARCH_REGISTRY_USER');
    read.delete('MULTIARCH_REGISTRY_PASSWORD');
    const pipeline = pipelineOf(SNAPSHOT_CONFIGS.everything!);
    const set = [
      ...stepEnvironment(pipeline),
      ...environment(LOGIN_ENVIRONMENT, pipeline.registries[0]),
    ]
      // Numbered entries are read as MULTIARCH_<kind>_$i.
      .map(([name]) => name.replace(/(BUILD_ARG|LABEL)_\d+$/, '$1_'))
      .filter((name, index, all) => all.indexOf(name) === index);
    expect([...read].sort()).toEqual(set.filter((name) => name.startsWith('MULTIARCH_')).sort());
  });
});

describe.skipIf(requireTools(['groovy']).skip)('Groovy 2.4', () => {
  test('compiles every rendered Jenkinsfile', { timeout: 60_000 }, async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'jma-parse-'));
    const files = await Promise.all(
      Object.entries(SNAPSHOT_CONFIGS).map(async ([name, config]) => {
        const file = path.join(dir, `${name}.Jenkinsfile`);
        await fs.writeFile(file, render(config));
        return file;
      }),
    );
    const results = await parseGroovy(files);
    expect(results.map((r) => ({ file: path.basename(r.file), errors: r.errors }))).toEqual(
      files.map((file) => ({ file: path.basename(file), errors: [] })),
    );
    await fs.remove(dir);
  });

  test('reports a syntax error with its line, so a passing parse means something', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'jma-parse-'));
    const file = path.join(dir, 'Broken.Jenkinsfile');
    await fs.writeFile(
      file,
      render(SNAPSHOT_CONFIGS.minimal!).replace("label 'podman'", "label 'podman"),
    );
    const [result] = await parseGroovy([file]);
    expect(result?.ok).toBe(false);
    expect(result?.errors[0]?.line).toBeGreaterThan(0);
    await fs.remove(dir);
  });
});
