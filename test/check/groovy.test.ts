import { describe, expect, test } from 'vitest';
import { lexGroovy } from '../../src/check/groovy-lexer.js';
import { parseGroovy, type Expr, type Statement } from '../../src/check/groovy-parser.js';
import { LineIndex } from '../../src/check/source.js';
import { stringOf } from './support.js';

/** The text a string literal decodes to, with `${…}` for each interpolation. */
const decoded = (source: string) =>
  stringOf(source)
    .parts.map((part) => (part.kind === 'text' ? part.text.text : '${}'))
    .join('');

const syntaxError = (source: string) => {
  const lines = new LineIndex(source);
  const describe = (offset: number) => {
    const { line, column } = lines.position(offset);
    return `${line}:${column}`;
  };
  const [error] = parseGroovy(source, describe).errors;
  return error && `${describe(error.offset)} ${error.message}`;
};

describe('strings decode as Groovy 2.4 decodes them', () => {
  test.each([
    [String.raw`'it\'s \\ \t\u00e9'`, "it's \\ \té"],
    [`'''a\nb'c'''`, "a\nb'c"],
    [String.raw`'''\''' | x'''`, "''' | x"],
    ['"a ${b} c"', 'a ${} c'],
    ['"$env.HOME/x"', '${}/x'],
    ['"$a$b.c()"', '${}${}()'],
    [String.raw`"cost \$5"`, 'cost $5'],
    ['"""x ${ "nested ${y}" } z"""', 'x ${} z'],
    ['"a\\\nb"', 'ab'],
    ['x = /a\\/b$/', 'a/b$'],
    ['x = $/a$$b $/c/$', 'a$b /c'],
  ])('%s', (source, value) => {
    expect(decoded(source)).toBe(value);
  });

  test('every decoded character knows its offset in the file', () => {
    const source = String.raw`sh 'a\'b'`;
    const [part] = stringOf(source).parts;
    expect(part?.kind === 'text' && part.text.offsets).toEqual([4, 5, 7, 8]);
  });

  test('names may be non-ASCII, in code and after $ in a GString', () => {
    const [name, , literal] = lexGroovy('größe = "$größe.wert$x"').tokens;
    expect(name?.text).toBe('größe');
    expect(
      literal?.string?.parts.map((part) =>
        part.kind === 'interpolation' ? part.tokens.map((t) => t.text).join(' ') : '',
      ),
    ).toEqual(['größe . wert', 'x']);
  });

  test('an interpolation is lexed in place, braces in nested strings included', () => {
    const literal = stringOf('"${ m["}"] }"');
    expect(literal.parts).toHaveLength(1);
    expect(literal.parts[0]).toMatchObject({ kind: 'interpolation', start: 1, end: 12 });
  });
});

describe('syntax errors are the ones Groovy 2.4 reports, at the offending character', () => {
  // Checked against test/harness/parse.groovy with Groovy 2.4 (which points one column later
  // for the dollar sign, at the character it cannot accept after it).
  test.each([
    ['sh "echo $(date)"', '1:10 illegal "$" in a double-quoted string'],
    ['def a = "x $5"', '1:12 illegal "$"'],
    ['def a = "cost \\d"', '1:15 invalid escape \\d in a string'],
    ["def a = '''x''''\n", "1:16 unterminated string: a ' string ends at the end of its line"],
    ['sh """\necho\n', '1:4 unterminated string: add the closing """'],
    ['/* never closed', '1:1 unterminated /* comment'],
    ['sh "${x\n', '1:5 unterminated ${ in a string'],
    ['pipeline {\n  stages {\n}\n', '1:10 "{" is never closed'],
    ['node {\n  sh("x"}\n}', '2:9 "}" cannot close the "(" opened at 2:5'],
    ['node { }\n}\n', '2:1 unexpected "}": nothing is open here to close'],
    ['x = `date`', '1:5 unexpected character "`"'],
  ])('%s', (source, expected) => {
    expect(syntaxError(source)).toMatch(
      new RegExp(`^${expected.replace(/[$()[\]{}\\.*+?|^]/g, '\\$&')}`),
    );
  });

  test.each([
    "@Library('shared@v1') _\nimport groovy.transform.Field\n@Field def x = 1",
    "sh script: 'make', label: 'build'",
    'def m = [:]; m["a"] = 1; println m.a',
    'x = a / b / c\ny = /regex/',
    'if (a) { b() } else if (c) { d() } else e()',
    'try { x() } catch (Exception e) { y() } finally { z() }',
    "switch (x) { case 'a': sh 'a'; break\n default: sh 'b' }",
    'def f(String a, Map b = [:]) { return a }',
    'list.each { item -> echo "${item}" }',
    'def s = """multi\n${x.collect { "${it}" }.join(",")}\nline"""',
    "env.X = 'y'\nparams.FOO ?: 'bar'",
    'def x = (String) y\nint i = 0; i++',
  ])('no error in valid Groovy: %s', (source) => {
    expect(syntaxError(source)).toBeUndefined();
  });
});

describe('the parser recovers the structure check needs', () => {
  const statements = (source: string) => parseGroovy(source, String).statements;
  const call = (statement: Statement | undefined): Extract<Expr, { kind: 'call' }> => {
    const expr =
      statement?.kind === 'expression'
        ? statement.expr
        : statement?.kind === 'declaration'
          ? statement.init
          : undefined;
    if (expr?.kind !== 'call') throw new Error(`not a call: ${JSON.stringify(statement)}`);
    return expr;
  };

  test('command calls with named arguments', () => {
    const sh = call(statements("sh script: 'make', label: 'build'")[0]);
    expect(sh.args.map((arg) => arg.name)).toEqual(['script', 'label']);
  });

  test('a command call as a declaration initialiser', () => {
    const [declaration] = statements("String v = sh script: 'mvn -v', returnStdout: true");
    expect(declaration).toMatchObject({ kind: 'declaration', name: 'v' });
    expect(call(declaration).args.map((arg) => arg.name)).toEqual(['script', 'returnStdout']);
  });

  test('calls with parentheses and trailing closures, nested', () => {
    const [stage] = statements("stage('Build') {\n  steps {\n    sh 'make'\n  }\n}");
    const outer = call(stage);
    expect(outer.closures).toHaveLength(1);
    const steps = call(outer.closures[0]!.body[0]);
    expect(call(steps.closures[0]!.body[0]).args[0]?.value.kind).toBe('string');
  });

  test('annotated declarations and shared-library methods', () => {
    const [field, method] = statements(
      "@Field def common = '''set -e'''\ndef call(Map config = [:]) {\n  sh common + 'make'\n}",
    );
    expect(field).toMatchObject({ kind: 'declaration', name: 'common' });
    expect(method).toMatchObject({ kind: 'method', name: 'call' });
  });

  test('a method chain continued on the next line', () => {
    const [statement] = statements("def out = sh(script: 'x', returnStdout: true)\n  .trim()");
    expect(statement?.kind === 'declaration' && statement.init?.kind).toBe('call');
  });
});
