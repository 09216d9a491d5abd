import {
  defineRule,
  example,
  type MessageTemplate,
  type ReportOf,
  type SuppressionContext,
} from '../rule.js';

const messages = {
  noRule: {
    message: 'this suppression names no rule, so it suppresses nothing',
    fix: 'Name the rule id shown with the finding, then a reason: // jenkins-multiarch-ignore RULE reason; ids: {{ids}}',
  },
  unknownRule: {
    message: 'this suppression names unknown rule{{s}} {{unknown}}, so it suppresses nothing',
    fix: 'Name the rule id shown with the finding, then a reason: // jenkins-multiarch-ignore RULE reason; ids: {{ids}}',
  },
  noReason: {
    message:
      'this suppression gives no reason, so it suppresses nothing: the next reader cannot tell a deliberate exception from a silenced bug',
    fix: 'Say why after the rule id{{s}}: // jenkins-multiarch-ignore {{rules}} the registry is on the build network only',
  },
  unused: {
    message: 'nothing to suppress: no {{rules}} finding on line {{line}}',
    fix: 'Remove the comment, or move it to the line before the finding',
  },
} satisfies Record<string, MessageTemplate>;

export const badSuppression = defineRule({
  meta: {
    id: 'bad-suppression',
    severity: 'warning',
    title:
      'A jenkins-multiarch-ignore comment that names no known rule, gives no reason, or suppresses nothing',
    docs: {
      description:
        'An ignore comment with no reason, an unknown rule, or nothing to suppress. Such a comment suppresses nothing.',
      file: 'Jenkinsfile',
      bad: example`
        node('podman') {
          // jenkins-multiarch-ignore insecure-registry
          sh 'podman pull --tls-verify=false registry.lan:5000/acme/base:1'
          // jenkins-multiarch-ignore insecure-registery the lab registry has no TLS
          sh 'podman pull --tls-verify=false registry.lan:5000/acme/base:2'
          // jenkins-multiarch-ignore manifest-reuse left over from an older version of this file
          sh 'podman pull registry.example.com/acme/base:3'
        }
      `,
      good: example`
        node('podman') {
          // jenkins-multiarch-ignore insecure-registry the lab registry has no TLS and no route outside
          sh 'podman pull --tls-verify=false registry.lan:5000/acme/base:1'
          sh '''
            podman pull --tls-verify=false registry.lan:5000/acme/base:2 # jenkins-multiarch-ignore insecure-registry lab only
          '''
        }
      `,
    },
    messages,
  },
  check: ({ directives, ruleIds }: SuppressionContext) =>
    directives.flatMap(
      ({ comment, rules, unknown, reason, line, used }): ReportOf<typeof messages>[] => {
        const at = { start: comment.start, end: comment.end };
        const ids = ruleIds.join(', ');
        if (rules.length === 0) return [{ messageId: 'noRule', ...at, data: { ids } }];
        const plural = (names: readonly string[]) => (names.length > 1 ? 's' : '');
        if (unknown.length > 0) {
          const data = { ids, unknown: unknown.join(', '), s: plural(unknown) };
          return [{ messageId: 'unknownRule', ...at, data }];
        }
        if (reason === '')
          return [
            { messageId: 'noReason', ...at, data: { rules: rules.join(','), s: plural(rules) } },
          ];
        if (!used)
          return [{ messageId: 'unused', ...at, data: { rules: rules.join(' or '), line } }];
        return [];
      },
    ),
});
