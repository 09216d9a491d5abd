import { platformAlias, PLATFORMS, platformInfo } from '../model/platform.js';
import { wordValue, type ScriptStep } from './pipeline.js';
import type { Option } from './podman.js';

/** One platform string as written, e.g. `linux/arm64` in `--platform linux/amd64,linux/arm64`. */
export interface PlatformEntry {
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

/**
 * The platforms a `--platform` option names and where each is written (possibly in the
 * assignment or environment entry the option's variable comes from); undefined when unknown.
 */
export function platformEntries(step: ScriptStep, option: Option): PlatformEntry[] | undefined {
  const value = option.value && wordValue(step, option.value);
  if (value === undefined || value.unknown.length > 0) return undefined;
  const entries: PlatformEntry[] = [];
  let from = 0;
  for (const piece of value.text.split(',')) {
    const lead = piece.length - piece.trimStart().length;
    const trimmed = piece.trim();
    if (trimmed !== '') {
      const first = from + lead;
      const last = first + trimmed.length - 1;
      entries.push({ value: trimmed, start: value.offsets[first]!, end: value.offsets[last]! + 1 });
    }
    from += piece.length + 1;
  }
  return entries;
}

/** Distinct CPU architectures among platforms; two or more means some run under emulation. */
export function architectures(entries: readonly PlatformEntry[]): Set<string> {
  return new Set(
    entries.map(
      (entry) => platformInfo(entry.value)?.arch ?? entry.value.split('/')[1] ?? entry.value,
    ),
  );
}

/** Label words for an architecture beyond the platform aliases: Jenkins labels often say x64. */
const LABEL_ALIASES: ReadonlyMap<string, string> = new Map([['x64', 'linux/amd64']]);

/**
 * 32-bit architectures a 64-bit agent runs natively: x86-64 runs i386, and an AArch64 CPU with
 * AArch32 runs arm (adoptium/infrastructure builds linux/arm/v7 on its aarch64 agents).
 */
const ALSO_RUNS: ReadonlyMap<string, string> = new Map([
  ['amd64', '386'],
  ['arm64', 'arm'],
]);

/**
 * The CPU architectures agent labels name (`arm64`, `linux && aarch64`, `docker&&x64`): agents
 * the file expects to run natively as those. `x86` is left out: in labels it means x86-64 as
 * often as 32-bit.
 */
export function labelArchitectures(labels: readonly string[]): Set<string> {
  const found = new Set<string>();
  for (const word of labels
    .join(' ')
    .toLowerCase()
    .split(/[^a-z0-9_]+/)) {
    if (word === 'x86') continue;
    const platform =
      LABEL_ALIASES.get(word) ??
      platformAlias(word) ??
      PLATFORMS.find((p) => p.arch === word)?.platform;
    const arch = platform && platformInfo(platform)?.arch;
    if (arch) found.add(arch);
  }
  return found;
}

/** The architectures agents of these run without emulation: their own and ALSO_RUNS. */
export function nativeArchitectures(agents: ReadonlySet<string>): Set<string> {
  return new Set(
    [...agents].flatMap((arch) => {
      const also = ALSO_RUNS.get(arch);
      return also ? [arch, also] : [arch];
    }),
  );
}
