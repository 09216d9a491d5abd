import { leftoverLists } from '../manifest-lists.js';
import { findOptions, flagOn, isBuild, isSubcommand } from '../podman.js';
import type { Rule, RuleFinding } from '../rule.js';

/** How each tool empties the list once it is pushed, where it can. */
const PURGING_PUSH: Readonly<Record<string, string>> = {
  docker: 'docker manifest push --purge',
  podman: 'podman manifest push --rm',
};

export const manifestReuse: Rule = {
  id: 'manifest-reuse',
  severity: 'error',
  title:
    'A build or `manifest create --amend` adds to a local manifest list that earlier runs left',
  check(context) {
    const leftover = leftoverLists(context);
    return context.commands.flatMap(({ step, command }): RuleFinding[] => {
      if (isSubcommand(command, 'manifest', 'create') && flagOn(command, '--amend', '-a')) {
        const list = command.operands[0];
        if (list === undefined || !leftover(step, list)) return [];
        const purge = PURGING_PUSH[command.tool];
        return [
          {
            start: command.at.start,
            end: list.end,
            message: `${command.tool} manifest create --amend ${list.raw} adds to the list when the agent's store still has it: when the job runs again on the same agent, every image an earlier run added and this run does not replace stays in the list (docker keeps one entry per image reference in ~/.docker/manifests until manifest rm or push --purge; docker/cli manifest/store Save), so images tagged per commit or build pile up, and a platform dropped from the build is still in the pushed index`,
            fix: `Start from an empty list: run ${command.tool} manifest rm ${list.raw} >/dev/null 2>&1 || true before it (then --amend is not needed)${purge ? `, or push with ${purge} so the list is gone once it is pushed` : ''}`,
          },
        ];
      }
      if (!isBuild(command)) return [];
      return findOptions(command, '--manifest').flatMap((option) => {
        const list = option.value;
        if (list === undefined || !leftover(step, list)) return [];
        return [
          {
            start: option.word.start,
            end: list.end,
            message: `--manifest ${list.raw} adds this build's images to the local list if it already exists: when the job runs again on the same agent the list still holds the previous build's images (podman 4.3.1 after two builds: [arm64, amd64, amd64, arm64]), and the pushed index lists each platform twice, the stale image first`,
            fix: `Start from an empty list: run ${command.tool} manifest rm ${list.raw} >/dev/null 2>&1 || true before the build, or name the list per build (e.g. …:$BUILD_TAG) and remove it in post { always { … } }`,
          },
        ];
      });
    });
  },
};
