import { loneVariable, wordValue } from '../pipeline.js';
import { findOptions, isSubcommand, type ContainerCommand, type Option } from '../podman.js';
import { defineRule, example, type RuleContext } from '../rule.js';
import type { ScriptStep } from '../pipeline.js';
import type { Word } from '../shell.js';

/** Options that turn off TLS verification when written with a literal false (or bare, for --insecure). */
const INSECURE = ['--tls-verify', '--src-tls-verify', '--dest-tls-verify', '--insecure'];

/**
 * The value an option is given, where known: written (`--tls-verify=false`), or held whole by the
 * variable the option is written as (`$TLS`, with `TLS='--tls-verify=false'`). A variable the
 * script sets more than once before may hold any of its values, as build.sh's `pull_tls`, set
 * to `--tls-verify=true` and then to `=false` under an `if`: which one is decided at run time.
 */
function valueOf(step: ScriptStep, option: Option): string | undefined {
  if (option.value || option.word.literal) return option.value?.literal?.text;
  if ((loneVariable(step, option.word)?.setBefore.length ?? 0) > 1) return undefined;
  const held = wordValue(step, option.word);
  const equals = held?.text.indexOf('=') ?? -1;
  return held?.unknown.length === 0 && equals >= 0 ? held.text.slice(equals + 1) : undefined;
}

/**
 * A host[:port] as an image reference starts with one: a letter or digit first, so not `.` or `..`,
 * and a port of digits, so not a local transport such as `oci-archive:app.tar`.
 */
const HOST = /^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::\d+)?$/;

/**
 * The registry host a reference names: `docker://reg:5000/a/b:1` -> `reg:5000`. As docker reads a
 * reference, its first component is a host when a `/` follows and it has a dot or a port or is
 * localhost. A bare `reg:5000` is one only where the word is known to be a host, as login's
 * operand: elsewhere `alpine:3` is an image and `run.py` a container's argument.
 */
function registryHost(reference: string, bare: boolean): string | undefined {
  const path = reference.replace(/^docker:\/\//, '');
  const first = path.split('/')[0]!;
  const named =
    HOST.test(first) && (first.includes('.') || first.includes(':') || first === 'localhost');
  return named && (bare || path.includes('/')) ? first : undefined;
}

/**
 * The text an operand is known to start with: its value where known, else what is written before
 * its first run-time part (`reg:5000/app:` of `reg:5000/app:$TAG`). A host cut short there ends in
 * `.`, `-` or `:` (`registry.${SITE}.lan`), which HOST refuses.
 */
function knownStart(step: ScriptStep, operand: Word): string {
  const value = wordValue(step, operand);
  if (value) return value.text.slice(0, value.unknown[0]?.start);
  const lead = operand.parts[0];
  return lead?.kind === 'text' ? lead.text.text : '';
}

/**
 * The registry an option speaks to: for --src-tls-verify the first operand naming one (skopeo
 * copy's source), for any other the last (its destination, or the only image). An operand known
 * only in part names it when the known part holds the whole host (`reg:5000/app:$TAG`).
 */
function registryOf(
  step: ScriptStep,
  command: ContainerCommand,
  option: string,
): string | undefined {
  const operands =
    option === '--src-tls-verify' ? command.operands : [...command.operands].reverse();
  for (const operand of operands) {
    const host = registryHost(knownStart(step, operand), isSubcommand(command, 'login'));
    if (host) return host;
  }
  return undefined;
}

export const insecureRegistry = defineRule({
  meta: {
    id: 'insecure-registry',
    severity: 'warning',
    title: 'TLS verification is turned off for a registry not declared insecure',
    docs: {
      description: '`--tls-verify=false` / `--insecure` towards a registry not declared insecure.',
      file: 'Jenkinsfile',
      bad: example`
        node('podman') {
          sh 'podman pull --tls-verify=false registry.lan:5000/acme/base:1'
        }
      `,
      good: example`
        // The lab registry has no certificate; it is reachable from the build network only.
        // jenkins-multiarch-insecure-registry: registry.lan:5000
        node('podman') {
          sh 'podman pull --tls-verify=false registry.lan:5000/acme/base:1'
        }
      `,
    },
    messages: {
      tlsVerifyOff: {
        message:
          '{{option}} turns off certificate checks (and allows plain HTTP) towards {{registry}}: anyone on the network path can pose as the registry, serve altered images and capture the credentials sent to it',
        fix: 'If {{registry}} is insecure on purpose, say so: list it under insecureRegistries in .jenkins-multiarch-check.yaml, or add the comment // jenkins-multiarch-insecure-registry: {{host}}. Otherwise install its CA certificate on the agent (/etc/containers/certs.d/{{certsHost}}/ca.crt) and drop the option',
      },
    },
  },
  check({ commands, insecureRegistries }: RuleContext) {
    return commands.flatMap(({ step, command }) =>
      findOptions(command, ...INSECURE).flatMap((option) => {
        const value = valueOf(step, option);
        const off =
          option.name === '--insecure'
            ? value === undefined || value === 'true'
            : value === 'false';
        if (!off) return [];
        const host = registryOf(step, command, option.name);
        if (host !== undefined && insecureRegistries.includes(host)) return [];
        return [
          {
            messageId: 'tlsVerifyOff' as const,
            start: option.word.start,
            end: option.word.end,
            data: {
              option: option.word.raw,
              registry: host ?? 'the registry',
              host: host ?? 'HOST[:PORT]',
              certsHost: host ?? 'HOST',
            },
          },
        ];
      }),
    );
  },
});
