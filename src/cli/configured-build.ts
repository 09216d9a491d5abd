import path from 'node:path';
import type { Pipeline } from '../model/pipeline.js';
import { findConfig, loadConfig } from './config-file.js';
import { missingBuildPaths, relativePath, repositoryRoot } from './workspace.js';

/** A config, validated, and the checkout its build would run in, for commands that run its steps here. */
export interface ConfiguredBuild {
  readonly pipeline: Pipeline;
  /** The config file as messages show it: from the working directory. */
  readonly shownAs: string;
  /** Where the build's steps run: the root of the checkout, where the config's paths start. */
  readonly root: string;
  /** Warnings for the build's paths that are not there (missingBuildPaths). */
  readonly missing: readonly string[];
  /** A path as messages show it: from the working directory. */
  readonly fromHere: (file: string) => string;
}

/** The config `configArg` names (or the one found from `cwd`), and where its build runs. */
export async function configuredBuild(
  cwd: string,
  configArg: string | undefined,
): Promise<ConfiguredBuild> {
  const configFile = await findConfig(cwd, configArg);
  const fromHere = (file: string) => relativePath(cwd, file);
  const shownAs = fromHere(configFile);
  const pipeline = await loadConfig(configFile, shownAs);
  const configDir = path.dirname(configFile);
  let root = (await repositoryRoot(configDir)) ?? configDir;
  const missing = await missingBuildPaths(pipeline, root, configDir, fromHere);
  // A config whose paths hold from its own directory only is an application checked out as a
  // repository of its own (render warns alike): its build runs from there.
  if (
    missing.length > 0 &&
    (await missingBuildPaths(pipeline, configDir, configDir, fromHere)).length === 0
  )
    root = configDir;
  return { pipeline, shownAs, root, missing, fromHere };
}
