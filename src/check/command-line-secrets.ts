import { credentialOptions, type Option } from './podman.js';
import type { ScriptStep } from './pipeline.js';
import type { RuleContext } from './rule.js';
import { valueAfterEquals, type Command, type Word } from './shell.js';

/** A credential given as a command-line argument, by whichever command takes it. */
export interface CommandLineSecret {
  /** The command as its users name it: `podman login`, `oc login`, `helm registry login`. */
  readonly command: string;
  readonly tool: string;
  /** The option, or for a bound secret in any argument the argument (`-Dsonar.token=$T`). */
  readonly option: Option;
  /** For such an argument: the variable Jenkins bound. */
  readonly bound?: string;
}

/** Options that take the password (or token: `oc login --token`) in the login commands we know. */
const PASSWORD_OPTIONS = new Set(['-p', '--password', '--token']);
/** How far into a command `login` may stand: `oc login`, `helm registry login`, `crane auth login`. */
const LOGIN_DEPTH = 3;

/**
 * `-p`/`--password`/`--token` of the login command of a CLI other than the container tools (oc,
 * helm registry, oras, crane auth, cosign, regctl registry): the same secret on the command line.
 */
function loginPasswords(command: Command): CommandLineSecret[] {
  const words = command.name ? [command.name, ...command.args] : [];
  const login = words.findIndex((word) => word.literal?.text === 'login');
  const path = words.slice(0, login + 1).map((word) => word.literal?.text ?? '');
  if (login < 1 || login > LOGIN_DEPTH || path.some((text) => text === '' || text.startsWith('-')))
    return [];
  const tool = path[0]!.slice(path[0]!.lastIndexOf('/') + 1);
  const found: CommandLineSecret[] = [];
  for (let i = login + 1; i < words.length; i++) {
    const word = words[i]!;
    const lead = word.parts[0];
    const written = word.literal?.text ?? (lead?.kind === 'text' ? lead.text.text : '');
    const name = written.split('=')[0]!;
    if (!PASSWORD_OPTIONS.has(name)) continue;
    const value: Word | undefined = written.includes('=') ? valueAfterEquals(word) : words[++i];
    found.push({
      command: [tool, ...path.slice(1)].join(' '),
      tool,
      option: { name, word, ...(value ? { value } : {}) },
    });
  }
  return found;
}

/** An option that takes a file: `--key-file`, `--keyfile`, `--password-file`. */
const FILE_OPTION = /^--?[\w-]*file$/i;

/**
 * Whether a word is the file an option takes (`--key-file="$X"`, `--keyfile "$X"`): a variable
 * there holds a path, e.g. the one `X = credentials('id')` binds for a secret file, not a secret.
 */
export function takesFile(args: readonly Word[], word: Word): boolean {
  const lead = word.parts[0];
  if (lead?.kind === 'text' && FILE_OPTION.test(lead.text.text.replace(/=$/, ''))) return true;
  const previous = args[args.indexOf(word) - 1]?.literal?.text;
  return previous !== undefined && FILE_OPTION.test(previous);
}

/**
 * Shell builtins: their arguments are in no process's command line. `[`/`[[` tests and the
 * declarations (export, local, declare, readonly) are not here: shell.ts reads no arguments of
 * theirs (a test is no command to the parser, a declaration holds only assignments).
 */
const BUILTINS = new Set([
  'echo',
  'printf',
  'test',
  'set',
  'read',
  'cd',
  ':',
  'true',
  'false',
  'unset',
]);

/**
 * A secret Jenkins bound, expanded into an argument of a program (`mvn -Dsonar.token=$TOKEN`):
 * the same process-list exposure as a password option.
 */
function boundSecretArguments(step: ScriptStep, command: Command): CommandLineSecret[] {
  const name = command.name?.literal?.text;
  if (name === undefined || BUILTINS.has(name)) return [];
  const tool = name.slice(name.lastIndexOf('/') + 1);
  return command.args.flatMap((word) => {
    const secret = word.parts.find(
      (part) => part.kind === 'variable' && step.scope.secrets.has(part.name),
    );
    if (secret?.kind !== 'variable' || takesFile(command.args, word)) return [];
    const lead = word.parts[0];
    const written = lead?.kind === 'text' ? lead.text.text : '';
    const option = written.startsWith('-') ? written.replace(/=.*/s, '') : '';
    return [
      { command: tool, tool, option: { name: option, word, value: word }, bound: secret.name },
    ];
  });
}

/** Every credential the file's scripts put on a command line. */
export function commandLineSecrets({ pipeline, commands }: RuleContext): CommandLineSecret[] {
  const containerCommands = new Set(commands.map(({ command }) => command.command));
  const containerSecrets = commands.flatMap(({ command }) =>
    credentialOptions(command).map((option) => ({
      command: [command.tool, ...command.subcommand].join(' '),
      tool: command.tool,
      option,
    })),
  );
  const otherSecrets = pipeline.steps.flatMap((step) =>
    (step.shell?.commands ?? [])
      .filter((command) => !containerCommands.has(command))
      .flatMap((command) => {
        const logins = loginPasswords(command);
        return logins.length > 0 ? logins : boundSecretArguments(step, command);
      }),
  );
  // In no particular order: password-on-command-line's findings are sorted by place with all
  // others (check.ts's judged), and traced-secrets reads these as a set.
  return [...containerSecrets, ...otherSecrets];
}
