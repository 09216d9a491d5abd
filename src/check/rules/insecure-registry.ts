import { wordValue } from '../pipeline.js';
import { findOptions, type ContainerCommand } from '../podman.js';
import { defineRule, example, type RuleContext } from '../rule.js';
import type { ScriptStep } from '../pipeline.js';

/** Options that turn off TLS verification when written with a literal false (or bare, for --insecure). */
const INSECURE = ['--tls-verify', '--src-tls-verify', '--dest-tls-verify', '--insecure'];

/** containers-transports(5) other than docker://: local files and stores, no registry. */
const LOCAL_TRANSPORT =
  /^(oci|oci-archive|docker-archive|dir|containers-storage|docker-daemon|sif|tarball):/;

/** A host[:port] as an image reference starts with one: a letter or digit first, so not `.` or `..`. */
const HOST = /^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::\d+)?$/;

/** The registry host an image reference names: `docker://reg:5000/a/b:1` -> `reg:5000`. */
function registryHost(reference: string): string | undefined {
  if (LOCAL_TRANSPORT.test(reference)) return undefined;
  const path = reference.replace(/^docker:\/\//, '');
  const first = path.split('/')[0]!;
  if (!HOST.test(first)) return undefined;
  if (path.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost'))
    return first;
  return path === first && (path.includes('.') || path.includes(':')) ? path : undefined;
}

/**
 * The registry an option speaks to: for --src-tls-verify the first operand naming one (skopeo
 * copy's source), for any other the last (its destination, or the only image).
 */
function registryOf(
  step: ScriptStep,
  command: ContainerCommand,
  option: string,
): string | undefined {
  const operands =
    option === '--src-tls-verify' ? command.operands : [...command.operands].reverse();
  for (const operand of operands) {
    const value = wordValue(step, operand);
    const host = value && value.unknown.length === 0 ? registryHost(value.text) : undefined;
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
        const value = option.value?.literal?.text;
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
