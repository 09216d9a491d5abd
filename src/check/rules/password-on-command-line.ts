import { commandLineSecrets } from '../command-line-secrets.js';
import type { Rule } from '../rule.js';

/** `$(cmd)` or `` `cmd` ``, possibly in double quotes: the value is what a command prints. */
const SUBSTITUTION = /^"?(?:\$\((.*)\)|`(.*)`)"?$/s;

/** Login commands with no way to read the password from stdin. */
const NO_STDIN: Readonly<Record<string, string>> = {
  oc: "oc login reads no password from stdin: give it a kubeconfig instead, withCredentials([file(credentialsId: …, variable: 'KUBECONFIG')]), and drop the login",
};

export const passwordOnCommandLine: Rule = {
  id: 'password-on-command-line',
  severity: 'error',
  title: 'A password or token is passed as a command-line argument',
  check(context) {
    return commandLineSecrets(context).map(({ command, tool, option, bound }) => {
      const at = { start: option.word.start, end: (option.value ?? option.word).end };
      if (bound !== undefined)
        return {
          ...at,
          message: `${[command, option.name].filter(Boolean).join(' ')} gets the secret $${bound} as a command-line argument: every user on the agent can read it in the process list while ${tool} runs, and the program may print its arguments`,
          fix: `Give it to ${tool} another way: the environment (the step already exports ${bound}; many programs read their token from there, e.g. the Sonar scanner's SONAR_TOKEN), a file, or stdin`,
        };
      const substitution = option.value && SUBSTITUTION.exec(option.value.raw);
      const printer = substitution && (substitution[1] ?? substitution[2])!.trim();
      const what = `${command} ${option.name}`;
      return {
        ...at,
        message: printer
          ? `${what} ${option.value!.raw} puts the password that \`${printer}\` prints on the command line: nothing is interpolated and no variable holds it, but every user on the agent can read it in the process list while ${tool} runs, and Jenkins prints the line with the password in clear when the script is traced (sh runs with set -x; Jenkins masks only values it bound itself)`
          : `${what} puts the password on the command line: every user on the agent can read it in the process list while the command runs, and Jenkins prints the line, password expanded, when the script is traced (sh runs with set -x)`,
        fix:
          NO_STDIN[tool] ??
          (printer
            ? `Pipe it in: { set +x; } 2>/dev/null; ${printer} | ${command} --username "$USERNAME" --password-stdin REGISTRY`
            : `Pipe the password in: { set +x; } 2>/dev/null; printf '%s' "$PASSWORD" | ${command.endsWith('login') ? command : `${tool} login`} --username "$USERNAME" --password-stdin REGISTRY`),
      };
    });
  },
};
