import { findOptions, isBuild, isSubcommand } from '../podman.js';
import {
  defineRule,
  example,
  type MessageTemplate,
  type ReportOf,
  type RuleContext,
} from '../rule.js';

/** Options and subcommands that exist in podman's docker-compatible CLI but not in Docker's. */
const PODMAN_ONLY: readonly { path: readonly string[]; option?: string }[] = [
  { path: ['build'], option: '--manifest' },
  { path: ['manifest', 'push'], option: '--all' },
  { path: ['manifest', 'add'] },
  { path: ['manifest', 'exists'] },
];

/**
 * Whether the file shows that podman is about: a buildah command, or podman named in an agent
 * label, an image, a pod template or a script (a podman command, `alias docker=podman`,
 * `podman-docker`).
 */
function showsPodman({ pipeline, commands }: RuleContext): boolean {
  const strings = pipeline.otherStrings.flatMap((string) =>
    string.literal.parts.flatMap((part) => (part.kind === 'text' ? [part.text.text] : [])),
  );
  return (
    commands.some(({ command }) => command.tool === 'buildah') ||
    [...pipeline.agentLabels, ...strings, ...pipeline.steps.map((step) => step.script.text)].some(
      (text) => /podman/i.test(text),
    )
  );
}

const messages = {
  buildxSubcommand: {
    message:
      'podman has no `buildx {{action}}`: where docker is podman (alias docker=podman, podman-docker) this fails ("unrecognized command", podman 4.3.1), and with real Docker it needs the Docker daemon',
    fix: 'Drop the builder setup: podman build --platform a,b --manifest NAME builds every platform without a builder instance',
  },
  buildxOption: {
    message:
      'podman\'s buildx build has no {{option}} ("unknown flag: {{option}}", podman 4.3.1): where docker is podman this build fails',
    fix: 'Build with podman build --manifest NAME, then push with podman manifest push --all NAME docker://REGISTRY/IMAGE:TAG',
  },
  podmanOnly: {
    message:
      '{{what}} is podman\'s, not Docker\'s: real Docker rejects it ("unknown flag" / "not a docker command"), so this works only on agents where docker is podman in disguise (alias docker=podman, podman-docker) and breaks on the first one where it is not',
    fix: 'Call podman by its name: podman {{call}} …',
  },
} satisfies Record<string, MessageTemplate>;

export const dockerPodmanMismatch = defineRule({
  meta: {
    id: 'docker-podman-mismatch',
    severity: 'warning',
    title: '`docker` is used where Docker and podman (alias docker=podman) behave differently',
    docs: {
      description:
        'podman-only options and subcommands called through `docker` (`build --manifest`, `manifest push --all`, `manifest add`, `manifest exists`), which real Docker rejects; and `docker buildx create`/`use` or `buildx build --push`/`--load`, which podman lacks, where the file shows podman (a podman command, label, image or pod).',
      file: 'Jenkinsfile',
      bad: example`
        node('podman') {
          sh 'docker manifest rm app-list >/dev/null 2>&1 || true'
          sh 'docker build --manifest app-list .'
        }
      `,
      good: example`
        node('podman') {
          sh 'podman manifest rm app-list >/dev/null 2>&1 || true'
          sh 'podman build --manifest app-list .'
        }
      `,
    },
    messages,
  },
  check(context: RuleContext) {
    // buildx is Docker's own: it is a mistake only where docker may be podman in disguise.
    const podman = showsPodman(context);
    return context.commands.flatMap(({ command }): ReportOf<typeof messages>[] => {
      if (command.tool !== 'docker') return [];
      const [group, action] = command.subcommand;
      if (group === 'buildx' && !podman) return [];
      if (group === 'buildx' && action !== undefined && action !== 'build')
        return [
          {
            messageId: 'buildxSubcommand',
            start: command.at.start,
            end: command.at.end,
            data: { action },
          },
        ];
      if (isBuild(command) && group === 'buildx')
        return findOptions(command, '--push', '--load').map((option) => ({
          messageId: 'buildxOption' as const,
          start: option.word.start,
          end: option.word.end,
          data: { option: option.name },
        }));
      return PODMAN_ONLY.flatMap(({ path, option }) => {
        if (!isSubcommand(command, ...path)) return [];
        const spots =
          option === undefined ? [command.at] : findOptions(command, option).map((o) => o.word);
        const what = option ?? `manifest ${path[1]}`;
        const call = `${path.join(' ')}${option ? ` ${option}` : ''}`;
        return spots.map((spot) => ({
          messageId: 'podmanOnly' as const,
          start: spot.start,
          end: spot.end,
          data: { what, call },
        }));
      });
    });
  },
});
