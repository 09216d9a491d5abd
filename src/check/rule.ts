import type { Block } from './declarative.js';
import type { Dockerfile } from './dockerfile.js';
import type { GroovyFile } from './groovy-parser.js';
import type { PipelineAnalysis, ScriptStep } from './pipeline.js';
import type { ContainerCommand } from './podman.js';

export type Severity = 'error' | 'warning';

/** What a rule reports: the exact spot (source offsets), what goes wrong at run time, the fix. */
export interface RuleFinding {
  readonly start: number;
  readonly end: number;
  readonly message: string;
  readonly fix: string;
}

export interface StepCommand {
  readonly step: ScriptStep;
  readonly command: ContainerCommand;
}

export interface RuleContext {
  readonly source: string;
  readonly pipeline: PipelineAnalysis;
  /** Every podman/docker/buildah/skopeo command in the file's sh steps, in source order. */
  readonly commands: readonly StepCommand[];
  /** Registries the pipeline's owners declared insecure on purpose (config file or comment). */
  readonly insecureRegistries: readonly string[];
  /** The parsed file, for rules that read its structure. */
  readonly file: GroovyFile;
  /** Steps the catalogue lacks: the settings' own, and for a vars/ file its library's vars. */
  readonly extraSteps: readonly string[];
  /** Shared libraries by name, each as the step names of its vars/. */
  readonly libraries: Readonly<Record<string, readonly string[]>>;
  /** Whether the file is a step of a library's vars/, which may run in the sandbox. */
  readonly libraryVar: boolean;
  /** Whether Declarative's script splitting is on (CheckConfig.scriptSplitting). */
  readonly scriptSplitting: boolean;
  /** The blocks of the file's top-level declarative pipeline; empty for any other file. */
  readonly declarative: readonly Block[];
}

export interface RuleInfo {
  readonly id: string;
  readonly severity: Severity;
  /** One line naming the problem, for listings and SARIF. */
  readonly title: string;
}

/** A rule over the analysed pipeline. Syntax and suppression problems come from elsewhere. */
export interface Rule extends RuleInfo {
  check(context: RuleContext): RuleFinding[];
}

export interface DockerfileContext {
  readonly source: string;
  readonly dockerfile: Dockerfile;
}

/** A rule over a Dockerfile (or Containerfile). */
export interface DockerfileRule extends RuleInfo {
  check(context: DockerfileContext): RuleFinding[];
}
