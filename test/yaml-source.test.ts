import { describe, expect, test } from 'vitest';
import { MAX_CONFIG_SIZE, readYamlSource, type Path } from '../src/yaml-source.js';

/**
 * The reader under the config file and check's settings file, on its own: where it places each
 * path of a value, what it says of a file it cannot read, and when YAML read unquoted text as
 * something other than a string. config-file.test.ts shows the same through `render`.
 */

/** The source read, which the test expects to be readable. */
function read(source: string, language?: 'YAML' | 'JSON') {
  const result = readYamlSource(source, 'f', language);
  if (!result.ok) expect.fail(result.problems.join('\n'));
  return result;
}

/** The problems of a source the test expects to be refused. */
function refused(source: string, language?: 'YAML' | 'JSON'): string[] {
  const result = readYamlSource(source, 'f', language);
  if (result.ok) expect.fail(`read: ${JSON.stringify(result.value)}`);
  return result.problems;
}

describe('what it refuses', () => {
  test('a YAML error is one line, at its line and column, as the parser words it', () => {
    // Without the parser's pretty errors, which repeat the place and quote the source below.
    expect(refused('agent: [\n')).toEqual([
      'f:2:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });

  test('a key written twice in one mapping, at the second', () => {
    expect(refused('a: 1\nb: 2\na: 3\n')).toEqual(['f:3:1: invalid YAML: Map keys must be unique']);
  });

  test('YAML is what it reads unless told JSON, as check reads its settings file', () => {
    expect(readYamlSource('a: [', 'f')).toEqual({
      ok: false,
      problems: [
        'f:1:5: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
      ],
    });
    // And in YAML, merge keys merge.
    expect(read('a: &a {x: 1}\nb: {<<: *a, y: 2}\n').value).toEqual({
      a: { x: 1 },
      b: { x: 1, y: 2 },
    });
  });
});

describe('aliases', () => {
  // The expansion counts the source text of the scalars written and of those each alias repeats.
  const expanding = (prefix: string[], length: number) =>
    [...prefix, `- &a ${'x'.repeat(length)}`, '- *a', '- *a', '- *a', ''].join('\n');

  test('expanding to exactly 256 KB is read; one character more is refused at the alias', () => {
    expect(read(expanding([], MAX_CONFIG_SIZE / 4)).value).toHaveLength(4);
    // The written `y` counts too: the third alias crosses the limit.
    expect(refused(expanding(['- y'], MAX_CONFIG_SIZE / 4))).toEqual([
      'f:5:3: invalid YAML: aliases expand the document beyond 256 KB here, more than any config needs; write the values out instead',
    ]);
  });

  test('mappings count by their keys and values', () => {
    // 262 aliases of a mapping of 1001 characters: the 261st crosses the limit.
    const source = [`- &a {k: ${'v'.repeat(1000)}}`, `- [${Array(262).fill('*a').join(', ')}]`, ''];
    expect(refused(source.join('\n'))).toEqual([
      `f:2:${4 + 260 * 4}: invalid YAML: aliases expand the document beyond 256 KB here, more than any config needs; write the values out instead`,
    ]);
  });

  test(
    'the expansion is measured in linear time, however deep the aliases nest',
    { timeout: 5000 },
    () => {
      // Nine levels of nine aliases of empty lists: 9^9 lists when expanded, which stay within the
      // limit (they hold no text), and which the JS value shares rather than copies.
      const levels = ['- &a [[], [], [], [], [], [], [], [], []]'];
      for (let i = 1; i < 10; i++) {
        const [name, previous] = [String.fromCharCode(97 + i), String.fromCharCode(96 + i)];
        levels.push(`- &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
      }
      expect(read(levels.join('\n')).value).toHaveLength(10);
    },
  );

  test('a mapping of keys without values, as an alias, is read', () => {
    expect(read('x: &x {a, b}\ny: *x\n').value).toEqual({
      x: { a: null, b: null },
      y: { a: null, b: null },
    });
  });

  test('a null key is a key like any other', () => {
    expect(read('~: x\nb: {<<: {c: 1}}\n').value).toEqual({ '': 'x', b: { c: 1 } });
  });
});

describe('where a path is', () => {
  const source = [
    '# registries',
    'base: &base',
    '  host: a.io',
    '  port: 1',
    'creds: &creds',
    '  user: u',
    'reg:',
    '  <<: [*base, *creds]',
    '  host: b.io',
    'list: [x, y]',
    'nested: {inner: {k: 1}}',
    'name: n',
    '',
  ].join('\n');
  const at = (find: 'keyAt' | 'valueAt', path: Path) => read(source)[find](path).at;

  test('a key of its own before one merged into its mapping', () => {
    expect(at('keyAt', ['reg', 'host'])).toBe('f:9:3');
    expect(at('valueAt', ['reg', 'host'])).toBe('f:9:9');
  });

  test('a merged key where it is written, in whichever mapping of the merge list', () => {
    expect(at('keyAt', ['reg', 'port'])).toBe('f:4:3');
    expect(at('keyAt', ['reg', 'user'])).toBe('f:6:3');
  });

  test('a path that does not exist is at the value of its nearest parent, key or not', () => {
    expect(at('valueAt', ['reg', 'nope'])).toBe('f:8:3');
    expect(at('keyAt', ['reg', 'nope'])).toBe('f:8:3');
    // A key of the mapping inside is not the mapping's own.
    expect(at('valueAt', ['nested', 'k'])).toBe('f:11:9');
    // Nor is there anything inside a scalar.
    expect(at('valueAt', ['name', 'x'])).toBe('f:12:7');
  });

  test('a list item has no key: it is at its value', () => {
    expect(at('keyAt', ['list', 1])).toBe('f:10:11');
  });

  test('the whole document is at its first value, after the comments', () => {
    expect(at('keyAt', [])).toBe('f:2:1');
    expect(at('valueAt', [])).toBe('f:2:1');
  });

  test('a collection key is no key of a path, even one spelt "undefined"', () => {
    // (The library warns that it makes the key `[ a ]` of the JS value.)
    expect(read('[a]: x\nundefined: z\n').keyAt(['undefined']).at).toBe('f:2:1');
  });
});

describe('what YAML read unquoted text as', () => {
  const source = [
    'number: 1.10',
    'boolean: yes',
    'true: true',
    'tilde: ~',
    'nothing:',
    'quoted: "1.0"',
    'text: 1.0a',
    'tagged: !!int "7"',
    'binary: !!binary eHl6',
    'alias: *n',
    '',
  ].join('\n');
  const unquoted = (path: Path) => read(`anchor: &n 2.5\n${source}`).unquotedAt(path);

  test('a number, boolean or null, as written', () => {
    expect(unquoted(['number'])).toEqual({ text: '1.10', readAs: 'a number' });
    expect(unquoted(['true'])).toEqual({ text: 'true', readAs: 'a boolean' });
    expect(unquoted(['tilde'])).toEqual({ text: '~', readAs: 'null' });
    // Through an alias, the text of the anchored value.
    expect(unquoted(['alias'])).toEqual({ text: '2.5', readAs: 'a number' });
    // YAML 1.2 reads `yes` as text.
    expect(unquoted(['boolean'])).toBeUndefined();
  });

  test('nothing where there is no text to quote, or quoting would not help', () => {
    // An empty value is null, but there is nothing to put in quotes.
    expect(unquoted(['nothing'])).toBeUndefined();
    expect(unquoted(['quoted'])).toBeUndefined();
    expect(unquoted(['text'])).toBeUndefined();
    // Quoted already: the tag made it a number.
    expect(unquoted(['tagged'])).toBeUndefined();
    // Neither a number, a boolean nor null.
    expect(unquoted(['binary'])).toBeUndefined();
    expect(unquoted(['nowhere', 'x'])).toBeUndefined();
  });

  test('the whole document too', () => {
    expect(read('1.0\n').unquotedAt([])).toEqual({ text: '1.0', readAs: 'a number' });
  });

  test('an empty file, or one of comments only, holds no value; a null one does', () => {
    expect(read('').empty).toBe(true);
    expect(read('# to do\n\n').empty).toBe(true);
    expect(read('~\n').empty).toBe(false);
    expect(read('a: 1\n').empty).toBe(false);
  });
});

describe('comments in JSON', () => {
  const problem = (at: string) =>
    `f:${at}: invalid JSON: JSON does not allow comments; remove them, or write the config as YAML, where comments start with #`;

  test('an escaped quote does not end a string: what follows is still inside it', () => {
    expect(read('{"a": "a \\" quote // not a comment"}', 'JSON').value).toEqual({
      a: 'a " quote // not a comment',
    });
  });

  test('a string left open ends at its line, and a comment below is found', () => {
    expect(refused('{"a": "open,\n // note\n "b": 1}', 'JSON')).toEqual([problem('2:2')]);
  });

  test('a string left open at the end is a JSON error, not a comment', () => {
    expect(refused('{"a": "x', 'JSON')).toEqual([
      'f:1:9: invalid JSON: Missing closing "quote',
      'f:1:9: invalid JSON: Flow map must end with a }',
    ]);
  });

  test('a comment is one problem, whatever it holds, up to its end', () => {
    // `//` inside a block comment, or a line comment, is not another.
    expect(refused('/* a\n // b */ {"a": 1}', 'JSON')).toEqual([problem('1:1')]);
    expect(refused('{"a": 1} // see https://x.io', 'JSON')).toEqual([problem('1:10')]);
    // `/*/` opens a comment and does not close it.
    expect(refused('/*/ see http://x */ {"a": 1}', 'JSON')).toEqual([problem('1:1')]);
    // Back to back, two.
    expect(refused('/* a *//* b */ {"a": 1}', 'JSON')).toEqual([problem('1:1'), problem('1:8')]);
  });

  test('a slash that starts no comment is not called one', () => {
    // Whatever the parser then makes of `1/2` (YAML's parser, under JSON too, reads it as text).
    const result = readYamlSource('{"a": 1/2}', 'f', 'JSON');
    const problems = result.ok ? [] : result.problems;
    expect(problems.filter((line) => line.includes('comments'))).toEqual([]);
  });

  test('a block comment left open runs to the end', () => {
    expect(refused('{"a": 1} /* open', 'JSON')).toEqual([problem('1:10')]);
  });
});
