import { describe, expect, test } from 'vitest';
import type { CheckConfig } from './check.js';
import { checkExample } from './rule-examples.js';
import type { AnyRule } from './rule.js';

/**
 * Each rule's tests, next to the rule as eslint's RuleTester has them: small inline cases, each
 * invalid one with the exact `line:column messageId` of every finding the rule must give. The
 * rule's documented examples are cases too, so its page cannot show an example that does not work.
 * Test-only (it imports vitest); the build leaves it out.
 */

export interface Case {
  readonly code: string;
  /** Checked under this name; by default the rule's docs.file. */
  readonly file?: string;
  readonly settings?: Partial<CheckConfig>;
  /** What the case shows; by default its first line of code. */
  readonly name?: string;
}

export interface InvalidCase extends Case {
  /**
   * `line:column messageId` of each of the rule's findings, in order; `line:column-line:column
   * messageId` where the case pins the end of the span too (what an editor underlines).
   */
  readonly errors: readonly string[];
  /** The whole message of each finding, in order, where the case pins what the user reads. */
  readonly messages?: readonly string[];
  /** The whole fix of each finding, in order, as `messages`. */
  readonly fixes?: readonly string[];
}

export interface RuleCases {
  /** Code in which the rule finds nothing. */
  readonly valid: readonly (string | Case)[];
  readonly invalid: readonly InvalidCase[];
}

const nameOf = (item: Case) => item.name ?? item.code.split('\n').find((l) => l.trim() !== '')!;

export function testRule(rule: AnyRule, { valid, invalid }: RuleCases): void {
  const { id, docs, messages, severity } = rule.meta;
  const findings = (item: Case) =>
    checkExample(item.code, item.file ?? docs.file, { ...docs.settings, ...item.settings });
  const ofRule = (item: Case) => findings(item).filter((finding) => finding.rule === id);

  describe(id, () => {
    test('the documented bad example gives its findings, and the good one none at all', () => {
      expect(ofRule({ code: docs.bad }).length).toBeGreaterThan(0);
      expect(findings({ code: docs.good }).map((f) => `${f.line}:${f.column} ${f.rule}`)).toEqual(
        [],
      );
    });

    for (const item of valid.map((v) => (typeof v === 'string' ? { code: v } : v)))
      test(`valid: ${nameOf(item)}`, () => {
        expect(ofRule(item).map((f) => `${f.line}:${f.column} ${f.messageId}`)).toEqual([]);
      });

    for (const item of invalid)
      test(`invalid: ${nameOf(item)}`, () => {
        const found = ofRule(item);
        expect(
          found.map((f, i) => {
            const span = item.errors[i]?.split(' ')[0]?.includes('-')
              ? `-${f.endLine}:${f.endColumn}`
              : '';
            return `${f.line}:${f.column}${span} ${f.messageId}`;
          }),
        ).toEqual(item.errors);
        if (item.messages) expect(found.map((f) => f.message)).toEqual(item.messages);
        if (item.fixes) expect(found.map((f) => f.fix)).toEqual(item.fixes);
        for (const finding of found) expect(finding.severity).toBe(severity);
      });

    test('every message is given by some invalid case', () => {
      const given = new Set(invalid.flatMap((item) => item.errors.map((e) => e.split(' ')[1])));
      expect(Object.keys(messages).filter((messageId) => !given.has(messageId))).toEqual([]);
    });
  });
}
