import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

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
