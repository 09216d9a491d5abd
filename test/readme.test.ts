import fs from 'fs-extra';
import path from 'node:path';
import { expect, test } from 'vitest';
import { PIPELINE_SPEC, type FieldSpec } from '../src/model/spec.js';
import { repoRoot } from './support/tools.js';

/** Every field a config can hold, as README spells it: `build.args`, `registries[].host`. */
function fieldPaths(fields: Readonly<Record<string, FieldSpec>>, prefix = ''): string[] {
  return Object.entries(fields).flatMap(([name, spec]) => {
    const path = `${prefix}${name}`;
    const entry = spec.kind === 'list' ? spec.item : undefined;
    const entrySection =
      entry?.kind === 'section' ? entry : entry?.kind === 'either' ? entry.section : undefined;
    if (spec.kind === 'section') return fieldPaths(spec.fields, `${path}.`);
    return entrySection ? [path, ...fieldPaths(entrySection.fields, `${path}[].`)] : [path];
  });
}

test("README's config reference has a row for every field of the model", async () => {
  const readme = await fs.readFile(path.join(repoRoot, 'README.md'), 'utf8');
  const rows = readme.split('\n').filter((line) => line.startsWith('| `'));
  const documented = new Set(rows.map((row) => /^\| `([^`]+)`/.exec(row)![1]));
  expect(fieldPaths(PIPELINE_SPEC.fields).filter((field) => !documented.has(field))).toEqual([]);
});
