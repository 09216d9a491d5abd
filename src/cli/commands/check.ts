import { Command, Option } from 'commander';
import { usageError } from '../errors.js';
import type { Io } from '../io.js';
import { CHECKED_FILE_NAMES } from '../../check/checked-files.js';
import { CONFIG_FILE, FORMATS, runCheck, type CheckOptions } from './run-check.js';

export function checkCommand(io: Io): Command {
  return (
    new Command('check')
      .description(
        'Check Jenkinsfiles for multi-arch, podman and secret-handling mistakes (fast enough for a pre-commit hook)',
      )
      .argument(
        '[files...]',
        `files or directories to check (default: ${CHECKED_FILE_NAMES} under the current directory, skipping what .gitignore ignores)`,
      )
      .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('text'))
      // -f is --force in every other command, and was --format here: caught, so an old
      // `check -f json` says what to write instead of meaning something else.
      .addOption(new Option('-f [value]').hideHelp())
      .option(
        '-c, --config <file>',
        `rule severities and insecure registries (default: ${CONFIG_FILE} if present)`,
      )
      .option('--color', 'colour the text output even when it is not a terminal')
      .option('--no-color', 'never colour the text output')
      .addHelpText(
        'after',
        `
Examples:
  $ jenkins-multiarch check                            # every Jenkinsfile under the current directory
  $ jenkins-multiarch check Jenkinsfile vars/          # a file and a shared-library directory
  $ jenkins-multiarch check --format sarif > check.sarif

Suppress one finding with a reason, on the line before it or at the end of its line:
  // jenkins-multiarch-ignore insecure-registry the lab registry has no TLS
  # jenkins-multiarch-ignore secret-in-trace tracing is off in this agent's sh  (inside a script)

Exit codes: 0 no error-level findings (warnings allowed), 1 error-level findings, 2 bad usage, an
invalid ${CONFIG_FILE}, or a file that cannot be checked (missing, a directory without
Jenkinsfiles, binary, not UTF-8, larger than 1 MB).`,
      )
      .action((args: string[], { f, ...options }: CheckOptions & { f?: string | true }) => {
        if (f !== undefined)
          throw usageError(
            `check has no -f (elsewhere it means --force): write --format ${FORMATS.find((format) => format === f) ?? '<text|json|sarif>'}`,
          );
        return runCheck(io, args, options);
      })
  );
}
