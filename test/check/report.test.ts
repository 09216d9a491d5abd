import picocolors from 'picocolors';
import { describe, expect, test } from 'vitest';
import type { Finding } from '../../src/check/check.js';
import { jsonReport } from '../../src/check/report/json.js';
import { countErrors, type FileFindings } from '../../src/check/report/results.js';
import { sarifReport } from '../../src/check/report/sarif.js';
import { textReport, type Colors } from '../../src/check/report/text.js';
import { rulePage } from '../../src/check/rule-docs.js';
import { ALL_RULES } from '../../src/check/rules/index.js';
import { check } from './support.js';

/**
 * check's three reports as functions of the findings: each part of a text report's line, the JSON
 * summary's counts, and what SARIF consumers read. The CLI's tests (cli.test.ts) run them end to
 * end; these pin what the end-to-end runs leave loose.
 */

const finding = (over: Partial<Finding>): Finding => ({
  rule: 'manifest-reuse',
  messageId: 'buildManifest',
  severity: 'error',
  line: 1,
  column: 1,
  endLine: 1,
  endColumn: 2,
  message: 'the message',
  fix: 'the fix',
  ...over,
});

/**
 * Colours as visible tags, so that a test sees which part is coloured how; what picocolors itself
 * writes (and whether FORCE_COLOR or NO_COLOR is set where the tests run) does not matter here.
 */
const tags = new Proxy(
  {},
  { get: (_, name) => (text: string) => `<${String(name)}>${text}</${String(name)}>` },
) as Colors;

describe('the text report', () => {
  const results: FileFindings[] = [
    {
      file: 'ci/Jenkinsfile',
      findings: [
        finding({ line: 3, column: 7, message: 'first', fix: 'fix one' }),
        finding({
          rule: 'insecure-registry',
          severity: 'warning',
          line: 12,
          column: 15,
          message: 'second',
          fix: 'fix two',
        }),
      ],
    },
    { file: 'clean/Jenkinsfile', findings: [] },
    {
      file: 'Dockerfile',
      findings: [finding({ rule: 'buildplatform-ignored', severity: 'warning', message: 'third' })],
    },
  ];

  test('each file with findings: its name, then each finding with its place, severity, message and rule, and its fix under it', () => {
    expect(textReport(results, tags).split('\n')).toEqual([
      '',
      '<underline>ci/Jenkinsfile</underline>',
      // Places padded to the file's widest, so that the severities line up.
      '  <dim>3:7  </dim>  <red>error  </red>  first  <dim>manifest-reuse</dim>',
      '         <dim>fix: fix one</dim>',
      '  <dim>12:15</dim>  <yellow>warning</yellow>  second  <dim>insecure-registry</dim>',
      '         <dim>fix: fix two</dim>',
      '',
      '<underline>Dockerfile</underline>',
      '  <dim>1:1</dim>  <yellow>warning</yellow>  third  <dim>buildplatform-ignored</dim>',
      '       <dim>fix: the fix</dim>',
      '',
      '<red><bold>✖ 3 problems (1 error, 2 warnings)</bold></red>',
      '',
    ]);
  });

  test('the summary is red while there is an error, yellow for warnings alone, and counts in words', () => {
    const summary = (findings: Finding[]) =>
      textReport([{ file: 'Jenkinsfile', findings }], tags)
        .split('\n')
        .at(-2);
    expect(summary([finding({})])).toBe(
      '<red><bold>✖ 1 problem (1 error, 0 warnings)</bold></red>',
    );
    expect(summary([finding({ severity: 'warning' })])).toBe(
      '<yellow><bold>✖ 1 problem (0 errors, 1 warning)</bold></yellow>',
    );
    expect(summary([finding({}), finding({ line: 2 })])).toBe(
      '<red><bold>✖ 2 problems (2 errors, 0 warnings)</bold></red>',
    );
  });

  test('nothing at all when no file has a finding', () => {
    expect(textReport([{ file: 'Jenkinsfile', findings: [] }], tags)).toBe('');
    expect(textReport([], tags)).toBe('');
  });

  test("with picocolors' colours off, the same layout in plain text", () => {
    const plain = textReport(results.slice(0, 1), picocolors.createColors(false));
    expect(plain).toBe(
      [
        '',
        'ci/Jenkinsfile',
        '  3:7    error    first  manifest-reuse',
        '         fix: fix one',
        '  12:15  warning  second  insecure-registry',
        '         fix: fix two',
        '',
        '✖ 2 problems (1 error, 1 warning)',
        '',
      ].join('\n'),
    );
  });
});

describe('the JSON report', () => {
  test('every finding with its file, the unreadable files, and the counts', () => {
    const report = jsonReport(
      [
        { file: 'a/Jenkinsfile', findings: [finding({}), finding({ severity: 'warning' })] },
        { file: 'b/Jenkinsfile', findings: [finding({ severity: 'warning', line: 4 })] },
        { file: 'c/Jenkinsfile', findings: [] },
      ],
      [{ file: 'd.groovy', reason: 'is a binary file, not a Jenkinsfile' }],
    );
    // Indented, one value a line, ending with a newline: read by people and by diff, too.
    expect(report).toMatch(/^\{\n {2}"findings": \[\n {4}\{\n {6}"file": "a\/Jenkinsfile",\n/);
    expect(report.endsWith('}\n')).toBe(true);
    expect(JSON.parse(report)).toEqual({
      findings: [
        { file: 'a/Jenkinsfile', ...finding({}) },
        { file: 'a/Jenkinsfile', ...finding({ severity: 'warning' }) },
        { file: 'b/Jenkinsfile', ...finding({ severity: 'warning', line: 4 }) },
      ],
      unreadable: [{ file: 'd.groovy', reason: 'is a binary file, not a Jenkinsfile' }],
      summary: { files: 3, errors: 1, warnings: 2, unreadable: 1 },
    });
  });
});

test('countErrors counts the error-level findings of every file, not the warnings', () => {
  expect(
    countErrors([
      { file: 'a', findings: [finding({}), finding({ severity: 'warning' }), finding({})] },
      { file: 'b', findings: [] },
      { file: 'c', findings: [finding({})] },
    ]),
  ).toBe(3);
  expect(countErrors([{ file: 'a', findings: [finding({ severity: 'warning' })] }])).toBe(0);
});

describe('the SARIF report', () => {
  const rules = [
    ALL_RULES.find(({ meta }) => meta.id === 'insecure-registry')!,
    ALL_RULES.find(({ meta }) => meta.id === 'manifest-reuse')!,
  ];
  const sarif = (
    results: readonly FileFindings[],
    unreadable: { file: string; reason: string }[] = [],
    docsUrl?: string,
  ) => JSON.parse(sarifReport(results, unreadable, rules, '1.2.3', docsUrl));

  test('indented, one value a line, ending with a newline, as the JSON report', () => {
    const results = [{ file: 'Jenkinsfile', findings: [finding({})] }];
    const text = sarifReport(results, [], rules, '1.2.3');
    expect(text).toMatch(/^\{\n {2}"version": "2\.1\.0",\n {2}"\$schema": /);
    expect(text.endsWith('\n}\n')).toBe(true);
  });

  test("names its schema and says its columns are UTF-16 code units, as check's are", () => {
    const log = sarif([]);
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].columnKind).toBe('utf16CodeUnits');
    // The whale is two UTF-16 code units, one code point: the finding's column counts it as two.
    const line = "  sh 'echo 🐳; podman pull --tls-verify=false registry.lan/a:1'";
    const [found] = check(`node('podman') {\n${line}\n}\n`).filter(
      (f) => f.rule === 'insecure-registry',
    );
    expect(found!.column).toBe(line.indexOf('--tls-verify') + 1);
  });

  test('a descriptor per rule: its title, description, page and severity', () => {
    const [descriptor] = sarif([]).runs[0].tool.driver.rules;
    const { meta } = rules[0]!;
    expect(descriptor).toEqual({
      id: 'insecure-registry',
      shortDescription: { text: meta.title },
      fullDescription: { text: meta.docs.description },
      help: { text: meta.docs.description, markdown: rulePage(rules[0]!) },
      defaultConfiguration: { level: 'warning' },
    });
    expect(sarif([]).runs[0].tool.driver).toMatchObject({
      name: 'jenkins-multiarch',
      version: '1.2.3',
    });
  });

  test.each([
    ['with its trailing slash', 'https://docs.lan/jma/rules/'],
    ['without it', 'https://docs.lan/jma/rules'],
  ])('helpUri under the docsUrl, %s', (_, docsUrl) => {
    const descriptors = sarif([], [], docsUrl).runs[0].tool.driver.rules;
    expect(descriptors.map((d: { helpUri: string }) => d.helpUri)).toEqual([
      'https://docs.lan/jma/rules/insecure-registry.md',
      'https://docs.lan/jma/rules/manifest-reuse.md',
    ]);
  });

  test("each result: its rule and the rule's index, level, message with fix, and region", () => {
    const run = sarif([
      {
        file: 'ci/my app/Jenkinsfile',
        findings: [finding({ line: 2, column: 3, endLine: 4, endColumn: 5 })],
      },
      {
        file: '/elsewhere/Jenkinsfile',
        findings: [finding({ rule: 'insecure-registry', severity: 'warning' })],
      },
    ]).runs[0];
    expect(run.results).toEqual([
      {
        ruleId: 'manifest-reuse',
        ruleIndex: 1,
        level: 'error',
        message: { text: 'the message. Fix: the fix' },
        locations: [
          {
            physicalLocation: {
              // A URI: the space encoded, relative to the checked directory.
              artifactLocation: { uri: 'ci/my%20app/Jenkinsfile', uriBaseId: '%SRCROOT%' },
              region: { startLine: 2, startColumn: 3, endLine: 4, endColumn: 5 },
            },
          },
        ],
      },
      {
        ruleId: 'insecure-registry',
        ruleIndex: 0,
        level: 'warning',
        message: { text: 'the message. Fix: the fix' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'file:///elsewhere/Jenkinsfile' },
              region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
            },
          },
        ],
      },
    ]);
    expect(run.invocations).toEqual([{ executionSuccessful: true }]);
  });

  test('an unreadable file is an error notification of an invocation that did not succeed', () => {
    const run = sarif([], [{ file: 'a b.groovy', reason: 'is not UTF-8 text' }]).runs[0];
    expect(run.invocations).toEqual([
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          {
            level: 'error',
            message: { text: 'could not check a b.groovy: is not UTF-8 text' },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: 'a%20b.groovy', uriBaseId: '%SRCROOT%' },
                },
              },
            ],
          },
        ],
      },
    ]);
  });
});
