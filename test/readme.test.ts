import fs from 'fs-extra';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { PIPELINE_SPEC, type FieldSpec } from '../src/model/spec.js';
import { tempDir } from './support/cli.js';
import { emittedGroovyFiles } from './support/emitted.js';
import { groovyCalls } from './support/groovy.js';
import { repoRoot, requireTools } from './support/tools.js';

const readme = () => fs.readFile(path.join(repoRoot, 'README.md'), 'utf8');

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
  const rows = (await readme()).split('\n').filter((line) => line.startsWith('| `'));
  const documented = new Set(rows.map((row) => /^\| `([^`]+)`/.exec(row)![1]));
  expect(fieldPaths(PIPELINE_SPEC.fields).filter((field) => !documented.has(field))).toEqual([]);
});

/**
 * The names in the "Steps and names called" column of the administrator's checklist's plugin
 * table: `| Plugin (id) | `node`, `sh` | always |`.
 */
function documentedSteps(text: string): string[] {
  const controller = text.split('### The Jenkins controller')[1]?.split('\n### ')[0] ?? '';
  return controller
    .split('\n')
    .map((line) => line.trim().split('|'))
    .filter((cells) => cells.length === 5) // | Plugin | Steps | Needed |: the header has no `
    .flatMap((cells) => [...cells[2]!.matchAll(/`([^`]+)`/g)].map((match) => match[1]!));
}

describe.skipIf(requireTools(['groovy']).skip)("the administrator's checklist", () => {
  test('names the plugin of every step and global that vars/ and the emitted Jenkinsfiles use, and no other', async () => {
    const dir = await tempDir('jma-readme-');
    const files = await emittedGroovyFiles(dir);
    const found = await groovyCalls(files);
    await fs.remove(dir);
    // The library's own global variables (vars/*.groovy) need no plugin but the library.
    const library = new Set(
      files
        .filter((file) => file.endsWith('.groovy'))
        .map((file) => path.basename(file, '.groovy')),
    );
    const used = new Set(
      found.flatMap(({ steps, globals, annotations }) => [
        ...[...steps, ...globals].filter((name) => !library.has(name)),
        ...annotations.map((name) => `@${name}`),
      ]),
    );
    // Not vacuous: the runtime's steps and the short Jenkinsfile's @Library are among them.
    expect([...used]).toEqual(expect.arrayContaining(['sh', 'withCredentials', '@Library']));
    expect(
      documentedSteps(await readme()).sort(),
      "README's plugin table, against the steps called: give a new step its plugin's row",
    ).toEqual([...used].sort());
  });
});

test("README installs from a release tag, and its examples name the tag of package.json's version", async () => {
  const text = await readme();
  const tag = `v${(await fs.readJson(path.join(repoRoot, 'package.json'))).version}`;
  // Until the package is published, git is how it installs (scripts/release.sh makes the tags).
  expect(text).toContain(
    `npm i -g git+https://git.example.com/platform/jenkins-multiarch.git#${tag}`,
  );
  const named = [
    ...text.matchAll(/jenkins-multiarch@(v\d[^'"`\s)]*)|rev: (\S+)|jenkins-multiarch\.git#(\S+)/g),
  ].map((match) => match[1] ?? match[2] ?? match[3]);
  expect(named.length).toBeGreaterThanOrEqual(7);
  expect(new Set(named)).toEqual(new Set([tag]));
});
