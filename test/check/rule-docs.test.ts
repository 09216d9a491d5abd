import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { rulePage, ruleTable, withRuleTable } from '../../src/check/rule-docs.js';
import { ALL_RULES } from '../../src/check/rules/index.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const docs = path.join(root, 'docs', 'rules');
const STALE = 'stale: run `npm run docs` and commit what it writes';

describe('the rules documentation is generated from the rules and committed current', () => {
  test.each(ALL_RULES.map((rule) => [rule.meta.id, rule] as const))(
    'docs/rules/%s.md',
    (id, rule) => {
      expect(readFileSync(path.join(docs, `${id}.md`), 'utf8'), STALE).toBe(rulePage(rule));
    },
  );

  test('docs/rules/ has a page for each rule and nothing else', () => {
    expect(readdirSync(docs).sort()).toEqual(ALL_RULES.map((r) => `${r.meta.id}.md`).sort());
  });

  test("the README's rule table", () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    expect(readme, STALE).toBe(withRuleTable(readme, ruleTable(ALL_RULES)));
  });
});

describe('a rule page', () => {
  const page = rulePage(ALL_RULES.find((rule) => rule.meta.id === 'manifest-reuse')!);

  test("shows the bad example with check's own findings, the good one, and every message", () => {
    expect(page).toContain('# manifest-reuse\n\n**error**: ');
    expect(page).toMatch(/## Bad\n\n`Jenkinsfile`:\n\n```groovy\nnode\('podman'\) \{\n/);
    expect(page).toContain("- 2:55 --manifest app-list adds this build's images");
    expect(page).toContain('  **Fix:** Start from an empty list: run podman manifest rm app-list');
    expect(page).toContain('- `amend`: <tool> manifest create --amend <list> adds to the list');
    expect(page).toContain('rules: { manifest-reuse: off }');
  });

  test('names the settings a rule needs to run', () => {
    const splitting = ALL_RULES.find((rule) => rule.meta.id === 'script-splitting-variable')!;
    expect(rulePage(splitting)).toContain(
      'It runs only with `scriptSplitting: true` in the settings file.',
    );
  });
});
