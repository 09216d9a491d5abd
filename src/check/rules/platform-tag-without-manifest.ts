import { platformEntries } from '../platforms.js';
import { findOptions, isBuild } from '../podman.js';
import type { Rule } from '../rule.js';

export const platformTagWithoutManifest: Rule = {
  id: 'platform-tag-without-manifest',
  severity: 'error',
  title: 'A multi-platform build is tagged with -t instead of collected with --manifest',
  check({ commands }) {
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
        const name = tag.value.raw;
        return [
          {
            start: tag.word.start,
            end: tag.value.end,
            message: `${command.tool === 'docker' ? 'Where docker is podman, it' : 'podman'} builds all ${count} platforms but -t names a single image: ${name} ends up one architecture (podman 4.3.1 leaves one of them, not always the same one), so the push publishes one architecture and hosts of the others fail with "exec format error"${command.tool === 'docker' ? '; real Docker refuses the build ("multiple platforms feature is currently not supported for docker driver")' : ''}`,
            fix: `Collect the platforms in a manifest list: replace ${tag.name} ${name} with --manifest ${name}, and push it with ${command.tool} manifest push --all ${name} docker://REGISTRY/IMAGE:TAG`,
          },
        ];
      });
    });
  },
};
