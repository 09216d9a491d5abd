import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';

/**
 * The real-pipelines corpus (test/check/corpus/corpus.json) is measured by
 * scripts/check-corpus.mjs where its files are at hand, never in CI; here only its shape, which
 * that script relies on: where each file comes from, what kind it is, and well-formed annotations.
 */
const corpus = JSON.parse(readFileSync(new URL('corpus/corpus.json', import.meta.url), 'utf8')) as {
  thresholds: { recall: number; disputedOnOrdinary: number };
  files: Record<string, unknown>[];
};

const RULE_ID = /^[a-z][a-z0-9-]*$/;
const oneOrMore = <T>(value: unknown, is: (item: unknown) => item is T): boolean =>
  Array.isArray(value) ? value.length > 0 && value.every(is) : is(value);
const isRuleId = (value: unknown): value is string =>
  typeof value === 'string' && RULE_ID.test(value);
const isLine = (value: unknown): value is number => Number.isInteger(value) && Number(value) > 0;

/** Why an annotation is malformed, or undefined. */
function annotationProblem(annotation: Record<string, unknown>, scored: boolean) {
  if (!isLine(annotation.line) && !(scored && oneOrMore(annotation.line, isLine)))
    return 'line is not a positive integer (or, in expected/accepted, a list of them)';
  if (typeof annotation.note !== 'string' || annotation.note.length < 10) return 'no note';
  if (!scored) return undefined;
  if (!oneOrMore(annotation.rule, isRuleId)) return 'rule is not a rule id or a list of them';
  if (
    annotation.severity !== undefined &&
    !['error', 'warning'].includes(String(annotation.severity))
  )
    return 'severity is neither error nor warning';
  return undefined;
}

test('each corpus file names its source at a commit, its licence and its kind', () => {
  const problems = corpus.files.flatMap((file) => {
    const name = `${String(file.repo)}/${String(file.path)}`;
    const wrong = [
      typeof file.repo === 'string' && /^[\w.-]+\/[\w.-]+$/.test(file.repo) ? '' : 'repo',
      typeof file.path === 'string' && file.path.length > 0 && !file.path.startsWith('/')
        ? ''
        : 'path',
      typeof file.commit === 'string' && /^[0-9a-f]{40}$/.test(file.commit) ? '' : 'commit',
      typeof file.licence === 'string' && file.licence.length > 0 ? '' : 'licence',
      file.kind === 'ordinary' || file.kind === 'image-build' ? '' : 'kind',
      (file.kind === 'image-build') === (typeof file.multiArch === 'boolean') ? '' : 'multiArch',
    ].filter(Boolean);
    return wrong.length > 0 ? [`${name}: ${wrong.join(', ')}`] : [];
  });
  expect(problems).toEqual([]);
  const names = corpus.files.map((file) => `${String(file.repo)}/${String(file.path)}`);
  expect(new Set(names).size).toBe(names.length);
});

test('the corpus has at least 40 files, about half of them building images', () => {
  const imageBuilds = corpus.files.filter((file) => file.kind === 'image-build');
  expect(corpus.files.length).toBeGreaterThanOrEqual(40);
  expect(imageBuilds.length / corpus.files.length).toBeGreaterThan(0.4);
  expect(imageBuilds.filter((file) => file.multiArch).length).toBeGreaterThan(0);
});

test('every annotation has a line and a note, and the scored ones a rule id', () => {
  const problems = corpus.files.flatMap((file) =>
    (['expected', 'accepted', 'other'] as const).flatMap((list) => {
      // expected and accepted are always there (the script reads them); other is optional.
      const annotations = list === 'other' ? (file.other ?? []) : file[list];
      if (!Array.isArray(annotations)) return [`${String(file.path)}: ${list} is not a list`];
      return (annotations as Record<string, unknown>[]).flatMap((annotation) => {
        const problem = annotationProblem(annotation, list !== 'other');
        return problem ? [`${String(file.repo)}/${String(file.path)} ${list}: ${problem}`] : [];
      });
    }),
  );
  expect(problems).toEqual([]);
  expect(corpus.files.some((file) => (file.expected as unknown[]).length > 0)).toBe(true);
});

test("the thresholds are the issue's targets", () => {
  expect(corpus.thresholds).toEqual({ recall: 0.95, disputedOnOrdinary: 0 });
});
