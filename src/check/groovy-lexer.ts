import type { MappedText } from './source.js';

/**
 * A lexer for the Groovy that Jenkins runs (2.4): every string form with its escapes decoded and
 * its interpolations lexed in place, comments kept aside for suppressions, newlines kept because
 * they end statements. No maintained Groovy grammar parses real Jenkinsfiles without error nodes
 * (`@Library('x') _`, `sh script: 'x', label: 'y'`), and strings are what `check` is about.
 */

export type TokenKind = 'ident' | 'number' | 'string' | 'op' | 'newline';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** For kind 'string'. */
  readonly string?: StringLiteral;
}

export type StringKind = 'single' | 'double' | 'slashy' | 'dollar-slashy';

export interface StringLiteral {
  /** Single-quoted strings (one or three quotes) are plain; the others are GStrings. */
  readonly kind: StringKind;
  readonly start: number;
  readonly end: number;
  readonly parts: readonly StringPart[];
}

export type StringPart =
  | { readonly kind: 'text'; readonly text: MappedText }
  | {
      readonly kind: 'interpolation';
      readonly start: number;
      readonly end: number;
      readonly tokens: readonly Token[];
    };

export interface Comment {
  readonly start: number;
  readonly end: number;
  /** The comment's content without its delimiters. */
  readonly body: string;
}

export interface LexError {
  readonly offset: number;
  readonly message: string;
}

export interface Lexed {
  readonly tokens: Token[];
  readonly comments: Comment[];
  readonly error?: LexError;
}

class LexFailure extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const OPERATORS = [
  '>>>=',
  '...',
  '..<',
  '<=>',
  '===',
  '!==',
  '**=',
  '<<=',
  '>>=',
  '>>>',
  '==~',
  '?.',
  '*.',
  '.&',
  '.@',
  '..',
  '->',
  '::',
  '=~',
  '?:',
  '&&',
  '||',
  '==',
  '!=',
  '<=',
  '>=',
  '<<',
  '>>',
  '++',
  '--',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '**',
  ...'(){}[],;:.?+-*/%=<>!&|^~@',
];

/** Operators by their first character, longest first, so each lookup tries a handful. */
const OPERATORS_BY_FIRST = new Map<string, string[]>();
for (const op of [...OPERATORS].sort((a, b) => b.length - a.length)) {
  const list = OPERATORS_BY_FIRST.get(op[0]!) ?? [];
  list.push(op);
  OPERATORS_BY_FIRST.set(op[0]!, list);
}

interface Names {
  readonly identStart: RegExp;
  readonly ident: RegExp;
  /** A `$name` in a GString stops at the next `$`: "$a$b" is two values. */
  readonly gstringName: RegExp;
}

let unicodeNames: Names | undefined;

/** Groovy's identifiers are Unicode; V8 takes milliseconds to compile these classes. */
const unicode = (): Names =>
  (unicodeNames ??= {
    identStart: /[\p{L}\p{Nl}_]/u,
    ident: /[\p{L}\p{Nl}_$][\p{L}\p{Nl}\p{Nd}\p{Mn}\p{Mc}\p{Pc}_$]*/uy,
    gstringName: /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Nd}\p{Mn}\p{Mc}\p{Pc}_]*/uy,
  });

/** The same classes for the usual all-ASCII Jenkinsfile, which then needs no Unicode ones. */
const ASCII_NAMES: Names = {
  identStart: /[A-Za-z_]/,
  ident: /[A-Za-z_$][\w$]*/y,
  gstringName: /[A-Za-z_]\w*/y,
};

const NUMBER =
  /(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][+-]?\d+)?)[lLgGiIdDfF]?/y;

const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  b: '\b',
  f: '\f',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  $: '$',
};

/** Builds a MappedText one character at a time. */
class TextBuilder {
  private text = '';
  private offsets: number[] = [];

  push(char: string, offset: number): void {
    this.text += char;
    for (let i = 0; i < char.length; i++) this.offsets.push(offset);
  }

  get empty(): boolean {
    return this.text === '';
  }

  take(end: number): MappedText {
    const result = { text: this.text, offsets: [...this.offsets, end], unknown: [] };
    this.text = '';
    this.offsets = [];
    return result;
  }
}

class Lexer {
  private pos = 0;
  readonly comments: Comment[] = [];
  private readonly names: Names;

  constructor(private readonly src: string) {
    this.names = /[^\0-\x7f]/.test(src) ? unicode() : ASCII_NAMES;
  }

  private fail(offset: number, message: string): never {
    throw new LexFailure(offset, message);
  }

  /** Tokens up to the end, or up to the `}` that closes an interpolation opened at `openedAt`. */
  lexTokens(openedAt?: number): Token[] {
    const { src } = this;
    const tokens: Token[] = [];
    let depth = 0;
    while (this.pos < src.length) {
      const start = this.pos;
      const c = src[start]!;
      const next = src[start + 1];
      if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\ufeff') {
        this.pos++;
      } else if (c === '\\' && (next === '\n' || next === '\r')) {
        this.pos += lineBreakAfter(src, start);
      } else if (c === '\n') {
        tokens.push({ kind: 'newline', text: '\n', start, end: ++this.pos });
      } else if (c === '/' && next === '/') {
        this.lineComment(start + 2);
      } else if (c === '#' && next === '!' && start === 0) {
        this.lineComment(start + 2);
      } else if (c === '/' && next === '*') {
        const close = src.indexOf('*/', start + 2);
        if (close < 0) this.fail(start, 'unterminated /* comment: add the closing */');
        this.comments.push({ start, end: close + 2, body: src.slice(start + 2, close) });
        this.pos = close + 2;
      } else if (c === "'" || c === '"') {
        tokens.push(this.quoted(c));
      } else if (c === '$' && next === '/') {
        tokens.push(this.dollarSlashy());
      } else if (c === '/' && slashyAllowed(tokens.at(-1))) {
        tokens.push(this.slashy());
      } else if (/\d/.test(c)) {
        // Groovy 2.4 has no `.5`: a number starts with a digit (measured: "unexpected token: .").
        NUMBER.lastIndex = start;
        this.pos = start + NUMBER.exec(src)![0].length;
        tokens.push({ kind: 'number', text: src.slice(start, this.pos), start, end: this.pos });
      } else if (this.names.identStart.test(c) || c === '$') {
        const { ident } = this.names;
        ident.lastIndex = start;
        ident.exec(src);
        this.pos = ident.lastIndex;
        tokens.push({ kind: 'ident', text: src.slice(start, this.pos), start, end: this.pos });
      } else {
        if (c === '}' && openedAt !== undefined && depth === 0) return tokens;
        if (c === '{') depth++;
        if (c === '}') depth--;
        const op = OPERATORS_BY_FIRST.get(c)?.find((o) => src.startsWith(o, start));
        if (op === undefined)
          this.fail(start, `unexpected character ${JSON.stringify(c)}: Groovy cannot read this`);
        this.pos += op.length;
        tokens.push({ kind: 'op', text: op, start, end: this.pos });
      }
    }
    if (openedAt !== undefined)
      this.fail(openedAt, 'unterminated ${ in a string: add the closing }');
    return tokens;
  }

  private lineComment(bodyStart: number): void {
    const newline = this.src.indexOf('\n', bodyStart);
    const end = newline < 0 ? this.src.length : newline;
    this.comments.push({ start: bodyStart - 2, end, body: this.src.slice(bodyStart, end) });
    this.pos = end;
  }

  private quoted(quote: "'" | '"'): Token {
    const { src } = this;
    const start = this.pos;
    const triple = src.startsWith(quote.repeat(3), start);
    const delimiter = triple ? quote.repeat(3) : quote;
    const interpolate = quote === '"';
    this.pos += delimiter.length;
    const parts: StringPart[] = [];
    const text = new TextBuilder();
    for (;;) {
      const at = this.pos;
      if (at >= src.length) this.fail(start, `unterminated string: add the closing ${delimiter}`);
      const c = src[at]!;
      if (src.startsWith(delimiter, at)) {
        this.pos += delimiter.length;
        break;
      }
      if (c === '\n' && !triple)
        this.fail(
          start,
          `unterminated string: a ${quote} string ends at the end of its line; use ${quote.repeat(3)} for several lines`,
        );
      if (c === '\\') {
        this.escape(text);
      } else if (c === '$' && interpolate) {
        if (!this.interpolation(parts, text))
          this.fail(
            at,
            'illegal "$" in a double-quoted string: Groovy reads $ as the start of ${expression} or $name; write \\$ for a literal dollar sign (e.g. \\$(date) or \\$?)',
          );
      } else {
        text.push(c, at);
        this.pos++;
      }
    }
    if (!text.empty || parts.length === 0)
      parts.push({ kind: 'text', text: text.take(this.pos - delimiter.length) });
    return this.stringToken(interpolate ? 'double' : 'single', start, parts);
  }

  /** Decodes one backslash escape of a quoted string, as Groovy 2.4 does. */
  private escape(text: TextBuilder): void {
    const { src } = this;
    const at = this.pos;
    const next = src[at + 1];
    if (next === '\n' || next === '\r') {
      this.pos += lineBreakAfter(src, at);
      return;
    }
    if (next !== undefined && ESCAPES[next] !== undefined) {
      text.push(ESCAPES[next]!, at);
      this.pos += 2;
      return;
    }
    if (next === 'u') {
      let hexStart = at + 1;
      while (src[hexStart] === 'u') hexStart++;
      const hex = src.slice(hexStart, hexStart + 4);
      if (!/^[0-9a-fA-F]{4}$/.test(hex))
        this.fail(at, 'invalid \\u escape: expected four hex digits, e.g. \\u00e9');
      text.push(String.fromCharCode(parseInt(hex, 16)), at);
      this.pos = hexStart + 4;
      return;
    }
    const octal = /^[0-3]?[0-7]{1,2}|^[0-7]/.exec(src.slice(at + 1, at + 4));
    if (octal) {
      text.push(String.fromCharCode(parseInt(octal[0], 8)), at);
      this.pos = at + 1 + octal[0].length;
      return;
    }
    this.fail(
      at,
      `invalid escape \\${next ?? ''} in a string: Groovy rejects it ("unexpected char: '\\'"); write \\\\ for a backslash`,
    );
  }

  /**
   * `${expression}` or `$name.property` at this.pos; false when the `$` starts neither, which
   * quoted GStrings reject and slashy strings keep as a literal `$`.
   */
  private interpolation(parts: StringPart[], text: TextBuilder): boolean {
    const { src } = this;
    const start = this.pos;
    const next = src[start + 1];
    if (next === '{') {
      if (!text.empty) parts.push({ kind: 'text', text: text.take(start) });
      this.pos += 2;
      const tokens = this.lexTokens(start);
      this.pos++;
      parts.push({ kind: 'interpolation', start, end: this.pos, tokens });
      return true;
    }
    const { identStart, gstringName } = this.names;
    if (next === undefined || !identStart.test(next)) return false;
    if (!text.empty) parts.push({ kind: 'text', text: text.take(start) });
    const tokens: Token[] = [];
    this.pos++;
    for (;;) {
      gstringName.lastIndex = this.pos;
      const name = gstringName.exec(src)![0];
      tokens.push({ kind: 'ident', text: name, start: this.pos, end: this.pos + name.length });
      this.pos += name.length;
      // "$a.b.c" reads the property path; a dot followed by anything else is text.
      if (src[this.pos] !== '.' || !identStart.test(src[this.pos + 1] ?? '')) break;
      tokens.push({ kind: 'op', text: '.', start: this.pos, end: this.pos + 1 });
      this.pos++;
    }
    parts.push({ kind: 'interpolation', start, end: this.pos, tokens });
    return true;
  }

  private slashy(): Token {
    const { src } = this;
    const start = this.pos++;
    const parts: StringPart[] = [];
    const text = new TextBuilder();
    for (;;) {
      const at = this.pos;
      if (at >= src.length) this.fail(start, 'unterminated /slashy/ string: add the closing /');
      const c = src[at]!;
      if (c === '/') {
        this.pos++;
        break;
      }
      if (c === '\\' && src[at + 1] === '/') {
        text.push('/', at);
        this.pos += 2;
      } else if (c !== '$' || !this.interpolation(parts, text)) {
        text.push(c, at);
        this.pos++;
      }
    }
    // Never empty: `//` opens a comment, so a slashy string holds a character at least.
    if (!text.empty) parts.push({ kind: 'text', text: text.take(this.pos - 1) });
    return this.stringToken('slashy', start, parts);
  }

  private dollarSlashy(): Token {
    const { src } = this;
    const start = this.pos;
    this.pos += 2;
    const parts: StringPart[] = [];
    const text = new TextBuilder();
    for (;;) {
      const at = this.pos;
      if (at >= src.length)
        this.fail(start, 'unterminated $/dollar slashy/$ string: add the closing /$');
      if (src.startsWith('/$', at)) {
        this.pos += 2;
        break;
      }
      if (src.startsWith('$$', at) || src.startsWith('$/', at)) {
        text.push(src[at + 1]!, at);
        this.pos += 2;
      } else if (src[at] !== '$' || !this.interpolation(parts, text)) {
        text.push(src[at]!, at);
        this.pos++;
      }
    }
    if (!text.empty || parts.length === 0)
      parts.push({ kind: 'text', text: text.take(this.pos - 2) });
    return this.stringToken('dollar-slashy', start, parts);
  }

  private stringToken(kind: StringKind, start: number, parts: StringPart[]): Token {
    const end = this.pos;
    return {
      kind: 'string',
      text: this.src.slice(start, end),
      start,
      end,
      string: { kind, start, end, parts },
    };
  }
}

/**
 * The length of a backslash and the line break after it, which join two lines in code and in
 * strings: the break is `\n`, `\r\n`, or a lone `\r`, which groovy 2.4.21 reads as one too (measured).
 */
function lineBreakAfter(src: string, backslash: number): number {
  return src[backslash + 1] === '\r' && src[backslash + 2] === '\n' ? 3 : 2;
}

/**
 * After an operand `/` divides; anywhere else it opens a slashy string. A keyword is an operand
 * here as in Groovy 2.4's lexer: measured with groovy 2.4.21, `return /ab/`, `case /a/:` and
 * `assert /a/` do not compile ("unexpected token: /"), while `def re =⏎    /abc/` does.
 */
function slashyAllowed(previous: Token | undefined): boolean {
  if (previous === undefined || previous.kind === 'newline') return true;
  if (previous.kind === 'op') return ![')', ']', '}', '++', '--'].includes(previous.text);
  return false;
}

export function lexGroovy(src: string): Lexed {
  const lexer = new Lexer(src);
  try {
    return { tokens: lexer.lexTokens(), comments: lexer.comments };
  } catch (error) {
    if (!(error instanceof LexFailure)) throw error;
    return {
      tokens: [],
      comments: lexer.comments,
      error: { offset: error.offset, message: error.message },
    };
  }
}
