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
    // In the middle of a word: the text on each side keeps its own offsets.
    const [tag] = parseShell(script('echo a-XXX-b', [{ start: 7, end: 10 }])).commands;
    expect(tag!.args[0]!.parts).toEqual([
      { kind: 'text', text: { text: 'a-', offsets: [1005, 1006, 1007], unknown: [] } },
      { kind: 'dynamic', start: 1007, end: 1010 },
      { kind: 'text', text: { text: '-b', offsets: [1010, 1011, 1012], unknown: [] } },
    ]);
  });

  test('single quotes keep every backslash; a trailing blank inside double quotes is text', () => {
    const [command] = parseShell(script(`echo 'a\\"b\\$c' "$A " $@ $1 ''`)).commands;
    expect(command!.args.map(describeWord)).toEqual(['a\\"b\\$c', '$A ', '?', '$1', '']);
    expect(command!.args[0]!.literal?.text).toBe('a\\"b\\$c');
    expect(command!.args[1]!.parts[1]).toEqual({
      kind: 'text',
      text: { text: ' ', offsets: [1018, 1020], unknown: [] },
    });
    // `$@` is no variable; an expansion alone is no literal; '' is the empty literal.
    expect(command!.args[2]!.parts).toEqual([{ kind: 'dynamic', start: 1021, end: 1023 }]);
    expect(command!.args[3]!.literal).toBeUndefined();
    expect(command!.args[4]!.literal).toEqual({ text: '', offsets: [1029], unknown: [] });
  });

  test('every word is listed once, and comments apart', () => {
    const parsed = parseShell(
      script('echo "a $X" # note\nfor f in b $(podman images -q); do :; done'),
    );
    expect(parsed.words.map(describeWord)).toEqual([
      'echo',
      'a $X',
      'b',
      'podman',
      'images',
      '-q',
      ':',
    ]);
    expect(parsed.comments).toEqual([{ start: 1012, end: 1018, body: ' note' }]);
  });

  test('the value of --flag=value is a word of its own, positioned after the =', () => {
    const [command] = parseShell(script('podman build --platform=linux/amd64')).commands;
    const value = valueAfterEquals(command!.args[1]!)!;
    expect(value.literal?.text).toBe('linux/amd64');
    expect(value.start).toBe(1024);
    const [other] = parseShell(script('echo =v --opt${X}=w --x=')).commands;
    expect(valueAfterEquals(other!.args[0]!)?.literal?.text).toBe('v');
    // The = is not in the word's first text: no value is known to follow it.
    expect(valueAfterEquals(other!.args[1]!)).toBeUndefined();
    expect(valueAfterEquals(other!.args[2]!)?.literal).toEqual({
      text: '',
      offsets: [1024],
      unknown: [],
    });
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
    // A name without a value, or an option, is no assignment; the keyword is a word of its own.
    const [local, run] = parseShell(script('local -r X Y=1\nA=1 B=$A podman build .')).commands;
    expect(local!.name).toMatchObject({ raw: 'local', start: 1000, end: 1005 });
    expect(local!.assignments.map((a) => a.name)).toEqual(['Y']);
    expect(run!.assignments.map((a) => a.name)).toEqual(['A', 'B']);
  });

  test('assignments by name, in the order they run', () => {
    const { assignments } = parseShell(script('A=1\nB=2\nA=3'));
    expect([...assignments.keys()]).toEqual(['A', 'B']);
    expect(assignments.get('A')!.map((a) => [a.start, a.value?.literal?.text])).toEqual([
      [1000, '1'],
      [1008, '3'],
    ]);
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
    // A subshell's set does not leak out; only set's arguments switch anything.
    expect(traced('(set +x; a)\nb')).toEqual([true, false, true]);
    expect(traced('echo +x\nb')).toEqual([true, true]);
    // Measured with bash and dash: options end at `--` or the first operand, and `set -`
    // turns -x off; uppercase options may share the group.
    expect(traced('set -- +x\na\nset foo+x +x\nb\nset -Eeux\nc\nset -\nd')).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      false,
    ]);
    expect(traced('set +eo xtrace\na\nset -eo pipefail -x\nb')).toEqual([true, false, false, true]);
    // Only a group ending in o takes the next word; a word known at run time ends the options.
    expect(traced('set +x\nset -e -x\na\nset +o $X\nb\nset $Y +x\nc')).toEqual([
      true,
      false,
      true,
      true,
      true,
      true,
      true,
    ]);
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
