import type { Expr } from '../groovy-parser.js';
import { isSecret, literalString } from '../pipeline.js';
import type { Rule } from '../rule.js';

/** Variable names an interpolated expression reads: `PASS`, `env.PASS`, `params.PASS`, `env['PASS']`. */
function namesRead(expr: Expr): string[] {
  switch (expr.kind) {
    case 'name':
      return [expr.name];
    case 'property':
      return expr.object.kind === 'name' && ['env', 'params'].includes(expr.object.name)
        ? [expr.name]
        : namesRead(expr.object);
    case 'index': {
      const key = literalString(expr.index[0]);
      return key !== undefined && expr.object.kind === 'name' ? [key] : namesRead(expr.object);
    }
    case 'call':
      return [...namesRead(expr.callee), ...expr.args.flatMap((arg) => namesRead(arg.value))];
    case 'binary':
      return [...namesRead(expr.left), ...namesRead(expr.right)];
    case 'other':
      return expr.children.flatMap(namesRead);
    default:
      return [];
  }
}

export const secretInterpolation: Rule = {
  id: 'secret-interpolation',
  severity: 'error',
  title: 'A secret is interpolated by Groovy into a script step',
  check({ pipeline }) {
    return pipeline.steps.flatMap((step) =>
      step.interpolations.flatMap(({ value, start, end }) => {
        const secret = namesRead(value).find((name) => isSecret(name, step.scope));
        if (secret === undefined) return [];
        return [
          {
            start,
            end,
            message: `Groovy interpolates ${secret} into the ${step.step} script before the shell runs: the secret becomes part of the command text, which any user on the agent can read in the process list, and it escapes Jenkins' log masking once quoted or transformed (Jenkins warns "A secret was passed to "${step.step}" using Groovy String interpolation, which is insecure")`,
            fix: `Let the shell expand it instead: use a single-quoted Groovy string ('…' or '''…''') and write "$${secret}" there, so the secret travels only in the environment.`,
          },
        ];
      }),
    );
  },
};
