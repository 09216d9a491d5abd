import type { Rule } from '../rule.js';
import { TRACE_FIX, tracedSecrets } from '../traced-secrets.js';

export const maskedSecretInTrace: Rule = {
  id: 'masked-secret-in-trace',
  severity: 'warning',
  title:
    'A secret Jenkins masks is expanded in a traced command, where only its exact value is masked',
  check(context) {
    return tracedSecrets(context)
      .filter((secret) => secret.masked)
      .map(({ name, start, end }) => ({
        start,
        end,
        message: `Jenkins runs sh with set -x, so this command is written to the build log with $${name} expanded. Jenkins masks what withCredentials bound: the exact value, its Base64 and its shell-quoted forms (credentials-binding's console log filter, BindingStep.Filter with SecretPatterns), so this line shows ****; but a transformed copy is logged in clear: a part of it, the value joined to another and encoded (printf '%s:%s' "$USER" "$${name}" | base64), URL-encoded, or split across lines`,
        fix: TRACE_FIX,
      }));
  },
};
