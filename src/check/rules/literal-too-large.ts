import { LITERAL_LIMITS } from '../../model/spec.js';
import { nonCpsMethods } from '../cps.js';
import { forEachNode } from '../pipeline.js';
import type { Rule, RuleFinding } from '../rule.js';

/**
 * A list literal of more than 250 elements or a map literal of more than 125 entries: workflow-cps
 * CpsTransformer.visitListExpression / visitMapExpression add a compilation error, so the whole
 * file fails before anything runs (CpsTransformerTest.excessiveListElements and
 * excessiveMapElements: 250 elements and 125 entries compile, one more does not). The limits are
 * the model's own (LITERAL_LIMITS). A @NonCPS method is not transformed, so it may hold more.
 */
export const literalTooLarge: Rule = {
  id: 'literal-too-large',
  severity: 'error',
  title: "A list or map literal larger than Jenkins' CPS compiler accepts",
  check({ file }) {
    const plain = nonCpsMethods(file.statements);
    const transformed = (start: number) =>
      !plain.some((method) => method.start <= start && start < method.end);
    const findings: RuleFinding[] = [];
    forEachNode(file.statements, (node) => {
      const found =
        node.kind === 'list' && node.items.length > LITERAL_LIMITS.list
          ? { count: node.items.length, what: 'list', of: 'elements', max: LITERAL_LIMITS.list }
          : node.kind === 'map' && node.entries.length > LITERAL_LIMITS.map
            ? { count: node.entries.length, what: 'map', of: 'entries', max: LITERAL_LIMITS.map }
            : undefined;
      if (!found || !transformed(node.start)) return;
      const { count, what, of, max } = found;
      const name = what === 'list' ? 'List' : 'Map';
      findings.push({
        start: node.start,
        end: node.start + 1,
        message: `a ${what} literal of ${count} ${of}: Jenkins' CPS compiler takes at most ${max} ("${name} expressions can only contain up to ${max} ${of}"), so the whole file fails to compile and nothing in it runs`,
        fix: `Split it into literals of at most ${max} ${of} joined with +, or read the values from a file in the workspace (readFile, readJSON, readYaml)`,
      });
    });
    return findings;
  },
};
