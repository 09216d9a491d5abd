import { readdir, readFile } from 'node:fs/promises';
import ignore, { type Ignore } from 'ignore';
import path from 'node:path';
import { checkedFileKind } from '../check/checked-files.js';

/** Directories no one keeps pipelines in, skipped even without a .gitignore saying so. */
const SKIPPED = new Set(['.git', 'node_modules']);

interface Rules {
  readonly base: string;
  readonly rules: Ignore;
}

/**
 * Every Jenkinsfile and Dockerfile under `root` (what `check` reads when given a directory),
 * honouring the .gitignore files on the way down (each relative to its own directory, as git
 * reads them). Sorted, so output is stable.
 */
export async function findCheckedFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string, inherited: readonly Rules[]): Promise<void> => {
    const gitignore = await readFile(path.join(dir, '.gitignore'), 'utf8').catch(() => undefined);
    const rules =
      gitignore === undefined
        ? inherited
        : [...inherited, { base: dir, rules: ignore().add(gitignore) }];
    const ignored = (file: string, isDir: boolean) =>
      rules.some(({ base, rules }) => {
        const relative = path.relative(base, file).split(path.sep).join('/');
        return rules.ignores(isDir ? `${relative}/` : relative);
      });
    const entries = await readdir(dir, { withFileTypes: true });
    // Code-unit order, not locale order: the same list on every machine.
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name) && !ignored(full, true)) await walk(full, rules);
      } else if (
        entry.isFile() &&
        checkedFileKind(entry.name) !== undefined &&
        !ignored(full, false)
      ) {
        found.push(full);
      }
    }
  };
  await walk(root, []);
  return found;
}
