import { credentialOptions } from '../podman.js';
import type { Rule } from '../rule.js';

export const passwordOnCommandLine: Rule = {
  id: 'password-on-command-line',
  severity: 'error',
  title: 'A registry password is passed as a command-line argument',
  check({ commands }) {
    return commands.flatMap(({ command }) =>
      credentialOptions(command).map((option) => ({
        start: option.word.start,
        end: (option.value ?? option.word).end,
        message: `${[command.tool, ...command.subcommand, option.name].join(' ')} puts the password on the command line: every user on the agent can read it in the process list while the command runs, and Jenkins prints the line, password expanded, when the script is traced (sh runs with set -x)`,
        fix: `Pipe the password in: { set +x; } 2>/dev/null; printf '%s' "$PASSWORD" | ${command.tool} login --username "$USERNAME" --password-stdin REGISTRY`,
      })),
    );
  },
};
