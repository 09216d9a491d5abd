import { listKey } from '../manifest-lists.js';
import { findOptions, flagOn, isBuild, isSubcommand } from '../podman.js';
import type { Rule, RuleFinding } from '../rule.js';

export const manifestPushWithoutAll: Rule = {
  id: 'manifest-push-without-all',
  severity: 'error',
  title: 'A push publishes the manifest list without its images, or one image without the list',
  check({ commands }) {
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
    return commands.flatMap(({ step, command }): RuleFinding[] => {
      const at = { start: command.at.start, end: command.at.end };
      const list = command.operands[0];
      if (isSubcommand(command, 'manifest', 'push')) {
        const all = findOptions(command, '--all');
        if (all.length > 0 && !flagOn(command, '--all'))
          return [
            {
              ...at,
              message: `manifest push --all=false pushes only the list, not the images it points to: a registry that checks references rejects it ("manifest blob unknown"; measured with podman 4.3.1), one that does not serves a list whose images are missing or stale`,
              fix: `Drop --all=false (or write --all): ${command.tool} manifest push --all LIST docker://REGISTRY/IMAGE:TAG`,
            },
          ];
        // podman's --all defaults to true since podman 3.0 (containers/podman#8942, commit
        // cf51c7ed9f; 2.x defaulted to false), Ubuntu 22.04's 3.4.4 included: only buildah's
        // missing --all loses the images on any podman released since 2021.
        if (command.tool === 'buildah' && all.length === 0)
          return [
            {
              ...at,
              message: `buildah manifest push without --all pushes only the list, not the per-platform images, in every buildah before 1.38 (Debian 12 ships 1.28): the registry rejects the list ("manifest blob unknown") or serves stale images`,
              fix: 'Add --all: buildah manifest push --all LIST docker://REGISTRY/IMAGE:TAG',
            },
          ];
        return [];
      }
      if (isSubcommand(command, 'push') && list !== undefined && lists.has(listKey(step, list)))
        return [
          {
            ...at,
            message: `${command.tool} push ${list.raw} pushes a manifest list as one image: podman 4.3.1 pushes the image for one platform and no index, so every other architecture is lost at the registry`,
            fix: `Push the list with its images: ${command.tool} manifest push --all ${list.raw} docker://REGISTRY/IMAGE:TAG`,
          },
        ];
      return [];
    });
  },
};
