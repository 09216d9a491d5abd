import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Pipeline } from '../model/pipeline.js';
import { closest } from '../model/suggest.js';

/**
 * The repository a build runs in, as seen from a directory of the user's checkout. Jenkins checks
 * the repository out and runs every step from its root, so the config's paths are relative to the
 * root, whichever directory the config (or the user) is in.
 */

/** The nearest directory at or above `dir` that holds `.git` (a directory, or a worktree's file). */
export async function repositoryRoot(dir: string): Promise<string | undefined> {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    if (await exists(path.join(current, '.git'))) return current;
    if (path.dirname(current) === current) return undefined;
  }
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

/**
 * Warnings for the Dockerfile and context the build would not find in the repository at `root`.
 * Nothing when the build clones another repository (clone.url): its files are not here to check.
 */
export async function missingBuildPaths(
  pipeline: Pipeline,
  root: string,
  shownRoot: string,
): Promise<string[]> {
  if (pipeline.clone?.url !== undefined) return [];
  const { dockerfile, context } = pipeline.build;
  const warnings: string[] = [];
  for (const [field, relative, kind] of [
    ['build.dockerfile', dockerfile, 'file'],
    ['build.context', context, 'directory'],
  ] as const) {
    const info = await stat(path.join(root, relative)).catch(() => undefined);
    const isKind = kind === 'file' ? info?.isFile() : info?.isDirectory();
    if (isKind) continue;
    const siblings = await readdir(path.join(root, path.posix.dirname(relative))).catch(() => []);
    const guess = closest(path.posix.basename(relative), siblings);
    warnings.push(
      `${field}: ${JSON.stringify(relative)} is not a ${kind} in ${shownRoot}, where the build runs (the repository's root)${
        guess === undefined
          ? ''
          : `; did you mean ${JSON.stringify(path.posix.join(path.posix.dirname(relative), guess))}?`
      }`,
    );
  }
  return warnings;
}
