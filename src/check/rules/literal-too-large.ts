import { LITERAL_LIMITS } from '../../model/spec.js';
import { nonCpsMethods } from '../cps.js';
import { forEachNode } from '../pipeline.js';
import {
  defineRule,
  example,
  type MessageTemplate,
  type ReportOf,
  type RuleContext,
} from '../rule.js';

const FAILS = 'so the whole file fails to compile and nothing in it runs';
const FROM_A_FILE =
  'or read the values from a file in the workspace (readFile, readJSON, readYaml)';

const messages = {
  tooManyElements: {
    message: `a list literal of {{count}} elements: Jenkins' CPS compiler takes at most ${LITERAL_LIMITS.list} ("List expressions can only contain up to ${LITERAL_LIMITS.list} elements"), ${FAILS}`,
    fix: `Split it into literals of at most ${LITERAL_LIMITS.list} elements joined with +, ${FROM_A_FILE}`,
  },
  tooManyEntries: {
    message: `a map literal of {{count}} entries: Jenkins' CPS compiler takes at most ${LITERAL_LIMITS.map} ("Map expressions can only contain up to ${LITERAL_LIMITS.map} entries"), ${FAILS}`,
    fix: `Split it into literals of at most ${LITERAL_LIMITS.map} entries joined with +, ${FROM_A_FILE}`,
  },
} satisfies Record<string, MessageTemplate>;

/**
 * `'t0', 't1', …` up to before `to`, ten to a line: a list literal's elements for the examples.
 * Each line after the first is indented as the examples' lines inside the literal are.
 */
function targets(from: number, to: number): string {
  const lines: string[] = [];
  for (let line = from; line < to; line += 10)
    lines.push(
      Array.from({ length: Math.min(10, to - line) }, (_, i) => `'t${line + i}'`).join(', '),
    );
  return lines.join(',\n          ');
}

/**
 * A list literal of more than 250 elements or a map literal of more than 125 entries: workflow-cps
 * CpsTransformer.visitListExpression / visitMapExpression add a compilation error, so the whole
 * file fails before anything runs (CpsTransformerTest.excessiveListElements and
 * excessiveMapElements: 250 elements and 125 entries compile, one more does not). The limits are
 * the model's own (LITERAL_LIMITS). A @NonCPS method is not transformed, so it may hold more.
 */
export const literalTooLarge = defineRule({
  meta: {
    id: 'literal-too-large',
    severity: 'error',
    title: "A list or map literal larger than Jenkins' CPS compiler accepts",
    docs: {
      description: `A list literal of more than ${LITERAL_LIMITS.list} elements or a map literal of more than ${LITERAL_LIMITS.map} entries outside \`@NonCPS\` methods: Jenkins' CPS compiler refuses the whole file ("List expressions can only contain up to ${LITERAL_LIMITS.list} elements").`,
      file: 'Jenkinsfile',
      bad: example`
        def targets = [
          ${targets(0, LITERAL_LIMITS.list + 1)}
        ]
        node('podman') {
          targets.each { sh "make \${it}" }
        }
      `,
      good: example`
        def targets = [
          ${targets(0, LITERAL_LIMITS.list)}
        ] + [${targets(LITERAL_LIMITS.list, LITERAL_LIMITS.list + 1)}]
        node('podman') {
          targets.each { sh "make \${it}" }
        }
      `,
    },
    messages,
  },
  check({ file }: RuleContext) {
    const plain = nonCpsMethods(file.statements);
    const transformed = (start: number) =>
      !plain.some((method) => method.start <= start && start < method.end);
    const findings: ReportOf<typeof messages>[] = [];
    forEachNode(file.statements, (node) => {
      const found =
        node.kind === 'list' && node.items.length > LITERAL_LIMITS.list
          ? { messageId: 'tooManyElements' as const, count: node.items.length }
          : node.kind === 'map' && node.entries.length > LITERAL_LIMITS.map
            ? { messageId: 'tooManyEntries' as const, count: node.entries.length }
            : undefined;
      if (!found || !transformed(node.start)) return;
      findings.push({
        messageId: found.messageId,
        start: node.start,
        end: node.start + 1,
        data: { count: found.count },
      });
    });
    return findings;
  },
});
