import { commandLineSecrets, takesFile } from './command-line-secrets.js';
import { DOCKER_CONTAINER_STEP, isSecret } from './pipeline.js';
import type { RuleContext } from './rule.js';
import type { Word } from './shell.js';

/** A secret variable expanded in a command that runs while `set -x` is on. */
export interface TracedSecret {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  /** Whether credentials-binding bound it, so Jenkins masks its exact value in the log. */
  readonly masked: boolean;
}

/**
 * The first secret of each kind (masked by Jenkins, or not) in each traced command. A password
 * option is password-on-command-line's finding, not this: one finding per mistake.
 */
export function tracedSecrets(context: RuleContext): TracedSecret[] {
  const reported = new Set<Word>(
    // `--password=$P` is one word: the option's, of which the value is a part.
    commandLineSecrets(context).flatMap(({ option }) =>
      option.value ? [option.word, option.value] : [],
    ),
  );
  const found: TracedSecret[] = [];
  for (const step of context.pipeline.steps) {
    if (step.step === DOCKER_CONTAINER_STEP) continue;
    for (const command of step.shell?.commands ?? []) {
      if (!command.traced) continue;
      const words = [
        ...command.args.filter((word) => !reported.has(word) && !takesFile(command.args, word)),
        ...command.assignments.flatMap((a) => (a.value ? [a.value] : [])),
      ];
      const secrets = words
        .flatMap((word) => word.parts)
        .flatMap((part) =>
          part.kind === 'variable' && isSecret(part.name, step.scope)
            ? [{ ...part, masked: step.scope.masked.has(part.name) }]
            : [],
        );
      for (const masked of [false, true]) {
        const first = secrets.find((secret) => secret.masked === masked);
        if (first) found.push({ name: first.name, start: first.start, end: first.end, masked });
      }
    }
  }
  return found;
}

export const TRACE_FIX =
  'Turn tracing off before the secret is used: put { set +x; } 2>/dev/null on the line before (and set -x after it, if you want tracing back).';
