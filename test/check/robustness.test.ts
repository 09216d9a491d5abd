import { readdirSync } from 'node:fs';
import { expect, test } from 'vitest';
import { check, fixture, fixturePath } from './support.js';

/**
 * Broken Jenkinsfiles are the normal input of a pre-commit hook: half-typed strings, stray
 * braces, pasted shell. Real files with random damage must never make check throw (which the
 * CLI would have to show as an unexpected error), and every finding must point inside the file.
 */
test('damaged real Jenkinsfiles never crash the checker', () => {
  const originals = [
    ...readdirSync(fixturePath('corpus'))
      .filter((name) => name !== 'README.md')
      .map((name) => fixture(`corpus/${name}`)),
    fixture('rendered-sample.Jenkinsfile'),
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
    }
  }
});
