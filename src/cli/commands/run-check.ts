import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import type Picocolors from 'picocolors';
import { checkSource, DEFAULT_CONFIG, type CheckConfig } from '../../check/check.js';
import { CHECKED_FILE_NAMES, checkedFileKind } from '../../check/checked-files.js';
import { countErrors, type FileFindings, type UnreadableFile } from '../../check/report/results.js';
import { textReport } from '../../check/report/text.js';
import { ALL_RULES } from '../../check/rules/index.js';
import { shellParserMissing } from '../../check/shell.js';
import { OWN_LIBRARY, ownLibrarySteps, stepNamesIn } from '../../package-files.js';
import { failure, usageError } from '../errors.js';
import { processIo, type Io } from '../io.js';

/** Where rule severities and insecure registries are set; see src/check/config.ts. */
export const CONFIG_FILE = '.jenkins-multiarch-check.yaml';

// node:fs/promises takes 1.3 ms to load (it brings readline and the file watchers along), node:util
// 0.1 ms: the callback functions, promised, are the same reads.
const readFile = promisify(fs.readFile);
const stat = promisify(fs.stat);
const lstat = promisify(fs.lstat);

/** Larger than any real Jenkinsfile; Jenkins cannot compile one this big anyway ("code too large"). */
const MAX_BYTES = 1024 * 1024;

export const FORMATS = ['text', 'json', 'sarif'] as const;

export interface CheckOptions {
  format: (typeof FORMATS)[number];
  config?: string;
  color?: boolean;
}

/** A file that could not be checked, and why: reported after the findings, exit 2. */
class Unreadable {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {}
}

/** What the stderr summary of error-level findings says about where their fixes are. */
const WHERE_FIXES_ARE: Readonly<Record<CheckOptions['format'], string>> = {
  text: 'see above for each fix',
  json: 'each fix is in the JSON report on stdout',
  sarif: 'each fix is in the SARIF report on stdout',
};

/**
 * The settings, with this package's own library known by its name unless they describe one of
 * that name themselves.
 */
async function loadCheckConfig(io: Io, given: string | undefined): Promise<CheckConfig> {
  const config = await readCheckConfig(io, given);
  return { ...config, libraries: { [OWN_LIBRARY]: ownLibrarySteps(), ...config.libraries } };
}

/** A library's step names from its vars/ directory, a path relative to the settings file. */
function varsReader(settingsFile: string) {
  return (dir: string) => {
    const full = path.resolve(path.dirname(settingsFile), dir);
    try {
      if (!fs.statSync(full).isDirectory())
        return {
          ok: false as const,
          reason: `${full} is not a directory: give the library's vars/ directory`,
        };
      return { ok: true as const, steps: stepNamesIn(full) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return {
        ok: false as const,
        reason:
          code === 'ENOENT'
            ? `${full} does not exist: give the path of the library's vars/ directory, relative to this file`
            : `cannot read ${full}: ${code ?? String(error)}`,
      };
    }
  };
}

async function readCheckConfig(io: Io, given: string | undefined): Promise<CheckConfig> {
  const file = path.resolve(io.cwd, given ?? CONFIG_FILE);
  const shownAs = given ?? CONFIG_FILE;
  // The default settings file is optional; one named on the command line is not.
  if (given === undefined && !(await lstat(file).catch(() => undefined))) return DEFAULT_CONFIG;
  const { readConfigText } = await import('../read-config-text.js');
  const source = await readConfigText(
    file,
    shownAs,
    'settings file',
    `write it, or leave out -c to use ${CONFIG_FILE} when there is one`,
  );
  // Loaded only when there is a file to read: zod and yaml cost more than checking a Jenkinsfile.
  const { parseConfig } = await import('../../check/config.js');
  const result = parseConfig(
    source,
    shownAs,
    ALL_RULES.map((rule) => rule.meta.id),
    varsReader(file),
  );
  if (!result.ok) throw usageError(`invalid ${shownAs}:\n${result.problems.join('\n')}`);
  return result.config;
}

/** The files to check: each argument a file or a directory to search, or the working directory. */
async function collectFiles(io: Io, args: readonly string[]): Promise<(string | Unreadable)[]> {
  // Only searching needs .gitignore parsing; a pre-commit hook names its files.
  const findCheckedFiles = async (dir: string) =>
    (await import('../find-checked-files.js')).findCheckedFiles(dir);
  if (args.length === 0) {
    const found = await findCheckedFiles(io.cwd);
    if (found.length === 0)
      throw usageError(
        `no Jenkinsfile here: looked for ${CHECKED_FILE_NAMES} under ${io.cwd} (skipping what .gitignore ignores); name the files to check`,
      );
    return found;
  }
  const files: (string | Unreadable)[] = [];
  for (const arg of args) {
    const full = path.resolve(io.cwd, arg);
    const info = await stat(full).catch((error: NodeJS.ErrnoException) => error);
    if (info instanceof Error) {
      files.push(
        new Unreadable(
          full,
          info.code === 'ENOENT'
            ? 'no such file or directory'
            : `cannot read it: ${info.code ?? info.message}`,
        ),
      );
    } else if (info.isDirectory()) {
      const found = await findCheckedFiles(full);
      if (found.length === 0)
        files.push(
          new Unreadable(
            full,
            `is a directory with nothing to check in it: looked for ${CHECKED_FILE_NAMES}`,
          ),
        );
      files.push(...found);
    } else files.push(full);
  }
  return [...new Set(files)];
}

/** The file as text, or why it is not a Jenkinsfile that can be checked. */
async function readJenkinsfile(file: string): Promise<string | Unreadable> {
  try {
    const { size } = await stat(file);
    if (size > MAX_BYTES)
      return new Unreadable(
        file,
        `is ${(size / 1024 / 1024).toFixed(1)} MB, too large for a Jenkinsfile (limit ${MAX_BYTES / 1024 / 1024} MB; Jenkins cannot compile a pipeline that size either)`,
      );
    const bytes = await readFile(file);
    if (bytes.includes(0)) return new Unreadable(file, 'is a binary file, not a Jenkinsfile');
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return new Unreadable(file, 'is not UTF-8 text; Jenkins reads Jenkinsfiles as UTF-8');
    }
  } catch (error) {
    return new Unreadable(
      file,
      `cannot read it: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
}

/**
 * check's arguments when they are plain (files, and --format/-c/--color/--no-color with a value
 * that is not an option), as commander would parse them; undefined for anything else (--help, a
 * typo, a bad format, `--`, the retired `-f`), which commander then parses and reports. A
 * pre-commit hook's arguments are plain, and commander with the other commands' modules is a
 * third of check's start-up time.
 */
export function plainCheckArgs(
  args: readonly string[],
): { files: string[]; options: CheckOptions } | undefined {
  const files: string[] = [];
  const options: CheckOptions = { format: 'text' };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-')) files.push(arg);
    else if (arg === '--color' || arg === '--no-color') options.color = arg === '--color';
    else {
      const equals = arg.startsWith('--') ? arg.indexOf('=') : -1;
      const flag = equals < 0 ? arg : arg.slice(0, equals);
      const value = equals < 0 ? args[++i] : arg.slice(equals + 1);
      // commander takes a value that looks like an option (`-c --help`) as the root command's.
      if (value === undefined || value.startsWith('-')) return undefined;
      const format = FORMATS.find((known) => known === value);
      if (flag === '--format' && format) options.format = format;
      else if (flag === '-c' || flag === '--config') options.config = value;
      else return undefined;
    }
  }
  return { files, options };
}

/** The report in the format asked for; a pre-commit hook's text needs neither JSON nor SARIF. */
async function report(
  io: Io,
  results: readonly FileFindings[],
  unreadable: readonly UnreadableFile[],
  options: CheckOptions,
  config: CheckConfig,
): Promise<string> {
  if (options.format === 'json')
    return (await import('../../check/report/json.js')).jsonReport(results, unreadable);
  if (options.format === 'sarif') {
    const [{ sarifReport }, { toolVersion }] = await Promise.all([
      import('../../check/report/sarif.js'),
      import('../../package-files.js'),
    ]);
    return sarifReport(results, unreadable, ALL_RULES, toolVersion, config.docsUrl);
  }
  // Required rather than imported: node 20 imports a CommonJS module through a lexer that finds
  // its exports, 4 ms more than require.
  const picocolors = createRequire(import.meta.url)('picocolors') as typeof Picocolors;
  const colors = picocolors.createColors(
    options.color ?? (io === processIo && picocolors.isColorSupported),
  );
  return textReport(results, colors);
}

/** Checks the files (all Jenkinsfiles under the working directory if none) and prints the report. */
export async function runCheck(
  io: Io,
  args: readonly string[],
  options: CheckOptions,
): Promise<void> {
  const config = await loadCheckConfig(io, options.config);
  const targets = await collectFiles(io, args);
  const results: FileFindings[] = [];
  const unreadable: UnreadableFile[] = [];
  // Relative to where the user stands, as editors and CI annotations expect; absolute outside it.
  const shown = (file: string) => {
    const relative = path.relative(io.cwd, file);
    return relative.startsWith('..') || relative === '' ? file : relative.split(path.sep).join('/');
  };
  // Reads overlap (a pre-commit run may pass hundreds of files); checking is CPU-bound anyway.
  const sources = await Promise.all(
    targets.map((target) => (target instanceof Unreadable ? target : readJenkinsfile(target))),
  );
  // A file of a library's vars/ may call the library's other steps bare.
  const librarySteps = new Map<string, string[]>();
  const libraryOf = (file: string): string[] | undefined => {
    const dir = path.dirname(file);
    if (path.basename(dir) !== 'vars') return undefined;
    if (!librarySteps.has(dir)) librarySteps.set(dir, stepNamesIn(dir));
    return librarySteps.get(dir)!;
  };
  sources.forEach((source, i) => {
    const target = targets[i] as string;
    if (source instanceof Unreadable)
      unreadable.push({ file: shown(source.file), reason: source.reason });
    else
      results.push({
        file: shown(target),
        findings: checkSource(
          source,
          config,
          checkedFileKind(path.basename(target)) === 'dockerfile' ? 'dockerfile' : 'groovy',
          libraryOf(target),
        ),
      });
  });
  io.stdout(await report(io, results, unreadable, options, config));
  const parserMissing = shellParserMissing();
  if (parserMissing !== undefined)
    io.stderr(
      `jenkins-multiarch: shell-level rules skipped: tree-sitter's native parser could not be loaded (${parserMissing}), so sh steps were not analysed; get it with \`npm rebuild tree-sitter tree-sitter-bash\` (builds it where no prebuilt binary exists; needs a C++ compiler)\n`,
    );
  if (unreadable.length > 0)
    throw usageError(
      `could not check ${unreadable.length} file${unreadable.length > 1 ? 's' : ''}:\n${unreadable.map((u) => `  ${u.file}: ${u.reason}`).join('\n')}`,
    );
  const errors = countErrors(results);
  if (errors > 0)
    throw failure(
      `${errors} error-level finding${errors > 1 ? 's' : ''}; ${WHERE_FIXES_ARE[options.format]}`,
    );
}
