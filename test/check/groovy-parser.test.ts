import { describe, expect, test } from 'vitest';
import {
  parseGroovy,
  type Arg,
  type Expr,
  type GroovyFile,
  type Statement,
} from '../../src/check/groovy-parser.js';

/**
 * The parser on its own: the structure it recovers from each construct a Jenkinsfile or a
 * shared-library step holds, each node's span, and the statements it skips rather than
 * misreads. The rules read these trees; a tree that changes shape changes what they see.
 */

const parse = (source: string): GroovyFile => parseGroovy(source, (offset) => `@${offset}`);

/** An expression as compact text: calls as `f(args) {closure}`, binaries parenthesised. */
const show = (expr: Expr): string => {
  switch (expr.kind) {
    case 'string':
      return `str(${JSON.stringify(
        expr.literal.parts.map((part) => (part.kind === 'text' ? part.text.text : '$')).join(''),
      )}${expr.values.map((value) => ` ${show(value)}`).join('')})`;
    case 'name':
      return expr.name;
    case 'literal':
      return `#${expr.text}`;
    case 'property':
      return `${show(expr.object)}.${expr.name}`;
    case 'index':
      return `${show(expr.object)}[${expr.index.map(show).join(', ')}]`;
    case 'call':
      return `${show(expr.callee)}(${expr.args.map(showArg).join(', ')})${expr.closures
        .map((closure) => ` ${show(closure)}`)
        .join('')}`;
    case 'binary':
      return `(${show(expr.left)} ${expr.op} ${show(expr.right)})`;
    case 'list':
      return `[${expr.items.map(show).join(', ')}]`;
    case 'map':
      return expr.entries.length === 0 ? '[:]' : `[${expr.entries.map(showArg).join(', ')}]`;
    case 'closure':
      return `{${expr.params.length > 0 ? `${expr.params.join(', ')} -> ` : ''}${expr.body
        .map(showStatement)
        .join('; ')}}`;
    case 'other':
      return `other${expr.constructs ? ` new ${expr.constructs}` : ''}(${expr.children.map(show).join(', ')})`;
    default:
      throw new Error(`not an expression: ${JSON.stringify(expr)}`);
  }
};

const showArg = (arg: Arg) => `${arg.name !== undefined ? `${arg.name}: ` : ''}${show(arg.value)}`;

const showStatement = (statement: Statement): string => {
  const annotated = (names: readonly string[]) => names.map((name) => `@${name} `).join('');
  switch (statement.kind) {
    case 'expression':
      return show(statement.expr);
    case 'declaration':
      return `${annotated(statement.annotations)}decl ${statement.name}${statement.init ? ` = ${show(statement.init)}` : ''}`;
    case 'method':
      return `${annotated(statement.annotations)}method ${statement.name}(${statement.params.join(', ')}) {${statement.body.map(showStatement).join('; ')}}`;
    case 'compound':
      return `compound(${statement.exprs.map(show).join(', ')})${statement.blocks
        .map((block) => ` {${block.map(showStatement).join('; ')}}`)
        .join('')}`;
    default:
      throw new Error(`not a statement: ${JSON.stringify(statement)}`);
  }
};

const statements = (source: string) => {
  const file = parse(source);
  expect(file.errors).toEqual([]);
  return file.statements.map(showStatement);
};

/** `start-end` of each top-level statement. */
const spans = (source: string) => parse(source).statements.map((s) => `${s.start}-${s.end}`);

describe('statements', () => {
  test.each([
    ['a; b\nc', ['a', 'b', 'c']],
    ['import static a.b.*\npackage x\nbreak\ncontinue\nx', ['x']],
    ['if (a) b() else c()', ['compound(a) {b()} {c()}']],
    ['if (a) { b }\nelse { c }', ['compound(a) {b} {c}']],
    ['if (a) b\nc', ['compound(a) {b}', 'c']],
    ['for (i in xs) { a() }', ['compound((i in xs)) {a()}']],
    ['while (true) a()', ['compound(#true) {a()}']],
    ['synchronized (x) { }', ['compound(x) {}']],
    ['do { x() }\nwhile (y)', ['compound(y) {x()}']],
    [
      'try { a() }\ncatch (E e) { b() }\nfinally { c() }\nd()',
      ['compound() {a()} {b()} {c()}', 'd()'],
    ],
    ['try (r) { } catch (E e) { }', ['compound(r) {} {}']],
    ['return', ['compound()']],
    ['return a', ['compound(a)']],
    ['throw new E("x")', ['compound(other new E(str("x")))']],
    ['assert x', ['compound(x)']],
    ['assert a : "msg"', ['compound(a, str("msg"))']],
    [
      "switch (x) { case 'a': sh 'a'; break\n default: sh 'b' }",
      ['compound(x) {compound(str("a")) {sh(str("a"))}; compound() {sh(str("b"))}}'],
    ],
    ['case 1: case 2: y()', ['compound(#1) {compound(#2) {y()}}']],
    ['case 1:\n y()', ['compound(#1) {}', 'y()']],
    // `default` is a name unless a colon follows it.
    ['default = 1\nx.default', ['(default = #1)', 'x.default']],
    ['class A extends B<C> implements D { def x = 1 }', ['compound() {decl x = #1}']],
    ['interface I { }\nenum E { A, B }', ['compound() {}', 'compound() {A}']],
    ['trait T { def x() { 1 } }', ['compound() {method x() {#1}}']],
    ['class A', ['compound()']],
    ['while (a) { if (b) break }', ['compound(a) {compound(b) {}}']],
    ['@A;\nx', ['x']],
    ['return; x', ['compound()', 'x']],
    ['if (a) foo else bar', ['compound(a) {foo} {bar}']],
    // Groovy needs the parentheses; without them the statement is not followed.
    ['for x { y() }\nz', ['z']],
    ['if x\ny', ['y']],
    ['do { a() } x (b)\nc', ['c']],
    // Cut short where the file or the block ends: skipped, not a crash.
    ['if (a)', []],
    ['node { if (a) }\nb', ['node() {}', 'b']],
    ['x = a.', []],
    ['x\n@', ['x']],
  ])('%j', (source, expected) => {
    expect(statements(source)).toEqual(expected);
  });

  test('a statement it cannot follow is skipped to its end, whole groups included', () => {
    expect(statements('a.1 (b\n)\nc')).toEqual(['c']);
    expect(statements('a.1 (b\nd()\n)\nc')).toEqual(['c']);
    expect(statements('a.1 ()\nc')).toEqual(['c']);
  });

  test('spans run from the first token to the last', () => {
    expect(spans('  foo(1)  \n if (a) { b }\n')).toEqual(['2-8', '12-24']);
    expect(spans('@Field\nString x = "a"')).toEqual(['7-21']);
  });
});

describe('declarations and methods', () => {
  test.each([
    ['def a = 1, b = 2', ['decl a = #1']],
    ['String s\nfinal x = 1\nFoo bar', ['decl s', 'decl x = #1', 'decl bar']],
    ['int[] xs\nMap<String, List<X>> m = [:]', ['decl xs', 'decl m = [:]']],
    ['Map<String, List<List<X>>> m\nA<B<C<D>>> n', ['decl m', 'decl n']],
    ['def x =\n  1', ['decl x = #1']],
    [
      'String v = sh script: "x", returnStdout: true',
      ['decl v = sh(script: str("x"), returnStdout: #true)'],
    ],
    // A lower-case type is a command call in Groovy too.
    ['foo bar', ['foo(bar)']],
    [
      'def f(String a, Map b = [:], c) throws IOException, X { return a }',
      ['method f(a, b, c) {compound(a)}'],
    ],
    ['def f(a)\n{ b() }', ['method f(a) {b()}']],
    ['def f(Map m = [a: 1, b: 2], String... rest) { }', ['method f(m, rest) {}']],
    ['static void main(String[] args) { }', ['method main(args) {}']],
    ['def f(a) throws X', ['method f(a) {}']],
    ['private static final String X = "x"', ['decl X = str("x")']],
    ['final Foo = 1', ['decl Foo = #1']],
    ['def f(a = b, c) {}', ['method f(a, c) {}']],
    // `def` or a type name alone is a name; an unfinished type is a comparison.
    ['x = 1\ndef', ['(x = #1)', 'def']],
    ['String', ['String']],
    ['Map<String', ['(Map < String)']],
    ['Map<String\n> x', ['(Map < String)']],
  ])('%j', (source, expected) => {
    expect(statements(source)).toEqual(expected);
  });

  test('annotations name the statement they precede, here or on the next line', () => {
    const file = parse('@Library("x@1") _\n@NonCPS\ndef f() {}\n@A(1, b: 2) @B def x\n@A(,) def y');
    expect(file.statements.map(showStatement)).toEqual([
      '_',
      '@NonCPS method f() {}',
      '@A @B decl x',
      '@A decl y',
    ]);
    expect(
      file.annotations.map(
        (a) => `${a.name}(${a.args.map(showArg).join(', ')}) ${a.start}-${a.end}`,
      ),
    ).toEqual([
      'Library(str("x@1")) 0-15',
      'NonCPS() 18-25',
      'A(#1, b: #2) 37-48',
      'B() 49-51',
      'A() 58-63',
    ]);
    expect(statements('@groovy.transform.Field\ndef z')).toEqual([
      '@groovy.transform.Field decl z',
    ]);
    expect(parse('@A\n').statements).toEqual([]);
    // An annotated import, as @Grab is written.
    const grab = parse("@Grab('a:b:1')\nimport x.Y\nz");
    expect(grab.statements.map(showStatement)).toEqual(['z']);
    expect(grab.annotations.map((a) => a.name)).toEqual(['Grab']);
    // `@` with no name is no annotation.
    const bare = parse('@\nx');
    expect(bare.statements.map(showStatement)).toEqual(['x']);
    expect(bare.annotations).toEqual([]);
  });
});

describe('expressions', () => {
  test.each([
    ["sh script: 'x', label: 'y'", 'sh(script: str("x"), label: str("y"))'],
    ['sh(script: "x")', 'sh(script: str("x"))'],
    ["sh 'a'\n", 'sh(str("a"))'],
    ['echo "a" + "b"', 'echo((str("a") + str("b")))'],
    [
      'version = sh script: "x", returnStdout: true',
      '(version = sh(script: str("x"), returnStdout: #true))',
    ],
    ['a.b c: 1', 'a.b(c: #1)'],
    ['f 1', 'f(#1)'],
    ['f "a" {}', 'f(str("a")) {}'],
    ['x in y', '(x in y)'],
    ['a instanceof B', '(a instanceof B)'],
    ['a as B', '(a as B)'],
    ['f \'a\': 1, "b": 2', 'f(a: #1, b: #2)'],
    ['f(\n a,\n b\n)', 'f(a, b)'],
    ['[\n1,\n2\n]', '[#1, #2]'],
    ['[a: 1, "b": 2]', '[a: #1, b: #2]'],
    ['[:]', '[:]'],
    ['[]', '[]'],
    ['a.b(1)(2)', 'a.b(#1)(#2)'],
    ['a[1][2]', 'a[#1][#2]'],
    ['m[1, 2]', 'm[#1, #2]'],
    ['a.b?.c*.d.&e.@f."g"', 'a.b.c.d.e.f.g'],
    ['foo()\n.bar()\n  .baz', 'foo().bar().baz'],
    ['x++', 'x'],
    ['a = b = c', '(a = (b = c))'],
    ['x = a += b', '(x = (a += b))'],
    ['a - b - c', '((a - b) - c)'],
    ['a = b + c * d', '(a = (b + (c * d)))'],
    [
      'a || b && c | d ^ e & f == g < h << i + j * k ** l',
      '(a || (b && (c | (d ^ (e & (f == (g < (h << (i + (j * (k ** l)))))))))))',
    ],
    ['a ?: b ? c : d', 'other((a ?: b), c, d)'],
    ['x = a ?\n b :\n c', '(x = other(a, b, c))'],
    ['x = -1 + !a - ~b', '(x = ((other(#1) + other(a)) - other(b)))'],
    ['x = (a)', '(x = other(a))'],
    ['x = ()', '(x = other())'],
    ['x = (String) y', '(x = other(y))'],
    ['x = (Foo)', '(x = other(Foo))'],
    ['x = new Foo<Bar>(1) { }', '(x = other new Foo(#1, {}))'],
    ['new A.B().c', 'other new A.B().c'],
    ['new int[3][4]', 'other new int(#3, #4)'],
    ['"${a + b} $c"', 'str("$ $" (a + b) c)'],
    ['x = true && null || this', '(x = ((#true && #null) || #this))'],
    ['x = a ? b ? c : d : e', '(x = other(a, other(b, c, d), e))'],
    ['x = a ? b : c ? d : e', '(x = other(a, b, other(c, d, e)))'],
    ['y = x++ + 1', '(y = (x + #1))'],
    ['y = x-- - 1', '(y = (x - #1))'],
    // Only an assignment's right side may be a command call.
    ['a + b c', '(a + b)'],
    ['f(a\n, b)', 'f(a, b)'],
    ['[a\n, b]', '[a, b]'],
    ['x = (foo) y', '(x = other(foo))'],
    // A name that Object.prototype also has is no operator.
    ['echo toString', 'echo(toString)'],
    ['x."a${b}c"', 'x.ac'],
    ['f "a${b}": 1', 'f(a: #1)'],
    ["[1: 'a']", '[1: str("a")]'],
  ])('%j', (source, expected) => {
    expect(statements(source)).toEqual([expected]);
  });

  test('closures: parameters before the arrow, trailing and on the next line after a call', () => {
    expect(statements('list.each { a, b -> echo a }')).toEqual(['list.each() {a, b -> echo(a)}']);
    expect(statements('f = { String a, int b = 2 -> a }')).toEqual(['(f = {a, b -> a})']);
    expect(statements('f = { -> a }')).toEqual(['(f = {a})']);
    expect(statements('{ a -> { b -> c } }')).toEqual(['{a -> {b -> c}}']);
    // An arrow inside brackets belongs to a closure nested there, not to this one.
    expect(statements('f { g([{ a -> a }]) }')).toEqual(['f() {g([{a -> a}])}']);
    expect(statements('f = { a = [b: { c -> c }] -> a }')).toEqual(['(f = {a -> a})']);
    expect(statements('f(a: 1) { } { }')).toEqual(['f(a: #1) {} {}']);
    expect(statements('withCredentials([x])\n{ sh "y" }')).toEqual([
      'withCredentials([x]) {sh(str("y"))}',
    ]);
    expect(statements('stage("x") { steps { sh "y" } }')).toEqual([
      'stage(str("x")) {steps() {sh(str("y"))}}',
    ]);
    // Without parentheses a closure on the next line is a statement of its own.
    expect(statements('f\n{ a }')).toEqual(['f', '{a}']);
  });

  test('each expression spans its source', () => {
    const [statement] = parse('x = foo(a, "b").c { d }').statements;
    const expr = statement?.kind === 'expression' ? statement.expr : undefined;
    expect(expr).toMatchObject({ kind: 'binary', start: 0, end: 23 });
    const call = expr?.kind === 'binary' ? expr.right : undefined;
    expect(call).toMatchObject({ kind: 'call', start: 4, end: 23 });
    const callee = call?.kind === 'call' ? call.callee : undefined;
    expect(callee).toMatchObject({ kind: 'property', start: 4, end: 17 });
  });
});

describe('interpolations are parsed as expressions', () => {
  test('each value in order, a part it cannot follow as a bare span', () => {
    const [statement] = parse('x = "${a.b(1)} ${} ${=} $e"').statements;
    const string =
      statement?.kind === 'expression' && statement.expr.kind === 'binary'
        ? statement.expr.right
        : undefined;
    expect(string?.kind === 'string' && string.values).toEqual([
      expect.objectContaining({ kind: 'call', start: 7, end: 13 }),
      { kind: 'other', children: [], start: 0, end: 0 },
      { kind: 'other', children: [], start: 21, end: 22 },
      { kind: 'name', name: 'e', start: 25, end: 26 },
    ]);
  });
});

describe('syntax errors: what the lexer refuses and unbalanced brackets, the first only', () => {
  test.each([
    ['pipeline {\n  stages {\n}\n', '"{" is never closed: add the matching "}"', 9],
    ['f(a]', '"]" cannot close the "(" opened at @1: expected ")"', 3],
    [
      'x )',
      'unexpected ")": nothing is open here to close (a bracket too many, or one missing before)',
      2,
    ],
    [
      'x = "${ a ) }"',
      'unexpected ")": nothing is open here to close (a bracket too many, or one missing before)',
      10,
    ],
    ['x = `y`', 'unexpected character "`": Groovy cannot read this', 4],
  ])('%j', (source, message, offset) => {
    const file = parse(source);
    expect(file.errors).toEqual([{ offset, message }]);
    expect(file.statements).toEqual([]);
    expect(file.annotations).toEqual([]);
  });

  test('comments survive an error', () => {
    expect(parse('// c\nf(').comments).toEqual([{ start: 0, end: 4, body: ' c' }]);
    expect(parse('// c\nf("a\n').comments).toEqual([{ start: 0, end: 4, body: ' c' }]);
  });

  test('only the first of several errors is reported', () => {
    expect(parse('x = "${ ) }" + "${ ] }"').errors).toHaveLength(1);
  });
});
