import { leftoverLists } from '../manifest-lists.js';
import { findOptions, flagOn, isSubcommand, type Tool } from '../podman.js';
import { defineRule, example, type Report, type RuleContext } from '../rule.js';

/** The push that empties the list once it is pushed: docker's --purge, podman's and buildah's --rm. */
const purgingPush = (tool: Tool) =>
  tool === 'docker' ? 'docker manifest push --purge' : `${tool} manifest push --rm`;

export const manifestReuse = defineRule({
  meta: {
    id: 'manifest-reuse',
    severity: 'error',
    title:
      'A build or `manifest create --amend` adds to a local manifest list that earlier runs left',
    docs: {
      description:
        "`--manifest NAME` or `manifest create --amend NAME` (docker's own manifest CLI) with no `manifest rm`/`exists` of NAME, no purging push (`docker manifest push --purge`, `podman manifest push --rm` or `-p`, `buildah manifest push --rm`) and no per-build name: stale or duplicate entries on rebuild.",
      file: 'Jenkinsfile',
      bad: example`
        node('podman') {
          sh 'podman build --platform linux/amd64,linux/arm64 --manifest app-list .'
          sh 'podman manifest push --all app-list docker://registry.example.com/acme/app:1.0'
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
    messages: {
      amend: {
        message:
          "{{tool}} manifest create --amend {{list}} adds to the list when the agent's store still has it: when the job runs again on the same agent, every image an earlier run added and this run does not replace stays in the list (docker keeps one entry per image reference in ~/.docker/manifests until manifest rm or push --purge; docker/cli manifest/store Save), so images tagged per commit or build pile up, and a platform dropped from the build is still in the pushed index",
        fix: 'Start from an empty list: run {{tool}} manifest rm {{list}} >/dev/null 2>&1 || true before it (then --amend is not needed), or push with {{purge}} so the list is gone once it is pushed',
      },
      buildManifest: {
        message:
          "--manifest {{list}} adds this build's images to the local list if it already exists: when the job runs again on the same agent the list still holds the previous build's images (podman 4.3.1 after two builds: [arm64, amd64, amd64, arm64]), and the pushed index lists each platform twice, the stale image first",
        fix: 'Start from an empty list: run {{tool}} manifest rm {{list}} >/dev/null 2>&1 || true before the build, or name the list per build (e.g. …:$BUILD_TAG) and remove it in post { always { … } }',
      },
    },
  },
  check(context: RuleContext) {
    const leftover = leftoverLists(context);
    return context.commands.flatMap(({ step, command }): Report<'amend' | 'buildManifest'>[] => {
      const data = (list: { raw: string }) => ({ tool: command.tool, list: list.raw });
      if (isSubcommand(command, 'manifest', 'create') && flagOn(command, '--amend', '-a')) {
        const list = command.operands[0];
        if (list === undefined || !leftover(step, list)) return [];
        return [
          {
            messageId: 'amend',
            start: command.at.start,
            end: list.end,
            data: { ...data(list), purge: purgingPush(command.tool) },
          },
        ];
      }
      // A build, or buildah commit: either adds its image to the list, creating it if need be.
      return findOptions(command, '--manifest').flatMap((option) => {
        const list = option.value;
        if (list === undefined || !leftover(step, list)) return [];
        return [
          { messageId: 'buildManifest', start: option.word.start, end: list.end, data: data(list) },
        ];
      });
    });
  },
});
