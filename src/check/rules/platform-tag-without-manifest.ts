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
            message: `${command.tool} builds all ${count} platforms but -t names a single image: ${name} ends up one architecture (podman 4.3.1 keeps whichever platform finished last), so the push publishes one architecture and hosts of the others fail with "exec format error"`,
            fix: `Collect the platforms in a manifest list: replace ${tag.name} ${name} with --manifest ${name}, and push it with ${command.tool} manifest push --all ${name} docker://REGISTRY/IMAGE:TAG`,
          },
        ];
      });
    });
  },
};
