import { leftoverLists } from '../manifest-lists.js';
import { findOptions, isBuild } from '../podman.js';
import type { Rule } from '../rule.js';

export const manifestReuse: Rule = {
  id: 'manifest-reuse',
  severity: 'error',
  title: 'A build adds to a local manifest list that earlier builds left behind',
  check(context) {
    const leftover = leftoverLists(context);
    return context.commands.flatMap(({ step, command }) => {
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
