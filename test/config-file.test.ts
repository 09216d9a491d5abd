import { execa } from 'execa';
import fs from 'fs-extra';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { findConfig } from '../src/cli/config-file.js';
import { cli, tempDir } from './support/cli.js';

/** What the config loader refuses, and how it says so: before the model, at the edge. */

const CONFIG = 'jenkins-multiarch.yaml';
const valid = [
  'agent: {label: podman}',
  'image: {name: acme/app, tags: ["1.0"]}',
  'platforms: [linux/amd64, linux/arm64]',
  'registries: [{host: registry.example.com, credentialsId: push}]',
  '',
].join('\n');

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
  // The search for a config stops at the repository root: without one, a stray config in a
  // parent of the temporary directory would be found.
  await fs.mkdir(path.join(dir, '.git'));
  // What the configs build, so that render has no missing path to warn about.
  await fs.writeFile(path.join(dir, 'Dockerfile'), 'FROM scratch\n');
});
afterEach(async () => {
  await fs.remove(dir);
});

async function render(file: string, content: string | Buffer) {
  await fs.outputFile(path.join(dir, file), content);
  return cli(dir, 'render', file);
}

/** Each line of a refused config's message, without the program's name. */
async function refused(file: string, content: string | Buffer): Promise<string[]> {
  const result = await render(file, content);
  expect(result.code, result.stdout).toBe(2);
  expect(result.stdout).toBe('');
  return result.stderr
    .replace(/^jenkins-multiarch: /, '')
    .trimEnd()
    .split('\n');
}

describe('what is not a config at all', () => {
  test('a binary file is named as such, not echoed back as garbage', async () => {
    const binary = Buffer.alloc(7000, 0x41);
    binary[100] = 0;
    expect(await refused(CONFIG, binary)).toEqual([
      `${CONFIG} is a binary file, not a config file; name the config file`,
    ]);
    // Invalid UTF-8 without a NUL byte (a latin-1 or image file) too.
    expect(await refused('c.json', Buffer.from([0x7b, 0xff, 0xfe, 0x80, 0x7d]))).toEqual([
      'c.json is a binary file, not a config file; name the config file',
    ]);
  });

  test('UTF-16, as Windows PowerShell writes with `>`, is told to be saved as UTF-8', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(valid, 'utf16le')]);
    expect(await refused(CONFIG, utf16)).toEqual([`${CONFIG} is UTF-16 text; save it as UTF-8`]);
  });

  test('UTF-16 big-endian too; other files that start with 0xff or 0xfe are binary', async () => {
    const le = Buffer.from(valid, 'utf16le');
    const be = Buffer.from(le).swap16();
    expect(await refused(CONFIG, Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toEqual([
      `${CONFIG} is UTF-16 text; save it as UTF-8`,
    ]);
    const binary = [`${CONFIG} is a binary file, not a config file; name the config file`];
    // A JPEG, and invalid UTF-8 with half of either byte order mark.
    expect(await refused(CONFIG, Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toEqual(binary);
    expect(await refused(CONFIG, Buffer.from([0x41, 0xfe, 0x41]))).toEqual(binary);
    expect(await refused(CONFIG, Buffer.from([0xfe, 0x41, 0x41]))).toEqual(binary);
  });

  test('an empty file, or one of comments only, is at 1:1 and says what a config holds', async () => {
    const message = `${CONFIG}:1:1: (config): the file is empty; a config is a mapping with at least agent, image, platforms and registries: \`jenkins-multiarch init\` writes one`;
    expect(await refused(CONFIG, '')).toEqual([message]);
    expect(await refused(CONFIG, '# to do\n\n')).toEqual([message]);
  });

  test('a file larger than 256 KB is refused before it is parsed', { timeout: 5000 }, async () => {
    // Valid YAML that took 23 s to parse and rendered a 6 MB Jenkinsfile.
    const huge = valid + `library: x\n# ${'padding '.repeat(640_000)}\n`;
    expect(await refused(CONFIG, huge)).toEqual([
      `${CONFIG} is 5001 KB, more than the 256 KB a config file may be (one is a few KB); name the config file`,
    ]);
  });

  test('a disk image named by mistake is refused by its size, without reading 3 GB', async () => {
    // Sparse: it takes no space, and node could not read a file this large anyway.
    await fs.writeFile(path.join(dir, 'disk.img'), '');
    await fs.truncate(path.join(dir, 'disk.img'), 3 * 1024 ** 3);
    const result = await cli(dir, 'render', 'disk.img');
    expect(result.stderr).toBe(
      'jenkins-multiarch: disk.img is 3145728 KB, more than the 256 KB a config file may be (one is a few KB); name the config file\n',
    );
  });

  test('a pipe (`render <(generate)`) larger than the limit is refused once read', async () => {
    const fifo = path.join(dir, 'config.fifo');
    await execa('mkfifo', [fifo]);
    // The writer blocks until render opens the pipe; render reads until the writer closes it.
    const writer = fs.writeFile(fifo, valid + `# ${'x'.repeat(300 * 1024)}\n`);
    const result = await cli(dir, 'render', 'config.fifo');
    await writer;
    expect(result.stderr).toBe(
      'jenkins-multiarch: config.fifo is 301 KB, more than the 256 KB a config file may be (one is a few KB); name the config file\n',
    );
  });

  test('a config just under the limit is read', async () => {
    const padded = valid + `# ${'x'.repeat(256 * 1024 - valid.length - 3)}\n`;
    expect(Buffer.byteLength(padded)).toBe(256 * 1024);
    expect((await render(CONFIG, padded)).code).toBe(0);
  });
});

describe('a config that cannot be read', () => {
  test('a symbolic link loop, or a path through a file, is named with what is wrong', async () => {
    await fs.symlink('loop.yaml', path.join(dir, 'loop.yaml'));
    const loop = await cli(dir, 'render', 'loop.yaml');
    expect(loop.stderr).toBe(
      'jenkins-multiarch: cannot read config file loop.yaml: the path has a symbolic link loop\n',
    );
    expect((await cli(dir, 'render', 'Dockerfile/config.yaml')).stderr).toMatch(
      /^jenkins-multiarch: cannot read config file Dockerfile\/config\.yaml: /,
    );
  });

  test('permission denied names the fix', async () => {
    // Write-only for everyone, root included (procfs checks sysctl modes for root too).
    const file = path.relative(dir, '/proc/sys/vm/drop_caches');
    expect((await cli(dir, 'render', file)).stderr).toBe(
      `jenkins-multiarch: cannot read config file ${file}: permission denied; make it readable (chmod a+r ${file})\n`,
    );
  });

  test('a symbolic link out of the repository is refused; one inside it, or outside any repository, is read', async () => {
    const elsewhere = await tempDir();
    try {
      await fs.outputFile(path.join(elsewhere, 'shared.yaml'), valid);
      await fs.symlink(path.join(elsewhere, 'shared.yaml'), path.join(dir, CONFIG));
      const target = path.join(elsewhere, 'shared.yaml');
      expect(await cli(dir, 'render', CONFIG)).toEqual({
        code: 2,
        stdout: '',
        stderr: `jenkins-multiarch: ${CONFIG} is a symbolic link to ${target}, outside the repository ${dir}: a build reads its config file from what is committed, so check out or copy the file into the repository (or name ${target} itself)\n`,
      });
      await fs.remove(path.join(dir, CONFIG));
      await fs.outputFile(path.join(dir, 'configs', 'main.yaml'), valid);
      await fs.symlink('configs/main.yaml', path.join(dir, CONFIG));
      expect((await cli(dir, 'render', CONFIG)).code).toBe(0);
      // With no repository there is nothing for the link to leave.
      await fs.outputFile(path.join(elsewhere, 'Dockerfile'), 'FROM scratch\n');
      await fs.symlink(path.join(dir, 'configs', 'main.yaml'), path.join(elsewhere, CONFIG));
      expect((await cli(elsewhere, 'render', CONFIG)).code).toBe(0);
    } finally {
      await fs.remove(elsewhere);
    }
  });
});

describe('aliases and merge keys', () => {
  // Each level is nine aliases of the one before: expanded, the last is 9^9 strings, which the
  // model's check for repeated tags would compare with each other. The timeout is the proof.
  test(
    'an alias bomb ("billion laughs") is refused at once, at the alias',
    { timeout: 5000 },
    async () => {
      const levels = ['  - &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
      for (let i = 1; i < 10; i++) {
        const [name, previous] = [String.fromCharCode(97 + i), String.fromCharCode(96 + i)];
        levels.push(`  - &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
      }
      expect(
        await refused(
          CONFIG,
          ['image:', '  name: acme/app', '  tags:', ...levels, '  - *j', ''].join('\n'),
        ),
      ).toEqual([
        `${CONFIG}:8:33: invalid YAML: aliases expand the document beyond 256 KB here, more than any config needs; write the values out instead`,
      ]);
    },
  );

  test.each([
    ['a: &a [*a]', '1:8: invalid YAML: alias *a is inside the value it names'],
    ['a: *nowhere', '1:4: invalid YAML: alias *nowhere has no anchor &nowhere before it'],
    ['a: {<<: 5}', '1:9: invalid YAML: `<<` merges mappings: write `<<: *name`'],
  ])('an alias or merge that cannot expand is a problem at its place: %s', async (yaml, start) => {
    const [line, ...more] = await refused(CONFIG, yaml);
    expect(more).toEqual([]);
    expect(line).toContain(`${CONFIG}:${start}`);
  });

  test('many uses of one small anchor are fine (more than the yaml library allows by default)', async () => {
    const registries = Array.from({ length: 150 }, (_, i) => `  - {<<: *push, host: r${i}.io}`);
    const config = [
      'agent: {label: podman}',
      'image: {name: acme/app, tags: ["1.0"]}',
      'platforms: [linux/amd64]',
      'registries:',
      '  - &push {host: r.io, credentialsId: push, tlsVerify: true}',
      ...registries,
      '',
    ].join('\n');
    const result = await render(CONFIG, config);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain("[host: 'r149.io', credentialsId: 'push', tlsVerify: true]");
  });

  test('merge keys share settings; problems in merged values point at where they are written', async () => {
    const config = [
      'agent: {label: podman}',
      'image: {name: acme/app, tags: ["1.0"]}',
      'platforms: [linux/amd64]',
      'registries:',
      '  - &push',
      '    host: a.example.com',
      '    credentialsId: push',
      '    tlsVerify: maybe',
      '  - <<: *push',
      '    host: b.example.com',
      '    hots: c.example.com',
      '',
    ].join('\n');
    expect(await refused(CONFIG, config)).toEqual([
      'invalid config (3 problems):',
      `${CONFIG}:8:16: registries[0].tlsVerify: expected true or false (unquoted), got "maybe"`,
      `${CONFIG}:8:16: registries[1].tlsVerify: expected true or false (unquoted), got "maybe"`,
      `${CONFIG}:11:5: registries[1]: unknown field "hots" (did you mean "host"?); known fields here: host, credentialsId, tlsVerify`,
    ]);
    const fixed = config.replace('maybe', 'false').replace('    hots: c.example.com\n', '');
    const result = await render(CONFIG, fixed);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(
      "[host: 'b.example.com', credentialsId: 'push', tlsVerify: false]",
    );
  });
});

describe('JSON', () => {
  test('comments, as VS Code writes them, are refused at their place: JSON has none', async () => {
    const jsonc = [
      '{',
      '  // the agent',
      '  "agent": {"label": "podman"}, /* where it builds */',
      '  "image": {"name": "acme/app", "tags": ["1.0"], "labels": {"url": "http://x//y/*z*/"}},',
      '  "platforms": ["linux/amd64"],',
      '  "registries": [{"host": "r.io", "credentialsId": "push"}]',
      '}',
    ].join('\n');
    const comment =
      'invalid JSON: JSON does not allow comments; remove them, or write the config as YAML, where comments start with #';
    expect(await refused('c.json', jsonc)).toEqual([
      `c.json:2:3: ${comment}`,
      `c.json:3:33: ${comment}`,
    ]);
    // Without them the file is read, and `//` or `/*` inside strings was never a comment.
    const json = jsonc.replace('  // the agent\n', '').replace(' /* where it builds */', '');
    const result = await render('c.json', json);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain("labels: [url: 'http://x//y/*z*/']");
  });
});

describe('where problems are reported', () => {
  test('an unknown field at its own key, and problems in the order of the file', async () => {
    const config = [
      'agent: {label: podman}',
      'image: {name: acme/app, tags: ["1.0"], lables: {}}',
      'platforms: [linux/amd64, linux/amd46]',
      'registries: [{host: r.io, credentialsId: push}]',
      'pushh: {retries: 2}',
      'build: {dockerfile: 7}',
      '',
    ].join('\n');
    expect(await refused(CONFIG, config)).toEqual([
      'invalid config (4 problems):',
      `${CONFIG}:2:40: image: unknown field "lables" (did you mean "labels"?); known fields here: name, tags, labels`,
      `${CONFIG}:3:26: platforms[1]: unknown platform "linux/amd46" (did you mean "linux/amd64"?); known platforms: linux/amd64, linux/arm64, linux/arm/v7, linux/arm/v6, linux/386, linux/ppc64le, linux/s390x, linux/mips64le, linux/riscv64`,
      `${CONFIG}:5:1: (config): unknown field "pushh" (did you mean "push"?); known fields here: library, agent, clone, image, platforms, native, build, registries, push, smoke, mirror`,
      `${CONFIG}:6:21: build.dockerfile: expected the Dockerfile path, got 7 (YAML reads 7 as a number; write "7" in quotes)`,
    ]);
  });

  test('one problem is counted as one; unknown fields are placed at the first in the file', async () => {
    // JavaScript lists the key "2" before "pushh", whichever comes first in the file.
    expect(await refused(CONFIG, `${valid}pushh: {}\n"2": x\n`)).toEqual([
      'invalid config (1 problem):',
      `${CONFIG}:5:1: (config): unknown fields "2", "pushh" (did you mean "push"?); known fields here: library, agent, clone, image, platforms, native, build, registries, push, smoke, mirror`,
    ]);
  });

  test('a value YAML read as a number or boolean where a string belongs: quote it', async () => {
    const config = [
      'agent: {label: podman}',
      'image: {name: acme/app, tags: [1.0, 1.10, "2.0"], labels: {stable: yes, beta: true}}',
      'platforms: [linux/amd64]',
      'registries: [{host: r.io, credentialsId: push}]',
      'push: {retries: 2.5}',
      '',
    ].join('\n');
    expect(await refused(CONFIG, config)).toEqual([
      'invalid config (4 problems):',
      `${CONFIG}:2:32: image.tags[0]: expected a tag such as "1.0", or a mapping such as {from: git-sha}, got 1 (YAML reads 1.0 as a number; write "1.0" in quotes)`,
      `${CONFIG}:2:37: image.tags[1]: expected a tag such as "1.0", or a mapping such as {from: git-sha}, got 1.1 (YAML reads 1.10 as a number; write "1.10" in quotes)`,
      `${CONFIG}:2:79: image.labels.beta: expected the label value as a string (quote numbers and booleans), got true (YAML reads true as a boolean; write "true" in quotes)`,
      // An integer was expected: quotes would not help, so none are suggested.
      `${CONFIG}:5:17: push.retries: expected a whole number from 0 to 10, got 2.5`,
    ]);
  });

  test('a null written as `~` is quoted too; an empty value has nothing to quote', async () => {
    const config = [
      'agent: {label: podman}',
      'image: {name: acme/app, tags: ["1.0"]}',
      'platforms: [linux/amd64]',
      'registries: [{host: r.io, credentialsId: push}]',
      'build: {dockerfile: ~, context: }',
      '',
    ].join('\n');
    expect(await refused(CONFIG, config)).toEqual([
      'invalid config (2 problems):',
      `${CONFIG}:5:21: build.dockerfile: expected the Dockerfile path, got null (YAML reads ~ as null; write "~" in quotes)`,
      `${CONFIG}:5:33: build.context: expected the build context directory, got null`,
    ]);
  });

  test('in JSON too', async () => {
    const json = JSON.stringify({
      agent: { label: 'podman' },
      image: { name: 'acme/app', tags: [1.5] },
      platforms: ['linux/amd64'],
      registries: [{ host: 'r.io', credentialsId: 'push' }],
    });
    const [, problem] = await refused('c.json', json);
    expect(problem).toMatch(/, got 1\.5 \(JSON reads 1\.5 as a number; write "1\.5" in quotes\)$/);
  });
});

describe('finding the config', () => {
  test('from a subdirectory, in the nearest parent that has one', async () => {
    await fs.outputFile(path.join(dir, CONFIG), valid);
    const nested = path.join(dir, 'services', 'api');
    await fs.mkdirp(nested);
    expect(await findConfig(nested, undefined)).toBe(path.join(dir, CONFIG));
    const result = await cli(nested, 'render');
    expect(result.stderr).toBe('using ../../jenkins-multiarch.yaml\n');
    expect(result.stdout).toMatch(
      /^\/\/ Generated by jenkins-multiarch \S+ from \.\.\/\.\.\/jenkins-multiarch\.yaml\.\n/,
    );
    // The nearest one wins.
    await fs.outputFile(path.join(dir, 'services', 'jenkins-multiarch.yml'), valid);
    expect(await findConfig(nested, undefined)).toBe(
      path.join(dir, 'services', 'jenkins-multiarch.yml'),
    );
  });

  test('but not above the repository root', async () => {
    const repository = path.join(dir, 'repository');
    await fs.mkdirp(path.join(repository, '.git'));
    await fs.mkdirp(path.join(repository, 'sub'));
    await fs.outputFile(path.join(dir, CONFIG), valid);
    const result = await cli(path.join(repository, 'sub'), 'render');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `jenkins-multiarch: no config file: looked for jenkins-multiarch.yaml, jenkins-multiarch.yml, jenkins-multiarch.json in ${path.join(repository, 'sub')} and its parents up to ${repository} (the repository root). Create one with \`jenkins-multiarch init\` or name it: \`jenkins-multiarch render path/to/config.yaml\`\n`,
    );
  });

  test('none at the repository root, or anywhere up to / outside a repository: where was looked', async () => {
    const tail =
      'Create one with `jenkins-multiarch init` or name it: `jenkins-multiarch render path/to/config.yaml`\n';
    const names = 'jenkins-multiarch.yaml, jenkins-multiarch.yml, jenkins-multiarch.json';
    expect((await cli(dir, 'render')).stderr).toBe(
      `jenkins-multiarch: no config file: looked for ${names} in ${dir} (the repository root). ${tail}`,
    );
    const outside = await tempDir();
    try {
      expect((await cli(outside, 'render')).stderr).toBe(
        `jenkins-multiarch: no config file: looked for ${names} in ${outside} and its parents up to /. ${tail}`,
      );
    } finally {
      await fs.remove(outside);
    }
  });

  test('two configs side by side are a usage error naming both', async () => {
    await fs.outputFile(path.join(dir, CONFIG), valid);
    await fs.outputFile(path.join(dir, 'jenkins-multiarch.json'), '{}');
    const nested = path.join(dir, 'sub');
    await fs.mkdirp(nested);
    for (const [cwd, prefix] of [
      [dir, ''],
      [nested, '../'],
    ] as const) {
      const result = await cli(cwd, 'render');
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `jenkins-multiarch: ${prefix}jenkins-multiarch.yaml and ${prefix}jenkins-multiarch.json are both configs; keep one, or name the one to use: \`jenkins-multiarch render ${prefix}jenkins-multiarch.yaml\`\n`,
      );
    }
    // Naming one is not ambiguous.
    expect((await cli(dir, 'render', CONFIG)).code).toBe(0);
  });
});
