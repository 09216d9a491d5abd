import { defineRule, example, type DockerfileContext } from '../rule.js';

export const buildplatformIgnored = defineRule({
  meta: {
    id: 'buildplatform-ignored',
    severity: 'warning',
    title: 'FROM --platform with a variable, which podman 4.3 does not expand',
    docs: {
      description:
        'Dockerfile: `FROM --platform=$BUILDPLATFORM` (any variable there), which podman 4.3 does not expand: the stage runs as each target platform, under QEMU, not on the build platform.',
      file: 'Dockerfile',
      bad: example`
        FROM --platform=$BUILDPLATFORM golang:1.22 AS build
        ARG TARGETARCH
        RUN GOARCH=$TARGETARCH go build -o /app .
        FROM alpine
        COPY --from=build /app /app
      `,
      good: example`
        FROM --platform=linux/amd64 golang:1.22 AS build
        ARG TARGETARCH
        RUN GOARCH=$TARGETARCH go build -o /app .
        FROM alpine
        COPY --from=build /app /app
      `,
    },
    messages: {
      variable: {
        message:
          "podman 4.3 (Debian 12's 4.3.1, measured) does not expand variables in FROM --platform: with --platform={{platform}} this stage is pulled and run as each target platform, under QEMU, not on the build platform, and the build is as slow as if the stage had no --platform",
        fix: 'Name the build platform literally, e.g. FROM --platform=linux/amd64 … AS build, where the agents are of that architecture; or build with a podman newer than 4.3',
      },
    },
  },
  check({ dockerfile }: DockerfileContext) {
    return dockerfile.stages.flatMap((stage) =>
      stage.platform?.includes('$')
        ? [
            {
              messageId: 'variable' as const,
              start: stage.platformStart!,
              end: stage.platformEnd!,
              data: { platform: stage.platform },
            },
          ]
        : [],
    );
  },
});
