import type { Rule } from '../rule.js';
import { TRACE_FIX, tracedSecrets } from '../traced-secrets.js';

export const secretInTrace: Rule = {
  id: 'secret-in-trace',
  severity: 'error',
  title: 'A secret Jenkins does not mask is expanded in a command that Jenkins traces into the log',
  check(context) {
    return tracedSecrets(context)
      .filter((secret) => !secret.masked)
      .map(({ name, start, end }) => ({
        start,
        end,
        message: `Jenkins runs sh with set -x, so this command is written to the build log with $${name} expanded, and nothing masks it: Jenkins masks only the values credentials-binding bound (withCredentials, credentials()), not a secret read by the script, a password parameter or a variable named like a secret, so it is in the console output and in every copy of the log`,
        fix: TRACE_FIX,
      }));
  },
};
