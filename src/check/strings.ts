import type { StringExpr } from './pipeline.js';

/**
 * Where a pattern first occurs on each line of a string literal's text (`-v /var/run/docker.sock:
 * /var/run/docker.sock` is one mount), skipping lines that are YAML or shell comments (`# …`): a
 * pod template that says "no docker.sock here" is not a mount.
 */
export function nonCommentMatches(
  string: StringExpr,
  pattern: RegExp,
): { start: number; end: number }[] {
  const matches: { start: number; end: number }[] = [];
  for (const part of string.literal.parts) {
    if (part.kind !== 'text') continue;
    const { text, offsets } = part.text;
    let lastLine = -1;
    for (const match of text.matchAll(pattern)) {
      const lineStart = text.lastIndexOf('\n', match.index) + 1;
      if (lineStart === lastLine || text.slice(lineStart, match.index).trimStart().startsWith('#'))
        continue;
      lastLine = lineStart;
      matches.push({
        start: offsets[match.index]!,
        end: offsets[match.index + match[0].length - 1]! + 1,
      });
    }
  }
  return matches;
}
