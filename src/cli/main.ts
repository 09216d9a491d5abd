import { Command, CommanderError } from 'commander';
import { toolVersion } from '../templates.js';
import { checkCommand } from './commands/check.js';
import { initCommand } from './commands/init.js';
import { libraryCommand } from './commands/library.js';
import { renderCommand } from './commands/render.js';
import { schemaCommand } from './commands/schema.js';
import { CliError, EXIT } from './errors.js';
import { processIo, type Io } from './io.js';

function program(io: Io): Command {
  const root = new Command('jenkins-multiarch')
    .description(
      'Multi-architecture container images in Jenkins with rootless podman, from one typed config',
    )
    .version(toolVersion, '-v, --version')
    .showHelpAfterError('(run with --help for usage and examples)')
    .addHelpText(
      'after',
      `
Examples:
  $ npx jenkins-multiarch init                      # write a starter jenkins-multiarch.yaml here
  $ npx jenkins-multiarch render -o Jenkinsfile     # turn it into a Jenkinsfile

Exit codes: 0 ok, 1 failure, 2 bad usage or invalid config.`,
    )
    .addCommand(initCommand(io))
    .addCommand(renderCommand(io))
    .addCommand(libraryCommand(io))
    .addCommand(schemaCommand(io))
    .addCommand(checkCommand(io));
  // Every command reports through io and throws instead of exiting, so run() decides exit codes.
  // Commands import their heavy modules (zod, handlebars, yaml, tree-sitter) when they run, so
  // `check` in a pre-commit hook starts without loading the renderers.
  const configure = (command: Command) => {
    command.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
    command.commands.forEach(configure);
  };
  configure(root);
  return root;
}

/** Runs the CLI and returns the exit code: 0 ok, 1 failure, 2 bad usage or invalid config. */
export async function run(argv: string[], io: Io = processIo): Promise<number> {
  try {
    await program(io).parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end with exitCode 0; parse errors were already printed by commander.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
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
