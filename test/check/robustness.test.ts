import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { repoRoot } from '../support/tools.js';
import { ALL_RULES } from '../../src/check/rules/index.js';
import { check, fixture, fixturePath } from './support.js';

/**
 * Broken Jenkinsfiles are the normal input of a pre-commit hook: half-typed strings, stray
 * braces, pasted shell. Real files with random damage must never make check throw (which the
 * CLI would have to show as an unexpected error), and every finding must point inside the file.
 */
test('damaged Jenkinsfiles never crash the checker', () => {
  // Hand-written pipelines (the seeds and every rule's examples), a rendered one, and our library.
  const originals = [
    ...readdirSync(fixturePath('seeds')).map((name) => fixture(`seeds/${name}`)),
    ...ALL_RULES.flatMap(({ meta }) => [meta.docs.bad, meta.docs.good]),
    fixture('rendered-sample.Jenkinsfile'),
    ...readdirSync(path.join(repoRoot, 'vars'))
      .filter((name) => name.endsWith('.groovy'))
      .map((name) => readFileSync(path.join(repoRoot, 'vars', name), 'utf8')),
  ];
  const damage = [
    '{',
    '}',
    '(',
    ')',
    '"',
    "'''",
    '"""',
    '${',
    '$',
    '/',
    '\\',
    '\n',
    'sh ',
    '`',
    '#',
    '/*',
    ':',
    'podman build --platform a,b -t x ',
    '<<EOF\n',
    '$(',
  ];
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  let placed = 0;
  for (let i = 0; i < 600; i++) {
    let text = pick(originals);
    for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits--) {
      const at = Math.floor(random() * text.length);
      text =
        random() < 0.5
          ? text.slice(0, at) + pick(damage) + text.slice(at)
          : text.slice(0, at) + text.slice(at + Math.floor(random() * 20));
    }
    const lines = text.split('\n').length;
    for (const finding of check(text)) {
      expect(finding.line).toBeGreaterThanOrEqual(1);
      expect(finding.endLine).toBeLessThanOrEqual(lines);
      placed++;
    }
  }
  // Not vacuous: damaged files have findings, whose places were checked above.
  expect(placed).toBeGreaterThan(300);
});
