import type { DockerfileRule } from '../rule.js';

export const buildplatformIgnored: DockerfileRule = {
  id: 'buildplatform-ignored',
  severity: 'warning',
  title: 'FROM --platform with a variable, which podman 4.3 does not expand',
  check({ dockerfile }) {
    return dockerfile.stages.flatMap((stage) =>
      stage.platform?.includes('$')
        ? [
            {
              start: stage.platformStart!,
              end: stage.platformEnd!,
              message: `podman 4.3 (Debian 12's 4.3.1, measured) does not expand variables in FROM --platform: with --platform=${stage.platform} this stage is pulled and run as each target platform, under QEMU, not on the build platform, and the build is as slow as if the stage had no --platform`,
              fix: 'Name the build platform literally, e.g. FROM --platform=linux/amd64 … AS build, where the agents are of that architecture; or build with a podman newer than 4.3',
            },
          ]
        : [],
    );
  },
};
