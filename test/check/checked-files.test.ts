import { readFileSync } from 'node:fs';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { checkedFileKind } from '../../src/check/checked-files.js';
import { findCheckedFiles } from '../../src/cli/find-checked-files.js';
import { tempDir } from './support.js';

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
  ['services/api/api.Containerfile', 'dockerfile'],
  // Named like a Jenkinsfile but for another tool: only a name ending in documentation's
  // extension is documentation.
  ['Jenkinsfile.mdlint', 'groovy'],
  ['Jenkinsfile.md', undefined],
  ['docs/Jenkinsfile.adoc', undefined],
  ['docs/Jenkinsfile.html', undefined],
  ['Jenkinsfile.txt', undefined],
  ['Jenkinsfile.rst', undefined],
  ['Dockerfile.md', undefined],
  ['docs/release.Jenkinsfile.markdown', undefined],
  ['docs/Jenkinsfile.asciidoc', undefined],
  ['docs/Jenkinsfile.htm', undefined],
  ['notes/Jenkinsfile.org', undefined],
  // Copies and backups, and names that only end like Jenkinsfile or Dockerfile.
  ['vars/buildImage.groovy.orig', undefined],
  ['api.Dockerfile.orig', undefined],
  ['old-Jenkinsfile', undefined],
  ['build-Dockerfile', undefined],
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

describe('the files check finds under a directory', () => {
  /**
   * What findCheckedFiles returns for a tree of these files, relative to its root; a value
   * `-> target` makes a symbolic link.
   */
  const found = async (files: Record<string, string>) => {
    const root = await tempDir();
    try {
      for (const [name, content] of Object.entries(files)) {
        await mkdir(path.dirname(path.join(root, name)), { recursive: true });
        if (content.startsWith('-> ')) await symlink(content.slice(3), path.join(root, name));
        else await writeFile(path.join(root, name), content);
      }
      return (await findCheckedFiles(root)).map((file) => path.relative(root, file));
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  };

  test('by name, in code-unit order (capitals first), not locale order', async () => {
    expect(
      await found({
        'b/Jenkinsfile': '',
        'a.groovy': '',
        'Z.groovy': '',
        Dockerfile: '',
        'README.md': '',
        'Jenkinsfile.md': '',
      }),
    ).toEqual(['Dockerfile', 'Z.groovy', 'a.groovy', 'b/Jenkinsfile']);
  });

  test('regular files only: a link is not followed, its target is found under its own name', async () => {
    expect(
      await found({
        'ci/Jenkinsfile': '',
        Jenkinsfile: '-> ci/Jenkinsfile',
        'Jenkinsfile.gone': '-> nowhere',
      }),
    ).toEqual(['ci/Jenkinsfile']);
  });

  test('.git and node_modules are skipped without a .gitignore', async () => {
    expect(
      await found({
        '.git/hooks/x.groovy': '',
        'node_modules/pkg/Jenkinsfile': '',
        'ci/node_modules.groovy': '',
      }),
    ).toEqual(['ci/node_modules.groovy']);
  });

  // git reads each .gitignore relative to its own directory, its rules applying below it too
  // (https://git-scm.com/docs/gitignore#_pattern_format).
  test('each .gitignore applies to its own directory and below, relative to it', async () => {
    expect(
      await found({
        '.gitignore': '/top.groovy\nscratch/\n',
        'top.groovy': '',
        'sub/top.groovy': '',
        'sub/scratch/a.groovy': '',
        'sub/.gitignore': '/local.groovy\n',
        'sub/local.groovy': '',
        'sub/deeper/local.groovy': '',
        'local.groovy': '',
      }),
    ).toEqual(['local.groovy', 'sub/deeper/local.groovy', 'sub/top.groovy']);
  });

  test('a pattern ending in / ignores directories only; ! takes a file back', async () => {
    expect(
      await found({
        '.gitignore': 'Jenkinsfile.d/\nJenkinsfile.release/\n*.groovy\n!keep.groovy\n',
        'Jenkinsfile.release': '',
        'Jenkinsfile.d/Jenkinsfile': '',
        'drop.groovy': '',
        'keep.groovy': '',
      }),
    ).toEqual(['Jenkinsfile.release', 'keep.groovy']);
  });

  test('a directory with no .gitignore keeps the rules from above', async () => {
    expect(
      await found({ '.gitignore': '*.tmp.groovy\n', 'a/b/x.tmp.groovy': '', 'a/b/x.groovy': '' }),
    ).toEqual(['a/b/x.groovy']);
  });
});
