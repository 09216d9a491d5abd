import { expect, test } from 'vitest';
import { lexGroovy } from '../../src/check/groovy-lexer.js';
import type { StringExpr } from '../../src/check/pipeline.js';
import { nonCommentMatches } from '../../src/check/strings.js';

/** The first string literal of a Groovy source, as the pipeline hands it to the rules. */
const stringExpr = (source: string): StringExpr => {
  const token = lexGroovy(source).tokens.find((t) => t.string !== undefined)!;
  return { kind: 'string', literal: token.string!, values: [], start: token.start, end: token.end };
};

/** Each match as the source text it spans, and the line (1-based) it is on. */
const found = (source: string, pattern = /docker\.sock/g) =>
  nonCommentMatches(stringExpr(source), pattern).map(({ start, end }) => ({
    line: source.slice(0, start).split('\n').length,
    text: source.slice(start, end),
  }));

test('the first match on each line, mapped back to its source text', () => {
  const source = [
    "yaml = '''",
    '  - -v /var/run/docker.sock:/var/run/docker.sock',
    '  - path: /var/run/docker.sock',
    "'''",
  ].join('\n');
  // The string's text starts with the newline after ''', so its first line starts at 1, not 0.
  expect(found(source)).toEqual([
    { line: 2, text: 'docker.sock' },
    { line: 3, text: 'docker.sock' },
  ]);
});

test('a match at the very start of the text', () => {
  expect(found("args = 'docker.sock'")).toEqual([{ line: 1, text: 'docker.sock' }]);
});

test('lines that are YAML or shell comments, indented or not, are skipped', () => {
  const source = [
    "yaml = '''",
    '# docker.sock is not mounted',
    '    # see docker.sock above',
    '    path: docker.sock',
    "'''",
  ].join('\n');
  expect(found(source)).toEqual([{ line: 4, text: 'docker.sock' }]);
});

test('a # after the match does not make its line a comment', () => {
  expect(found("args = '-v /var/run/docker.sock:/x # the socket'")).toEqual([
    { line: 1, text: 'docker.sock' },
  ]);
});

test('the text between interpolations is searched; the interpolations are not', () => {
  const source = 'args = "${docker_sock} -v /var/run/docker.sock:${target}"';
  expect(found(source)).toEqual([{ line: 1, text: 'docker.sock' }]);
});

test('a match longer than one character ends after its last character', () => {
  const source = "yaml = '''\n  privileged:   true\n'''";
  const [match] = nonCommentMatches(stringExpr(source), /privileged:\s*true\b/g);
  expect(source.slice(match!.start, match!.end)).toBe('privileged:   true');
});
