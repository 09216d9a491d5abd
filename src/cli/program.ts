import { Command, CommanderError } from 'commander';
import { toolVersion } from '../package-files.js';
import { checkCommand } from './commands/check.js';
import { doctorCommand } from './commands/doctor.js';
import { initCommand } from './commands/init.js';
import { libraryCommand } from './commands/library.js';
import { mirrorCommand } from './commands/mirror.js';
import { renderCommand } from './commands/render.js';
import { schemaCommand } from './commands/schema.js';
import { EXIT } from './errors.js';
import type { Io } from './io.js';

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
  $ npx jenkins-multiarch doctor                    # can this machine build it? (what Preflight checks)
  $ npx jenkins-multiarch mirror debian:bullseye registry.lan/docker.io/library/debian:bullseye --platforms linux/amd64,linux/arm64

Exit codes: 0 ok, 1 failure, 2 bad usage or invalid config. Add --debug to any command to see
the stack trace of an unexpected error.`,
    )
    .addCommand(initCommand(io))
    .addCommand(renderCommand(io))
    .addCommand(libraryCommand(io))
    .addCommand(schemaCommand(io))
    .addCommand(checkCommand(io))
    .addCommand(doctorCommand(io))
    .addCommand(mirrorCommand(io));
  // Every command reports through io and throws instead of exiting, so run() decides exit codes.
  // Commands import their heavy modules (zod, handlebars, yaml, tree-sitter) when they run.
  const configure = (command: Command) => {
    command.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
    command.commands.forEach(configure);
  };
  configure(root);
  return root;
}

/** Parses argv and runs its command; commander's own exits (help, version, usage) end here. */
export async function runProgram(argv: string[], io: Io): Promise<number> {
  try {
    await program(io).parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    // Help and version end with exitCode 0; parse errors were already printed by commander.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw error;
  }
}
