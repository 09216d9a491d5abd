import { platformEntries } from '../platforms.js';
import { findOptions, isBuild } from '../podman.js';
import { defineRule, example, type MessageTemplate, type RuleContext } from '../rule.js';

/** The same for podman and for docker: collect the platforms in a list and push it. */
const fix =
  'Collect the platforms in a manifest list: replace {{option}} {{name}} with --manifest {{name}}, and push it with {{tool}} manifest push --all {{name}} docker://REGISTRY/IMAGE:TAG';

const messages = {
  tag: {
    message:
      'podman builds all {{count}} platforms but -t names a single image: {{name}} ends up one architecture (podman 4.3.1 leaves one of them, not always the same one), so the push publishes one architecture and hosts of the others fail with "exec format error"',
    fix,
  },
  dockerTag: {
    message:
      'Where docker is podman, it builds all {{count}} platforms but -t names a single image: {{name}} ends up one architecture (podman 4.3.1 leaves one of them, not always the same one), so the push publishes one architecture and hosts of the others fail with "exec format error"; real Docker refuses the build ("multiple platforms feature is currently not supported for docker driver")',
    fix,
  },
} satisfies Record<string, MessageTemplate>;

export const platformTagWithoutManifest = defineRule({
  meta: {
    id: 'platform-tag-without-manifest',
    severity: 'error',
    title: 'A multi-platform build is tagged with -t instead of collected with --manifest',
    docs: {
      description:
        '`build --platform a,b -t X` without `--manifest`: only one architecture survives in X.',
      file: 'Jenkinsfile',
      bad: example`
        node('podman') {
          sh 'test -e /proc/sys/fs/binfmt_misc/qemu-aarch64'
          sh 'podman build --platform linux/amd64,linux/arm64 -t registry.example.com/acme/app:1.0 .'
          sh 'podman push registry.example.com/acme/app:1.0'
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
    return commands.flatMap(({ step, command }) => {
      // Real `docker buildx build --push -t` does make an index; only podman's build drops platforms.
      if (!isBuild(command) || (command.tool === 'docker' && command.subcommand[0] === 'buildx'))
        return [];
      if (findOptions(command, '--manifest').length > 0) return [];
      const platforms = findOptions(command, '--platform').flatMap(
        (option) => platformEntries(step, option) ?? [],
      );
      const count = new Set(platforms.map((p) => p.value)).size;
      return findOptions(command, '-t', '--tag').flatMap((tag) => {
        if (count < 2 || tag.value === undefined) return [];
        return [
          {
            messageId: command.tool === 'docker' ? ('dockerTag' as const) : ('tag' as const),
            start: tag.word.start,
            end: tag.value.end,
            data: { count, name: tag.value.raw, option: tag.name, tool: command.tool },
          },
        ];
      });
    });
  },
});
