import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileError } from './errors.js';

/**
 * Writes through a temporary file in the same directory and renames it into place, so a reader
 * (or a crash) never sees half a file.
 */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, content, { encoding: 'utf8', flag: 'wx' });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Writes an output file the user named, creating its directory; a path that cannot be written
 * (a directory, a file where a directory should be, no permission) is one line naming it.
 */
export async function writeOutput(file: string, content: string, shownAs: string): Promise<void> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomic(file, content);
  } catch (error) {
    throw fileError(error, 'write', shownAs);
  }
}
