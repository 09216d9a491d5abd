import type { Pipeline } from '../model/pipeline.js';
import { PLATFORMS } from '../model/platform.js';

/**
 * The environment the shell steps read, as data: the whole interface between the pipeline model
 * and resources/jenkins-multiarch/*.sh. The Jenkinsfile renderer evaluates it here; the shared
 * library gets the same table and evaluates it in Groovy at run time. Entries whose field is
 * absent (or null) are left out, so a building-block step sets only what it was given.
 */
export type EnvFormat =
  /** The value as a string (booleans as true/false). */
  | 'text'
  /** A list joined with spaces. */
  | 'words'
  /** A list joined with commas. */
  | 'commas'
  /** Platforms as the distinct `arch:qemu-handler` pairs the preflight checks, space-separated. */
  | 'emulation'
  /** A map's keys joined with spaces. */
  | 'keys'
  /** One variable per map entry: the name is this entry's name followed by the key. */
  | 'each';

export interface EnvEntry {
  readonly name: string;
  readonly from: readonly string[];
  readonly as: EnvFormat;
}

export const STEP_ENVIRONMENT: readonly EnvEntry[] = [
  { name: 'MULTIARCH_REGISTRY', from: ['registry', 'host'], as: 'text' },
  { name: 'MULTIARCH_IMAGE', from: ['image', 'name'], as: 'text' },
  { name: 'MULTIARCH_TAGS', from: ['image', 'tags'], as: 'words' },
  { name: 'MULTIARCH_PLATFORMS', from: ['platforms'], as: 'commas' },
  { name: 'MULTIARCH_EMULATION', from: ['platforms'], as: 'emulation' },
  { name: 'MULTIARCH_TLS_VERIFY', from: ['registry', 'tlsVerify'], as: 'text' },
  { name: 'MULTIARCH_DOCKERFILE', from: ['build', 'dockerfile'], as: 'text' },
  { name: 'MULTIARCH_CONTEXT', from: ['build', 'context'], as: 'text' },
  { name: 'MULTIARCH_BUILD_ARG_NAMES', from: ['build', 'args'], as: 'keys' },
  { name: 'MULTIARCH_BUILD_ARG_', from: ['build', 'args'], as: 'each' },
  { name: 'BUILDAH_ISOLATION', from: ['build', 'isolation'], as: 'text' },
];

/** `arch:handler` for each platform, e.g. `linux/arm64` -> `arm64:qemu-aarch64`. */
export const EMULATION: Readonly<Record<string, string>> = Object.fromEntries(
  PLATFORMS.map((p) => [p.platform, `${p.arch}:${p.qemuHandler}`]),
);

export function stepEnvironment(pipeline: Pipeline): [name: string, value: string][] {
  const out: [string, string][] = [];
  for (const entry of STEP_ENVIRONMENT) {
    const value = entry.from.reduce<unknown>(
      (node, key) => (node as Record<string, unknown> | undefined)?.[key],
      pipeline,
    );
    if (value === undefined || value === null) continue;
    switch (entry.as) {
      case 'text':
        out.push([entry.name, String(value)]);
        break;
      case 'words':
        out.push([entry.name, (value as string[]).join(' ')]);
        break;
      case 'commas':
        out.push([entry.name, (value as string[]).join(',')]);
        break;
      case 'emulation':
        out.push([
          entry.name,
          [...new Set((value as string[]).map((p) => EMULATION[p]))].join(' '),
        ]);
        break;
      case 'keys':
        out.push([entry.name, Object.keys(value as object).join(' ')]);
        break;
      case 'each':
        for (const [key, item] of Object.entries(value as Record<string, string>))
          out.push([entry.name + key, item]);
        break;
    }
  }
  return out;
}
