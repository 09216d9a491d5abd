import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { parse } from 'yaml';
import { checkedFileKind } from '../../src/check/checked-files.js';

const ROOT = path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..');

/** Paths as a repository holds them, and which rules check gives each (undefined: not checked). */
const NAMES: [string, 'groovy' | 'dockerfile' | undefined][] = [
  ['Jenkinsfile', 'groovy'],
  ['Jenkinsfile.release', 'groovy'],
  ['ci/release.Jenkinsfile', 'groovy'],
  ['ci/nightly.jenkinsfile', 'groovy'],
  ['vars/buildImage.groovy', 'groovy'],
  ['Dockerfile', 'dockerfile'],
  ['Containerfile.release', 'dockerfile'],
  ['services/api/api.Dockerfile', 'dockerfile'],
  ['Jenkinsfile.md', undefined],
  ['docs/Jenkinsfile.adoc', undefined],
  ['docs/Jenkinsfile.html', undefined],
  ['Jenkinsfile.txt', undefined],
  ['Jenkinsfile.rst', undefined],
  ['Dockerfile.md', undefined],
  ['docs/release.Jenkinsfile.markdown', undefined],
  ['Dockerfile.a.b', undefined],
  ['README.md', undefined],
  ['build.gradle', undefined],
];

test.each(NAMES)('%s: %s', (file, kind) => {
  expect(checkedFileKind(path.posix.basename(file))).toBe(kind);
});

test("the pre-commit hook's files regex selects the same names", () => {
  const hooks = parse(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as {
    id: string;
    files: string;
  }[];
  const files = new RegExp(hooks.find((hook) => hook.id === 'jenkins-multiarch-check')!.files);
  expect(NAMES.filter(([file]) => files.test(file))).toEqual(
    NAMES.filter(([, kind]) => kind !== undefined),
  );
});
