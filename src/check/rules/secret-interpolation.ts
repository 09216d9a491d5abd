import type { Expr } from '../groovy-parser.js';
import { isScriptStep, isSecret, literalString } from '../pipeline.js';
import {
  defineRule,
  example,
  type MessageTemplate,
  type ReportOf,
  type RuleContext,
} from '../rule.js';

/** `env` or `params`, also as a library class reads them through the DSL object: `steps.env`. */
const isVariables = (expr: Expr): boolean =>
  (expr.kind === 'name' || expr.kind === 'property') && ['env', 'params'].includes(expr.name);

/**
 * Variable names an interpolated expression reads: `PASS`, `env.PASS`, `params.PASS`,
 * `env['PASS']`, `steps.env.PASS`.
 */
function namesRead(expr: Expr): string[] {
  switch (expr.kind) {
    case 'name':
      return [expr.name];
    case 'property':
      return isVariables(expr.object) ? [expr.name] : namesRead(expr.object);
    case 'index': {
      const key = literalString(expr.index[0]);
      return key !== undefined && (expr.object.kind === 'name' || isVariables(expr.object))
        ? [key]
        : namesRead(expr.object);
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

const messages = {
  secret: {
    message:
      "Groovy interpolates {{name}} into the {{step}} script before the shell runs: the secret becomes part of the command text, which any user on the agent can read in the process list, and it escapes Jenkins' log masking once quoted or transformed{{warning}}",
    fix: "Let the shell expand it instead: use a single-quoted Groovy string ('…' or '''…''') and write \"${{name}}\" there, so the secret travels only in the environment.",
  },
  secretFile: {
    message:
      'Groovy interpolates {{name}}, the path of the secret file withCredentials wrote, into the {{step}} script: credentials-binding binds that path as a secret value,{{warning}} and the path, pasted into the script text unquoted, is split or expanded by the shell when the workspace path holds a space, a quote or a $',
    fix: "Let the shell expand it instead: use a single-quoted Groovy string ('…' or '''…''') and write \"${{name}}\" there, so the path travels only in the environment.",
  },
} satisfies Record<string, MessageTemplate>;

export const secretInterpolation = defineRule({
  meta: {
    id: 'secret-interpolation',
    severity: 'error',
    title: 'A secret, or the path of a secret file, is interpolated by Groovy into a script step',
    docs: {
      description:
        'A `withCredentials`/`credentials()`/password-parameter variable, or a `*PASSWORD*`/`*TOKEN*`/`*SECRET*`-named one, interpolated by Groovy (`"${PASS}"`) into `sh`/`bat`/`powershell` or a `docker.build` argument; also a secret file\'s path (`file()`\'s `variable`, `keyFileVariable`, `keystoreVariable`: `sh "kinit -kt $KEYTAB_FILE …"`), which Jenkins binds as a secret too.',
      file: 'Jenkinsfile',
      bad: example`
        node('podman') {
          withCredentials([string(credentialsId: 'registry-token', variable: 'TOKEN')]) {
            sh "printf '%s' \${TOKEN} | podman login --username robot --password-stdin registry.example.com"
          }
        }
      `,
      good: example`
        node('podman') {
          withCredentials([string(credentialsId: 'registry-token', variable: 'TOKEN')]) {
            sh '''
              { set +x; } 2>/dev/null
              printf '%s' "$TOKEN" | podman login --username robot --password-stdin registry.example.com
            '''
          }
        }
      `,
    },
    messages,
  },
  check({ pipeline }: RuleContext) {
    return pipeline.steps.flatMap((step) =>
      step.interpolations.flatMap(({ value, start, end }): ReportOf<typeof messages>[] => {
        const names = namesRead(value);
        const secret = names.find((name) => isSecret(name, step.scope));
        const file = names.find((name) => step.scope.secretFiles.has(name));
        const name = secret ?? file;
        if (name === undefined) return [];
        const warning = isScriptStep(step)
          ? `Jenkins warns "A secret was passed to "${step.step}" using Groovy String interpolation, which is insecure"`
          : undefined;
        if (secret !== undefined)
          return [
            {
              messageId: 'secret',
              start,
              end,
              data: { name, step: step.step, warning: warning ? ` (${warning})` : '' },
            },
          ];
        return [
          {
            messageId: 'secretFile',
            start,
            end,
            data: {
              name,
              step: step.step,
              warning: warning ? ` so ${warning} for it as for a password,` : '',
            },
          },
        ];
      }),
    );
  },
});
