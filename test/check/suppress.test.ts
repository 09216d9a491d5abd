import { describe, expect, test } from 'vitest';
import { LineIndex } from '../../src/check/source.js';
import {
  declaredInsecureRegistries,
  readDirectives,
  type SourceComment,
} from '../../src/check/suppress.js';
import { check, spots } from './support.js';

/** A podman login line with two findings: insecure-registry at column 20, password-on-command-line at 45. */
const LOGIN = "sh 'podman login --tls-verify=false -u ci -p lab registry.lan:5000'";

/** `line:column rule` of every finding in a pipeline of these lines (line 1 is `node`). */
const findings = (...lines: string[]) =>
  spots(check(["node('podman') {", ...lines.map((line) => `  ${line}`), '}', ''].join('\n')));

describe('an ignore comment suppresses the rules it names on its target line', () => {
  test('without one, the login line has both findings', () => {
    expect(findings(LOGIN)).toEqual(['2:20 insecure-registry', '2:45 password-on-command-line']);
  });

  test('on a line of its own it covers the next line, and only the rule it names', () => {
    expect(findings('// jenkins-multiarch-ignore insecure-registry lab only', LOGIN)).toEqual([
      '3:45 password-on-command-line',
    ]);
  });

  test('two rules, separated by a comma, are both suppressed', () => {
    expect(
      findings(
        '// jenkins-multiarch-ignore insecure-registry,password-on-command-line lab only',
        LOGIN,
      ),
    ).toEqual([]);
  });

  test('a trailing comma names no further rule', () => {
    expect(findings('// jenkins-multiarch-ignore insecure-registry, lab only', LOGIN)).toEqual([
      '3:45 password-on-command-line',
    ]);
  });

  test('spaces to line the comment up do not matter', () => {
    expect(findings('//   jenkins-multiarch-ignore   insecure-registry   lab only', LOGIN)).toEqual(
      ['3:45 password-on-command-line'],
    );
  });

  test('after code it covers its own line', () => {
    expect(findings(`${LOGIN} // jenkins-multiarch-ignore insecure-registry lab only`)).toEqual([
      '2:45 password-on-command-line',
    ]);
  });

  test('only its target line: the same finding a line further on is kept', () => {
    expect(
      findings('// jenkins-multiarch-ignore insecure-registry lab only', LOGIN, LOGIN),
    ).toEqual([
      '3:45 password-on-command-line',
      '4:20 insecure-registry',
      '4:45 password-on-command-line',
    ]);
  });

  test('there is no whole-file form: at the top of the file it covers the first line with code', () => {
    const source = [
      '// jenkins-multiarch-ignore insecure-registry lab only',
      '',
      "node('podman') {",
      `  ${LOGIN}`,
      '}',
      '',
    ].join('\n');
    expect(spots(check(source))).toEqual([
      '1:1 bad-suppression',
      '4:20 insecure-registry',
      '4:45 password-on-command-line',
    ]);
    expect(check(source)[0]!.message).toBe(
      'nothing to suppress: no insecure-registry finding on line 3',
    );
  });

  test('blank lines between the comment and the code are skipped', () => {
    expect(
      findings('// jenkins-multiarch-ignore insecure-registry lab only', '', '   ', LOGIN),
    ).toEqual(['5:45 password-on-command-line']);
  });

  test('a block comment over several lines covers the line after its end', () => {
    expect(
      findings('/*', ' * jenkins-multiarch-ignore insecure-registry lab only', ' */', LOGIN),
    ).toEqual(['5:45 password-on-command-line']);
  });

  test('inside a shell script, as a # comment', () => {
    expect(
      findings(
        "sh '''",
        '  # jenkins-multiarch-ignore insecure-registry lab only',
        '  podman login --tls-verify=false -u ci -p lab registry.lan:5000',
        "'''",
      ),
    ).toEqual(['4:43 password-on-command-line']);
  });

  test('in a Dockerfile, as a # comment', () => {
    const dockerfile = (...lines: string[]) =>
      spots(check(['FROM golang:1.22', ...lines, ''].join('\n'), undefined, 'dockerfile'));
    expect(dockerfile('RUN go build -o /app .')).toEqual(['2:1 compile-under-emulation']);
    expect(
      dockerfile(
        '# jenkins-multiarch-ignore compile-under-emulation tiny',
        'RUN go build -o /app .',
      ),
    ).toEqual([]);
  });
});

describe('a comment that does not suppress (the bad-suppression rule says why)', () => {
  test.each([
    ['names no rule', '// jenkins-multiarch-ignore', 'noRule'],
    // A directive once had to name a rule to take effect; one that names none matches no
    // finding's rule anyway, so that clause was dead code (issue 17).
    ['names no rule but gives a reason', '// jenkins-multiarch-ignore , lab only', 'noRule'],
    [
      'names an unknown rule as well as a known one',
      '// jenkins-multiarch-ignore insecure-registry,insecure-registery lab only',
      'unknownRule',
    ],
    ['gives no reason', '// jenkins-multiarch-ignore insecure-registry', 'noReason'],
    [
      'gives no reason in a block comment',
      '/* jenkins-multiarch-ignore insecure-registry */',
      'noReason',
    ],
    [
      'gives no reason in a doc comment',
      '/** jenkins-multiarch-ignore insecure-registry **/',
      'noReason',
    ],
    ['names another rule', '// jenkins-multiarch-ignore manifest-reuse lab only', 'unused'],
  ])('%s', (_, comment, messageId) => {
    expect(findings(comment, LOGIN)).toEqual([
      '2:3 bad-suppression',
      '3:20 insecure-registry',
      '3:45 password-on-command-line',
    ]);
    const source = ["node('podman') {", `  ${comment}`, `  ${LOGIN}`, '}', ''].join('\n');
    expect(check(source)[0]!.messageId).toBe(messageId);
  });

  test('a comment that only mentions the marker is no directive', () => {
    expect(findings('// see jenkins-multiarch-ignore insecure-registry lab only', LOGIN)).toEqual([
      '3:20 insecure-registry',
      '3:45 password-on-command-line',
    ]);
  });

  test('at the end of the file it targets the line after the last', () => {
    // The last line, `}`, has no newline after it: the comment's target is past the text.
    const source = "node('podman') {\n}\n// jenkins-multiarch-ignore insecure-registry lab only";
    expect(check(source).map((f) => f.message)).toEqual([
      'nothing to suppress: no insecure-registry finding on line 4',
    ]);
  });

  test('before a last line without a newline it targets that line', () => {
    const source = "node('podman') {\n  // jenkins-multiarch-ignore insecure-registry lab only\n}";
    expect(check(source).map((f) => f.message)).toEqual([
      'nothing to suppress: no insecure-registry finding on line 3',
    ]);
  });
});

describe('readDirectives', () => {
  const comment = (source: string): SourceComment => {
    const start = source.indexOf('//');
    const end = source.indexOf('\n', start);
    return { start, end, body: source.slice(start + 2, end) };
  };
  const read = (source: string) =>
    readDirectives([comment(source)], new Set(['a', 'b']), new LineIndex(source), source);

  test('the rules it names, those unknown, its reason and its target line', () => {
    expect(read('x\n// jenkins-multiarch-ignore a,c,b  the reason  \ny\n')).toEqual([
      expect.objectContaining({
        rules: ['a', 'c', 'b'],
        unknown: ['c'],
        reason: 'the reason',
        line: 3,
        used: false,
      }),
    ]);
  });

  test('other comments are not directives', () => {
    expect(read('x\n// TODO: jenkins-multiarch-ignore a why\ny\n')).toEqual([]);
  });
});

describe('declaredInsecureRegistries', () => {
  const declared = (...bodies: string[]) =>
    declaredInsecureRegistries(bodies.map((body) => ({ start: 0, end: 0, body })));

  test('the hosts a comment lists, split at commas and spaces', () => {
    expect(declared(' jenkins-multiarch-insecure-registry: a.lan:5000, b.lan c.lan ')).toEqual([
      'a.lan:5000',
      'b.lan',
      'c.lan',
    ]);
  });

  test('stray commas name no host', () => {
    expect(declared(' jenkins-multiarch-insecure-registry: ,a.lan,')).toEqual(['a.lan']);
  });

  test('from every such comment, and no other', () => {
    expect(
      declared(
        ' jenkins-multiarch-insecure-registry: a.lan',
        ' the jenkins-multiarch-insecure-registry: b.lan',
        ' jenkins-multiarch-insecure-registry c.lan',
        'jenkins-multiarch-insecure-registry:d.lan',
      ),
    ).toEqual(['a.lan', 'd.lan']);
  });
});
