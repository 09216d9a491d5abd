import { lexGroovy, type Comment, type StringLiteral, type Token } from './groovy-lexer.js';

/**
 * A tolerant parser for Jenkinsfiles and shared-library steps. It recovers the structure `check`
 * needs — calls with their named and positional arguments and closures, declarations, string
 * concatenations — and skips, without complaint, any statement it does not follow. Syntax errors
 * are only what is certain: what the lexer rejects and unbalanced brackets. A file Groovy accepts
 * must never get a syntax finding from here.
 */

interface Span {
  readonly start: number;
  readonly end: number;
}

export type Expr =
  | (Span & {
      readonly kind: 'string';
      readonly literal: StringLiteral;
      /** The parsed expression of each interpolation part, in order. */
      readonly values: readonly Expr[];
    })
  | (Span & { readonly kind: 'name'; readonly name: string })
  | (Span & { readonly kind: 'literal'; readonly text: string })
  | (Span & { readonly kind: 'property'; readonly object: Expr; readonly name: string })
  | (Span & { readonly kind: 'index'; readonly object: Expr; readonly index: readonly Expr[] })
  | (Span & {
      readonly kind: 'call';
      readonly callee: Expr;
      readonly args: readonly Arg[];
      readonly closures: readonly Closure[];
    })
  | (Span & {
      readonly kind: 'binary';
      readonly op: string;
      readonly left: Expr;
      readonly right: Expr;
    })
  | (Span & { readonly kind: 'list'; readonly items: readonly Expr[] })
  | (Span & { readonly kind: 'map'; readonly entries: readonly Arg[] })
  | Closure
  /** Anything else (unary and ternary operators, casts, `new`): only its parts matter. */
  | (Span & {
      readonly kind: 'other';
      readonly children: readonly Expr[];
      /** For `new T(…)`: T as written, `File` or `java.io.File` (without type arguments). */
      readonly constructs?: string;
    });

export type Closure = Span & {
  readonly kind: 'closure';
  /** The names before `->`, e.g. `a`, `b` of `{ a, b -> … }`. */
  readonly params: readonly string[];
  readonly body: readonly Statement[];
};

/** A call argument or map entry: `name: value`, or a positional value. */
export interface Arg {
  readonly name?: string;
  readonly value: Expr;
}

export type Statement =
  | (Span & { readonly kind: 'expression'; readonly expr: Expr })
  | (Span & {
      readonly kind: 'declaration';
      readonly name: string;
      readonly init?: Expr;
      /** The names of its annotations, as written: `Field`. */
      readonly annotations: readonly string[];
    })
  | (Span & {
      readonly kind: 'method';
      readonly name: string;
      /** The names of its annotations, as written: `NonCPS`. */
      readonly annotations: readonly string[];
      readonly params: readonly string[];
      readonly body: readonly Statement[];
    })
  /** if/for/while/try/switch/class: the expressions in its headers and its blocks. */
  | (Span & {
      readonly kind: 'compound';
      readonly exprs: readonly Expr[];
      readonly blocks: readonly (readonly Statement[])[];
    });

export interface SyntaxError {
  readonly offset: number;
  readonly message: string;
}

/** `@Library('lib@1.0') _`: an annotation's name and arguments. */
export interface Annotation extends Span {
  readonly name: string;
  readonly args: readonly Arg[];
}

export interface GroovyFile {
  readonly statements: readonly Statement[];
  /** The annotations of the file's top-level statements, in order. */
  readonly annotations: readonly Annotation[];
  readonly comments: readonly Comment[];
  /** Empty unless the file cannot be compiled; then statements is empty too. */
  readonly errors: readonly SyntaxError[];
}

const OPEN: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };
const CLOSE = new Set(Object.values(OPEN));

/** Where each bracket closes (index of the opener -> index of its closer), or the first error. */
function matchBrackets(
  tokens: readonly Token[],
  describe: (offset: number) => string,
): { match: Map<number, number>; error?: SyntaxError } {
  const match = new Map<number, number>();
  const stack: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind !== 'op') continue;
    if (OPEN[token.text] !== undefined) stack.push(i);
    else if (CLOSE.has(token.text)) {
      const opener = stack.pop();
      if (opener === undefined)
        return {
          match,
          error: {
            offset: token.start,
            message: `unexpected "${token.text}": nothing is open here to close (a bracket too many, or one missing before)`,
          },
        };
      const open = tokens[opener]!;
      if (OPEN[open.text] !== token.text)
        return {
          match,
          error: {
            offset: token.start,
            message: `"${token.text}" cannot close the "${open.text}" opened at ${describe(open.start)}: expected "${OPEN[open.text]}"`,
          },
        };
      match.set(opener, i);
    }
  }
  const unclosed = stack.pop();
  if (unclosed !== undefined) {
    const open = tokens[unclosed]!;
    return {
      match,
      error: {
        offset: open.start,
        message: `"${open.text}" is never closed: add the matching "${OPEN[open.text]}"`,
      },
    };
  }
  return { match };
}

/** Thrown to abandon a statement the parser does not follow; the statement is skipped. */
class Skip extends Error {}

const MODIFIERS = new Set([
  'def',
  'static',
  'final',
  'private',
  'public',
  'protected',
  'abstract',
  'synchronized',
  'transient',
  'volatile',
]);
const PRIMITIVES = new Set([
  'void',
  'boolean',
  'byte',
  'char',
  'short',
  'int',
  'long',
  'float',
  'double',
]);
const LITERALS = new Set(['true', 'false', 'null', 'this', 'super']);
/**
 * Names that cannot start a command's argument: the word operators (`x in y` is no call of x), and
 * `else`, which ends the statement before it (`if (a) foo else bar`).
 */
const NOT_AN_ARGUMENT = new Set(['in', 'instanceof', 'as', 'else']);

/** By operator, its precedence; a Map, since an object would answer `toString` too. */
const BINARY: ReadonlyMap<string, number> = new Map(
  Object.entries({
    '=': 1,
    '+=': 1,
    '-=': 1,
    '*=': 1,
    '/=': 1,
    '%=': 1,
    '**=': 1,
    '&=': 1,
    '|=': 1,
    '^=': 1,
    '<<=': 1,
    '>>=': 1,
    '>>>=': 1,
    '?:': 2,
    '||': 3,
    '&&': 4,
    '|': 5,
    '^': 6,
    '&': 7,
    '==': 8,
    '!=': 8,
    '<=>': 8,
    '===': 8,
    '!==': 8,
    '=~': 8,
    '==~': 8,
    '<': 9,
    '<=': 9,
    '>': 9,
    '>=': 9,
    in: 9,
    instanceof: 9,
    as: 9,
    '<<': 10,
    '>>': 10,
    '>>>': 10,
    '..': 10,
    '..<': 10,
    '+': 11,
    '-': 11,
    '*': 12,
    '/': 12,
    '%': 12,
    '**': 13,
  }),
);
const TERNARY = 2;
const UNARY = new Set(['!', '-', '+', '~', '++', '--', '*']);
const NAVIGATION = new Set(['.', '?.', '*.', '.@', '.&']);

const isCapitalized = (text: string) => /^[A-Z]/.test(text);

class Parser {
  private i = 0;
  private limit: number;
  readonly annotations: Annotation[] = [];

  constructor(
    private readonly tokens: readonly Token[],
    private readonly match: Map<number, number>,
    private readonly parseInterpolation: (tokens: readonly Token[]) => Expr,
  ) {
    this.limit = tokens.length;
  }

  private peek(ahead = 0): Token | undefined {
    const index = this.i + ahead;
    return index < this.limit ? this.tokens[index] : undefined;
  }

  private is(text: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    // A string's text keeps its quotes, so it never equals an operator or a keyword.
    return token?.text === text;
  }

  private skipNewlines(): void {
    while (this.peek()?.kind === 'newline') this.i++;
  }

  private expect(text: string): Token {
    if (!this.is(text)) throw new Skip();
    return this.tokens[this.i++]!;
  }

  /** Runs fn inside the bracket group that opens here; afterwards stands after its closer. */
  private group<T>(fn: (close: number) => T): T {
    const open = this.i;
    const close = this.match.get(open);
    if (close === undefined) throw new Skip();
    const outer = this.limit;
    this.limit = close;
    this.i = open + 1;
    try {
      return fn(close);
    } finally {
      this.limit = outer;
      this.i = close + 1;
    }
  }

  private spanFrom(start: number): Span {
    // Called once something was read, so a previous token exists.
    return { start, end: this.tokens[this.i - 1]!.end };
  }

  statements(): Statement[] {
    const statements: Statement[] = [];
    for (;;) {
      while (this.peek()?.kind === 'newline' || this.is(';')) this.i++;
      const first = this.peek();
      if (first === undefined) return statements;
      try {
        const statement = this.statement();
        if (statement) statements.push(statement);
      } catch (error) {
        if (!(error instanceof Skip)) throw error;
      }
      // What is left of the statement (`return a, b`'s `, b`) is skipped with it.
      this.skipStatement(first);
    }
  }

  /** Moves to the end of the statement that began at `first`, jumping over whole groups. */
  private skipStatement(first: Token): void {
    if (this.peek() === first) this.i++;
    for (let token = this.peek(); token !== undefined; token = this.peek()) {
      if (token.kind === 'newline' || this.is(';')) return;
      const close = token.kind === 'op' ? this.match.get(this.i) : undefined;
      this.i = close !== undefined ? close + 1 : this.i + 1;
    }
  }

  private statement(): Statement | undefined {
    const token = this.peek();
    // `if (a)` or `else` with nothing after it, at the end of the file or its block.
    if (token === undefined) throw new Skip();
    const start = token.start;
    if (this.is('@')) {
      // `@Library('lib') _` and `@Field def x = …`: the annotated statement follows, on the same
      // line or the next (`@NonCPS⏎def f() {…}`); with none, statement() skips, the annotation kept.
      const name = this.annotation();
      this.skipNewlines();
      const statement = this.statement();
      return statement?.kind === 'method' || statement?.kind === 'declaration'
        ? { ...statement, annotations: [name, ...statement.annotations] }
        : statement;
    }
    // Only an identifier's text is a keyword: a string's keeps its quotes.
    switch (token.text) {
      case 'import':
      case 'package':
      case 'break':
      case 'continue':
        this.skipStatement(token);
        return undefined;
      case 'if':
        return this.ifStatement();
      case 'for':
      case 'while':
      case 'switch':
      case 'synchronized': {
        this.i++;
        const exprs = this.group(() => this.expressionList());
        return { kind: 'compound', exprs, blocks: [this.body()], ...this.spanFrom(start) };
      }
      case 'do': {
        this.i++;
        const block = this.body();
        this.skipNewlines();
        this.expect('while');
        const exprs = this.group(() => this.expressionList());
        return { kind: 'compound', exprs, blocks: [block], ...this.spanFrom(start) };
      }
      case 'try':
        return this.tryStatement();
      case 'return':
      case 'throw':
      case 'assert': {
        this.i++;
        const exprs = this.atStatementEnd() ? [] : [this.expression()];
        // `assert a : 'message'`; after return or throw a colon is no Groovy.
        if (this.is(':')) {
          this.i++;
          exprs.push(this.expression());
        }
        return { kind: 'compound', exprs, blocks: [], ...this.spanFrom(start) };
      }
      case 'case':
      case 'default': {
        if (token.text === 'default' && !this.is(':', 1)) break;
        this.i++;
        const exprs = token.text === 'case' ? [this.expression()] : [];
        this.expect(':');
        // `case 'a': sh 'x'` — the labelled statement may share the line.
        const labelled = this.atStatementEnd() ? undefined : this.statement();
        return {
          kind: 'compound',
          exprs,
          blocks: [labelled ? [labelled] : []],
          ...this.spanFrom(start),
        };
      }
      case 'class':
      case 'interface':
      case 'enum':
      case 'trait':
        return this.typeDeclaration();
    }
    const declaration = this.declaration();
    if (declaration) return declaration;
    const expr = this.commandOrExpression();
    return { kind: 'expression', expr, ...this.spanFrom(start) };
  }

  private atStatementEnd(): boolean {
    const token = this.peek();
    // Inside a block its `}` is past the limit: peek() gives undefined there.
    return token === undefined || token.kind === 'newline' || this.is(';');
  }

  private annotation(): string {
    const start = this.expect('@').start;
    const name = this.qualifiedName();
    let args: Arg[] = [];
    if (this.is('('))
      this.group(() => {
        try {
          args = this.argumentList();
        } catch (error) {
          // Arguments we do not follow leave the annotation without them, not the statement.
          if (!(error instanceof Skip)) throw error;
        }
      });
    this.annotations.push({ name, args, ...this.spanFrom(start) });
    return name;
  }

  private qualifiedName(): string {
    let name = this.identifier();
    while (this.is('.')) {
      this.i++;
      name += `.${this.identifier()}`;
    }
    return name;
  }

  private identifier(): string {
    const token = this.peek();
    if (token?.kind !== 'ident') throw new Skip();
    this.i++;
    return token.text;
  }

  /** A block `{ … }` or a single statement, as the body of if/for/while/else. */
  private body(): Statement[] {
    this.skipNewlines();
    if (this.is('{')) return this.group(() => this.statements());
    const statement = this.statement();
    return statement ? [statement] : [];
  }

  private ifStatement(): Statement {
    const start = this.peek()!.start;
    this.i++;
    const exprs = this.group(() => this.expressionList());
    const blocks = [this.body()];
    const save = this.i;
    this.skipNewlines();
    if (this.is('else')) {
      this.i++;
      blocks.push(this.body());
    } else this.i = save;
    return { kind: 'compound', exprs, blocks, ...this.spanFrom(start) };
  }

  private tryStatement(): Statement {
    const start = this.peek()!.start;
    this.i++;
    // try-with-resources
    const exprs = this.is('(') ? this.group(() => this.expressionList()) : [];
    const blocks = [this.body()];
    for (;;) {
      const save = this.i;
      this.skipNewlines();
      if (this.is('catch')) {
        this.i++;
        this.group(() => undefined);
        blocks.push(this.body());
      } else if (this.is('finally')) {
        this.i++;
        blocks.push(this.body());
      } else {
        this.i = save;
        break;
      }
    }
    return { kind: 'compound', exprs, blocks, ...this.spanFrom(start) };
  }

  private typeDeclaration(): Statement {
    const start = this.peek()!.start;
    // `class A<T> extends B implements C {`: a header holds no brackets.
    while (this.peek() !== undefined && !this.is('{')) this.i++;
    const blocks = this.is('{') ? [this.group(() => this.statements())] : [];
    return { kind: 'compound', exprs: [], blocks, ...this.spanFrom(start) };
  }

  /** Skips a type: `String`, `a.b.C`, `Map<String, List<X>>`, `int[]`; returns its name. */
  private type(): string {
    const name = this.qualifiedName();
    if (this.is('<')) {
      let depth = 0;
      do {
        const token = this.peek();
        if (token === undefined || token.kind === 'newline') throw new Skip();
        if (token.text === '<') depth++;
        else if (token.text === '>') depth--;
        else if (token.text === '>>') depth -= 2;
        else if (token.text === '>>>') depth -= 3;
        this.i++;
      } while (depth > 0);
    }
    while (this.is('[') && this.is(']', 1)) this.i += 2;
    return name;
  }

  /**
   * `def x = …`, `String x`, `final Map m = …`, `def call(Map config = [:]) { … }`. Undefined,
   * with nothing consumed, when the statement is not a declaration.
   */
  private declaration(): Statement | undefined {
    const start = this.i;
    const startOffset = this.peek()!.start;
    let modified = false;
    while (MODIFIERS.has(this.peek()?.text ?? '')) {
      this.i++;
      modified = true;
    }
    const typed = (): boolean => {
      const token = this.peek();
      if (token?.kind !== 'ident' || !(isCapitalized(token.text) || PRIMITIVES.has(token.text)))
        return false;
      const save = this.i;
      try {
        this.type();
        if (this.peek()?.kind === 'ident') return true;
      } catch (error) {
        if (!(error instanceof Skip)) throw error;
      }
      this.i = save;
      return false;
    };
    const hasType = typed();
    if ((!modified && !hasType) || this.peek()?.kind !== 'ident') {
      this.i = start;
      return undefined;
    }
    const name = this.identifier();
    if (this.is('(')) {
      const params = this.group((close) => this.parameterNames(close));
      if (this.is('throws')) {
        this.i++;
        this.type();
        while (this.is(',')) {
          this.i++;
          this.type();
        }
      }
      this.skipNewlines();
      const body = this.is('{') ? this.group(() => this.statements()) : [];
      return {
        kind: 'method',
        name,
        annotations: [],
        params,
        body,
        ...this.spanFrom(startOffset),
      };
    }
    let init: Expr | undefined;
    if (this.is('=')) {
      this.i++;
      this.skipNewlines();
      init = this.commandOrExpression();
    }
    // `def a = 1, b = 2` declares more names; only the first is kept, statements() skips the rest.
    return { kind: 'declaration', name, init, annotations: [], ...this.spanFrom(startOffset) };
  }

  /**
   * `sh 'x'`, `sh script: 'x', label: 'y'`, `agent any`, or a plain expression; also on the right
   * of an assignment: `version = sh script: 'x', returnStdout: true`.
   */
  private commandOrExpression(): Expr {
    const expr = this.expression();
    const command = (callee: Expr): Expr => {
      if ((callee.kind !== 'name' && callee.kind !== 'property') || !this.startsCommandArgument())
        return callee;
      const args = this.argumentList();
      const closures = this.trailingClosures();
      return {
        kind: 'call',
        callee,
        args,
        closures,
        start: callee.start,
        ...endOf(this.previous()),
      };
    };
    if (expr.kind === 'binary' && BINARY.get(expr.op) === 1) {
      const right = command(expr.right);
      return { ...expr, right, end: right.end };
    }
    return command(expr);
  }

  private previous(): Token {
    return this.tokens[this.i - 1]!;
  }

  private startsCommandArgument(): boolean {
    const token = this.peek();
    if (token === undefined) return false;
    if (token.kind === 'string' || token.kind === 'number') return true;
    return token.kind === 'ident' && !NOT_AN_ARGUMENT.has(token.text);
  }

  /** Arguments up to the end of the statement (command form) or of the enclosing group. */
  private argumentList(): Arg[] {
    const args: Arg[] = [];
    for (;;) {
      // Outside a group an argument never starts on a new line: the command form is one line.
      this.skipNewlines();
      const token = this.peek();
      if (token === undefined) return args;
      // `name: value`, `'name': value`, `1: value`.
      if (this.is(':', 1)) {
        this.i += 2;
        this.skipNewlines();
        args.push({
          name: token.kind === 'string' ? keyText(token) : token.text,
          value: this.expression(),
        });
      } else {
        args.push({ value: this.expression() });
      }
      if (this.inGroup()) this.skipNewlines();
      if (!this.is(',')) return args;
      this.i++;
      this.skipNewlines();
    }
  }

  /** Inside (…) or […] newlines do not end anything; in a block or at top level they do. */
  private inGroup(): boolean {
    const closer = this.tokens[this.limit];
    return closer !== undefined && (closer.text === ')' || closer.text === ']');
  }

  private expressionList(): Expr[] {
    return this.argumentList().map((arg) => arg.value);
  }

  private trailingClosures(): Closure[] {
    const closures: Closure[] = [];
    while (this.is('{')) closures.push(this.closure());
    return closures;
  }

  /**
   * After `call(…)` a closure may start on the next line and is still the call's argument, as
   * Groovy 2.4 (Jenkins' Groovy) reads `withCredentials([…])⏎{ … }` and `stage('x')⏎{ … }`:
   * measured, groovy 2.4.21 passes the block to the method.
   */
  private closuresAfterArguments(): Closure[] {
    let ahead = 0;
    while (this.peek(ahead)?.kind === 'newline') ahead++;
    if (this.is('{', ahead)) this.i += ahead;
    return this.trailingClosures();
  }

  expression(minPrecedence = 0): Expr {
    let left = this.unary();
    for (;;) {
      const token = this.peek();
      if (token === undefined) return left;
      if (token.text === '?' && TERNARY >= minPrecedence) {
        this.i++;
        this.skipNewlines();
        const whenTrue = this.expression(TERNARY);
        this.skipNewlines();
        this.expect(':');
        this.skipNewlines();
        const whenFalse = this.expression(TERNARY);
        left = {
          kind: 'other',
          children: [left, whenTrue, whenFalse],
          start: left.start,
          end: whenFalse.end,
        };
        continue;
      }
      // Of the names, only `in`, `instanceof` and `as` are operators.
      const precedence = BINARY.get(token.text);
      if (precedence === undefined || precedence < minPrecedence) return left;
      this.i++;
      this.skipNewlines();
      // Assignment is right-associative; everything else binds left.
      const right = this.expression(precedence === 1 ? precedence : precedence + 1);
      left = { kind: 'binary', op: token.text, left, right, start: left.start, end: right.end };
    }
  }

  private unary(): Expr {
    const token = this.peek();
    if (token === undefined) throw new Skip();
    if (UNARY.has(token.text)) {
      this.i++;
      const operand = this.unary();
      return { kind: 'other', children: [operand], start: token.start, end: operand.end };
    }
    if (token.text === 'new') {
      this.i++;
      const constructs = this.type();
      const children: Expr[] = [];
      if (this.is('(')) children.push(...this.group(() => this.expressionList()));
      else while (this.is('[')) children.push(...this.group(() => this.expressionList()));
      if (this.is('{')) children.push(this.closure());
      return this.postfix({
        kind: 'other',
        children,
        constructs,
        start: token.start,
        ...endOf(this.previous()),
      });
    }
    return this.postfix(this.primary());
  }

  /** Called by unary() only, which has seen a token here. */
  private primary(): Expr {
    const token = this.peek()!;
    const span = { start: token.start, end: token.end };
    if (token.kind === 'string') {
      this.i++;
      return this.stringExpr(token);
    }
    if (token.kind === 'number') {
      this.i++;
      return { kind: 'literal', text: token.text, ...span };
    }
    if (token.kind === 'ident') {
      this.i++;
      return LITERALS.has(token.text)
        ? { kind: 'literal', text: token.text, ...span }
        : { kind: 'name', name: token.text, ...span };
    }
    if (this.is('(')) {
      const inner = this.group(() => (this.peek() === undefined ? [] : [this.expression()]));
      const parenthesised: Expr = {
        kind: 'other',
        children: inner,
        start: token.start,
        ...endOf(this.previous()),
      };
      // A cast, `(String) value`, is followed by its operand.
      const castType = inner[0];
      if (
        castType?.kind === 'name' &&
        isCapitalized(castType.name) &&
        this.startsCommandArgument()
      ) {
        const operand = this.unary();
        return { kind: 'other', children: [operand], start: token.start, end: operand.end };
      }
      return parenthesised;
    }
    if (this.is('[')) return this.listOrMap();
    if (this.is('{')) return this.closure();
    throw new Skip();
  }

  private stringExpr(token: Token): Expr {
    const literal = token.string!;
    const values = literal.parts.flatMap((part) =>
      part.kind === 'interpolation' ? [this.parseInterpolation(part.tokens)] : [],
    );
    return { kind: 'string', literal, values, start: token.start, end: token.end };
  }

  private postfix(expr: Expr): Expr {
    for (;;) {
      // A chain may continue on the next line when that line starts with `.method`.
      let ahead = 0;
      while (this.peek(ahead)?.kind === 'newline') ahead++;
      const next = this.peek(ahead);
      if (next?.kind === 'op' && NAVIGATION.has(next.text)) {
        this.i += ahead + 1;
        this.skipNewlines();
        const nameToken = this.peek();
        if (nameToken === undefined) throw new Skip();
        let name: string;
        if (nameToken.kind === 'ident') name = nameToken.text;
        else if (nameToken.kind === 'string') name = keyText(nameToken);
        else throw new Skip();
        this.i++;
        expr = { kind: 'property', object: expr, name, start: expr.start, end: nameToken.end };
        continue;
      }
      if (this.is('(')) {
        const args = this.group(() => this.argumentList());
        const closures = this.closuresAfterArguments();
        expr = {
          kind: 'call',
          callee: expr,
          args,
          closures,
          start: expr.start,
          ...endOf(this.previous()),
        };
        continue;
      }
      if (this.is('{') && (expr.kind === 'name' || expr.kind === 'property')) {
        const closures = this.trailingClosures();
        expr = {
          kind: 'call',
          callee: expr,
          args: [],
          closures,
          start: expr.start,
          ...endOf(this.previous()),
        };
        continue;
      }
      if (this.is('[')) {
        const index = this.group(() => this.expressionList());
        expr = { kind: 'index', object: expr, index, start: expr.start, ...endOf(this.previous()) };
        continue;
      }
      if (this.is('++') || this.is('--')) {
        this.i++;
        continue;
      }
      return expr;
    }
  }

  private listOrMap(): Expr {
    const start = this.peek()!.start;
    if (this.is(':', 1) && this.is(']', 2)) {
      this.i += 3;
      return { kind: 'map', entries: [], ...this.spanFrom(start) };
    }
    const args = this.group(() => this.argumentList());
    const span = this.spanFrom(start);
    return args.some((arg) => arg.name !== undefined)
      ? { kind: 'map', entries: args, ...span }
      : { kind: 'list', items: args.map((arg) => arg.value), ...span };
  }

  private closure(): Closure {
    const start = this.peek()!.start;
    let params: string[] = [];
    const body = this.group((close) => {
      // `{ a, b -> … }`: the parameters end at an arrow outside any nested bracket.
      for (let j = this.i; j < close; j++) {
        if (this.tokens[j]!.text === '->') {
          params = this.parameterNames(j);
          this.i = j + 1;
          break;
        }
        j = this.match.get(j) ?? j;
      }
      return this.statements();
    });
    return { kind: 'closure', params, body, ...this.spanFrom(start) };
  }

  /**
   * The names a parameter list from here to `end` declares: in each comma-separated part, the
   * last identifier before its default value (`Map config = [:]`, `String... names`, `body`).
   * A comma inside generics splits a type too, which adds a type name: harmless to a reader
   * asking which names are defined.
   */
  private parameterNames(end: number): string[] {
    const names: string[] = [];
    let last: string | undefined;
    let inDefault = false;
    for (let j = this.i; j < end; j++) {
      const token = this.tokens[j]!;
      if (token.kind === 'ident' && !inDefault) last = token.text;
      else if (token.text === ',' || token.text === '=') {
        if (last !== undefined) names.push(last);
        last = undefined;
        inDefault = token.text === '=';
      } else j = this.match.get(j) ?? j;
    }
    if (last !== undefined) names.push(last);
    return names;
  }
}

const endOf = (token: Token) => ({ end: token.end });

/** The key of `'name': value` or `obj.'name'`: a string's text without its interpolations. */
function keyText(token: Token): string {
  return token.string!.parts.map((part) => (part.kind === 'text' ? part.text.text : '')).join('');
}

/** Parses a whole Groovy source; `describe` formats an offset for messages (e.g. "3:14"). */
export function parseGroovy(source: string, describe: (offset: number) => string): GroovyFile {
  const lexed = lexGroovy(source);
  if (lexed.error)
    return { statements: [], annotations: [], comments: lexed.comments, errors: [lexed.error] };
  const errors: SyntaxError[] = [];
  const parser = (tokens: readonly Token[]): Parser | undefined => {
    const { match, error } = matchBrackets(tokens, describe);
    if (error) errors.push(error);
    return error ? undefined : new Parser(tokens, match, interpolation);
  };
  const interpolation = (tokens: readonly Token[]): Expr => {
    const fallback: Expr = {
      kind: 'other',
      children: [],
      start: tokens[0]?.start ?? 0,
      end: tokens.at(-1)?.end ?? 0,
    };
    try {
      return parser(tokens)?.expression() ?? fallback;
    } catch (error) {
      if (error instanceof Skip) return fallback;
      throw error;
    }
  };
  const top = parser(lexed.tokens);
  // An interpolation's brackets are matched as it is parsed, so errors is complete only now.
  const statements = top?.statements();
  if (errors.length > 0)
    return {
      statements: [],
      annotations: [],
      comments: lexed.comments,
      errors: errors.slice(0, 1),
    };
  // No error: the top-level parser exists.
  return {
    statements: statements!,
    annotations: top!.annotations,
    comments: lexed.comments,
    errors,
  };
}
