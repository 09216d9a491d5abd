/**
 * The programmatic API: what `import … from 'jenkins-multiarch'` gives a platform team that
 * generates Jenkinsfiles for many repositories from a script. It is an edge like the CLI (it reads
 * the templates), over the same pure model and renderers.
 */
import {
  formatPath,
  validatePipeline,
  type Pipeline,
  type PipelineConfig,
  type Problem,
} from './model/pipeline.js';
import { renderJenkinsfile as renderFull, renderLibraryJenkinsfile } from './render/jenkinsfile.js';
import { renderLibrary as renderLibraryFiles } from './render/library.js';
import {
  loadJenkinsfileTemplates,
  loadLibraryJenkinsfileTemplate,
  loadLibraryTemplates,
  toolVersion,
} from './templates.js';

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
  /** `full` (default): a self-contained Jenkinsfile; `library`: @Library + multiarchPipeline(…). */
  readonly mode?: 'full' | 'library';
  /** With mode `library`: the library to load, NAME or NAME@VERSION. */
  readonly library?: string;
  /** Named in the header as the config it came from. */
  readonly source?: string;
}

/** The Jenkinsfile for a pipeline; a plain config is validated first (PipelineConfigError). */
export function renderJenkinsfile(
  pipeline: Pipeline | PipelineConfig,
  options: JenkinsfileOptions = {},
): string {
  const validated = definePipeline(pipeline as PipelineConfig);
  const context = { version: toolVersion, source: options.source ?? 'jenkins-multiarch.yaml' };
  return options.mode === 'library'
    ? renderLibraryJenkinsfile(validated, loadLibraryJenkinsfileTemplate(), {
        ...context,
        library: options.library ?? `jenkins-multiarch@v${toolVersion}`,
      })
    : renderFull(validated, loadJenkinsfileTemplates(), context);
}

/** Every file of the shared library (vars/, resources/), by relative path. */
export function renderLibrary(): Map<string, string> {
  return renderLibraryFiles(loadLibraryTemplates(), { version: toolVersion });
}
