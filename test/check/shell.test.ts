import { describe, expect, test } from 'vitest';
import { containerCommand } from '../../src/check/podman.js';
import { parseShell as parseScript, valueAfterEquals } from '../../src/check/shell.js';
import { type MappedText } from '../../src/check/source.js';
import { describeWord, script } from './support.js';

/** These tests need the parser; without it, see test/check/no-parser.test.ts. */
const parseShell = (text: MappedText) => parseScript(text)!;

describe('words', () => {
  test('quotes are removed and escapes decoded, each character keeping its offset', () => {
    const [command] = parseShell(script(`echo 'a b' "c\\"d" e\\ f`)).commands;
    expect(command!.args.map(describeWord)).toEqual(['a b', 'c"d', 'e f']);
    expect(command!.args[1]!.literal!.offsets).toEqual([1012, 1014, 1015, 1017]);
  });

  test('expansions are parts, so a rule can tell $X from a literal', () => {
    const { commands } = parseShell(script('podman build --platform="${P}" -t "$T:$(date)" .'));
    const command = commands.find((c) => c.name?.literal?.text === 'podman');
    expect(command!.args.map(describeWord)).toEqual(['build', '--platform=$P', '-t', '$T:?', '.']);
    expect(command!.args[1]!.literal).toBeUndefined();
  });

  test('the blanks between two expansions in double quotes are text, and each expansion starts at its $', () => {
    // tree-sitter-bash gives `"$A $B"`'s second expansion the blank before it.
    const [command] = parseShell(script('echo "$A $B" "$A  ${B}x"')).commands;
    expect(command!.args.map(describeWord)).toEqual(['$A $B', '$A  $Bx']);
    const variables = command!.args.flatMap((word) =>
      word.parts.flatMap((part) => (part.kind === 'variable' ? [part] : [])),
    );
    expect(variables.map(({ name, plain, start, end }) => [name, plain, start, end])).toEqual([
      ['A', true, 1006, 1008],
      ['B', true, 1009, 1011],
      ['A', true, 1014, 1016],
      ['B', true, 1018, 1022],
    ]);
  });

  test('backslashes as each quoting reads them, numbers and empty strings as literal words', () => {
    // The substitution's `id` runs first, so echo is the second command.
    const [, command] = parseShell(
      script(`echo "a\\$b\\\\c\\d" 'e\\f' "g\\\nh" 12 "" $(id)`),
    ).commands;
    expect(command!.args.map((word) => word.literal?.text)).toEqual([
      'a$b\\c\\d',
      'e\\f',
      'gh',
      '12',
      '',
      undefined,
    ]);
    // A word with nothing in it ends where it is written; a substitution is a dynamic part.
    expect(command!.args[4]!.literal!.offsets).toEqual([1035]);
    expect(command!.args[5]!.parts.map((part) => part.kind)).toEqual(['dynamic']);
  });

  test('a Groovy value (unknown range) is a dynamic part, not text', () => {
    const [command] = parseShell(
      script('podman login -p XXXXXXX reg', [{ start: 16, end: 23 }]),
    ).commands;
    expect(command!.args.map(describeWord)).toEqual(['login', '-p', '?', 'reg']);
  });

  test('the value of --flag=value is a word of its own, positioned after the =', () => {
    const [command] = parseShell(script('podman build --platform=linux/amd64')).commands;
    const value = valueAfterEquals(command!.args[1]!)!;
    expect(value.literal?.text).toBe('linux/amd64');
    expect(value.start).toBe(1024);
  });
});

describe('commands', () => {
  test('nested commands, assignments and declarations are all found, in the order they run', () => {
    const { commands } = parseShell(
      script('export A=1\nX=$(podman images -q)\nfor i in 1; do echo "$(id -u)"; done'),
    );
    expect(commands.map((c) => c.name?.literal?.text ?? `${c.assignments[0]?.name}=`)).toEqual([
      'export',
      'podman',
      'X=',
      'id',
      'echo',
    ]);
  });

  test('a declaration holds its assignments, and a process substitution its commands', () => {
    const { commands } = parseShell(script('export A=1 B="$A"\ndiff <(podman images) <(ls)'));
    expect(commands.map((c) => c.name?.literal?.text)).toEqual(['export', 'podman', 'ls', 'diff']);
    expect(commands[0]!.assignments.map((a) => a.name)).toEqual(['A', 'B']);
  });

  test('tracing follows set -x/+x, starting on (sh -xe) unless the script has a #! line', () => {
    const traced = (text: string) => parseShell(script(text)).commands.map((c) => c.traced);
    expect(traced('a\nset +x\nb\nset -ex\nc\nset +o xtrace\nd')).toEqual([
      true,
      true,
      false,
      false,
      true,
      true,
      false,
    ]);
    // Only x switches tracing, wherever it stands among the letters; -o takes a name, and a
    // bare `set -o` (which lists the options) switches nothing.
    expect(
      traced('set +x\na\nset -e\nb\nset -o pipefail\nc\nset -o\nd\nset -xe\ne\nset +eux\nf'),
    ).toEqual([true, false, false, false, false, false, false, false, false, true, true, false]);
    expect(traced('#!/bin/bash\na')).toEqual([false]);
    expect(traced('\n#!/bin/bash\na')).toEqual([true]);
    expect(traced('  #!/bin/bash\na')).toEqual([true]);
    expect(traced('{ set +x; } 2>/dev/null\nb')).toEqual([true, false]);
  });
});

describe('container commands', () => {
  const read = (text: string) => {
    const [command] = parseShell(script(text)).commands;
    const parsed = containerCommand(command!);
    return (
      parsed && {
        tool: parsed.tool,
        subcommand: parsed.subcommand.join(' '),
        options: parsed.options.map(
          (o) => `${o.name}${o.value ? `=${describeWord(o.value)}` : ''}`,
        ),
        operands: parsed.operands.map(describeWord),
      }
    );
  };

  test.each([
    [
      'sudo -u builder podman --root /x build -t app --platform=linux/amd64 --squash .',
      {
        tool: 'podman',
        subcommand: 'build',
        options: ['-t=app', '--platform=linux/amd64', '--squash'],
        operands: ['.'],
      },
    ],
    [
      '/usr/bin/podman manifest push --all list docker://reg/app:1',
      {
        tool: 'podman',
        subcommand: 'manifest push',
        options: ['--all'],
        operands: ['list', 'docker://reg/app:1'],
      },
    ],
    ['docker image build .', { tool: 'docker', subcommand: 'build', options: [], operands: ['.'] }],
    [
      'timeout -k 60 "${MINUTES}m" podman build --platform linux/amd64 .',
      { tool: 'podman', subcommand: 'build', options: ['--platform=linux/amd64'], operands: ['.'] },
    ],
    [
      'buildah manifest rm -- --odd-name',
      { tool: 'buildah', subcommand: 'manifest rm', options: [], operands: ['--odd-name'] },
    ],
    ['echo podman build', undefined],
  ])('%s', (text, expected) => {
    expect(read(text)).toEqual(expected);
  });
});
