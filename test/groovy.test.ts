import { execa } from 'execa';
import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  groovyCall,
  groovyLiteral,
  groovyMultilineString,
  groovyString,
  withEnvEntry,
} from '../src/render/groovy.js';
import { parseGroovy, utf16Units as units } from './support/groovy.js';
import { harnessDir, javaHome, requireTools } from './support/tools.js';

/** Values that have broken Jenkinsfiles: quotes, interpolation, escapes, line breaks, unicode. */
const HOSTILE = [
  '',
  'plain',
  "it's",
  "'",
  "''",
  "'''",
  "a'''b''''c",
  "ends with '",
  '\\',
  'ends with \\',
  '\\u0027 is not a quote',
  '\\\\u0041',
  '$HOME',
  '${HOME}',
  '$$',
  '${"x"}',
  '"double" "quotes"',
  '`id` $(id)',
  'line1\nline2',
  'cr\r\nlf',
  'tab\there',
  'bell\u0007 del\u007f esc\u001b',
  'é ü ß 中文',
  'emoji 🎉 astral 𝄞',
  '\u2028 line separator',
  "mixed '\\' $ {} \"",
];

const printUnits = `.each { v -> println v.toCharArray().collect { String.format('%04x', (int) it) }.join(' ') }`;

async function groovy(script: string): Promise<string[]> {
  const result = await execa('groovy', ['-cp', harnessDir, '-e', script], {
    env: { JAVA_HOME: javaHome() },
  });
  return result.stdout.split('\n');
}

describe('groovyString', () => {
  test('escapes only what single-quoted Groovy strings give meaning to', () => {
    expect(groovyString("it's $HOME")).toBe("'it\\'s $HOME'");
    expect(groovyString('a\\b')).toBe("'a\\\\b'");
    expect(groovyString('a\nb')).toBe("'a\\nb'");
    expect(groovyString('é')).toBe("'\\u00e9'");
    // The rest of printable ASCII as it is, the last one (~) too; a tab as Groovy's \t.
    expect(groovyString('~/.ssh {}')).toBe("'~/.ssh {}'");
    expect(groovyString('a\tb')).toBe("'a\\tb'");
  });

  test('never emits a raw newline or non-ASCII character', () => {
    for (const value of HOSTILE) expect(groovyString(value)).toMatch(/^'[\x20-\x7e]*'$/);
  });
});

describe('groovyMultilineString', () => {
  test('keeps scripts readable: quotes and newlines stay as they are', () => {
    expect(groovyMultilineString("echo 'hi'\nexit 0\n")).toBe("'''echo 'hi'\nexit 0\n'''");
    // Tabs too, as a shell script's here-document (<<-) needs them.
    expect(groovyMultilineString('cat <<-EOF\n\tindented\n\tEOF\n')).toBe(
      "'''cat <<-EOF\n\tindented\n\tEOF\n'''",
    );
  });

  test('escapes the quotes that could close the string', () => {
    expect(groovyMultilineString("a'''b")).toBe("'''a\\'\\''b'''");
    expect(groovyMultilineString("end'")).toBe("'''end\\''''");
  });
});

describe('groovyLiteral', () => {
  test('writes null, empty lists and maps, and a key that is no plain identifier as a string', () => {
    expect(groovyLiteral({ none: null, list: [], map: {}, in: 1, 'a-b': [true, undefined] })).toBe(
      "[none: null, list: [], map: [:], 'in': 1, 'a-b': [true, null]]",
    );
  });

  test('keeps a collection that fits in the width on one line; a longer one gets an entry a line', () => {
    const value = ['amd64', 'arm64']; // ['amd64', 'arm64']: 18 characters
    expect(groovyLiteral(value, '  ', 20)).toBe("['amd64', 'arm64']");
    expect(groovyLiteral(value, '  ', 19)).toBe("[\n    'amd64',\n    'arm64',\n  ]");
    // Without an indent, the collection starts the line.
    expect(groovyLiteral(value, undefined, 18)).toBe("['amd64', 'arm64']");
    expect(groovyLiteral(value, undefined, 17)).toBe("[\n  'amd64',\n  'arm64',\n]");
  });
});

describe('groovyCall', () => {
  test('passes no argument that is undefined, so the step applies its default', () => {
    expect(groovyCall('multiarchMirror', {})).toBe('multiarchMirror()');
    expect(groovyCall('multiarchMirror', { images: undefined })).toBe('multiarchMirror()');
    expect(groovyCall('step', { a: 'x', b: undefined, c: [] })).toBe(
      "step(\n  a: 'x',\n  c: []\n)",
    );
  });

  test('wraps a long argument with its entries under the argument', () => {
    const platforms = Array.from({ length: 8 }, (_, i) => `linux/platform-${i}`);
    expect(groovyCall('step', { platforms }).split('\n')).toEqual([
      'step(',
      '  platforms: [',
      ...platforms.map((p) => `    '${p}',`),
      '  ]',
      ')',
    ]);
  });
});

describe('withEnvEntry', () => {
  test('writes the value as it is: withEnv does not expand $NAME', () => {
    expect(withEnvEntry('A', 'pa$s ${HOME} $$')).toBe("'A=pa$s ${HOME} $$'");
  });
});

describe.skipIf(requireTools(['groovy']).skip)('with Groovy 2.4', () => {
  test('every hostile value survives groovyString and groovyMultilineString byte for byte', async () => {
    const literals = HOSTILE.flatMap((value) => [
      groovyString(value),
      groovyMultilineString(value),
    ]);
    const lines = await groovy(`[\n${literals.join(',\n')}\n]${printUnits}`);
    expect(lines).toEqual(HOSTILE.flatMap((value) => [units(value), units(value)]));
  });

  test('U+FFFF cannot be written: Groovy 2.4 reads it, escaped or not, as the end of the file', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'jma-ffff-'));
    const files = await Promise.all(
      [groovyString('a\uffffb'), "'a\uffffb'"].map(async (literal, i) => {
        const file = path.join(dir, `ffff-${i}.groovy`);
        await fs.writeFile(file, `def value = ${literal}\n`);
        return file;
      }),
    );
    const results = await parseGroovy(files);
    expect(results.map((r) => r.errors[0]?.message)).toEqual([
      "expecting ''', found '<EOF>'",
      "expecting ''', found '<EOF>'",
    ]);
    await fs.remove(dir);
  });
});
