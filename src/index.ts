/**
 * The programmatic API: what `import … from 'jenkins-multiarch'` gives a platform team that
 * generates Jenkinsfiles for many repositories from a script. It is an edge like the CLI (it reads
 * the package's files), over the same pure model and renderers.
 */
import {
  formatPath,
  validatePipeline,
  type Pipeline,
  type PipelineConfig,
  type Problem,
} from './model/pipeline.js';
import { composeJenkinsfile } from './render/jenkinsfile.js';
import { composeLibrary } from './render/library.js';
import { loadLibraryFiles, loadRuntime, toolVersion } from './package-files.js';

export { formatPath, validatePipeline, toolVersion as version };
export type { Pipeline, PipelineConfig, Problem };

/** A config that does not validate; `problems` has every one, `message` one `path: message` per line. */
export class PipelineConfigError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(
      `invalid pipeline config:\n${problems.map((p) => `${formatPath(p.path)}: ${p.message}`).join('\n')}`,
    );
    this.name = 'PipelineConfigError';
  }
}

/** Validates a config (typed, so editors complete it) and returns it with defaults applied. */
export function definePipeline(config: PipelineConfig): Pipeline {
  const result = validatePipeline(config);
  if (!result.ok) throw new PipelineConfigError(result.problems);
  return result.pipeline;
}

export interface JenkinsfileOptions {
  /** Named in the header as the config it came from. */
  readonly source?: string;
}

/**
 * The Jenkinsfile for a pipeline, as `render` writes it: with `library` in the config, a short one
 * that calls the shared library; without, a standalone one. A plain config is validated first
 * (PipelineConfigError).
 */
export function renderJenkinsfile(
  pipeline: Pipeline | PipelineConfig,
  options: JenkinsfileOptions = {},
): string {
  return composeJenkinsfile(definePipeline(pipeline as PipelineConfig), loadRuntime(), {
    version: toolVersion,
    source: options.source ?? 'jenkins-multiarch.yaml',
  });
}

/** Every file of the shared library (vars/, resources/), by relative path, as `library` writes it. */
export function renderLibrary(): Map<string, string> {
  return composeLibrary(loadLibraryFiles(), { version: toolVersion });
}
