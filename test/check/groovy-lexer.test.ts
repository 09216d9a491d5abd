import { describe, expect, test } from 'vitest';
import { lexGroovy, type Token } from '../../src/check/groovy-lexer.js';
import { stringOf } from './support.js';

/**
 * The lexer on its own: which tokens a source makes, where each starts and ends, how each string
 * form decodes and where each decoded character came from, and what it refuses. What Groovy 2.4
 * does was measured with groovy 2.4.21 (test/harness/parse.groovy), as the comments say.
 */

/** Each token as `kind text`; a string as its kind and parts, `${a . b}` for an interpolation. */
const describeToken = (token: Token): string =>
  token.kind === 'string'
    ? `${token.string!.kind} ${token
        .string!.parts.map((part) =>
          part.kind === 'text'
            ? JSON.stringify(part.text.text)
            : `\${${part.tokens.map((t) => t.text).join(' ')}}`,
        )
        .join(' ')}`
    : `${token.kind} ${token.text}`;

const tokens = (source: string) => {
  const lexed = lexGroovy(source);
  if (lexed.error) throw new Error(`${source}: ${lexed.error.message}`);
  return lexed.tokens.map(describeToken);
};

/** `start-end` of each token. */
const spans = (source: string) => lexGroovy(source).tokens.map((t) => `${t.start}-${t.end}`);

/** `offset message` of the error. */
const refusal = (source: string) => {
  const { error, tokens } = lexGroovy(source);
  expect(tokens).toEqual([]);
  return error && `${error.offset} ${error.message}`;
};

describe('tokens', () => {
  test.each([
    // Blanks of every kind separate; a backslash before a line break joins the lines.
    ['a \t\r\f\ufeffb', ['ident a', 'ident b']],
    ['a \\\nb', ['ident a', 'ident b']],
    ['a \\\r\nb', ['ident a', 'ident b']],
    // A lone \r is a line break to groovy 2.4.21 after a backslash (measured).
    ['a \\\rb', ['ident a', 'ident b']],
    // `!` at the start is an operator; only `#!` is a comment there.
    ['!!a', ['op !', 'op !', 'ident a']],
    // A joined line break is one: the blank line after it still ends the statement.
    ['a \\\n\nb', ['ident a', 'newline \n', 'ident b']],
    ['a\nb', ['ident a', 'newline \n', 'ident b']],
    // Names: `$` may start one and appear in one.
    ['a$b $c.d', ['ident a$b', 'ident $c', 'op .', 'ident d']],
    [
      'x = 0x1F_aL + 0b101 + 1_000.5e-3d + 1e+5 + 7G',
      [
        'ident x',
        'op =',
        'number 0x1F_aL',
        'op +',
        'number 0b101',
        'op +',
        'number 1_000.5e-3d',
        'op +',
        'number 1e+5',
        'op +',
        'number 7G',
      ],
    ],
    ['1..2', ['number 1', 'op ..', 'number 2']],
    // Groovy 2.4 has no `.5` (measured: "unexpected token: ."); it is a dot and a number here.
    ['x = .5', ['ident x', 'op =', 'op .', 'number 5']],
    // Operators: the longest that matches.
    ['a>>>=b', ['ident a', 'op >>>=', 'ident b']],
    [
      'a<<=1>>=2>>>3',
      ['ident a', 'op <<=', 'number 1', 'op >>=', 'number 2', 'op >>>', 'number 3'],
    ],
    ['a..<b<=>c', ['ident a', 'op ..<', 'ident b', 'op <=>', 'ident c']],
    ['a===b!==c', ['ident a', 'op ===', 'ident b', 'op !==', 'ident c']],
    ['a**=b**c', ['ident a', 'op **=', 'ident b', 'op **', 'ident c']],
    ['a ** b', ['ident a', 'op **', 'ident b']],
    ['a==~b=~c?:d', ['ident a', 'op ==~', 'ident b', 'op =~', 'ident c', 'op ?:', 'ident d']],
    [
      'x?.y*.z.&w.@v::u',
      [
        'ident x',
        'op ?.',
        'ident y',
        'op *.',
        'ident z',
        'op .&',
        'ident w',
        'op .@',
        'ident v',
        'op ::',
        'ident u',
      ],
    ],
    [
      '{ a -> x++ - --y }',
      ['op {', 'ident a', 'op ->', 'ident x', 'op ++', 'op -', 'op --', 'ident y', 'op }'],
    ],
    [
      'a ^= ~b | c & d % e',
      [
        'ident a',
        'op ^=',
        'op ~',
        'ident b',
        'op |',
        'ident c',
        'op &',
        'ident d',
        'op %',
        'ident e',
      ],
    ],
    ['@A(x)', ['op @', 'ident A', 'op (', 'ident x', 'op )']],
  ])('%j', (source, expected) => {
    expect(tokens(source)).toEqual(expected);
  });

  test('each token knows its span, and its text is the source between', () => {
    const source = 'x = 12 + foo("a")\n';
    expect(spans(source)).toEqual([
      '0-1',
      '2-3',
      '4-6',
      '7-8',
      '9-12',
      '12-13',
      '13-16',
      '16-17',
      '17-18',
    ]);
    for (const token of lexGroovy(source).tokens)
      expect(token.text).toBe(source.slice(token.start, token.end));
  });

  test('a file of non-ASCII names only is read with the Unicode classes', () => {
    expect(tokens('ä')).toEqual(['ident ä']);
    expect(tokens('x = "$größe"')).toEqual(['ident x', 'op =', 'double ${größe}']);
  });
});

describe('comments are kept aside, with their bodies', () => {
  test('line and block comments', () => {
    const { tokens: found, comments } = lexGroovy('/* a */x/**/\n// one\ny // two');
    expect(found.map(describeToken)).toEqual(['ident x', 'newline \n', 'newline \n', 'ident y']);
    expect(comments).toEqual([
      { start: 0, end: 7, body: ' a ' },
      { start: 8, end: 12, body: '' },
      { start: 13, end: 19, body: ' one' },
      { start: 22, end: 28, body: ' two' },
    ]);
  });

  test('a block comment ends at the first */ after its opening', () => {
    expect(lexGroovy('/*/ x */y')).toEqual({
      tokens: [{ kind: 'ident', text: 'y', start: 8, end: 9 }],
      comments: [{ start: 0, end: 8, body: '/ x ' }],
    });
  });

  test('a #! line is a comment on the first line only', () => {
    const { tokens: found, comments } = lexGroovy('#!/usr/bin/env groovy\nx');
    expect(found.map(describeToken)).toEqual(['newline \n', 'ident x']);
    expect(comments).toEqual([{ start: 0, end: 21, body: '/usr/bin/env groovy' }]);
    // Measured: groovy 2.4.21 says "unexpected char: '#'" for both.
    expect(refusal('x\n#!y')).toBe('2 unexpected character "#": Groovy cannot read this');
    expect(refusal('#x')).toBe('0 unexpected character "#": Groovy cannot read this');
  });
});

describe('where / opens a slashy string and where it divides', () => {
  test.each([
    ['/a/', ['slashy "a"']],
    ['x = /a/', ['ident x', 'op =', 'slashy "a"']],
    // Measured: groovy 2.4.21 compiles this (and refuses a / in the first column of a later line).
    ['def re =\n    /abc/', ['ident def', 'ident re', 'op =', 'newline \n', 'slashy "abc"']],
    [
      'f(/a/, [/b/])',
      ['ident f', 'op (', 'slashy "a"', 'op ,', 'op [', 'slashy "b"', 'op ]', 'op )'],
    ],
    ['a / b', ['ident a', 'op /', 'ident b']],
    // After a keyword too: `return /ab/` does not compile in groovy 2.4.21.
    ['return /x/', ['ident return', 'op /', 'ident x', 'op /']],
    ['1 / 2', ['number 1', 'op /', 'number 2']],
    ["'s' / 2", ['single "s"', 'op /', 'number 2']],
    ['foo(1) / 2', ['ident foo', 'op (', 'number 1', 'op )', 'op /', 'number 2']],
    ['a[1] / 2', ['ident a', 'op [', 'number 1', 'op ]', 'op /', 'number 2']],
    ['f {} / 2', ['ident f', 'op {', 'op }', 'op /', 'number 2']],
    ['x++ / 2', ['ident x', 'op ++', 'op /', 'number 2']],
    ['x-- / 2', ['ident x', 'op --', 'op /', 'number 2']],
  ])('%j', (source, expected) => {
    expect(tokens(source)).toEqual(expected);
  });
});

describe('strings decode as Groovy 2.4 decodes them, each character mapped to its source', () => {
  test('the quoted forms, and which of them are GStrings', () => {
    expect(tokens(`'a' "b" '''c\nd''' """e\nf"""`)).toEqual([
      'single "a"',
      'double "b"',
      'single "c\\nd"',
      'double "e\\nf"',
    ]);
    expect(lexGroovy(`x = 'a"b'`).tokens[2]).toMatchObject({ text: `'a"b'`, start: 4, end: 9 });
  });

  test('text parts map each character to its offset, and end at the closing delimiter', () => {
    expect(stringOf(`'''ab'''`).parts).toEqual([
      { kind: 'text', text: { text: 'ab', offsets: [3, 4, 5], unknown: [] } },
    ]);
    expect(stringOf(`x "a\\tb"`).parts).toEqual([
      { kind: 'text', text: { text: 'a\tb', offsets: [3, 4, 6, 7], unknown: [] } },
    ]);
    expect(stringOf(`""`).parts).toEqual([
      { kind: 'text', text: { text: '', offsets: [1], unknown: [] } },
    ]);
  });

  test.each([
    // Every named escape.
    [String.raw`"\n\t\b\f\r\\\'\"\$"`, '\n\t\b\f\r\\\'"$', [1, 3, 5, 7, 9, 11, 13, 15, 17, 19]],
    // A backslash before a line break joins the lines, in either line ending.
    ['"a\\\nb"', 'ab', [1, 4, 5]],
    ['"a\\\r\nb"', 'ab', [1, 5, 6]],
    ['"a\\\rb"', 'ab', [1, 4, 5]],
    // \u takes any number of u's and four hex digits.
    [String.raw`'x\uuu00e9'`, 'xé', [1, 2, 10]],
    // Octal, up to \377; measured: "\400" is "\40" then "0", "\77\123" is "?S".
    [String.raw`"x\400"`, 'x 0', [1, 2, 5, 6]],
    [String.raw`"\77\123"`, '?S', [1, 4, 8]],
    [String.raw`'a\0'`, 'a\0', [1, 2, 4]],
  ])('%s', (source, text, offsets) => {
    expect(stringOf(source).parts).toEqual([
      { kind: 'text', text: { text, offsets, unknown: [] } },
    ]);
  });

  test('$name and ${expression} are lexed in place, the text around them kept in order', () => {
    const parts = stringOf('"a$b.c.d.1 ${ {x} } e$f."').parts;
    expect(parts).toEqual([
      { kind: 'text', text: { text: 'a', offsets: [1, 2], unknown: [] } },
      {
        kind: 'interpolation',
        start: 2,
        end: 8,
        tokens: [
          { kind: 'ident', text: 'b', start: 3, end: 4 },
          { kind: 'op', text: '.', start: 4, end: 5 },
          { kind: 'ident', text: 'c', start: 5, end: 6 },
          { kind: 'op', text: '.', start: 6, end: 7 },
          { kind: 'ident', text: 'd', start: 7, end: 8 },
        ],
      },
      { kind: 'text', text: { text: '.1 ', offsets: [8, 9, 10, 11], unknown: [] } },
      {
        kind: 'interpolation',
        start: 11,
        end: 19,
        tokens: [
          { kind: 'op', text: '{', start: 14, end: 15 },
          { kind: 'ident', text: 'x', start: 15, end: 16 },
          { kind: 'op', text: '}', start: 16, end: 17 },
        ],
      },
      { kind: 'text', text: { text: ' e', offsets: [19, 20, 21], unknown: [] } },
      {
        kind: 'interpolation',
        start: 21,
        end: 23,
        tokens: [{ kind: 'ident', text: 'f', start: 22, end: 23 }],
      },
      { kind: 'text', text: { text: '.', offsets: [23, 24], unknown: [] } },
    ]);
  });

  test('a GString that is one interpolation has no empty text part', () => {
    expect(stringOf('"${a}"').parts.map((part) => part.kind)).toEqual(['interpolation']);
  });

  test('slashy strings: only \\/ is an escape, and a $ that starts no value is text', () => {
    expect(stringOf(String.raw`x = /a\d\/b/`).parts).toEqual([
      { kind: 'text', text: { text: 'a\\d/b', offsets: [5, 6, 7, 8, 10, 11], unknown: [] } },
    ]);
    expect(tokens('x = /a$ $y/')).toEqual(['ident x', 'op =', 'slashy "a$ " ${y}']);
    expect(tokens('x = /${y}/')).toEqual(['ident x', 'op =', 'slashy ${y}']);
    expect(tokens('x = /${y}z/')).toEqual(['ident x', 'op =', 'slashy ${y} "z"']);
  });

  test('dollar-slashy strings: $$ and $/ escape, a $ that starts no value is text', () => {
    expect(stringOf('$/a$$b$/c$x $ /$').parts).toEqual([
      { kind: 'text', text: { text: 'a$b/c', offsets: [2, 3, 5, 6, 8, 9], unknown: [] } },
      {
        kind: 'interpolation',
        start: 9,
        end: 11,
        tokens: [{ kind: 'ident', text: 'x', start: 10, end: 11 }],
      },
      { kind: 'text', text: { text: ' $ ', offsets: [11, 12, 13, 14], unknown: [] } },
    ]);
    expect(tokens('$/${x}/$')).toEqual(['dollar-slashy ${x}']);
    expect(tokens('$/abc/$')).toEqual(['dollar-slashy "abc"']);
    // Groovy refuses an empty one; every literal still has a part.
    expect(tokens('$//$')).toEqual(['dollar-slashy ""']);
  });
});

describe('what Groovy refuses is refused, where Groovy points', () => {
  test.each([
    ['a \\b', '2 unexpected character "\\\\": Groovy cannot read this'],
    ['a \\b\nc', '2 unexpected character "\\\\": Groovy cannot read this'],
    ["'\\u00zz'", '1 invalid \\u escape: expected four hex digits, e.g. \\u00e9'],
    // Measured: groovy 2.4.21 has no \x escape and no \8; "unexpected char: '\'".
    [
      "x '\\x12'",
      `3 invalid escape \\x in a string: Groovy rejects it ("unexpected char: '\\'"); write \\\\ for a backslash`,
    ],
    [
      "'\\x7'",
      `1 invalid escape \\x in a string: Groovy rejects it ("unexpected char: '\\'"); write \\\\ for a backslash`,
    ],
    [
      "'\\8'",
      `1 invalid escape \\8 in a string: Groovy rejects it ("unexpected char: '\\'"); write \\\\ for a backslash`,
    ],
    [
      "'\\",
      `1 invalid escape \\ in a string: Groovy rejects it ("unexpected char: '\\'"); write \\\\ for a backslash`,
    ],
    ['x = "$', '5 illegal "$" in a double-quoted string'],
    ['x = "$ y"', '5 illegal "$" in a double-quoted string'],
    [
      "'a\nb'",
      "0 unterminated string: a ' string ends at the end of its line; use ''' for several lines",
    ],
    ['"a', '0 unterminated string: add the closing "'],
    // The source ends inside a $name's property path.
    ['x = "$a.', '4 unterminated string: add the closing "'],
    ["'''a", "0 unterminated string: add the closing '''"],
    ['x = /a', '4 unterminated /slashy/ string: add the closing /'],
    ['x = $/a', '4 unterminated $/dollar slashy/$ string: add the closing /$'],
    ['"${a', '1 unterminated ${ in a string: add the closing }'],
  ])('%j', (source, expected) => {
    expect(refusal(source)?.slice(0, expected.length)).toBe(expected);
  });

  test('comments read before the refusal are still returned', () => {
    expect(lexGroovy('// keep\nx = `y`')).toEqual({
      tokens: [],
      comments: [{ start: 0, end: 7, body: ' keep' }],
      error: { offset: 12, message: 'unexpected character "`": Groovy cannot read this' },
    });
  });
});
