import type { BaseImageStage } from './base-image-stage.js';
import { mirrorDestination, mirrorLocation, parseImageReference } from './image-reference.js';

/**
 * What `mirror --from-config` does with a Dockerfile's base images (base-image-stage.ts): copies
 * each under the destination prefix, once, with the platforms its stages are built for; and how
 * the build then finds the copies without a FROM rewritten. A FROM written as one ARG (`FROM
 * $BASE`) is pointed at its copy by a build arg; any other is found through a registry mirror
 * (containers-registries.conf(5), "Remapping and mirroring registries": a `[[registry]]` table
 * whose `prefix` is the source registry, with a `[[registry.mirror]]` whose `location` is where
 * mirrorDestination put that registry's images).
 */
export interface MirrorPlanOptions {
  /** Where the copies go: `host[:port][/path]`, as `mirror`'s DST-PREFIX. */
  readonly prefix: string;
  /** false when the prefix's registry serves plain HTTP (or a certificate nobody trusts). */
  readonly tlsVerify: boolean;
}

export interface MirrorImage {
  /** The image as the Dockerfile names it once resolved (`debian:bookworm`). */
  readonly source: string;
  readonly destination: string;
  /**
   * The platforms to copy: every one its stages are built for, in the order first needed; or
   * undefined, every platform, for a source named by digest: only a whole copy keeps the index's
   * digest, which the FROM asks for.
   */
  readonly platforms: readonly string[] | undefined;
  /** The Dockerfile lines of its FROMs. */
  readonly lines: readonly number[];
}

/** A `build.args` entry that gives a FROM written as one ARG the copy instead of the ARG's default. */
export interface BuildArgAdvice {
  readonly name: string;
  readonly value: string;
  readonly lines: readonly number[];
}

/** A registries.conf table: pulls from `registry` (its `prefix`) try `location` first. */
export interface RegistryMirrorAdvice {
  readonly registry: string;
  readonly location: string;
  readonly lines: readonly number[];
}

export interface MirrorPlan {
  /** The registry host[:port] of the prefix. */
  readonly registry: string;
  /** The mirror's `insecure = true`: the prefix's registry serves plain HTTP. */
  readonly insecure: boolean;
  readonly images: readonly MirrorImage[];
  /** Images already in the prefix's registry, which are not copied into it again. */
  readonly alreadyThere: readonly string[];
  readonly buildArgs: readonly BuildArgAdvice[];
  readonly registryMirrors: readonly RegistryMirrorAdvice[];
}

/**
 * The ARG a FROM's image is written as, alone (`$BASE`, `${BASE}`), if it is one; not the
 * platform ARGs podman sets itself, which no build arg overrides.
 */
function soleArg(written: string): string | undefined {
  const name = /^\$(?:([A-Za-z_]\w*)|\{([A-Za-z_]\w*)\})$/.exec(written)?.slice(1).find(Boolean);
  return name === undefined || /^(TARGET|BUILD)(PLATFORM|OS|ARCH|VARIANT)$/.test(name)
    ? undefined
    : name;
}

/** Values of `key` gathered in order of first appearance. */
function gather<K, V>(into: Map<K, V[]>, key: K, value: V) {
  const values = into.get(key) ?? [];
  if (!values.includes(value)) values.push(value);
  into.set(key, values);
}

export function mirrorPlan(
  stages: readonly BaseImageStage[],
  { prefix, tlsVerify }: MirrorPlanOptions,
): MirrorPlan {
  const registry = prefix.split('/')[0]!;
  const platforms = new Map<string, string[]>();
  const lines = new Map<string, number[]>();
  const argImages = new Map<string, string[]>();
  for (const stage of stages) {
    for (const platform of stage.platforms) gather(platforms, stage.image, platform);
    gather(lines, stage.image, stage.line);
    const arg = soleArg(stage.written);
    if (arg !== undefined) gather(argImages, arg, stage.image);
  }
  const copied = [...lines.keys()].filter(
    (source) => parseImageReference(source).registry !== registry,
  );
  const images = copied.map((source): MirrorImage => {
    const { digest } = parseImageReference(source);
    return {
      source,
      destination: mirrorDestination(source, prefix),
      platforms: digest === undefined ? platforms.get(source) : undefined,
      lines: lines.get(source)!,
    };
  });
  const destinations = new Map(images.map((image) => [image.source, image.destination]));
  // An ARG whose FROMs resolve to one image, copied: its build arg names that copy. One that
  // resolves to several (a default that names $TARGETARCH) cannot; those FROMs are mirrored.
  const buildArgs: BuildArgAdvice[] = [];
  const byArg = new Set<BaseImageStage>();
  for (const [name, [image, ...others]] of argImages) {
    const destination = destinations.get(image!);
    if (others.length > 0 || destination === undefined) continue;
    const { tag, digest } = parseImageReference(image!);
    const own = stages.filter((stage) => soleArg(stage.written) === name);
    own.forEach((stage) => byArg.add(stage));
    buildArgs.push({
      name,
      // The FROM's digest stays with it: mirrorDestination keeps the tag of a tag@digest source.
      value: tag !== undefined && digest !== undefined ? `${destination}@${digest}` : destination,
      lines: [...new Set(own.map((stage) => stage.line))],
    });
  }
  const mirrored = new Map<string, number[]>();
  for (const stage of stages)
    if (!byArg.has(stage) && destinations.has(stage.image))
      gather(mirrored, parseImageReference(stage.image).registry, stage.line);
  const registryMirrors = [...mirrored].map(([source, at]): RegistryMirrorAdvice => ({
    registry: source,
    location: mirrorLocation(source, prefix),
    lines: at,
  }));
  return {
    registry,
    insecure: !tlsVerify,
    images,
    alreadyThere: [...lines.keys()].filter((source) => !destinations.has(source)),
    buildArgs,
    registryMirrors,
  };
}
