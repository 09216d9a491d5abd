import type { Pipeline } from '../model/pipeline.js';
import { stepEnvironment } from '../model/step-environment.js';
import { runStepScript, type StepLine } from './step-script.js';

/**
 * The pipeline's own preflight script, run on this machine with the environment the Preflight
 * stage gives it, so `doctor` and the pipeline check the same things in the same words. It reads
 * and never changes the machine.
 */

export interface PreflightOptions {
  /** The checkout, where the build's paths start. */
  readonly root: string;
  /** The platforms to check here: those the config's own agent builds. */
  readonly platforms: readonly string[];
  /** Registry logins to check with (findUserAuthFile). */
  readonly authFile: string | undefined;
}

/** Runs preflight for `pipeline`, calling `onLine` with each line as it comes; its exit code. */
export function runPreflight(
  pipeline: Pipeline,
  { root, platforms, authFile }: PreflightOptions,
  onLine: (line: StepLine) => void,
): Promise<number> {
  return runStepScript(
    {
      script: 'preflight',
      env: [...stepEnvironment(pipeline), ['MULTIARCH_PLATFORMS', platforms.join(',')]],
      cwd: root,
      authFile,
      label: 'doctor',
    },
    onLine,
  );
}
