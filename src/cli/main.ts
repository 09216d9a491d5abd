import { plainCheckArgs, runCheck } from './commands/run-check.js';
import { CliError, EXIT } from './errors.js';
import { processIo, type Io } from './io.js';

/** Runs the CLI and returns the exit code: 0 ok, 1 failure, 2 bad usage or invalid config. */
export async function run(argv: string[], io: Io = processIo): Promise<number> {
  try {
    // `check` with plain arguments, as a pre-commit hook runs it, starts without commander.
    const plain = argv[0] === 'check' ? plainCheckArgs(argv.slice(1)) : undefined;
    if (plain) {
      await runCheck(io, plain.files, plain.options);
      return EXIT.ok;
    }
    return await (await import('./program.js')).runProgram(argv, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`jenkins-multiarch: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr(
      `jenkins-multiarch: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return EXIT.failure;
  }
}
