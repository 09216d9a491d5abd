import fs from 'fs-extra';
import path from 'node:path';
import { validatePipeline, type PipelineConfig } from '../../src/model/pipeline.js';
import { loadRuntime } from '../../src/package-files.js';
import { composeJenkinsfile } from '../../src/render/jenkinsfile.js';
import { SNAPSHOT_CONFIGS } from '../fixtures/configs.js';
import { repoRoot } from './tools.js';

/**
 * A Jenkinsfile we emit: for a snapshot config, standalone or short (with `library:`). `text()`
 * renders it anew on each call, in the test that reads it: the mutation run (issue 17) counts
 * only what runs inside a test as its coverage, so a Jenkinsfile rendered as this module loads,
 * or kept from an earlier test, would tie no test to the renderer's code.
 */
export interface EmittedJenkinsfile {
  readonly name: string;
  readonly kind: 'standalone' | 'library';
  text(): string;
}

export const EMITTED_JENKINSFILES: readonly EmittedJenkinsfile[] = Object.entries(
  SNAPSHOT_CONFIGS,
).flatMap(([name, config]) =>
  (['standalone', 'library'] as const).map((kind) => ({
    name,
    kind,
    text: () => {
      const library = kind === 'library' ? 'jenkins-multiarch@v1.2.3' : undefined;
      const result = validatePipeline({ ...config, library } as PipelineConfig);
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      const context = { version: '0.0.0-test', source: 'jenkins-multiarch.yaml' };
      return composeJenkinsfile(result.pipeline, loadRuntime(), context);
    },
  })),
);

/** Every Groovy file we emit: the repository's vars/*.groovy, and the Jenkinsfiles written to `dir`. */
export async function emittedGroovyFiles(dir: string): Promise<string[]> {
  const vars = (await fs.readdir(path.join(repoRoot, 'vars')))
    .filter((name) => name.endsWith('.groovy'))
    .map((name) => path.join(repoRoot, 'vars', name));
  const jenkinsfiles = await Promise.all(
    EMITTED_JENKINSFILES.map(async ({ name, kind, text }) => {
      const file = path.join(dir, `${name}-${kind}.Jenkinsfile`);
      await fs.writeFile(file, text());
      return file;
    }),
  );
  return [...vars, ...jenkinsfiles];
}
