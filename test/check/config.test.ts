import { describe, expect, test } from 'vitest';
import { parseConfig, type ReadVars } from '../../src/check/config.js';
import { ALL_RULES } from '../../src/check/rules/index.js';
import { check, spots } from './support.js';

/**
 * check's settings file (.jenkins-multiarch-check.yaml) as src/check/config.ts reads it: what a
 * file that is right gives check, and for each mistake the line a user reads, with the place, the
 * field's path and what was expected there.
 */

/** Two ids, so that the messages that list the rules stay short. */
const IDS = ['manifest-reuse', 'empty-file'];
const FIELDS = 'rules, insecureRegistries, steps, libraries, scriptSplitting, docsUrl';
const DOCS_URL =
  'expected the http(s) address where the rule pages (docs/rules/) are published, e.g. https://git.example.com/platform/jenkins-multiarch/-/blob/v0.1.0/docs/rules/';

/** A vars/ reader that knows two directories and records which it was asked for. */
function varsReader() {
  const asked: string[] = [];
  const read: ReadVars = (dir) => {
    asked.push(dir);
    if (dir === '../ci-lib/vars') return { ok: true, steps: ['buildImage', 'pushImage'] };
    if (dir === 'other/vars') return { ok: true, steps: ['deploy'] };
    return { ok: false, reason: `${dir} does not exist` };
  };
  return { asked, read };
}

const parse = (source: string, ids: readonly string[] = IDS) =>
  parseConfig(source, 'c.yaml', ids, varsReader().read);

describe('a settings file that is right', () => {
  test.each([
    ['an empty file', ''],
    ['a file of comments', '# nothing set yet\n'],
    ['an empty mapping', '{}\n'],
  ])('%s: every default, no docsUrl', (_, source) => {
    expect(parse(source)).toEqual({
      ok: true,
      config: {
        rules: {},
        insecureRegistries: [],
        steps: [],
        libraries: {},
        scriptSplitting: false,
      },
    });
  });

  test('every field as written, each library as the step names of its vars/', () => {
    const vars = varsReader();
    const result = parseConfig(
      [
        'rules: { manifest-reuse: warning, empty-file: off }',
        'insecureRegistries: ["registry.lan:5000", mirror.lan]',
        'steps: [slackSend, $helper, _x1]',
        'libraries: { ci-lib: ../ci-lib/vars, other: other/vars }',
        'scriptSplitting: true',
        'docsUrl: https://git.example.com/p/-/blob/v1/docs/rules/',
      ].join('\n'),
      'c.yaml',
      IDS,
      vars.read,
    );
    expect(result).toEqual({
      ok: true,
      config: {
        rules: { 'manifest-reuse': 'warning', 'empty-file': 'off' },
        insecureRegistries: ['registry.lan:5000', 'mirror.lan'],
        steps: ['slackSend', '$helper', '_x1'],
        libraries: { 'ci-lib': ['buildImage', 'pushImage'], other: ['deploy'] },
        scriptSplitting: true,
        docsUrl: 'https://git.example.com/p/-/blob/v1/docs/rules/',
      },
    });
    // The paths as written: the caller resolves them against the settings file's directory.
    expect(vars.asked).toEqual(['../ci-lib/vars', 'other/vars']);
  });

  test('a docsUrl over plain http, without the trailing slash, is taken as written', () => {
    const result = parse('docsUrl: http://docs.lan/rules\n');
    expect(result.ok && result.config.docsUrl).toBe('http://docs.lan/rules');
  });

  test("the rules it turns off are not run, those it lowers report as warnings (check's rule selection)", () => {
    const ids = ALL_RULES.map((rule) => rule.meta.id);
    const source = "node('podman') {\n  sh 'podman manifest create --amend app-list'\n}\n";
    const config = (settings: string) => {
      const result = parseConfig(settings, 'c.yaml', ids, varsReader().read);
      if (!result.ok) throw new Error(result.problems.join('\n'));
      return result.config;
    };
    const reuse = (settings: string) =>
      check(source, config(settings)).filter((f) => f.rule === 'manifest-reuse');
    expect(reuse('').map((f) => f.severity)).toEqual(['error']);
    expect(reuse('rules: { manifest-reuse: warning }').map((f) => f.severity)).toEqual(['warning']);
    expect(spots(reuse('rules: { manifest-reuse: off }'))).toEqual([]);
  });
});

describe('each mistake is named at its place, with its path and what was expected', () => {
  test.each([
    ['a list', '[rules]\n', `c.yaml:1:1: (config): expected a mapping with ${FIELDS}`],
    ['a number', '3\n', `c.yaml:1:1: (config): expected a mapping with ${FIELDS}`],
    [
      'a misspelt field, at its key',
      'steps: []\nrulez: {}\n',
      `c.yaml:2:1: rulez: unknown field "rulez" (did you mean "rules"?); known fields: ${FIELDS}`,
    ],
    [
      'a field like none',
      'colour: red\n',
      `c.yaml:1:1: colour: unknown field "colour"; known fields: ${FIELDS}`,
    ],
    [
      'rules as a list',
      'rules: [manifest-reuse]\n',
      'c.yaml:1:8: rules: expected a mapping of rule ids to error, warning or off',
    ],
    [
      'a misspelt rule id, at its key',
      'rules:\n  manifest-reus: off\n',
      'c.yaml:2:3: rules.manifest-reus: unknown rule "manifest-reus" (did you mean "manifest-reuse"?); rules: manifest-reuse, empty-file',
    ],
    [
      'a rule id like none',
      'rules: { no-such-thing: off }\n',
      'c.yaml:1:10: rules.no-such-thing: unknown rule "no-such-thing"; rules: manifest-reuse, empty-file',
    ],
    [
      'a severity check does not have',
      'rules: { manifest-reuse: fatal }\n',
      'c.yaml:1:26: rules.manifest-reuse: expected one of error, warning, off, got "fatal"',
    ],
    [
      'a severity that is not text',
      'rules: { empty-file: 2 }\n',
      'c.yaml:1:22: rules.empty-file: expected one of error, warning, off, got 2',
    ],
    [
      'insecureRegistries as one host',
      'insecureRegistries: registry.lan\n',
      'c.yaml:1:21: insecureRegistries: expected a list of registry hosts, e.g. ["registry.lan:5000"]',
    ],
    [
      'a registry that is not text',
      'insecureRegistries: [a.lan, 5000]\n',
      'c.yaml:1:29: insecureRegistries[1]: expected a registry host[:port] as a string',
    ],
    [
      'steps as one name',
      'steps: slackSend\n',
      'c.yaml:1:8: steps: expected a list of step names, e.g. [slackSend, publishHTML]',
    ],
    [
      'a step that is not text',
      'steps: [true]\n',
      'c.yaml:1:9: steps[0]: expected a step name as a string',
    ],
    [
      'a step name Groovy cannot call',
      'steps: [slackSend, publish-html]\n',
      'c.yaml:1:20: steps[1]: expected a step name as Groovy calls it, e.g. slackSend',
    ],
    [
      'a step name that starts with a digit',
      'steps: [1up]\n',
      'c.yaml:1:9: steps[0]: expected a step name as Groovy calls it, e.g. slackSend',
    ],
    [
      'a step name with more than a name in it',
      'steps: ["slackSend channel"]\n',
      'c.yaml:1:9: steps[0]: expected a step name as Groovy calls it, e.g. slackSend',
    ],
    [
      'libraries as a list',
      'libraries: [ci-lib]\n',
      'c.yaml:1:12: libraries: expected a mapping of library names to their vars/ directories, e.g. {ci-lib: ../ci-lib/vars}',
    ],
    [
      'a library directory that is not text',
      'libraries: { ci-lib: 3 }\n',
      "c.yaml:1:22: libraries.ci-lib: expected the path of the library's vars/ directory",
    ],
    [
      'a library directory the reader refuses, at its value',
      'libraries:\n  ci-lib: ../ci-lib/vars\n  gone: gone/vars\n',
      'c.yaml:3:9: libraries.gone: gone/vars does not exist',
    ],
    [
      'scriptSplitting as a word',
      'scriptSplitting: on please\n',
      'c.yaml:1:18: scriptSplitting: expected true (Jenkins runs with RuntimeASTTransformer.SCRIPT_SPLITTING_TRANSFORMATION=true) or false',
    ],
    ['docsUrl as a number', 'docsUrl: 8080\n', `c.yaml:1:10: docsUrl: ${DOCS_URL}`],
    ['docsUrl as a path', 'docsUrl: docs/rules/\n', `c.yaml:1:10: docsUrl: ${DOCS_URL}`],
    ['docsUrl over ftp', 'docsUrl: ftp://x.lan/rules/\n', `c.yaml:1:10: docsUrl: ${DOCS_URL}`],
    ['docsUrl with no host', 'docsUrl: "https:///rules/"\n', `c.yaml:1:10: docsUrl: ${DOCS_URL}`],
    ['docsUrl with no path', 'docsUrl: https://x.lan\n', `c.yaml:1:10: docsUrl: ${DOCS_URL}`],
    [
      'docsUrl with text around it',
      'docsUrl: "see https://x.lan/rules/"\n',
      `c.yaml:1:10: docsUrl: ${DOCS_URL}`,
    ],
    [
      'docsUrl with a space in it',
      'docsUrl: "https://x.lan/rules/ and more"\n',
      `c.yaml:1:10: docsUrl: ${DOCS_URL}`,
    ],
    [
      'YAML that does not parse',
      'rules: {\n',
      expect.stringMatching(/^c\.yaml:2:1: invalid YAML: /),
    ],
  ])('%s', (_, source, problem) => {
    expect(parse(source)).toEqual({ ok: false, problems: [problem] });
  });

  test('every mistake at once, in the order of the file', () => {
    expect(
      parse(
        [
          'steps: [ok, not-ok]',
          'rules: { manifest-reuse: fatal, empty-fil: off }',
          'scriptSplitting: 1',
        ].join('\n'),
      ),
    ).toEqual({
      ok: false,
      problems: [
        'c.yaml:1:13: steps[1]: expected a step name as Groovy calls it, e.g. slackSend',
        'c.yaml:2:26: rules.manifest-reuse: expected one of error, warning, off, got "fatal"',
        'c.yaml:2:33: rules.empty-fil: unknown rule "empty-fil" (did you mean "empty-file"?); rules: manifest-reuse, empty-file',
        'c.yaml:3:18: scriptSplitting: expected true (Jenkins runs with RuntimeASTTransformer.SCRIPT_SPLITTING_TRANSFORMATION=true) or false',
      ],
    });
  });

  test('every unknown field, each at its key', () => {
    expect(parse('stepz: [a]\nrules: {}\nscriptSpliting: true\n')).toEqual({
      ok: false,
      problems: [
        `c.yaml:1:1: stepz: unknown field "stepz" (did you mean "steps"?); known fields: ${FIELDS}`,
        `c.yaml:3:1: scriptSpliting: unknown field "scriptSpliting" (did you mean "scriptSplitting"?); known fields: ${FIELDS}`,
      ],
    });
  });

  test('every library the reader refuses, each at its own value', () => {
    expect(parse('libraries: { a: a/vars, ci-lib: ../ci-lib/vars, b: b/vars }\n')).toEqual({
      ok: false,
      problems: [
        'c.yaml:1:17: libraries.a: a/vars does not exist',
        'c.yaml:1:52: libraries.b: b/vars does not exist',
      ],
    });
  });
});
