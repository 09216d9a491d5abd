import { Command, Option } from 'commander';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadRuntime, toolVersion } from '../../package-files.js';
import { failure, fileError, usageError } from '../errors.js';
import type { Io } from '../io.js';
import { writeOutput } from '../write-file.js';

interface RenderOptions {
  output?: string;
  force?: boolean;
  check?: boolean;
  /** Earlier versions took the library here; it is the config's `library:` field now. */
  library?: string;
}

/** `-o -`, as most tools spell standard output. */
const STDOUT = '-';

export function renderCommand(io: Io): Command {
  return new Command('render')
    .description('Render the Jenkinsfile of a jenkins-multiarch config')
    .argument(
      '[config]',
      'config file (default: jenkins-multiarch.yaml, .yml or .json in the current directory)',
    )
    .option(
      '-o, --output <file>',
      'write the Jenkinsfile here instead of standard output (- for it)',
    )
    .option(
      '-f, --force',
      'overwrite an output file that jenkins-multiarch did not generate, or one edited by hand since',
    )
    .option(
      '--check',
      'write nothing; exit 1 if the output file (default Jenkinsfile) is not what the config renders',
    )
    .addOption(new Option('--library <name@version>').hideHelp())
    .addHelpText(
      'after',
      `
The config decides the kind of Jenkinsfile: with \`library: NAME@VERSION\`, a short one that loads
that shared library and calls multiarchPipeline; without, a standalone one that carries the whole
runtime, for controllers without the library.

Examples:
  $ jenkins-multiarch render                                  # print the Jenkinsfile for ./jenkins-multiarch.yaml
  $ jenkins-multiarch render -o Jenkinsfile                   # write it, replacing an earlier generated one
                                                              # (not one edited by hand: it shows the edits)
  $ jenkins-multiarch render ci/multiarch.yaml -o Jenkinsfile
  $ jenkins-multiarch render -o Jenkinsfile --force           # replace a hand-written or hand-edited Jenkinsfile
  $ jenkins-multiarch render --check                          # in CI or pre-commit: is ./Jenkinsfile current?

Exit codes: 0 rendered (or current, with --check), 1 output not written or stale, 2 bad usage or
invalid config (every problem listed as file:line:col: field.path: what is wrong).`,
    )
    .action(async (configArg: string | undefined, options: RenderOptions) => {
      const [
        { composeJenkinsfile, generatedState },
        { findConfig, loadConfig },
        { lineDiff },
        { missingBuildPaths, relativePath, repositoryRoot },
      ] = await Promise.all([
        import('../../render/jenkinsfile.js'),
        import('../config-file.js'),
        import('../line-diff.js'),
        import('../workspace.js'),
      ]);
      if (options.library !== undefined)
        throw usageError(
          `render takes the shared library from the config now: add \`library: ${options.library}\` to it`,
        );
      const configFile = await findConfig(io.cwd, configArg);
      const fromHere = (file: string) => relativePath(io.cwd, file);
      const shownAs = fromHere(configFile);
      if (configArg === undefined && path.dirname(configFile) !== path.resolve(io.cwd))
        io.stderr(`using ${shownAs}\n`);
      const pipeline = await loadConfig(configFile, shownAs);
      // Outside a git checkout, the user is taken to stand where the build would run.
      const root = (await repositoryRoot(path.dirname(configFile))) ?? io.cwd;
      for (const warning of await missingBuildPaths(
        pipeline,
        root,
        path.dirname(configFile),
        fromHere,
      ))
        io.stderr(`warning: ${warning}\n`);
      const toStdout = options.output === undefined || options.output === STDOUT;
      // --check looks, by default, where `render -o Jenkinsfile` run next to the config writes.
      const file =
        options.check && toStdout
          ? path.join(path.dirname(configFile), 'Jenkinsfile')
          : toStdout
            ? undefined
            : path.resolve(io.cwd, options.output!);
      // The header names the config as seen from the Jenkinsfile, so that where render ran does
      // not change the file (and --check from elsewhere finds no drift).
      const jenkinsfile = composeJenkinsfile(pipeline, loadRuntime(), {
        version: toolVersion,
        source: file ? relativePath(path.dirname(file), configFile) : shownAs,
      });
      if (file === undefined) return io.stdout(jenkinsfile);
      const target = fromHere(file);
      const existing = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        // --check only reads it; otherwise it is the file about to be written.
        throw fileError(error, options.check ? 'read' : 'write', target);
      });
      const state = existing === undefined ? 'missing' : generatedState(existing);
      const edited = state === 'edited' ? ', edited by hand since it was rendered' : '';
      const changes = () =>
        `--- ${target}${edited}\n+++ what ${shownAs} renders\n${lineDiff(existing!, jenkinsfile)}`;
      if (options.check) {
        if (existing === jenkinsfile) return io.stderr(`${target} is up to date with ${shownAs}\n`);
        throw failure(
          existing === undefined
            ? `${target} does not exist; run \`jenkins-multiarch render ${shownAs} -o ${target}\`.`
            : `${target} is not what ${shownAs} renders:\n${changes()}\nRun \`jenkins-multiarch render ${shownAs} -o ${target}${state === 'as-generated' ? '' : ' --force'}\`.`,
        );
      }
      if ((state === 'foreign' || state === 'edited') && !options.force) {
        throw failure(
          state === 'foreign'
            ? `refusing to overwrite ${target}: it was not generated by jenkins-multiarch. Move it aside, or pass --force to replace it.`
            : `refusing to overwrite ${target}: it was edited by hand since it was rendered. Move the edits into ${shownAs} (or pass --force to drop them). What replacing it would change:\n${changes()}`,
        );
      }
      await writeOutput(file, jenkinsfile, target);
      io.stderr(`wrote ${target} from ${shownAs}\n`);
    });
}
