import { defineRule, example, type RuleContext } from '../rule.js';
import { TRACE_FIX, tracedSecrets } from '../traced-secrets.js';

export const maskedSecretInTrace = defineRule({
  meta: {
    id: 'masked-secret-in-trace',
    severity: 'warning',
    title:
      'A secret Jenkins masks is expanded in a traced command, where only its exact value is masked',
    docs: {
      description:
        'The same with a secret `withCredentials`/`credentials()` bound: Jenkins masks its exact value (and Base64 and quoted forms), not a transformed copy.',
      file: 'Jenkinsfile',
      bad: example`
        node('podman') {
          withCredentials([string(credentialsId: 'registry-token', variable: 'REG_TOKEN')]) {
            sh 'echo "$REG_TOKEN" | podman login --username robot --password-stdin registry.example.com'
          }
        }
      `,
      good: example`
        node('podman') {
          withCredentials([string(credentialsId: 'registry-token', variable: 'REG_TOKEN')]) {
            sh '''
              { set +x; } 2>/dev/null
              echo "$REG_TOKEN" | podman login --username robot --password-stdin registry.example.com
            '''
          }
        }
      `,
    },
    messages: {
      maskedSecret: {
        message:
          'Jenkins runs sh with set -x, so this command is written to the build log with ${{name}} expanded. Jenkins masks what withCredentials bound: the exact value, its Base64 and its shell-quoted forms (credentials-binding\'s console log filter, BindingStep.Filter with SecretPatterns), so this line shows ****; but a transformed copy is logged in clear: a part of it, the value joined to another and encoded (printf \'%s:%s\' "$USER" "${{name}}" | base64), URL-encoded, or split across lines',
        fix: TRACE_FIX,
      },
    },
  },
  check(context: RuleContext) {
    return tracedSecrets(context)
      .filter((secret) => secret.masked)
      .map(({ name, start, end }) => ({
        messageId: 'maskedSecret' as const,
        start,
        end,
        data: { name },
      }));
  },
});
