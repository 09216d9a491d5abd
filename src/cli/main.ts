import { plainCheckArgs, runCheck } from './commands/run-check.js';
import { CliError, EXIT } from './errors.js';
import { processIo, type Io } from './io.js';

/** Shows the stack trace of an unexpected error; accepted anywhere on the command line. */
export const DEBUG_FLAG = '--debug';

/** Runs the CLI and returns the exit code: 0 ok, 1 failure, 2 bad usage or invalid config. */
export async function run(argv: string[], io: Io = processIo): Promise<number> {
  const debug = argv.includes(DEBUG_FLAG);
  const args = argv.filter((arg) => arg !== DEBUG_FLAG);
  try {
    // `check` with plain arguments, as a pre-commit hook runs it, starts without commander.
    const plain = args[0] === 'check' ? plainCheckArgs(args.slice(1)) : undefined;
    if (plain) {
      await runCheck(io, plain.files, plain.options);
      return EXIT.ok;
    }
    return await (await import('./program.js')).runProgram(args, io);
  } catch (error) {
    if (error instanceof CliError) {
      // An exit status alone: the command already printed what it found (doctor --json).
      if (error.message !== '') io.stderr(`jenkins-multiarch: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(
      debug && error instanceof Error && error.stack
        ? `jenkins-multiarch: unexpected error: ${error.stack}\n`
        : `jenkins-multiarch: unexpected error: ${message}\n(a bug in jenkins-multiarch: run again with ${DEBUG_FLAG} for the stack trace, and report it)\n`,
    );
    return EXIT.failure;
  }
}
