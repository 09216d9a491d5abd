/** Exit codes scripts can rely on. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** An error the user can fix; its message is the whole story, so no stack trace is shown. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** Bad usage or bad config: exit 2. */
export const usageError = (message: string) => new CliError(message, EXIT.usage);
/** A precondition that failed at run time: exit 1. */
export const failure = (message: string) => new CliError(message, EXIT.failure);

/** What the file system said, as a reason and a fix; by errno code (see `man 3 errno`). */
const FILE_PROBLEMS: Record<string, string> = {
  EISDIR: 'it is a directory; name a file (inside it, or elsewhere)',
  ENOTDIR: 'part of the path is a file, not a directory; choose another path',
  EEXIST: 'part of the path is a file, not a directory; choose another path',
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied; choose a path you can write, or fix its permissions',
  EPERM: 'operation not permitted; choose a path you can write, or fix its permissions',
  EROFS: 'the file system is read-only; choose another path',
  ENOSPC: 'no space left on the device',
  ENAMETOOLONG: 'the path is too long',
  ELOOP: 'the path has a symbolic link loop',
};

/**
 * A file-system refusal as one line naming the path and the fix (exit 2: the path given is what is
 * wrong), instead of Node's stack trace; anything else is rethrown as it is.
 */
export function fileError(error: unknown, action: 'read' | 'write', shownAs: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === undefined) return error;
  return usageError(`cannot ${action} ${shownAs}: ${FILE_PROBLEMS[code] ?? code}`);
}
