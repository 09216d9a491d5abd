import { isSecret } from '../pipeline.js';
import { commandLineSecrets } from '../command-line-secrets.js';
import type { Rule, RuleFinding } from '../rule.js';
import type { Word } from '../shell.js';

export const secretInTrace: Rule = {
  id: 'secret-in-trace',
  severity: 'error',
  title: 'A secret is expanded in a command that Jenkins traces into the build log',
  check(context) {
    const { pipeline } = context;
    // A password option is password-on-command-line's finding; one finding per mistake.
    const reported = new Set<Word>(
      commandLineSecrets(context).flatMap(({ option }) => (option.value ? [option.value] : [])),
    );
    const findings: RuleFinding[] = [];
    for (const step of pipeline.steps) {
      for (const command of step.shell?.commands ?? []) {
        if (!command.traced) continue;
        const words = [
          ...command.args.filter((word) => !reported.has(word)),
          ...command.assignments.flatMap((a) => (a.value ? [a.value] : [])),
        ];
        const secret = words
          .flatMap((word) => word.parts)
          .find((part) => part.kind === 'variable' && isSecret(part.name, step.scope));
        if (secret?.kind !== 'variable') continue;
        findings.push({
          start: secret.start,
          end: secret.end,
          message: `Jenkins runs sh with set -x, so this command is written to the build log with $${secret.name} expanded: the secret is in the console output and in every copy of the log (Jenkins masks only the exact values of credentials it bound itself, not values read elsewhere, quoted or transformed)`,
          fix: `Turn tracing off before the secret is used: put { set +x; } 2>/dev/null on the line before (and set -x after it, if you want tracing back).`,
        });
      }
    }
    return findings;
  },
};
