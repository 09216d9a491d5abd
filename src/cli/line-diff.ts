/**
 * What changed between two versions of a file, as `diff -u` shows it: hunks of removed (-) and
 * added (+) lines with two lines of context, headed by their line in the old file. For telling a
 * user what a command would replace, so it stops after `limit` lines.
 */

type Edit = { kind: ' ' | '-' | '+'; text: string; oldLine: number };

/** Above this many line pairs, the changed middle is shown as all removed then all added. */
export const MAX_TABLE = 4_000_000;
const CONTEXT = 2;

function edits(before: string[], after: string[]): Edit[] {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (
    end < before.length - start &&
    end < after.length - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  )
    end++;
  const old = before.slice(start, before.length - end);
  const now = after.slice(start, after.length - end);
  const same = (from: number, count: number, list: string[]): Edit[] =>
    list.slice(from, from + count).map((text, i) => ({ kind: ' ', text, oldLine: from + i + 1 }));
  const middle: Edit[] = [];
  if (old.length * now.length > MAX_TABLE) {
    old.forEach((text, i) => middle.push({ kind: '-', text, oldLine: start + i + 1 }));
    now.forEach((text) => middle.push({ kind: '+', text, oldLine: start + old.length + 1 }));
  } else {
    // Longest common subsequence of the middle, by dynamic programming from the end.
    const width = now.length + 1;
    const lcs = new Uint32Array((old.length + 1) * width);
    for (let i = old.length - 1; i >= 0; i--)
      for (let j = now.length - 1; j >= 0; j--)
        lcs[i * width + j] =
          old[i] === now[j]
            ? lcs[(i + 1) * width + j + 1]! + 1
            : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    let i = 0;
    let j = 0;
    while (i < old.length || j < now.length) {
      if (i < old.length && j < now.length && old[i] === now[j]) {
        middle.push({ kind: ' ', text: old[i]!, oldLine: start + i + 1 });
        i++;
        j++;
      } else if (
        j >= now.length ||
        (i < old.length && lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!)
      ) {
        middle.push({ kind: '-', text: old[i]!, oldLine: start + i + 1 });
        i++;
      } else {
        middle.push({ kind: '+', text: now[j]!, oldLine: start + i + 1 });
        j++;
      }
    }
  }
  return [...same(0, start, before), ...middle, ...same(before.length - end, end, before)];
}

/** The changes from `before` to `after`, at most `limit` lines; '' when the texts are equal. */
export function lineDiff(before: string, after: string, limit = 40): string {
  const all = edits(before.split('\n'), after.split('\n'));
  const changed = all.map((edit) => edit.kind !== ' ');
  const shown = all.map((_, i) =>
    changed.slice(Math.max(0, i - CONTEXT), i + CONTEXT + 1).some(Boolean),
  );
  const lines: string[] = [];
  all.forEach((edit, i) => {
    if (!shown[i]) return;
    if (i === 0 || !shown[i - 1]) lines.push(`@@ line ${edit.oldLine} @@`);
    lines.push(`${edit.kind}${edit.text}`);
  });
  return lines.length > limit
    ? [...lines.slice(0, limit), `… ${lines.length - limit} more lines`].join('\n')
    : lines.join('\n');
}
