import fs from 'fs-extra';
import path from 'node:path';
import { expect, test } from 'vitest';
import { loadResources, loadVars, MODEL_FILE, stepNamesIn } from '../src/package-files.js';
import { tempDir } from './support/cli.js';
import { repoRoot } from './support/tools.js';

test('the runtime reads every file of resources/jenkins-multiarch/ but the generated model.json', async () => {
  const dir = path.join(repoRoot, 'resources', 'jenkins-multiarch');
  const listed = (await fs.readdir(dir)).filter((name) => name !== MODEL_FILE);
  expect([...loadResources().keys()].sort()).toEqual(listed.sort());
  expect(loadResources().get('build.sh')).toBe(
    await fs.readFile(path.join(dir, 'build.sh'), 'utf8'),
  );
});

test("the library's steps are vars/*.groovy, by base name, and nothing else there", async () => {
  const dir = await tempDir();
  for (const file of ['b.groovy', 'a.groovy', 'a.txt', 'groovy', 'c.groovy.bak'])
    await fs.writeFile(path.join(dir, file), '');
  expect(stepNamesIn(dir)).toEqual(['a', 'b']);
  await fs.remove(dir);
  const vars = (await fs.readdir(path.join(repoRoot, 'vars'))).filter((f) => f.endsWith('.groovy'));
  expect([...loadVars().keys()].sort()).toEqual(vars.sort());
});
