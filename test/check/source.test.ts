import { describe, expect, test } from 'vitest';
import { lexGroovy } from '../../src/check/groovy-lexer.js';
import {
  concatText,
  LineIndex,
  sliceText,
  spreadText,
  unknownText,
  type MappedText,
} from '../../src/check/source.js';

/** Line and column of an offset counted the slow, obvious way: the oracle LineIndex must match. */
const naivePosition = (text: string, offset: number) => {
  const before = text.slice(0, offset);
  const lastNewline = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - lastNewline };
};

describe('LineIndex', () => {
  // Many lines, so the binary search takes several steps, and lines of one character and none.
  test.each([
    ['', 'empty text'],
    ['x', 'one line without a newline'],
    ['a\n', 'one line ending in a newline'],
    ['\n\n\n', 'empty lines only'],
    ['node {\n  sh "x"\n}\n\nstage("a") {\n}\nlast', 'the last line without a newline'],
    ['a\r\nbb\r\n\r\nccc', 'CRLF line ends'],
    ['1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n17', 'seventeen lines'],
  ])('every offset of %j (%s) is where counting by hand puts it', (text) => {
    const lines = new LineIndex(text);
    // Up to text.length: a finding may end at the end of the text.
    for (let offset = 0; offset <= text.length; offset++)
      expect(lines.position(offset), `offset ${offset}`).toEqual(naivePosition(text, offset));
  });

  test('an offset at a line start is column 1 of that line; the newline ends the line before', () => {
    const lines = new LineIndex('ab\ncd\nef');
    expect(lines.position(3)).toEqual({ line: 2, column: 1 });
    expect(lines.position(6)).toEqual({ line: 3, column: 1 });
    expect(lines.position(2)).toEqual({ line: 1, column: 3 });
    expect(lines.position(5)).toEqual({ line: 2, column: 3 });
  });

  test('CRLF: the carriage return is the last column of its line, the next line starts after \\n', () => {
    const lines = new LineIndex('ab\r\ncd');
    expect(lines.position(2)).toEqual({ line: 1, column: 3 });
    expect(lines.position(3)).toEqual({ line: 1, column: 4 });
    expect(lines.position(4)).toEqual({ line: 2, column: 1 });
  });

  test('the end of a last line without a newline is one column past its last character', () => {
    expect(new LineIndex('ab\ncd').position(5)).toEqual({ line: 2, column: 3 });
  });

  test('columns count UTF-16 units, as editors and SARIF do', () => {
    // '😀' is two UTF-16 units.
    expect(new LineIndex('😀x').position(2)).toEqual({ line: 1, column: 3 });
  });

  test('lineStart: the offset of each line, and the text length past the last line', () => {
    const text = 'ab\n\ncd\r\nef';
    const lines = new LineIndex(text);
    expect([1, 2, 3, 4, 5, 6].map((line) => lines.lineStart(line))).toEqual([
      0,
      3,
      4,
      8,
      text.length,
      text.length,
    ]);
  });

  test('lineStart past the end of a text that ends in a newline: the empty last line starts there', () => {
    const lines = new LineIndex('a\n');
    expect([lines.lineStart(2), lines.lineStart(3)]).toEqual([2, 2]);
  });
});

const part = (text: string, firstOffset: number, unknown: MappedText['unknown'] = []) =>
  ({
    text,
    // Each character two source units apart, as an escape like \t is, so a shift shows.
    offsets: Array.from({ length: text.length + 1 }, (_, i) => firstOffset + 2 * i),
    unknown,
  }) satisfies MappedText;

describe('concatText', () => {
  test('joins texts, each character keeping its offset; the end is where the last part ends', () => {
    expect(concatText([part('ab', 10), part('c', 100), part('de', 200)])).toEqual({
      text: 'abcde',
      offsets: [10, 12, 100, 200, 202, 204],
      unknown: [],
    });
  });

  test('unknown ranges move by the length of the text before their part; an empty part moves nothing', () => {
    const joined = concatText([
      part('ab', 0, [{ start: 0, end: 1 }]),
      part('', 50),
      part('XYZ', 100, [
        { start: 0, end: 1 },
        { start: 2, end: 3 },
      ]),
    ]);
    expect(joined.text).toBe('abXYZ');
    expect(joined.unknown).toEqual([
      { start: 0, end: 1 },
      { start: 2, end: 3 },
      { start: 4, end: 5 },
    ]);
    expect(joined.offsets).toEqual([0, 2, 100, 102, 104, 106]);
  });

  test('an empty last part still gives the end: its own', () => {
    expect(concatText([part('ab', 0), part('', 50)]).offsets).toEqual([0, 2, 50]);
  });

  // concatText once returned a single part as it was; the general path gives the same text,
  // offsets and unknown ranges, so the shortcut was dead code (issue 17).
  test.each([
    ['a plain string', "'abc'"],
    ['escapes, whose offsets skip', String.raw`'a\tb\u00e9c'`],
    ['an empty string', "''"],
    ['a multi-line string', "'''a\nb'''"],
  ])('one part comes back as it went in: %s', (_, source) => {
    const [token] = lexGroovy(source).tokens;
    const [first] = token!.string!.parts;
    if (first?.kind !== 'text') throw new Error(`${source} has no text part`);
    expect(concatText([first.text])).toEqual(first.text);
  });

  test('one part with an unknown range comes back as it went in', () => {
    const text = unknownText(5, 9);
    expect(concatText([text])).toEqual(text);
  });
});

describe('unknownText and spreadText', () => {
  test('a stand-in as long as its source, all unknown', () => {
    expect(unknownText(5, 9)).toEqual({
      text: 'XXXX',
      offsets: [5, 6, 7, 8, 9],
      unknown: [{ start: 0, end: 4 }],
    });
  });

  test('an empty source still gives one character, so the shell sees a word', () => {
    expect(unknownText(7, 7)).toEqual({
      text: 'X',
      offsets: [7, 7],
      unknown: [{ start: 0, end: 1 }],
    });
  });

  test('spread text longer than its source maps its tail onto the source end', () => {
    expect(spreadText('abcd', 3, 5)).toEqual({
      text: 'abcd',
      offsets: [3, 4, 5, 5, 5],
      unknown: [],
    });
  });
});

describe('sliceText', () => {
  // Built in each test, so a fault in concatText fails tests rather than the file's loading.
  const source = () => concatText([part('ab', 0), unknownText(10, 13), part('cd', 20)]);
  // text 'abXXXcd', unknown [2, 5), offsets 0 2 10 11 12 20 22 24

  test('the slice keeps its offsets and its own end', () => {
    expect(sliceText(source(), 1, 3)).toEqual({
      text: 'bX',
      offsets: [2, 10, 11],
      unknown: [{ start: 1, end: 2 }],
    });
  });

  test('to the end by default', () => {
    expect(sliceText(source(), 5)).toEqual({ text: 'cd', offsets: [20, 22, 24], unknown: [] });
  });

  test('unknown ranges are clipped to the slice, and dropped when they only touch it', () => {
    expect(sliceText(source(), 3, 4).unknown).toEqual([{ start: 0, end: 1 }]);
    expect(sliceText(source(), 0, 2).unknown).toEqual([]);
    expect(sliceText(source(), 5, 7).unknown).toEqual([]);
    expect(sliceText(source(), 0, 7).unknown).toEqual([{ start: 2, end: 5 }]);
  });
});
