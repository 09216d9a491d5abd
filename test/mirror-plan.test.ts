import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { execa } from 'execa';
import { listBaseImages } from '../src/cli/base-images.js';
import { CliError } from '../src/cli/errors.js';
import { parseBaseImageListing, type BaseImageStage } from '../src/model/base-image-stage.js';
import { mirrorPlan } from '../src/model/mirror-plan.js';
import { validatePipeline, type Pipeline, type PipelineConfig } from '../src/model/pipeline.js';
import { mirrorAdvice } from '../src/render/mirror-advice.js';
import { requireTools } from './support/tools.js';

/**
 * mirror --from-config's plan: Dockerfiles read by the pipeline's own shell (base-images.sh and
 * base_image_stages of common.sh, real sh and awk, through src/cli/base-images.ts), then the
 * plan and the advice printed for them.
 */

const PREFIX = '10.0.0.5:5000/mirror';
const TWO = ['linux/amd64', 'linux/arm64'];

function pipeline(changes: Partial<PipelineConfig> = {}): Pipeline {
  const validation = validatePipeline({
    agent: { label: 'podman' },
    image: { name: 'acme/hello', tags: ['1.0'] },
    platforms: TWO,
    registries: [{ host: 'registry.example.com', credentialsId: 'registry-push' }],
    ...changes,
  });
  if (!validation.ok) throw new Error(JSON.stringify(validation.problems));
  return validation.pipeline;
}

/** A stage as base-images.sh reports one, for the plan's own cases. */
const stage = (
  line: number,
  image: string,
  platforms: string[] = TWO,
  written = image,
  pinned = false,
): BaseImageStage => ({ line, image, platforms, pinned, written });

describe('parseBaseImageListing', () => {
  test('reads the stage lines, the written image whole, and the ERROR lines', () => {
    expect(
      parseBaseImageListing(
        [
          '2|golang:1.22|pinned|linux/amd64|golang:1.22',
          '5|debian:bookworm|targets|linux/amd64,linux/arm64|${BASE:-x|y}',
          'ERROR: the FROM at Dockerfile:6 names no image once its variables are substituted: ${UNSET}.',
          '',
        ].join('\n'),
      ),
    ).toEqual({
      stages: [
        stage(2, 'golang:1.22', ['linux/amd64'], 'golang:1.22', true),
        stage(5, 'debian:bookworm', TWO, '${BASE:-x|y}'),
      ],
      problems: [
        'the FROM at Dockerfile:6 names no image once its variables are substituted: ${UNSET}.',
      ],
    });
  });

  test('a stage line is a whole line, from its line number on', () => {
    expect(parseBaseImageListing('12|debian:12|targets|linux/amd64|debian:12').stages).toEqual([
      stage(12, 'debian:12', ['linux/amd64']),
    ]);
    expect(parseBaseImageListing('+ 2|debian:12|targets|linux/amd64|debian:12').stages).toEqual([]);
  });

  test('the written image is the rest of the line, whatever it holds, as the shell reads it', () => {
    // common.sh's `read` keeps a carriage return or a line separator in its last field; a stage
    // whose FROM holds one is still a stage, as it is to the Preflight stage.
    for (const end of ['\r', '\u2028', '\u2029 x'])
      expect(parseBaseImageListing(`3|debian:12|targets|linux/amd64|$BASE${end}`).stages).toEqual([
        stage(3, 'debian:12', ['linux/amd64'], `$BASE${end}`),
      ]);
  });
});

describe('mirrorPlan', () => {
  const DIGEST = `sha256:${'a'.repeat(64)}`;

  test('a source by digest alone: its build arg is the copy, by that digest, once', () => {
    const plan = mirrorPlan([stage(2, `alpine@${DIGEST}`, TWO, '$BASE')], {
      prefix: PREFIX,
      tlsVerify: true,
    });
    expect(plan.buildArgs).toEqual([
      { name: 'BASE', value: `${PREFIX}/docker.io/library/alpine@${DIGEST}`, lines: [2] },
    ]);
    expect(mirrorAdvice(plan, 'Dockerfile')).toContain(
      `alpine@${DIGEST} -> ${PREFIX}/docker.io/library/alpine@${DIGEST} (every platform, as it is named by digest; Dockerfile:2)`,
    );
  });

  test('only the platform ARGs podman sets are not build args; an ARG that merely ends like one is', () => {
    const plan = mirrorPlan(
      [
        stage(2, 'debian:12', TWO, '$BASE_BUILDOS'),
        stage(3, 'alpine:3', TWO, '${TARGETARCH_IMAGE}'),
        stage(4, 'busybox:1', TWO, '$BUILDARCH'),
      ],
      { prefix: PREFIX, tlsVerify: true },
    );
    expect(plan.buildArgs.map((arg) => arg.name)).toEqual(['BASE_BUILDOS', 'TARGETARCH_IMAGE']);
    expect(plan.registryMirrors).toEqual([
      { registry: 'docker.io', location: `${PREFIX}/docker.io`, lines: [4] },
    ]);
  });

  test('a prefix written with trailing slashes names the same places', () => {
    const plan = mirrorPlan([stage(2, 'quay.io/acme/base:1')], {
      prefix: `${PREFIX}//`,
      tlsVerify: true,
    });
    expect(plan.images[0]!.destination).toBe(`${PREFIX}/quay.io/acme/base:1`);
    expect(plan.registryMirrors[0]!.location).toBe(`${PREFIX}/quay.io`);
  });

  test("over plain HTTP, the NOTE on the pipeline's --tls-verify comes with build args alone, with mirrors alone, and not without either", () => {
    const note = (stages: BaseImageStage[], prefix = PREFIX) =>
      mirrorAdvice(mirrorPlan(stages, { prefix, tlsVerify: false }), 'Dockerfile').includes(
        '\nNOTE: ',
      );
    const args = [stage(2, 'debian:12', TWO, '$BASE'), stage(3, 'alpine:3', TWO, '$TOOLS')];
    expect(note(args)).toBe(true);
    expect(note([stage(2, 'debian:12')])).toBe(true);
    expect(note([stage(1, '10.0.0.5:5000/base:1')], '10.0.0.5:5000')).toBe(false);
    expect(
      mirrorAdvice(mirrorPlan(args, { prefix: PREFIX, tlsVerify: false }), 'Dockerfile'),
    ).toContain('their copies: BASE (Dockerfile:2), TOOLS (Dockerfile:3).');
  });

  test('nothing to copy because it is all in the registry already: no "names no base image"', () => {
    const plan = mirrorPlan([stage(1, '10.0.0.5:5000/base:1')], {
      prefix: '10.0.0.5:5000',
      tlsVerify: true,
    });
    expect(mirrorAdvice(plan, 'Dockerfile')).toBe(
      '10.0.0.5:5000/base:1: already in 10.0.0.5:5000, not copied\n',
    );
  });

  test('a source named by digest is copied whole, and a tag@digest build arg keeps its digest', () => {
    const plan = mirrorPlan(
      [stage(2, `debian:12@${DIGEST}`, TWO, '$BASE'), stage(3, `alpine@${DIGEST}`)],
      { prefix: PREFIX, tlsVerify: true },
    );
    expect(plan.images).toEqual([
      {
        source: `debian:12@${DIGEST}`,
        destination: `${PREFIX}/docker.io/library/debian:12`,
        platforms: undefined,
        lines: [2],
      },
      {
        source: `alpine@${DIGEST}`,
        destination: `${PREFIX}/docker.io/library/alpine@${DIGEST}`,
        platforms: undefined,
        lines: [3],
      },
    ]);
    expect(plan.buildArgs).toEqual([
      { name: 'BASE', value: `${PREFIX}/docker.io/library/debian:12@${DIGEST}`, lines: [2] },
    ]);
  });

  test('an ARG that gives each platform another image is mirrored, not a build arg', () => {
    const plan = mirrorPlan(
      [
        stage(2, 'acme/tools-amd64:1', ['linux/amd64'], '${TOOLS}'),
        stage(2, 'acme/tools-arm64:1', ['linux/arm64'], '${TOOLS}'),
        stage(3, 'quay.io/acme/base:1', TWO, '$TARGETPLATFORM'),
      ],
      { prefix: PREFIX, tlsVerify: true },
    );
    expect(plan.buildArgs).toEqual([]);
    expect(plan.registryMirrors).toEqual([
      { registry: 'docker.io', location: `${PREFIX}/docker.io`, lines: [2] },
      { registry: 'quay.io', location: `${PREFIX}/quay.io`, lines: [3] },
    ]);
  });

  test("an image already in the prefix's registry is not copied into it again", () => {
    const plan = mirrorPlan(
      [stage(1, '10.0.0.5:5000/debian-jdk8-multi:v1', TWO, '$BASE'), stage(2, 'debian:bullseye')],
      { prefix: '10.0.0.5:5000', tlsVerify: false },
    );
    expect(plan.images.map((image) => image.source)).toEqual(['debian:bullseye']);
    expect(plan.alreadyThere).toEqual(['10.0.0.5:5000/debian-jdk8-multi:v1']);
    expect(plan.buildArgs).toEqual([]);
    expect(mirrorAdvice(plan, 'Dockerfile')).toContain(
      '10.0.0.5:5000/debian-jdk8-multi:v1: already in 10.0.0.5:5000, not copied',
    );
  });
});

describe.skipIf(requireTools(['sh', 'awk']).skip)('Dockerfiles to mirror plans', () => {
  let root: string;

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'jma-mirror-plan-'));
  });
  afterAll(async () => {
    if (root) await fs.remove(root);
  });

  let runs = 0;
  /** The Dockerfile's stages as the pipeline's shell lists them, the build agent an amd64 one. */
  async function stagesOf(dockerfile: string, config: Partial<PipelineConfig> = {}) {
    const dir = path.join(root, `t${++runs}`);
    await fs.outputFile(path.join(dir, 'Dockerfile'), dockerfile);
    return listBaseImages(pipeline(config), { root: dir, buildPlatform: 'linux/amd64' });
  }

  const BUILDER = [
    'ARG GO=1.22',
    `FROM --platform=$BUILDPLATFORM golang:\${GO} AS builder`,
    'RUN go build -o /app .',
    'FROM builder AS test',
    'RUN go test ./...',
    'FROM scratch AS empty',
    'FROM gcr.io/distroless/static-debian12',
    'COPY --from=builder /app /app',
    '',
  ].join('\n');

  test('a multi-stage build: the builder for the agent only; scratch and stages skipped; literal FROMs mirrored', async () => {
    const stages = await stagesOf(BUILDER);
    const plan = mirrorPlan(stages, { prefix: PREFIX, tlsVerify: true });
    expect(plan.images).toEqual([
      {
        source: 'golang:1.22',
        destination: `${PREFIX}/docker.io/library/golang:1.22`,
        platforms: ['linux/amd64'],
        lines: [2],
      },
      {
        source: 'gcr.io/distroless/static-debian12',
        destination: `${PREFIX}/gcr.io/distroless/static-debian12:latest`,
        platforms: TWO,
        lines: [7],
      },
    ]);
    expect(mirrorAdvice(plan, 'Dockerfile')).toBe(
      [
        `golang:1.22 -> ${PREFIX}/docker.io/library/golang:1.22 (linux/amd64; Dockerfile:2)`,
        `gcr.io/distroless/static-debian12 -> ${PREFIX}/gcr.io/distroless/static-debian12:latest (linux/amd64, linux/arm64; Dockerfile:7)`,
        '',
        'On each build agent, in /etc/containers/registries.conf.d/50-jenkins-multiarch-mirror.conf (for a rootless agent user, ~/.config/containers/registries.conf.d/ will do), so that podman pulls the images of docker.io (Dockerfile:2), gcr.io (Dockerfile:7) from their copies:',
        '',
        '[[registry]]',
        'prefix = "docker.io"',
        'location = "docker.io"',
        '',
        '[[registry.mirror]]',
        `location = "${PREFIX}/docker.io"`,
        '',
        '[[registry]]',
        'prefix = "gcr.io"',
        'location = "gcr.io"',
        '',
        '[[registry.mirror]]',
        `location = "${PREFIX}/gcr.io"`,
        '',
      ].join('\n'),
    );
  });

  test('the same builder, natively built platforms each on their own agent', async () => {
    const stages = await stagesOf(BUILDER, {
      platforms: ['linux/amd64', 'linux/arm64', 'linux/s390x'],
      native: { 'linux/s390x': { label: 's390x' } },
    });
    const plan = mirrorPlan(stages, { prefix: PREFIX, tlsVerify: true });
    expect(plan.images.map((image) => [image.source, image.platforms])).toEqual([
      ['golang:1.22', ['linux/amd64', 'linux/s390x']],
      ['gcr.io/distroless/static-debian12', ['linux/amd64', 'linux/arm64', 'linux/s390x']],
    ]);
  });

  test("each agent's run lists its own platforms: the emulated ones on the build agent, each native one on its own", async () => {
    const dockerfile = 'FROM --platform=$BUILDPLATFORM golang:1.22 AS builder\nFROM debian:12\n';
    const runs = async (platforms: string[], native: string[]) =>
      (
        await stagesOf(dockerfile, {
          platforms,
          native: Object.fromEntries(
            native.map((platform) => [platform, { label: path.basename(platform) }]),
          ),
        })
      ).map((s) => `${s.image} ${s.platforms.join(',')}`);
    expect(await runs(['linux/amd64', 'linux/arm64', 'linux/s390x'], ['linux/s390x'])).toEqual([
      'golang:1.22 linux/amd64',
      'debian:12 linux/amd64,linux/arm64',
      'golang:1.22 linux/s390x',
      'debian:12 linux/s390x',
    ]);
    // Every platform native: no run on the build agent at all.
    expect(await runs(['linux/arm64', 'linux/s390x'], ['linux/arm64', 'linux/s390x'])).toEqual([
      'golang:1.22 linux/arm64',
      'debian:12 linux/arm64',
      'golang:1.22 linux/s390x',
      'debian:12 linux/s390x',
    ]);
  });

  test('a FROM written as one ARG gets a build arg, its default or build arg giving the image; over plain HTTP, insecure', async () => {
    const dockerfile = [
      'ARG BASE=debian:bookworm',
      'ARG REGISTRY=quay.io',
      'ARG TAG',
      'FROM ${BASE} AS base',
      'FROM $BASE AS again',
      'FROM ${REGISTRY}/acme/tools:${TAG:-1} AS tools',
      'FROM base',
      '',
    ].join('\n');
    const stages = await stagesOf(dockerfile, {
      build: { args: { BASE: 'debian:bookworm-slim' } },
      registries: [{ host: '10.0.0.5:5000', credentialsId: null, tlsVerify: false }],
    });
    const plan = mirrorPlan(stages, { prefix: '10.0.0.5:5000', tlsVerify: false });
    expect(plan.buildArgs).toEqual([
      {
        name: 'BASE',
        value: '10.0.0.5:5000/docker.io/library/debian:bookworm-slim',
        lines: [4, 5],
      },
    ]);
    expect(mirrorAdvice(plan, 'Dockerfile')).toBe(
      [
        'debian:bookworm-slim -> 10.0.0.5:5000/docker.io/library/debian:bookworm-slim (linux/amd64, linux/arm64; Dockerfile:4, Dockerfile:5)',
        'quay.io/acme/tools:1 -> 10.0.0.5:5000/quay.io/acme/tools:1 (linux/amd64, linux/arm64; Dockerfile:6)',
        '',
        'In jenkins-multiarch.yaml, the build args that give the FROMs written as one ARG their copies: BASE (Dockerfile:4, Dockerfile:5).',
        '',
        'build:',
        '  args:',
        '    BASE: 10.0.0.5:5000/docker.io/library/debian:bookworm-slim',
        '',
        'On each build agent, in /etc/containers/registries.conf.d/50-jenkins-multiarch-mirror.conf (for a rootless agent user, ~/.config/containers/registries.conf.d/ will do), so that podman pulls the images of quay.io (Dockerfile:6) from their copies:',
        '',
        '[[registry]]',
        'prefix = "quay.io"',
        'location = "quay.io"',
        '',
        '[[registry.mirror]]',
        'location = "10.0.0.5:5000/quay.io"',
        'insecure = true',
        '',
        "NOTE: 10.0.0.5:5000 serves plain HTTP. The pipeline's build pulls from it only while a registry in registries has tlsVerify: false: otherwise it gives podman build --tls-verify=true, which wins over registries.conf's insecure = true (podman 4.3.1).",
        '',
      ].join('\n'),
    );
  });

  test('with build.target, the stages after it are not mirrored', async () => {
    const dockerfile = [
      'FROM debian:bookworm AS base',
      'FROM base AS app',
      'FROM debian:bookworm-debug AS debug',
      '',
    ].join('\n');
    const stages = await stagesOf(dockerfile, { build: { target: 'app' } });
    expect(mirrorPlan(stages, { prefix: PREFIX, tlsVerify: true }).images).toEqual([
      {
        source: 'debian:bookworm',
        destination: `${PREFIX}/docker.io/library/debian:bookworm`,
        platforms: TWO,
        lines: [1],
      },
    ]);
  });

  test('only scratch and stages: nothing to copy, and it says so', async () => {
    const stages = await stagesOf('FROM scratch AS a\nFROM a\n');
    expect(stages).toEqual([]);
    expect(
      mirrorAdvice(mirrorPlan(stages, { prefix: PREFIX, tlsVerify: true }), 'Dockerfile'),
    ).toBe(
      'Dockerfile names no base image to copy: its stages start from scratch or from stages.\n',
    );
  });

  test.each([
    [
      'a FROM that names no image',
      'FROM ${UNSET}\n',
      {},
      'the FROM at Dockerfile:1 names no image once its variables are substituted: ${UNSET}. Give the ARG a default before the first FROM, or set it in build.args.',
    ],
    [
      'a target that names no stage',
      'FROM debian AS base\nFROM base AS app\n',
      { build: { target: 'ap' } },
      'build.target ap names no stage of Dockerfile; its stages are: base, app.',
    ],
  ])('%s is a usage error in the preflight words', async (_, dockerfile, config, message) => {
    const error = await stagesOf(dockerfile, config).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CliError);
    expect(error).toMatchObject({ message, exitCode: 2 });
  });

  test('every FROM that names no image is reported, one a line', async () => {
    const error = await stagesOf('FROM ${A}\nFROM ${B}\n').catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      message: [1, 2]
        .map(
          (line) =>
            `the FROM at Dockerfile:${line} names no image once its variables are substituted: \${${'AB'[line - 1]}}. Give the ARG a default before the first FROM, or set it in build.args.`,
        )
        .join('\n'),
      exitCode: 2,
    });
  });

  /** listBaseImages with `tools` (name to sh script) first on PATH. */
  async function withTools(tools: Record<string, string>, list: () => Promise<unknown>) {
    const bin = path.join(root, `bin${++runs}`);
    for (const [name, script] of Object.entries(tools))
      await fs.outputFile(path.join(bin, name), `#!/bin/sh\n${script}\n`, { mode: 0o755 });
    const saved = process.env.PATH;
    process.env.PATH = `${bin}:${saved}`;
    try {
      return await list().catch((caught: unknown) => caught);
    } finally {
      process.env.PATH = saved;
    }
  }

  test("podman that cannot tell this machine's platform is a failure (exit 1), not a usage error", async () => {
    const dir = path.join(root, 'no-podman');
    await fs.outputFile(path.join(dir, 'Dockerfile'), 'FROM debian:12\n');
    const error = await withTools({ podman: 'echo "cannot connect to podman" >&2; exit 125' }, () =>
      listBaseImages(pipeline(), { root: dir }),
    );
    expect(error).toMatchObject({
      message:
        "podman cannot tell this machine's platform (cannot connect to podman), which a FROM --platform=$BUILDPLATFORM runs on: name the build agent's platform instead.",
      exitCode: 1,
    });
  });

  test("with every platform native, this machine's platform is not needed: podman is not asked", async () => {
    const dir = path.join(root, 'all-native');
    await fs.outputFile(path.join(dir, 'Dockerfile'), 'FROM debian:12\n');
    const config = pipeline({
      platforms: ['linux/arm64', 'linux/s390x'],
      native: { 'linux/arm64': { label: 'arm64' }, 'linux/s390x': { label: 's390x' } },
    });
    const stages = await withTools({ podman: 'echo "podman was asked" >&2; exit 125' }, () =>
      listBaseImages(config, { root: dir }),
    );
    expect(stages).toEqual([
      stage(1, 'debian:12', ['linux/arm64']),
      stage(1, 'debian:12', ['linux/s390x']),
    ]);
  });

  test('a shell that stops without an ERROR line is a failure with its exit code and output', async () => {
    const dir = path.join(root, 'stopped');
    await fs.outputFile(path.join(dir, 'Dockerfile'), 'FROM debian:12\n');
    // What the step was given shows in the output: the build's tag names the step, as in Jenkins.
    const error = await withTools(
      { sh: 'echo "  $BUILD_TAG for $MULTIARCH_PLATFORMS"; echo; exit 3' },
      () => listBaseImages(pipeline(), { root: dir, buildPlatform: 'linux/amd64' }),
    );
    expect(error).toMatchObject({
      message:
        'base-images.sh stopped with exit code 3:\n  jenkins-multiarch-base-images for linux/amd64,linux/arm64',
      exitCode: 1,
    });
  });

  test('no Dockerfile is a usage error naming where it was looked for', async () => {
    const dir = path.join(root, 'empty');
    await fs.mkdirp(dir);
    const error = await listBaseImages(pipeline(), {
      root: dir,
      buildPlatform: 'linux/amd64',
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      message: `no Dockerfile (build.dockerfile) in ${dir} or in the build context .: run this where the source is checked out.`,
      exitCode: 2,
    });
  });

  test.skipIf(requireTools(['podman']).skip)(
    "without a build platform, this machine's, as podman tells it",
    async () => {
      const arch = (await execa('podman', ['info', '--format', '{{.Host.Arch}}'])).stdout.trim();
      const dir = path.join(root, 'here');
      await fs.outputFile(
        path.join(dir, 'Dockerfile'),
        'FROM --platform=$BUILDPLATFORM golang:1.22 AS builder\nFROM debian\n',
      );
      const stages = await listBaseImages(pipeline({ platforms: ['linux/s390x'] }), { root: dir });
      expect(stages.map((s) => [s.image, s.platforms])).toEqual([
        ['golang:1.22', [`linux/${arch}`]],
        ['debian', ['linux/s390x']],
      ]);
    },
  );
});
