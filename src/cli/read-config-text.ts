import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { MAX_CONFIG_SIZE } from '../yaml-source.js';
import { fileError, usageError } from './errors.js';
import { repositoryRoot } from './workspace.js';

/**
 * The text of a file the user configures the tool with (the pipeline config, check's settings),
 * refusing what cannot be one before it reaches the parser, each with one line naming the file and
 * the fix: a missing or unreadable file, a directory, a file larger than MAX_CONFIG_SIZE, binary
 * content (which a parse error would echo back as kilobytes of garbage), UTF-16 (which Windows
 * PowerShell writes with `>`), and a symbolic link out of the repository that holds it.
 * `noun` names the file in messages ("config", "settings file"); `missing` is the fix for a file
 * that does not exist.
 */
export async function readConfigText(
  file: string,
  shownAs: string,
  noun: string,
  missing: string,
): Promise<string> {
  const tooLarge = (size: number) =>
    usageError(
      `${shownAs} is ${Math.ceil(size / 1024)} KB, more than the ${MAX_CONFIG_SIZE / 1024} KB a ${noun} may be (one is a few KB); name the ${noun}`,
    );
  // The two a user meets most get a fix of their own; the rest read as every command's do.
  const cannotRead = (error: NodeJS.ErrnoException): never => {
    if (error.code === 'ENOENT') throw usageError(`${noun} ${shownAs} does not exist; ${missing}`);
    if (error.code === 'EACCES')
      throw usageError(
        `cannot read ${noun} ${shownAs}: permission denied; make it readable (chmod a+r ${shownAs})`,
      );
    throw fileError(error, 'read', `${noun} ${shownAs}`);
  };
  const info = await stat(file).catch(cannotRead);
  if (info.isDirectory()) throw usageError(`${shownAs} is a directory; name the ${noun} inside it`);
  const outside = await linkOutOfRepository(file);
  if (outside)
    throw usageError(
      `${shownAs} is a symbolic link to ${outside.target}, outside the repository ${outside.root}: a build reads its ${noun} from what is committed, so check out or copy the file into the repository (or name ${outside.target} itself)`,
    );
  if (info.size > MAX_CONFIG_SIZE) throw tooLarge(info.size);
  const bytes = await readFile(file).catch(cannotRead);
  // A pipe's size is known only once read.
  if (bytes.length > MAX_CONFIG_SIZE) throw tooLarge(bytes.length);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    throw usageError(`${shownAs} is UTF-16 text; save it as UTF-8`);
  const notText = usageError(`${shownAs} is a binary file, not a ${noun}; name the ${noun}`);
  if (bytes.includes(0)) throw notText;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw notText;
  }
}

/**
 * Where a file that is, or lies below, a symbolic link really is, when that is outside the git
 * repository holding the name given; undefined for anything else (no link, no repository).
 */
async function linkOutOfRepository(
  file: string,
): Promise<{ target: string; root: string } | undefined> {
  const named = path.resolve(file);
  const target = await realpath(named);
  if (target === named) return undefined;
  const root = await repositoryRoot(path.dirname(named));
  if (root === undefined) return undefined;
  const inside = path.relative(await realpath(root), target);
  return inside.startsWith('..') || path.isAbsolute(inside) ? { target, root } : undefined;
}
