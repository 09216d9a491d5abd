import { listKey } from '../manifest-lists.js';
import { findOptions, flagOn, isBuild, isSubcommand } from '../podman.js';
import {
  defineRule,
  example,
  type MessageTemplate,
  type ReportOf,
  type RuleContext,
} from '../rule.js';

const messages = {
  allFalse: {
    message:
      'manifest push --all=false pushes only the list, not the images it points to: a registry that checks references rejects it ("manifest blob unknown"; measured with podman 4.3.1), one that does not serves a list whose images are missing or stale',
    fix: 'Drop --all=false (or write --all): {{tool}} manifest push --all LIST docker://REGISTRY/IMAGE:TAG',
  },
  buildahWithoutAll: {
    message:
      'buildah manifest push without --all pushes only the list, not the per-platform images, in every buildah before 1.38 (Debian 12 ships 1.28): the registry rejects the list ("manifest blob unknown") or serves stale images',
    fix: 'Add --all: buildah manifest push --all LIST docker://REGISTRY/IMAGE:TAG',
  },
  pushList: {
    message:
      '{{tool}} push {{list}} pushes a manifest list as one image: podman 4.3.1 pushes the image for one platform and no index, so every other architecture is lost at the registry',
    fix: 'Push the list with its images: {{tool}} manifest push --all {{list}} docker://REGISTRY/IMAGE:TAG',
  },
} satisfies Record<string, MessageTemplate>;

export const manifestPushWithoutAll = defineRule({
  meta: {
    id: 'manifest-push-without-all',
    severity: 'error',
    title: 'A push publishes the manifest list without its images, or one image without the list',
    docs: {
      description:
        '`buildah manifest push` without `--all`, `manifest push --all=false`, or `podman push LIST` (which pushes one image of the list): the registry gets a list without its images, or one image without the list.',
      file: 'Jenkinsfile',
      bad: example`
        node('podman') {
          sh 'test -e /proc/sys/fs/binfmt_misc/qemu-aarch64'
          sh 'podman manifest rm app-list >/dev/null 2>&1 || true'
          sh 'podman build --platform linux/amd64,linux/arm64 --manifest app-list .'
          sh 'podman push app-list docker://registry.example.com/acme/app:1.0'
        }
      `,
      good: example`
        node('podman') {
          sh 'test -e /proc/sys/fs/binfmt_misc/qemu-aarch64'
          sh 'podman manifest rm app-list >/dev/null 2>&1 || true'
          sh 'podman build --platform linux/amd64,linux/arm64 --manifest app-list .'
          sh 'podman manifest push --all app-list docker://registry.example.com/acme/app:1.0'
        }
      `,
    },
    messages,
  },
  check({ commands }: RuleContext) {
    // Names the pipeline builds or creates as manifest lists.
    const lists = new Set(
      commands.flatMap(({ step, command }) => {
        if (isBuild(command))
          return findOptions(command, '--manifest').flatMap((o) =>
            o.value ? [listKey(step, o.value)] : [],
          );
        if (isSubcommand(command, 'manifest', 'create') && command.operands[0])
          return [listKey(step, command.operands[0])];
        return [];
      }),
    );
    return commands.flatMap(({ step, command }): ReportOf<typeof messages>[] => {
      const at = { start: command.at.start, end: command.at.end };
      const list = command.operands[0];
      if (isSubcommand(command, 'manifest', 'push')) {
        const all = findOptions(command, '--all');
        if (all.length > 0 && !flagOn(command, '--all'))
          return [{ messageId: 'allFalse', ...at, data: { tool: command.tool } }];
        // podman's --all defaults to true since podman 3.0 (containers/podman#8942, commit
        // cf51c7ed9f; 2.x defaulted to false), Ubuntu 22.04's 3.4.4 included: only buildah's
        // missing --all loses the images on any podman released since 2021.
        if (command.tool === 'buildah' && all.length === 0)
          return [{ messageId: 'buildahWithoutAll', ...at }];
        return [];
      }
      if (isSubcommand(command, 'push') && list !== undefined && lists.has(listKey(step, list)))
        return [{ messageId: 'pushList', ...at, data: { tool: command.tool, list: list.raw } }];
      return [];
    });
  },
});
