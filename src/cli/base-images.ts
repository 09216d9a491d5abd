import {
  parseBaseImageListing,
  type BaseImageListing,
  type BaseImageStage,
} from '../model/base-image-stage.js';
import type { Pipeline } from '../model/pipeline.js';
import { stepEnvironment } from '../model/step-environment.js';
import { failure, usageError } from './errors.js';
import { runStepScript } from './step-script.js';

/**
 * The base images of a config's Dockerfile, as the pipeline's own shell resolves them
 * (resources/jenkins-multiarch/base-images.sh, with base_image_stages of common.sh, which the
 * Preflight stage checks them with), for `mirror --from-config`.
 */

export interface BaseImageOptions {
  /** The checkout, where the build's paths start. */
  readonly root: string;
  /**
   * The platform of the agent that builds the platforms not built natively, which a
   * `FROM --platform=$BUILDPLATFORM` stage runs on there; by default this machine's, as podman
   * tells it.
   */
  readonly buildPlatform?: string;
}

/**
 * Runs base-images.sh for `platforms`, built on `buildPlatform`, with the config's step environment,
 * as a shell step of the pipeline: common.sh, then the step.
 */
async function runListing(
  pipeline: Pipeline,
  root: string,
  platforms: readonly string[],
  buildPlatform: string | undefined,
): Promise<{ exitCode: number; listing: BaseImageListing; output: string }> {
  const lines: string[] = [];
  const exitCode = await runStepScript(
    {
      script: 'base-images',
      env: [
        ...stepEnvironment(pipeline),
        ['MULTIARCH_PLATFORMS', platforms.join(',')],
        ...(buildPlatform === undefined
          ? []
          : [['MULTIARCH_BUILD_PLATFORM', buildPlatform] as const]),
      ],
      cwd: root,
      authFile: undefined,
      label: 'base-images',
    },
    ({ status, message }) =>
      lines.push(status === 'detail' ? message : `${status.toUpperCase()}: ${message}`),
  );
  const output = lines.join('\n');
  return { exitCode, listing: parseBaseImageListing(output), output };
}

/**
 * The base images of `pipeline`'s Dockerfile for each of its platforms, as its build starts them:
 * the platforms of `native` each on an agent of its own (so a $BUILDPLATFORM stage runs on that
 * platform), the others on the default agent, of `buildPlatform`. A Dockerfile that is missing, a
 * FROM that names no image or a build.target that names no stage is a usage error (exit 2).
 */
export async function listBaseImages(
  pipeline: Pipeline,
  { root, buildPlatform }: BaseImageOptions,
): Promise<BaseImageStage[]> {
  const native = Object.keys(pipeline.native ?? {});
  const emulated = pipeline.platforms.filter((platform) => !native.includes(platform));
  const runs: Array<readonly [readonly string[], string | undefined]> = [
    ...(emulated.length > 0 ? [[emulated, buildPlatform] as const] : []),
    ...native.map((platform) => [[platform], platform] as const),
  ];
  const stages: BaseImageStage[] = [];
  for (const [platforms, on] of runs) {
    const { exitCode, listing, output } = await runListing(pipeline, root, platforms, on);
    if (listing.problems.length > 0) {
      const error = exitCode === 2 ? usageError : failure;
      throw error(listing.problems.join('\n'));
    }
    if (exitCode !== 0)
      throw failure(`base-images.sh stopped with exit code ${exitCode}:\n${output.trimEnd()}`);
    stages.push(...listing.stages);
  }
  return stages;
}
