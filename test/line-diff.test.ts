import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { lineDiff, MAX_TABLE } from '../src/cli/line-diff.js';
import { FUZZ_SEED } from './support/fuzz.js';

/** The lines of context lineDiff shows around each change, as `diff -u` does. */
const CONTEXT = 2;

type Kind = ' ' | '-' | '+';
interface Hunk {
  /** The old file's line the hunk starts at, as its `@@ line N @@` header says. */
  line: number;
  rows: { kind: Kind; text: string }[];
}

/** Fails with `message` unless `holds`: plain, as the properties below check thousands of diffs. */
function check(holds: boolean, message: string): void {
  if (!holds) throw new Error(message);
}

/** Reads lineDiff's output back as hunks; every row is a header or a line marked ' ', '-' or '+'. */
function hunks(diff: string): Hunk[] {
  if (diff === '') return [];
  const read: Hunk[] = [];
  for (const row of diff.split('\n')) {
    const header = /^@@ line (\d+) @@$/.exec(row);
    if (header) read.push({ line: Number(header[1]), rows: [] });
    else {
      check(/^[ +-]/.test(row), `row ${JSON.stringify(row)} is neither a header nor ' ', - or +`);
      check(read.length > 0, `row ${JSON.stringify(row)} before the first @@ header`);
      read.at(-1)!.rows.push({ kind: row[0] as Kind, text: row.slice(1) });
    }
  }
  return read;
}

/** The length of a longest common subsequence, computed plainly, to judge minimality by. */
function lcsLength(a: string[], b: string[]): number {
  let next = new Array<number>(b.length + 1).fill(0);
  for (let i = a.length - 1; i >= 0; i--) {
    const row = new Array<number>(b.length + 1).fill(0);
    for (let j = b.length - 1; j >= 0; j--)
      row[j] = a[i] === b[j] ? next[j + 1]! + 1 : Math.max(next[j]!, row[j + 1]!);
    next = row;
  }
  return next[0]!;
}

/** More unchanged lines than this between two changes split them into two hunks. */
const APART = new RegExp(` {${2 * CONTEXT + 1}}`);

/**
 * What a reader of the diff relies on: applying its hunks to `before` at the lines their headers
 * name gives `after`; it changes as few lines as any diff can; each run of changes shows its
 * removed lines before its added ones; each hunk has exactly CONTEXT unchanged lines around its
 * changes (fewer only at the file's ends); and hunks whose context would touch are one hunk.
 */
function expectCorrectMinimalDiff(before: string, after: string, diff: string): void {
  const old = before.split('\n');
  const now = after.split('\n');
  if (before === after) return check(diff === '', 'equal texts, and a diff');
  const read = hunks(diff);
  check(read.length > 0, 'different texts, and no hunk');
  const result: string[] = [];
  let next = 0; // the index in `old` of the first line not yet taken
  // Per hunk, where its changes start and end in `old`, and its context before and after them.
  const spans: { first: number; end: number; lead: number; trail: number }[] = [];
  let changed = 0;
  for (const hunk of read) {
    check(hunk.line - 1 >= next, `@@ line ${hunk.line} @@ overlaps the hunk before it`);
    result.push(...old.slice(next, hunk.line - 1));
    next = hunk.line - 1;
    const kinds = hunk.rows.map((row) => row.kind).join('');
    check(/[-+]/.test(kinds), `@@ line ${hunk.line} @@ changes nothing`);
    check(!kinds.includes('+-'), `@@ line ${hunk.line} @@ adds lines before it removes some`);
    // Between two changes in one hunk, at most 2 × CONTEXT unchanged lines: more would split it.
    check(!APART.test(kinds.trim()), `@@ line ${hunk.line} @@ should be two hunks`);
    const lead = kinds.length - kinds.trimStart().length;
    const trail = kinds.length - kinds.trimEnd().length;
    let first = -1;
    hunk.rows.forEach((row, k) => {
      if (k === lead) first = next;
      if (row.kind === '+') return void result.push(row.text);
      check(old[next] === row.text, `line ${next + 1} is not ${JSON.stringify(row.text)}`);
      if (row.kind === ' ') result.push(row.text);
      next++;
    });
    spans.push({ first, end: next - trail, lead, trail });
    changed += kinds.replaceAll(' ', '').length;
  }
  result.push(...old.slice(next));
  check(result.join('\n') === after, `applied, it gives ${JSON.stringify(result.join('\n'))}`);
  const fewest = old.length + now.length - 2 * lcsLength(old, now);
  check(changed === fewest, `${changed} lines removed and added where ${fewest} do`);
  spans.forEach((span, k) => {
    const unchangedBefore = span.first - (k === 0 ? 0 : spans[k - 1]!.end);
    const unchangedAfter = (k === spans.length - 1 ? old.length : spans[k + 1]!.first) - span.end;
    check(span.lead === Math.min(CONTEXT, unchangedBefore), `hunk ${k + 1}: context before`);
    check(span.trail === Math.min(CONTEXT, unchangedAfter), `hunk ${k + 1}: context after`);
    // Contexts that touch or overlap make one hunk, as in diff -u.
    check(k === 0 || unchangedBefore > 2 * CONTEXT, `hunks ${k} and ${k + 1} should be one`);
  });
}

/** Texts of a few lines from a tiny alphabet, so that lines repeat and match in many ways. */
const smallText = fc
  .array(fc.constantFrom('a', 'b', 'c', ''), { maxLength: 10 })
  .map((lines) => lines.join('\n'));

/** A longer text and a few edits to it: the shape of a regenerated Jenkinsfile. */
const editedText = fc
  .record({
    lines: fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', ''), { maxLength: 40 }),
    edits: fc.array(
      fc.record({
        at: fc.nat(),
        remove: fc.nat(3),
        insert: fc.array(fc.constantFrom('a', 'b', 'x', ''), { maxLength: 3 }),
      }),
      { maxLength: 4 },
    ),
  })
  .map(({ lines, edits }) => {
    const edited: string[] = [...lines];
    for (const { at, remove, insert } of edits)
      edited.splice(at % (edited.length + 1), remove, ...insert);
    return [lines.join('\n'), edited.join('\n')] as const;
  });

describe('lineDiff', () => {
  test('is empty for equal texts, and otherwise a correct, minimal diff -u of any two small texts', () => {
    fc.assert(
      fc.property(smallText, smallText, (before, after) => {
        expectCorrectMinimalDiff(before, after, lineDiff(before, after, Infinity));
      }),
      { seed: FUZZ_SEED, numRuns: 3_000 },
    );
  });

  test('is a correct, minimal diff -u of a text and an edited copy, whose hunks stay apart', () => {
    fc.assert(
      fc.property(editedText, ([before, after]) => {
        expectCorrectMinimalDiff(before, after, lineDiff(before, after, Infinity));
      }),
      { seed: FUZZ_SEED, numRuns: 3_000 },
    );
  });

  test('shows the first `limit` lines, then how many more there are', () => {
    fc.assert(
      fc.property(editedText, fc.nat(30), ([before, after], limit) => {
        const whole = lineDiff(before, after, Infinity);
        const rows = whole === '' ? [] : whole.split('\n');
        const cut = lineDiff(before, after, limit);
        if (rows.length <= limit) expect(cut).toBe(whole);
        else
          expect(cut.split('\n')).toEqual([
            ...rows.slice(0, limit),
            `… ${rows.length - limit} more lines`,
          ]);
      }),
      { seed: FUZZ_SEED, numRuns: 1_000 },
    );
    // By default, 40 lines: what a terminal shows without scrolling away the command's message.
    const before = Array.from({ length: 60 }, (_, i) => `line ${i}`).join('\n');
    const rows = lineDiff(before, '').split('\n');
    expect(rows).toHaveLength(41);
    expect(rows.slice(0, 3)).toEqual(['@@ line 1 @@', '-line 0', '-line 1']);
    expect(rows[40]).toBe('… 22 more lines'); // the header, 60 removed, 1 added (''): 62 in all
  });

  test('a line changed in a long file is shown alone, with its context, at its line', () => {
    const before = Array.from({ length: 5_000 }, (_, i) => `line ${i + 1}`);
    const after = before.map((line) => (line === 'line 2500' ? 'changed' : line));
    expect(lineDiff(before.join('\n'), after.join('\n')).split('\n')).toEqual([
      '@@ line 2498 @@',
      ' line 2498',
      ' line 2499',
      '-line 2500',
      '+changed',
      ' line 2501',
      ' line 2502',
    ]);
  });

  // Past MAX_TABLE line pairs, the table a minimal diff needs grows too big for a message: the
  // changed middle is shown as all of it removed, then all of the new one added.
  const middles = (oldLines: number, newLines: number) => {
    const middle = (prefix: string, count: number) => {
      const lines = Array.from({ length: count - 1 }, (_, i) => `${prefix} ${i}`);
      lines.splice(count >> 1, 0, 'shared'); // one line both keep, amid the changes
      return lines;
    };
    return [
      [...middle('old', oldLines), 'bottom'].join('\n'),
      [...middle('new', newLines), 'bottom'].join('\n'),
    ] as const;
  };

  test(`up to MAX_TABLE line pairs, a line both keep stays unchanged`, () => {
    const [before, after] = middles(1_000, MAX_TABLE / 1_000);
    const rows = lineDiff(before, after, Infinity).split('\n');
    expect(rows).toContain(' shared');
    expect(rows).not.toContain('-shared');
  });

  test('past MAX_TABLE line pairs, the changed middle is removed whole, then added whole', () => {
    const [before, after] = middles(1_000, MAX_TABLE / 1_000 + 1);
    const diff = lineDiff(before, after, Infinity);
    const rows = diff.split('\n');
    // It starts at the first line, which it removes: the header names that line.
    expect(rows.slice(0, 2)).toEqual(['@@ line 1 @@', '-old 0']);
    expect(rows.filter((row) => row.startsWith('-'))).toHaveLength(1_000);
    expect(rows.filter((row) => row.startsWith('+'))).toHaveLength(MAX_TABLE / 1_000 + 1);
    expect(rows.indexOf('+new 0')).toBe(rows.indexOf('-old 998') + 1);
    expect(rows.slice(-2)).toEqual(['+new 3999', ' bottom']);
    // Still a diff that gives the new text when applied.
    const read = hunks(diff);
    expect(read).toHaveLength(1);
    const old = before.split('\n');
    const applied = read[0]!.rows.flatMap((row) => (row.kind === '-' ? [] : [row.text]));
    expect(applied).toEqual(after.split('\n'));
    expect(read[0]!.rows.filter((row) => row.kind !== '+').map((row) => row.text)).toEqual(old);
  });
});
