import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { grammarProblem } from '../src/model/pipeline.js';
import { quote } from '../src/model/messages.js';
import { expectLibraryJudgesAsModel, judgeApart } from './support/judge-apart.js';
import { FUZZ_SEED, labelExpressionText } from './support/fuzz.js';
import { jenkinsParses } from './support/jenkins-label-parser.js';
import { requireTools } from './support/tools.js';

const problem = (label: string) => grammarProblem('labelExpression', label);

/** The deepest nesting of parentheses in a text. */
function depth(text: string): number {
  let open = 0;
  let deepest = 0;
  for (const c of text) {
    open += c === '(' ? 1 : c === ')' ? -1 : 0;
    deepest = Math.max(deepest, open);
  }
  return deepest;
}

/** What the model may accept: what Jenkins parses, within the model's own stricter bounds. */
const withinOurBounds = (text: string) =>
  /^[A-Za-z0-9_.:&|!<>() \t-]*$/.test(text) && depth(text) <= 8 && text.length <= 512;

describe('agent.label is parsed with Jenkins’ label expression grammar', () => {
  test.each([
    'podman',
    'linux && podman',
    '!windows',
    '! windows',
    '(a || b) && !c',
    '!windows && (arm64 || amd64)',
    'a -> b',
    'a->b',
    'a-->b',
    'a <-> b <-> c',
    '(a -> b) -> c',
    'a -> (b -> c)',
    'a -> b <-> c -> d',
    'x <-> y',
    'node:1.x',
    'a\t&&\tb',
    '  linux  ',
    `${'('.repeat(8)}a${')'.repeat(8)}`,
  ])('accepts %j, which Jenkins parses', (label) => {
    expect(jenkinsParses(label)).toBe(true);
    expect(problem(label)).toBeUndefined();
  });

  test.each([
    ['linux &&', 'expected a label, "!" or "(" at column 9'],
    ['(linux', 'the "(" at column 1 is never closed'],
    ['((linux)', 'the "(" at column 1 is never closed'],
    ['linux)', 'the ")" at column 6 closes nothing'],
    [
      '!',
      'expected a label or "(" at column 2; "!" applies to one label or a parenthesised expression',
    ],
    [
      '!!a',
      'expected a label or "(" at column 2; "!" applies to one label or a parenthesised expression',
    ],
    ['a b', 'expected an operator (&&, ||, -> or <->) at column 3'],
    ['a(b)', 'expected an operator (&&, ||, -> or <->) at column 2'],
    ['(a)b', 'expected an operator (&&, ||, -> or <->) at column 4'],
    ['linux && && podman', 'expected a label, "!" or "(" at column 10'],
    ['', 'expected a label, "!" or "(" at column 1'],
    ['()', 'expected a label, "!" or "(" at column 2'],
    ['-> a', 'expected a label, "!" or "(" at column 1'],
    [
      'a -> b -> c',
      'a second "->" at column 8; Jenkins does not chain "->", so put one side in parentheses, e.g. "(a -> b) -> c"',
    ],
    [
      'a -> b || (c) -> d',
      'a second "->" at column 15; Jenkins does not chain "->", so put one side in parentheses, e.g. "(a -> b) -> c"',
    ],
    [
      '"quoted label"',
      'a quoted label at column 1; jenkins-multiarch takes labels unquoted: labels are letters, digits, "_", ".", ":" and "-"',
    ],
    [
      'linux\n&& podman',
      'a line break or other whitespace at column 6; Jenkins separates labels by spaces and tabs only, and would take it as part of a label',
    ],
    [
      'linux\u00a0&& podman',
      'a line break or other whitespace at column 6; Jenkins separates labels by spaces and tabs only, and would take it as part of a label',
    ],
    ...(
      [
        ['a & b', 3],
        ['a &&& b', 5],
        ['a | b', 3],
        ['a < b', 3],
        ['a > b', 3],
        ['a <- b', 3],
        ['a;b', 2],
        ["it's", 3],
      ] as const
    ).map(([label, column]) => [
      label,
      `unexpected character at column ${column}; labels are letters, digits, "_", ".", ":" and "-", combined with &&, ||, !, ->, <-> and parentheses`,
    ]),
    [`${'('.repeat(9)}a${')'.repeat(9)}`, 'more than 8 nested parentheses at column 9'],
    [`(a) && ${'('.repeat(9)}a${')'.repeat(9)}`, 'more than 8 nested parentheses at column 16'],
    ['a'.repeat(513), 'it has more than 512 characters'],
  ])('refuses %j, saying where', (label, message) => {
    expect(problem(label)).toBe(`${quote(label)} is not a label expression: ${message}`);
  });

  test('the oracle is Jenkins’ grammar: it parses what the model refuses only for its own bounds', () => {
    expect(jenkinsParses('"quoted label" && linux')).toBe(true);
    expect(jenkinsParses('linux\n&& podman')).toBe(true); // a label "linux\n", which no agent has
    for (const bad of [
      'linux &&',
      '(linux',
      '!',
      '!!a',
      'a b',
      'linux && && podman',
      'a -> b -> c',
    ])
      expect(jenkinsParses(bad)).toBe(false);
  });

  test('every text made of labels, operators and odd characters: accepted only if Jenkins parses it, refused with a column otherwise', () => {
    const piece = fc.constantFrom(
      ...['a', 'b1', 'x.y', 'n:1', '-', '>', '<', '&', '|', '!', '(', ')', ' ', '\t', '"'],
      ...['&&', '||', '->', '<->', ' && ', ' -> ', '\n', "'", 'é', ';', '\\'],
    );
    fc.assert(
      fc.property(fc.string({ unit: piece, maxLength: 16 }), (label) => {
        checkAgainstJenkins(label);
      }),
      { seed: FUZZ_SEED, numRuns: 10_000 },
    );
  });

  test('every expression built from Jenkins’ grammar, with or without spaces: accepted exactly when Jenkins parses it', () => {
    let accepted = 0;
    fc.assert(
      fc.property(labelExpressionText, (label) => {
        if (checkAgainstJenkins(label)) accepted++;
      }),
      { seed: FUZZ_SEED, numRuns: 5_000 },
    );
    // Neither side is vacuous.
    expect(accepted).toBeGreaterThan(1_000);
    expect(5_000 - accepted).toBeGreaterThan(250);
  });
});

/** Asserts the model's judgement against Jenkins' grammar; true when the model accepts. */
function checkAgainstJenkins(label: string): boolean {
  const found = problem(label);
  if (found === undefined) {
    expect(jenkinsParses(label), label).toBe(true);
    return true;
  }
  if (jenkinsParses(label)) expect(withinOurBounds(label), found).toBe(false);
  // Every refusal says what is wrong (never the fallback "…; expected …") and where.
  expect(found.startsWith(`${quote(label)} is not a label expression: `), found).toBe(true);
  const column = /at column (\d+)/.exec(found);
  if (label.length <= 512) {
    expect(column, found).not.toBeNull();
    expect(Number(column![1])).toBeGreaterThanOrEqual(1);
    expect(Number(column![1])).toBeLessThanOrEqual(label.length + 1);
  }
  return false;
}

/**
 * Near misses that make a backtracking regex engine explode: long labels, runs of "(", operators
 * and groups, each with an ending that spoils it, at the length limit and far beyond.
 */
const UNITS = ['a', 'a-', '(', ')', '(a)', '((a)', 'a&&', 'a && ', '(a&&', 'a->', 'a -> ', '!('];
const MORE_UNITS = ['!', ' ', '<->', '(a->b)', '(a -> ', 'a)', '-', '(a)(', '(((((((a)))))))'];
const ENDINGS = ['', ';', ')', '(', '->a', ' a', '&&', '"', '\n'];
const ADVERSARIAL = [
  ...[...UNITS, ...MORE_UNITS].flatMap((unit) => {
    const run = unit.repeat(Math.ceil(512 / unit.length)).slice(0, 508);
    return ENDINGS.flatMap((end) => [run + end, end + run]);
  }),
  `${'a'.repeat(100_000)};`,
  '('.repeat(100_000),
  'a && '.repeat(20_000),
];

describe('no label expression makes the regexes backtrack for long (a ReDoS)', () => {
  test('JavaScript judges every near miss at once, in a process that is killed after 20 s', async () => {
    const started = Date.now();
    const judged = await judgeApart(
      ADVERSARIAL.map((value) => ['labelExpression', value] as const),
      20_000,
    );
    expect(judged).toEqual(ADVERSARIAL.map((value) => problem(value) ?? null));
    console.log(
      `redos: ${ADVERSARIAL.length} near misses judged in ${Date.now() - started} ms (with start-up)`,
    );
  }, 30_000);

  test.skipIf(requireTools(['groovy']).skip)(
    'the shared library (Java regexes) judges them as the model does, in a JVM that is killed after 60 s',
    async () => {
      await expectLibraryJudgesAsModel(
        ADVERSARIAL.map((value) => ['labelExpression', value, problem(value) ?? null] as const),
        60_000,
      );
    },
    90_000,
  );
});
