import { leftoverLists } from '../manifest-lists.js';
import { flagOn, isSubcommand } from '../podman.js';
import { defineRule, example, type RuleContext } from '../rule.js';

/** What each tool says when the list exists (podman measured with 4.3.1). */
const REFUSAL: Readonly<Record<string, string>> = {
  podman: '"image name … is already associated with image …", exit 125',
  buildah: '"that name is already in use"',
  docker: '"refusing to amend an existing manifest list with no --amend flag"',
};

export const manifestCreateWithoutAmend = defineRule({
  meta: {
    id: 'manifest-create-without-amend',
    severity: 'error',
    title: 'manifest create fails on the next run because the list already exists',
    docs: {
      description:
        '`manifest create NAME` (podman, buildah or docker) with no `manifest rm`/`exists` of NAME, no purging push and no per-build name: the next run on the same agent fails, because NAME is still in its store.',
      file: 'Jenkinsfile',
      bad: example`
        node('podman') {
          sh 'podman manifest create app-list'
          sh 'podman manifest add app-list docker://registry.example.com/acme/app:1.0-amd64'
          sh 'podman manifest push --all app-list docker://registry.example.com/acme/app:1.0'
        }
      `,
      good: example`
        node('podman') {
          sh 'podman manifest rm app-list >/dev/null 2>&1 || true'
          sh 'podman manifest create app-list'
          sh 'podman manifest add app-list docker://registry.example.com/acme/app:1.0-amd64'
          sh 'podman manifest push --all app-list docker://registry.example.com/acme/app:1.0'
        }
      `,
    },
    messages: {
      listExists: {
        message:
          "{{tool}} manifest create {{list}} fails when a list of that name is already in the agent's store ({{refusal}}): the first run passes and every later run on the same agent breaks",
        fix: 'Remove the old list first: {{tool}} manifest rm {{list}} >/dev/null 2>&1 || true; or pass --amend if adding to the existing list is what you want',
      },
    },
  },
  check(context: RuleContext) {
    const leftover = leftoverLists(context);
    return context.commands.flatMap(({ step, command }) => {
      if (!isSubcommand(command, 'manifest', 'create') || flagOn(command, '--amend', '-a'))
        return [];
      const list = command.operands[0];
      if (list === undefined || !leftover(step, list)) return [];
      return [
        {
          messageId: 'listExists' as const,
          start: command.at.start,
          end: list.end,
          data: {
            tool: command.tool,
            list: list.raw,
            refusal: REFUSAL[command.tool] ?? 'the name is taken',
          },
        },
      ];
    });
  },
});
