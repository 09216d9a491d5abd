/**
 * How many single-character edits turn a into b: insertions, deletions, substitutions, and swaps
 * of two neighbours (`stpes` is one swap from `steps`), the optimal string alignment distance.
 */
export function editDistance(a: string, b: string): number {
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        current[j] = Math.min(current[j]!, beforePrevious[j - 2]! + 1);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length]!;
}

function commonPrefix(a: string, b: string): number {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length++;
  return length;
}

/**
 * The candidate a typo most likely meant: the nearest within two edits, the longer shared
 * beginning breaking ties; but a candidate that shares all but the last letter or two of the
 * shorter word comes first (`failed` meant `failure`, not `fixed`, two edits away).
 */
export function closest(input: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; rank: readonly number[] } | undefined;
  for (const candidate of candidates) {
    const prefix = commonPrefix(input, candidate);
    const stem = prefix >= 4 && prefix >= Math.min(input.length, candidate.length) - 2;
    const distance = editDistance(input, candidate);
    if (!stem && distance > 2) continue;
    const rank = [stem ? 0 : 1, distance, -prefix];
    if (!best || before(rank, best.rank)) best = { candidate, rank };
  }
  return best?.candidate;
}

/** Lexicographic order of two ranks of the same length. */
function before(a: readonly number[], b: readonly number[]): boolean {
  const i = a.findIndex((value, index) => value !== b[index]);
  return i >= 0 && a[i]! < b[i]!;
}
