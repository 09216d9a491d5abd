import { stringify } from 'yaml';
import type { MirrorPlan } from '../model/mirror-plan.js';

/**
 * What `mirror --from-config` prints about its plan (src/model/mirror-plan.ts): what it copies
 * where, and the settings with which a build finds the copies, the Dockerfile left as it is: the
 * build args to add to jenkins-multiarch.yaml, and the registries.conf tables for the build agents
 * (containers-registries.conf(5): `[[registry]]` with `prefix` and `location`, then
 * `[[registry.mirror]]` with `location` and `insecure`; a drop-in file of
 * containers-registries.conf.d(5) adds them to the agent's own).
 */

const lineList = (dockerfile: string, lines: readonly number[]) =>
  lines.map((line) => `${dockerfile}:${line}`).join(', ');

/** A TOML basic string: the grammar of hosts and paths leaves nothing that JSON escapes otherwise. */
const toml = (value: string) => JSON.stringify(value);

export function mirrorAdvice(plan: MirrorPlan, dockerfile: string): string {
  const out: string[] = [];
  if (plan.images.length === 0 && plan.alreadyThere.length === 0)
    out.push(
      `${dockerfile} names no base image to copy: its stages start from scratch or from stages.`,
    );
  for (const image of plan.images) {
    const platforms = image.platforms?.join(', ') ?? 'every platform, as it is named by digest';
    out.push(
      `${image.source} -> ${image.destination} (${platforms}; ${lineList(dockerfile, image.lines)})`,
    );
  }
  for (const source of plan.alreadyThere)
    out.push(`${source}: already in ${plan.registry}, not copied`);
  if (plan.buildArgs.length > 0) {
    const args = Object.fromEntries(plan.buildArgs.map(({ name, value }) => [name, value]));
    const froms = plan.buildArgs.map(
      ({ name, lines }) => `${name} (${lineList(dockerfile, lines)})`,
    );
    out.push(
      '',
      `In jenkins-multiarch.yaml, the build args that give the FROMs written as one ARG their copies: ${froms.join(', ')}.`,
      '',
      stringify({ build: { args } }).trimEnd(),
    );
  }
  if (plan.registryMirrors.length > 0) {
    const tables = plan.registryMirrors.flatMap(({ registry, location }) => [
      '',
      '[[registry]]',
      `prefix = ${toml(registry)}`,
      `location = ${toml(registry)}`,
      '',
      '[[registry.mirror]]',
      `location = ${toml(location)}`,
      ...(plan.insecure ? ['insecure = true'] : []),
    ]);
    const froms = plan.registryMirrors.map(
      ({ registry, lines }) => `${registry} (${lineList(dockerfile, lines)})`,
    );
    out.push(
      '',
      `On each build agent, in /etc/containers/registries.conf.d/50-jenkins-multiarch-mirror.conf (for a rootless agent user, ~/.config/containers/registries.conf.d/ will do), so that podman pulls the images of ${froms.join(', ')} from their copies:`,
      ...tables,
    );
  }
  if (plan.insecure && (plan.buildArgs.length > 0 || plan.registryMirrors.length > 0))
    out.push(
      '',
      `NOTE: ${plan.registry} serves plain HTTP. The pipeline's build pulls from it only while a registry in registries has tlsVerify: false: otherwise it gives podman build --tls-verify=true, which wins over registries.conf's insecure = true (podman 4.3.1).`,
    );
  return `${out.join('\n')}\n`;
}
