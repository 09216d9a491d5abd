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
