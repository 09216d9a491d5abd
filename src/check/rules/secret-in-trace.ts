import { defineRule, example, type RuleContext } from '../rule.js';
import { TRACE_FIX, tracedSecrets } from '../traced-secrets.js';

export const secretInTrace = defineRule({
  meta: {
    id: 'secret-in-trace',
    severity: 'error',
    title:
      'A secret Jenkins does not mask is expanded in a command that Jenkins traces into the log',
    docs: {
      description:
        'A secret Jenkins does not mask (read by the script, named like one, a password parameter) expanded while `set -x` is on (Jenkins\' default), e.g. `echo "$TOKEN" | podman login --password-stdin`.',
      file: 'Jenkinsfile',
      bad: example`
        node('podman') {
          sh '''
            REG_TOKEN=$(cat /run/secrets/registry-token)
            echo "$REG_TOKEN" | podman login --username robot --password-stdin registry.example.com
          '''
        }
      `,
      good: example`
        node('podman') {
          sh '''
            { set +x; } 2>/dev/null
            REG_TOKEN=$(cat /run/secrets/registry-token)
            echo "$REG_TOKEN" | podman login --username robot --password-stdin registry.example.com
          '''
        }
      `,
    },
    messages: {
      unmaskedSecret: {
        message:
          'Jenkins runs sh with set -x, so this command is written to the build log with ${{name}} expanded, and nothing masks it: Jenkins masks only the values credentials-binding bound (withCredentials, credentials()), not a secret read by the script, a password parameter or a variable named like a secret, so it is in the console output and in every copy of the log',
        fix: TRACE_FIX,
      },
    },
  },
  check(context: RuleContext) {
    return tracedSecrets(context)
      .filter((secret) => !secret.masked)
      .map(({ name, start, end }) => ({
        messageId: 'unmaskedSecret' as const,
        start,
        end,
        data: { name },
      }));
  },
});
