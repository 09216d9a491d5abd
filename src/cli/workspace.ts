import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Pipeline } from '../model/pipeline.js';
import { closest } from '../model/suggest.js';

/**
 * The repository a build runs in, as seen from a directory of the user's checkout. Jenkins checks
 * the repository out and runs every step from its root, so the config's paths are relative to the
 * root, whichever directory the config (or the user) is in.
 */

/** `to` from `from` as configs and messages write paths: with "/", and "." for the same place. */
export const relativePath = (from: string, to: string) =>
  path.relative(from, to).split(path.sep).join('/') || '.';

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

const isA = async (kind: 'file' | 'directory', file: string) => {
  const info = await stat(file).catch(() => undefined);
  return (kind === 'file' ? info?.isFile() : info?.isDirectory()) ?? false;
};

/**
 * Warnings for the Dockerfile and context the build would not find in the repository at `root`,
 * shown as `shown` has it. A path that is there only from the config's directory gets its path
 * from the root (the config may sit in an application's directory that is also checked out as a
 * repository of its own, as the bundled example is). Nothing when the build clones another
 * repository (clone.url): its files are not here to check.
 */
export async function missingBuildPaths(
  pipeline: Pipeline,
  root: string,
  configDir: string,
  shown: (file: string) => string,
): Promise<string[]> {
  if (pipeline.clone?.url !== undefined) return [];
  const { dockerfile, context } = pipeline.build;
  const warnings: string[] = [];
  for (const [field, relative, kind] of [
    ['build.dockerfile', dockerfile, 'file'],
    ['build.context', context, 'directory'],
  ] as const) {
    if (await isA(kind, path.join(root, relative))) continue;
    const where = `${field}: ${JSON.stringify(relative)} is not a ${kind} in ${shown(root)}, where the build runs (the repository's root)`;
    // When the config is at the root, this is the path just looked for: not there either.
    if (await isA(kind, path.join(configDir, relative))) {
      const fromRoot = relativePath(root, path.join(configDir, relative));
      warnings.push(
        `${where}, but is in ${shown(configDir)}: write ${JSON.stringify(fromRoot)}, unless ${shown(configDir)} is checked out as a repository of its own`,
      );
      continue;
    }
    const siblings = await readdir(path.join(root, path.posix.dirname(relative))).catch(() => []);
    const guess = closest(path.posix.basename(relative), siblings);
    warnings.push(
      `${where}${
        guess === undefined
          ? ''
          : `; did you mean ${JSON.stringify(path.posix.join(path.posix.dirname(relative), guess))}?`
      }`,
    );
  }
  return warnings;
}
