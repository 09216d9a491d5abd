import { describe, expect, test } from 'vitest';
import { example, formatReport, type RuleMeta } from '../../src/check/rule.js';

/** rule.ts's own behaviour: how a report's message is filled in, and how examples are written. */

const meta: RuleMeta = {
  id: 'some-rule',
  severity: 'error',
  title: 'A rule',
  docs: { description: 'd', file: 'Jenkinsfile', bad: '', good: '' },
  messages: {
    push: {
      message: '{{tool}} push {{list}} pushes {{count}} image',
      fix: 'Use {{tool}} manifest',
    },
    plain: { message: 'No data here', fix: 'Nothing to fill' },
  },
};

describe('formatReport', () => {
  test("fills every placeholder of the message and the fix with the report's data", () => {
    const report = { messageId: 'push', start: 0, end: 1 };
    expect(
      formatReport(meta, { ...report, data: { tool: 'podman', list: 'app', count: 1 } }),
    ).toEqual({
      message: 'podman push app pushes 1 image',
      fix: 'Use podman manifest',
    });
  });

  test('a message without placeholders needs no data', () => {
    expect(formatReport(meta, { messageId: 'plain', start: 0, end: 1 })).toEqual({
      message: 'No data here',
      fix: 'Nothing to fill',
    });
  });

  test("a message the rule does not have is the rule's bug, named with the rule", () => {
    expect(() => formatReport(meta, { messageId: 'pull', start: 0, end: 1 })).toThrow(
      'some-rule: no message pull',
    );
  });

  test("a placeholder without data is the rule's bug, not text for the user", () => {
    const report = { messageId: 'push', start: 0, end: 1, data: { tool: 'podman', count: 1 } };
    expect(() => formatReport(meta, report)).toThrow('some-rule.push: no {{list}}');
    expect(() => formatReport(meta, { messageId: 'push', start: 0, end: 1 })).toThrow(
      'some-rule.push: no {{tool}}',
    );
  });
});

describe('example', () => {
  test('drops the first line break and the indentation the lines share, blank lines aside', () => {
    const text = example`
        node {

          sh 'make'
        }
    `;
    expect(text).toBe("node {\n\n  sh 'make'\n}\n");
  });

  test('keeps a line that starts at the left edge, and the values written into it', () => {
    const step = 'make';
    expect(example`node {\n  sh '${step}'\n}`).toBe("node {\n  sh 'make'\n}");
  });

  test('drops the spaces and tabs that end the text, not those that end its lines', () => {
    expect(example`\n      a  \n      b \t `).toBe('a  \nb');
  });
});
