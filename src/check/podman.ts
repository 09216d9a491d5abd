import type { Command, Word } from './shell.js';
import { valueAfterEquals } from './shell.js';

/**
 * Command lines of the container tools (podman, docker, buildah, skopeo) read the way the tools
 * read them: wrappers such as `sudo` skipped, global options, subcommand, options with their
 * values, operands.
 */

export type Tool = 'podman' | 'docker' | 'buildah' | 'skopeo';

export interface Option {
  /** `--tag`, `-t`: as written, without any `=value`. */
  readonly name: string;
  readonly word: Word;
  readonly value?: Word;
}

export interface ContainerCommand {
  readonly command: Command;
  readonly tool: Tool;
  readonly toolWord: Word;
  /** `['build']`, `['manifest', 'push']`, `['buildx', 'create']`; `image build` reads as build. */
  readonly subcommand: readonly string[];
  /** Where the subcommand is written, for findings about the command as a whole. */
  readonly at: Word;
  readonly options: readonly Option[];
  readonly operands: readonly Word[];
}

const TOOLS: ReadonlySet<string> = new Set<Tool>(['podman', 'docker', 'buildah', 'skopeo']);
const WRAPPERS = new Set(['sudo', 'command', 'exec', 'time', 'nice', 'env', 'timeout']);
/**
 * Options of the wrappers that take a separate value: `sudo -u jenkins podman …`, `timeout -k 10 …`.
 * sudo's are those with an argument in src/parse_args.c (sudo_short_opts, sudo_long_opts; `-h`
 * takes the next word as a host when it is not an option), so `sudo -n` (non-interactive) takes none;
 * timeout's are coreutils src/timeout.c's long_options.
 */
const WRAPPER_VALUE_OPTIONS: Readonly<Record<string, ReadonlySet<string>>> = {
  sudo: new Set([
    ...['-a', '-C', '-c', '-D', '-g', '-h', '-p', '-R', '-r', '-T', '-t', '-U', '-u'],
    ...['--auth-type', '--close-from', '--login-class', '--chdir', '--group', '--host'],
    ...['--prompt', '--chroot', '--role', '--command-timeout', '--type', '--other-user', '--user'],
  ]),
  timeout: new Set(['-k', '--kill-after', '-s', '--signal']),
  // coreutils src/env.c (shortopts "+C:iS:u:v0" and long_options) and src/nice.c (-n, --adjustment).
  env: new Set(['-u', '--unset', '-C', '--chdir', '-S', '--split-string']),
  nice: new Set(['-n', '--adjustment']),
};
const GROUPS = new Set(['manifest', 'buildx', 'builder', 'image', 'container', 'system']);
/**
 * Group commands that are another name for a top-level one: `image rm` is `rmi`, `container run`
 * is `run` (podman-image(1) and podman-container(1) list them as aliases; docker likewise).
 */
const ALIASES: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map([
  [
    'image',
    new Map([
      ['rm', 'rmi'],
      ['build', 'build'],
      ['push', 'push'],
    ]),
  ],
  [
    'container',
    new Map([
      ['run', 'run'],
      ['create', 'create'],
    ]),
  ],
]);

/** Global options that take a separate value, across the four tools. */
const GLOBAL_VALUE_OPTIONS = new Set([
  '--root',
  '--runroot',
  '--storage-driver',
  '--storage-opt',
  '--url',
  '--connection',
  '-c',
  '--context',
  '--config',
  '--identity',
  '--log-level',
  '-l',
  '--cgroup-manager',
  '--tmpdir',
  '--runtime',
  '--conmon',
  '--events-backend',
  '--network-cmd-path',
  '--hooks-dir',
  '--registries-conf',
  '--module',
  '-H',
  '--host',
  '--tlscacert',
  '--tlscert',
  '--tlskey',
  '--override-arch',
  '--override-os',
]);

/** Subcommand options that take a separate value (booleans only take `=false`). */
const VALUE_OPTIONS = new Set([
  '-t',
  '--tag',
  '-f',
  '--file',
  '--format',
  '--platform',
  '--manifest',
  '--build-arg',
  '--build-arg-file',
  '--build-context',
  '--arch',
  '--os',
  '--variant',
  '--jobs',
  '--target',
  '--network',
  '--isolation',
  '-v',
  '--volume',
  '--mount',
  '--label',
  '--annotation',
  '--authfile',
  '--cache-from',
  '--cache-to',
  '--secret',
  '--creds',
  '--iidfile',
  '--add-host',
  '--cap-add',
  '--cap-drop',
  '--security-opt',
  '--timestamp',
  '--ulimit',
  '--userns',
  '--logfile',
  '--sign-by',
  '--device',
  '--dns',
  '--env',
  '-e',
  '--env-file',
  '--from',
  '-u',
  '--username',
  '-p',
  '--password',
  '--cert-dir',
  '--digestfile',
  '--compression-format',
  '--name',
  '--entrypoint',
  '-w',
  '--workdir',
  '--user',
  '--publish',
  '--hostname',
  '--output',
  '-o',
  '--src-creds',
  '--dest-creds',
  '--src-cert-dir',
  '--dest-cert-dir',
]);

const basename = (path: string | undefined) => path?.slice(path.lastIndexOf('/') + 1);

/**
 * Reads a simple command as a container tool invocation, or undefined when it is not one.
 * `optionText` gives the value of a word that is not literal (e.g. `"$tls_flag"`) as far as it
 * is known (up to its first part known only at run time), so such a word counts as the option
 * it holds and not as an operand.
 */
export function containerCommand(
  command: Command,
  optionText: (word: Word) => string | undefined = () => undefined,
): ContainerCommand | undefined {
  const words = command.name ? [command.name, ...command.args] : [];
  const text = (index: number) => words[index]?.literal?.text;
  // An option is known by its leading text: `--platform=$P` is one even though $P is not known.
  const written = (word: Word | undefined): string | undefined => {
    if (word === undefined) return undefined;
    const lead = word.parts[0];
    return (
      word.literal?.text ?? optionText(word) ?? (lead?.kind === 'text' ? lead.text.text : undefined)
    );
  };
  let i = 0;
  while (WRAPPERS.has(basename(text(i)) ?? '')) {
    const wrapper = basename(text(i));
    i++;
    for (;;) {
      const value = written(words[i]) ?? '';
      if (value.startsWith('-')) i += WRAPPER_VALUE_OPTIONS[wrapper!]?.has(value) ? 2 : 1;
      // `env NAME=value cmd`, `sudo NAME=value cmd`: a word with `=` before the command sets the
      // command's environment (coreutils env.c; sudo src/parse_args.c is_envar), and its value
      // may be any word: `sudo DOCKER_HOST=$H docker build`.
      else if ((wrapper === 'env' || wrapper === 'sudo') && value.includes('=')) i++;
      else break;
    }
    // `timeout [options] DURATION command`: the duration may be any word, e.g. "${T}m".
    if (wrapper === 'timeout') i++;
  }
  const tool = basename(text(i));
  if (tool === undefined || !TOOLS.has(tool)) return undefined;
  const toolWord = words[i++]!;
  const isOption = (word: Word | undefined) => {
    const value = written(word);
    return value !== undefined && value.startsWith('-') && value.length > 1;
  };
  while (isOption(words[i])) {
    const value = words[i]!.literal?.text ?? '';
    i += GLOBAL_VALUE_OPTIONS.has(value) ? 2 : 1;
  }
  const subcommand: string[] = [];
  let at = toolWord;
  const first = text(i);
  if (first !== undefined) {
    subcommand.push(first === 'builder' ? 'buildx' : first);
    at = words[i++]!;
    const second = text(i);
    if (GROUPS.has(first) && second !== undefined && !second.startsWith('-')) {
      // Maps, not objects: `podman image constructor` names no alias.
      const alias = ALIASES.get(first)?.get(second);
      if (alias) subcommand.splice(0, 1, alias);
      else subcommand.push(second);
      at = words[i++]!;
    }
  }
  const options: Option[] = [];
  const operands: Word[] = [];
  for (; i < words.length; i++) {
    const word = words[i]!;
    if (word.literal?.text === '--') {
      operands.push(...words.slice(i + 1));
      break;
    }
    if (!isOption(word)) {
      operands.push(word);
      continue;
    }
    const text = written(word)!;
    const equals = text.indexOf('=');
    const name = equals < 0 ? text : text.slice(0, equals);
    if (equals >= 0) {
      const value = valueAfterEquals(word);
      options.push({ name, word, ...(value ? { value } : {}) });
    } else if (VALUE_OPTIONS.has(name) && word.literal && i + 1 < words.length) {
      options.push({ name, word, value: words[++i]! });
    } else options.push({ name, word });
  }
  return { command, tool: tool as Tool, toolWord, subcommand, at, options, operands };
}

export function isSubcommand(command: ContainerCommand, ...path: string[]): boolean {
  return (
    command.subcommand.length === path.length &&
    path.every((part, i) => command.subcommand[i] === part)
  );
}

export function findOptions(command: ContainerCommand, ...names: string[]): Option[] {
  return command.options.filter((option) => names.includes(option.name));
}

/** Whether a boolean option is on: `--all`, `--all=true`; not `--all=false` or absent. */
export function flagOn(command: ContainerCommand, ...names: string[]): boolean {
  const last = findOptions(command, ...names).at(-1);
  if (last === undefined) return false;
  const value = last.value?.literal?.text;
  return value === undefined || value === 'true';
}

/** podman build, buildah build/bud, docker build and the buildx forms of build. */
export function isBuild(command: ContainerCommand): boolean {
  return (
    isSubcommand(command, 'build') ||
    isSubcommand(command, 'buildx', 'build') ||
    (command.tool === 'buildah' && isSubcommand(command, 'bud'))
  );
}

/** Options that put a credential on the command line: login's `-p`, `--creds user:pass`. */
export function credentialOptions(command: ContainerCommand): Option[] {
  const passwords = isSubcommand(command, 'login') ? findOptions(command, '-p', '--password') : [];
  const creds = findOptions(command, '--creds', '--src-creds', '--dest-creds').filter(
    (option) =>
      option.value !== undefined &&
      (option.value.literal === undefined || option.value.literal.text.includes(':')),
  );
  return [...passwords, ...creds];
}
