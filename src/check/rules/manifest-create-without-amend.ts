import { leftoverLists } from '../manifest-lists.js';
import { flagOn, isSubcommand } from '../podman.js';
import type { Rule } from '../rule.js';

/** What each tool says when the list exists (podman measured with 4.3.1). */
const REFUSAL: Readonly<Record<string, string>> = {
  podman: '"image name … is already associated with image …", exit 125',
  buildah: '"that name is already in use"',
  docker: '"refusing to amend an existing manifest list with no --amend flag"',
};

export const manifestCreateWithoutAmend: Rule = {
  id: 'manifest-create-without-amend',
  severity: 'error',
  title: 'manifest create fails on the next run because the list already exists',
  check(context) {
    const leftover = leftoverLists(context);
    return context.commands.flatMap(({ step, command }) => {
      if (!isSubcommand(command, 'manifest', 'create') || flagOn(command, '--amend', '-a'))
        return [];
      const list = command.operands[0];
      if (list === undefined || !leftover(step, list)) return [];
      return [
        {
          start: command.at.start,
          end: list.end,
          message: `${command.tool} manifest create ${list.raw} fails when a list of that name is already in the agent's store (${REFUSAL[command.tool] ?? 'the name is taken'}): the first run passes and every later run on the same agent breaks`,
          fix: `Remove the old list first: ${command.tool} manifest rm ${list.raw} >/dev/null 2>&1 || true; or pass --amend if adding to the existing list is what you want`,
        },
      ];
    });
  },
};
