import fs from 'fs-extra';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import {
  definePipeline,
  PipelineConfigError,
  renderJenkinsfile,
  renderLibrary,
  type PipelineConfig,
} from '../src/index.js';
import { SNAPSHOT_CONFIGS } from './fixtures/configs.js';
import { cli, tempDir } from './support/cli.js';
import { repoRoot } from './support/tools.js';

const base: PipelineConfig = SNAPSHOT_CONFIGS.minimal!;

describe('definePipeline', () => {
  test('returns the pipeline with defaults applied', () => {
    expect(definePipeline(base).build).toEqual({
      dockerfile: 'Dockerfile',
      context: '.',
      args: {},
      noCache: false,
    });
    expect(definePipeline(base).registries[0]!.tlsVerify).toBe(true);
  });

  test('throws every problem at once, as path: message lines', () => {
    const bad = { ...base, platforms: ['linux/arm46'], image: { name: 'Acme', tags: [] } };
    const error = (() => {
      try {
        definePipeline(bad as PipelineConfig);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(PipelineConfigError);
    expect((error as PipelineConfigError).problems.map((p) => p.path.join('.'))).toEqual([
      'image.name',
      'image.tags',
      'platforms.0',
    ]);
    expect((error as Error).message.split('\n')).toEqual([
      'invalid pipeline config:',
      'image.name: "Acme" has uppercase letters; image names must be lowercase',
      'image.tags: must list at least one entry: a list of tags, e.g. ["1.0", {from: git-sha}]',
      expect.stringMatching(
        /^platforms\[0\]: unknown platform "linux\/arm46" \(did you mean "linux\/arm64"\?\)/,
      ),
    ]);
  });
});

describe('renderJenkinsfile', () => {
  test('renders what the CLI renders', async () => {
    const config = parseYaml(
      await fs.readFile(path.join(repoRoot, 'examples', 'hello', 'jenkins-multiarch.yaml'), 'utf8'),
    );
    const cliOutput = await cli(repoRoot, 'render', 'examples/hello/jenkins-multiarch.yaml');
    expect(renderJenkinsfile(config, { source: 'examples/hello/jenkins-multiarch.yaml' })).toBe(
      cliOutput.stdout,
    );
    const withLibrary = { ...config, library: 'jenkins-multiarch@v2' };
    const dir = await tempDir();
    await fs.writeFile(path.join(dir, 'jenkins-multiarch.yaml'), stringifyYaml(withLibrary));
    expect(renderJenkinsfile(withLibrary)).toBe((await cli(dir, 'render')).stdout);
    await fs.remove(dir);
  });

  test('generates Jenkinsfiles for 50 repositories from a script', () => {
    const services = Array.from({ length: 50 }, (_, i) => `service-${i}`);
    const files = services.map((name) =>
      renderJenkinsfile(
        definePipeline({
          ...base,
          library: 'jenkins-multiarch@v1',
          image: { name: `acme/${name}`, tags: ['main'] },
        }),
      ),
    );
    expect(new Set(files).size).toBe(50);
    files.forEach((file, i) =>
      expect(file).toContain(`image: [name: 'acme/${services[i]}', tags: ['main'], labels: [:]]`),
    );
  });

  test('validates a plain config before rendering', () => {
    expect(() => renderJenkinsfile({ ...base, platforms: [] })).toThrow(PipelineConfigError);
  });
});

test('renderLibrary gives the files of vars/ and resources/', () => {
  const files = renderLibrary();
  expect([...files.keys()]).toContain('vars/multiarchPipeline.groovy');
  expect([...files.keys()]).toContain('resources/jenkins-multiarch/build.sh');
});
