import { commandLineSecrets } from '../command-line-secrets.js';
import {
  defineRule,
  example,
  type MessageTemplate,
  type ReportOf,
  type RuleContext,
} from '../rule.js';

/** `$(cmd)` or `` `cmd` ``, possibly in double quotes: the value is what a command prints. */
const SUBSTITUTION = /^"?(?:\$\((.*)\)|`(.*)`)"?$/s;

const PASSWORD_OPTION =
  '{{command}} {{option}} puts the password on the command line: every user on the agent can read it in the process list while the command runs, and Jenkins prints the line, password expanded, when the script is traced (sh runs with set -x)';
const COMMAND_SUBSTITUTION =
  '{{command}} {{option}} {{value}} puts the password that `{{printer}}` prints on the command line: nothing is interpolated and no variable holds it, but every user on the agent can read it in the process list while {{tool}} runs, and Jenkins prints the line with the password in clear when the script is traced (sh runs with set -x; Jenkins masks only values it bound itself)';
/** oc login has no way to read the password from stdin. */
const OC_FIX =
  "oc login reads no password from stdin: give it a kubeconfig instead, withCredentials([file(credentialsId: …, variable: 'KUBECONFIG')]), and drop the login";

const messages = {
  passwordOption: {
    message: PASSWORD_OPTION,
    fix: 'Pipe the password in: { set +x; } 2>/dev/null; printf \'%s\' "$PASSWORD" | {{login}} --username "$USERNAME" --password-stdin REGISTRY',
  },
  commandSubstitution: {
    message: COMMAND_SUBSTITUTION,
    fix: 'Pipe it in: { set +x; } 2>/dev/null; {{printer}} | {{command}} --username "$USERNAME" --password-stdin REGISTRY',
  },
  ocPasswordOption: { message: PASSWORD_OPTION, fix: OC_FIX },
  ocCommandSubstitution: { message: COMMAND_SUBSTITUTION, fix: OC_FIX },
  boundSecret: {
    message:
      '{{tool}}{{option}} gets the secret ${{bound}} as a command-line argument: every user on the agent can read it in the process list while {{tool}} runs, and the program may print its arguments',
    fix: "Give it to {{tool}} another way: the environment (the step already exports {{bound}}; many programs read their token from there, e.g. the Sonar scanner's SONAR_TOKEN), a file, or stdin",
  },
} satisfies Record<string, MessageTemplate>;

export const passwordOnCommandLine = defineRule({
  meta: {
    id: 'password-on-command-line',
    severity: 'error',
    title: 'A password or token is passed as a command-line argument',
    docs: {
      description:
        "`login -p`/`--password`, `--creds user:pass`, also a value a command prints (`-p \\$(oc whoami -t)`) and the login of other CLIs (`oc login -p`/`--token`, `helm registry login`, …); a bound secret in any program's argument (`mvn -Dsonar.token=$SONAR_TOKEN`), not in a shell builtin's (`printf`) nor given to a `*file` option (a secret file's path).",
      file: 'Jenkinsfile',
      bad: example`
        node('podman') {
          withCredentials([usernamePassword(credentialsId: 'registry', usernameVariable: 'REG_USER', passwordVariable: 'REG_PASSWORD')]) {
            sh 'podman login -u "$REG_USER" -p "$REG_PASSWORD" registry.example.com'
          }
        }
      `,
      good: example`
        node('podman') {
          withCredentials([usernamePassword(credentialsId: 'registry', usernameVariable: 'REG_USER', passwordVariable: 'REG_PASSWORD')]) {
            sh '''
              { set +x; } 2>/dev/null
              printf '%s' "$REG_PASSWORD" | podman login -u "$REG_USER" --password-stdin registry.example.com
            '''
          }
        }
      `,
    },
    messages,
  },
  check(context: RuleContext) {
    return commandLineSecrets(context).map(
      ({ command, tool, option, bound }): ReportOf<typeof messages> => {
        const at = { start: option.word.start, end: (option.value ?? option.word).end };
        if (bound !== undefined)
          return {
            messageId: 'boundSecret',
            ...at,
            data: { tool, option: option.name ? ` ${option.name}` : '', bound },
          };
        const substitution = option.value && SUBSTITUTION.exec(option.value.raw);
        const printer = substitution && (substitution[1] ?? substitution[2])!.trim();
        const oc = tool === 'oc';
        if (printer)
          return {
            messageId: oc ? 'ocCommandSubstitution' : 'commandSubstitution',
            ...at,
            data: { command, option: option.name, value: option.value!.raw, printer, tool },
          };
        return {
          messageId: oc ? 'ocPasswordOption' : 'passwordOption',
          ...at,
          data: {
            command,
            option: option.name,
            login: command.endsWith('login') ? command : `${tool} login`,
          },
        };
      },
    );
  },
});
