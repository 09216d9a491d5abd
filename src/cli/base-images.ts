import { execa } from 'execa';
import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import {
  parseBaseImageListing,
  type BaseImageListing,
  type BaseImageStage,
} from '../model/base-image-stage.js';
import type { Pipeline } from '../model/pipeline.js';
import { stepEnvironment } from '../model/step-environment.js';
import { loadResources } from '../package-files.js';
import { failure, usageError } from './errors.js';

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
 * Runs base-images.sh for `platforms`, built on `buildPlatform`, with the config's step environment
 * in a temporary workspace, as a shell step of the pipeline: common.sh, then the step.
 */
async function runListing(
  pipeline: Pipeline,
  root: string,
  platforms: readonly string[],
  buildPlatform: string | undefined,
): Promise<{ exitCode: number; listing: BaseImageListing; output: string }> {
  const resources = loadResources();
  const workspace = await fs.mkdtemp(path.join(os.tmpdir(), 'jenkins-multiarch-base-images-'));
  try {
    const script = path.join(workspace, 'base-images.sh');
    await fs.writeFile(script, resources.get('common.sh')! + resources.get('base-images.sh')!);
    const env: Record<string, string | undefined> = {};
    // Nothing of an earlier build's MULTIARCH_* may leak in: the config alone says what to read.
    for (const name of Object.keys(process.env))
      if (name.startsWith('MULTIARCH_')) env[name] = undefined;
    Object.assign(env, Object.fromEntries(stepEnvironment(pipeline)), {
      MULTIARCH_PLATFORMS: platforms.join(','),
      MULTIARCH_BUILD_PLATFORM: buildPlatform,
      WORKSPACE: workspace,
      BUILD_TAG: 'jenkins-multiarch-base-images',
    });
    const result = await execa('sh', ['-e', script], {
      cwd: root,
      env,
      reject: false,
      all: true,
      stdin: 'ignore',
    });
    return {
      exitCode: result.exitCode ?? 1,
      listing: parseBaseImageListing(result.stdout),
      output: String(result.all),
    };
  } finally {
    await fs.remove(workspace);
  }
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
