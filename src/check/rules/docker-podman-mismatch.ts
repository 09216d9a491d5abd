import { findOptions, isBuild, isSubcommand } from '../podman.js';
import type { Rule, RuleContext, RuleFinding } from '../rule.js';

/** Options and subcommands that exist in podman's docker-compatible CLI but not in Docker's. */
const PODMAN_ONLY: readonly { path: readonly string[]; option?: string }[] = [
  { path: ['build'], option: '--manifest' },
  { path: ['manifest', 'push'], option: '--all' },
  { path: ['manifest', 'add'] },
  { path: ['manifest', 'exists'] },
];

/**
 * Whether the file shows that podman is about: a podman or buildah command, or podman named in an
 * agent label, an image, a pod template or a script (`alias docker=podman`, `podman-docker`).
 */
function showsPodman({ pipeline, commands }: RuleContext): boolean {
  const strings = pipeline.otherStrings.flatMap((string) =>
    string.literal.parts.flatMap((part) => (part.kind === 'text' ? [part.text.text] : [])),
  );
  return (
    commands.some(({ command }) => command.tool === 'podman' || command.tool === 'buildah') ||
    [...pipeline.agentLabels, ...strings, ...pipeline.steps.map((step) => step.script.text)].some(
      (text) => /podman/i.test(text),
    )
  );
}

export const dockerPodmanMismatch: Rule = {
  id: 'docker-podman-mismatch',
  severity: 'warning',
  title: '`docker` is used where Docker and podman (alias docker=podman) behave differently',
  check(context) {
    // buildx is Docker's own: it is a mistake only where docker may be podman in disguise.
    const podman = showsPodman(context);
    return context.commands.flatMap(({ command }): RuleFinding[] => {
      if (command.tool !== 'docker') return [];
      const [group, action] = command.subcommand;
      if (group === 'buildx' && !podman) return [];
      if (group === 'buildx' && action !== undefined && action !== 'build')
        return [
          {
            start: command.at.start,
            end: command.at.end,
            message: `podman has no \`buildx ${action}\`: where docker is podman (alias docker=podman, podman-docker) this fails ("unrecognized command", podman 4.3.1), and with real Docker it needs the Docker daemon`,
            fix: 'Drop the builder setup: podman build --platform a,b --manifest NAME builds every platform without a builder instance',
          },
        ];
      if (isBuild(command) && group === 'buildx')
        return findOptions(command, '--push', '--load').map((option) => ({
          start: option.word.start,
          end: option.word.end,
          message: `podman's buildx build has no ${option.name} ("unknown flag: ${option.name}", podman 4.3.1): where docker is podman this build fails`,
          fix: 'Build with podman build --manifest NAME, then push with podman manifest push --all NAME docker://REGISTRY/IMAGE:TAG',
        }));
      return PODMAN_ONLY.flatMap(({ path, option }) => {
        if (!isSubcommand(command, ...path) && !(path[0] === 'build' && isBuild(command)))
          return [];
        const spots =
          option === undefined ? [command.at] : findOptions(command, option).map((o) => o.word);
        const what = option ?? `manifest ${path[1]}`;
        return spots.map((spot) => ({
          start: spot.start,
          end: spot.end,
          message: `${what} is podman's, not Docker's: real Docker rejects it ("unknown flag" / "not a docker command"), so this works only on agents where docker is podman in disguise (alias docker=podman, podman-docker) and breaks on the first one where it is not`,
          fix: `Call podman by its name: podman ${path.join(' ')}${option ? ` ${option}` : ''} …`,
        }));
      });
    });
  },
};
