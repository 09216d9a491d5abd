#!/usr/bin/env node
// Writes the rules' documentation from their metadata (src/check/rule-docs.ts): a page per rule in
// docs/rules/, and the README's rule table between its markers. test/check/rule-docs.test.ts fails
// when what is committed differs, so run this after changing a rule.
//   npm run docs
import { readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { ALL_RULES } = await import(path.join(root, 'dist/check/rules/index.js'));
const { rulePage, ruleTable, withRuleTable } = await import(
  path.join(root, 'dist/check/rule-docs.js')
);

const dir = path.join(root, 'docs', 'rules');
mkdirSync(dir, { recursive: true });
const pages = new Set(ALL_RULES.map((rule) => `${rule.meta.id}.md`));
for (const name of readdirSync(dir)) if (!pages.has(name)) rmSync(path.join(dir, name));
for (const rule of ALL_RULES) writeFileSync(path.join(dir, `${rule.meta.id}.md`), rulePage(rule));

const readme = path.join(root, 'README.md');
writeFileSync(readme, withRuleTable(readFileSync(readme, 'utf8'), ruleTable(ALL_RULES)));
console.log(`wrote ${pages.size} pages in docs/rules/ and the README's rule table`);
