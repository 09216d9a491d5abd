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
  /** One variable per map entry, numbered from 1: `<name>1=key=value`, `<name>2=…`. */
  | 'numbered'
  /** Registries' hosts, space-separated. */
  | 'hosts'
  /** The hosts of registries with tlsVerify false, space-separated. */
  | 'insecureHosts'
  /**
   * Tag entries as words for tags.sh: a fixed tag as itself, a rule as `@from` or
   * `@from:pattern-or-branch` (no fixed tag can start with "@").
   */
  | 'tagRules';

export interface EnvEntry {
  readonly name: string;
  readonly from: readonly string[];
  readonly as: EnvFormat;
}

export const STEP_ENVIRONMENT: readonly EnvEntry[] = [
  { name: 'MULTIARCH_REGISTRIES', from: ['registries'], as: 'hosts' },
  { name: 'MULTIARCH_INSECURE_REGISTRIES', from: ['registries'], as: 'insecureHosts' },
  { name: 'MULTIARCH_IMAGE', from: ['image', 'name'], as: 'text' },
  { name: 'MULTIARCH_TAGS', from: ['image', 'tags'], as: 'tagRules' },
  { name: 'MULTIARCH_LABEL_', from: ['image', 'labels'], as: 'numbered' },
  { name: 'MULTIARCH_PLATFORMS', from: ['platforms'], as: 'commas' },
  { name: 'MULTIARCH_EMULATION', from: ['platforms'], as: 'emulation' },
  { name: 'MULTIARCH_DOCKERFILE', from: ['build', 'dockerfile'], as: 'text' },
  { name: 'MULTIARCH_CONTEXT', from: ['build', 'context'], as: 'text' },
  { name: 'MULTIARCH_BUILD_ARG_', from: ['build', 'args'], as: 'numbered' },
  { name: 'MULTIARCH_TARGET', from: ['build', 'target'], as: 'text' },
  { name: 'MULTIARCH_PULL', from: ['build', 'pull'], as: 'text' },
  { name: 'MULTIARCH_NO_CACHE', from: ['build', 'noCache'], as: 'text' },
  { name: 'MULTIARCH_TIMEOUT_MINUTES', from: ['build', 'timeoutMinutes'], as: 'text' },
  { name: 'MULTIARCH_EXTRA_ARGS', from: ['build', 'extraArgs'], as: 'words' },
  { name: 'BUILDAH_ISOLATION', from: ['build', 'isolation'], as: 'text' },
  { name: 'MULTIARCH_PUSH_RETRIES', from: ['push', 'retries'], as: 'text' },
];

/** What the login step reads, from the registry it logs in to (inside its withCredentials). */
export const LOGIN_ENVIRONMENT: readonly EnvEntry[] = [
  { name: 'MULTIARCH_LOGIN_REGISTRY', from: ['host'], as: 'text' },
];

/** `arch:handler` for each platform, e.g. `linux/arm64` -> `arm64:qemu-aarch64`. */
export const EMULATION: Readonly<Record<string, string>> = Object.fromEntries(
  PLATFORMS.map((p) => [p.platform, `${p.arch}:${p.qemuHandler}`]),
);

interface Registry {
  readonly host: string;
  readonly tlsVerify: boolean;
}

type TagEntry =
  string | { readonly from: string; readonly pattern?: string; readonly branch?: string };

function tagRule(entry: TagEntry): string {
  if (typeof entry === 'string') return entry;
  const argument = entry.pattern ?? entry.branch;
  return argument === undefined ? `@${entry.from}` : `@${entry.from}:${argument}`;
}

export function environment(
  entries: readonly EnvEntry[],
  root: unknown,
): [name: string, value: string][] {
  const out: [string, string][] = [];
  for (const entry of entries) {
    const value = entry.from.reduce<unknown>(
      (node, key) => (node as Record<string, unknown> | undefined)?.[key],
      root,
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
      case 'numbered':
        Object.entries(value as Record<string, string>).forEach(([key, item], index) =>
          out.push([`${entry.name}${index + 1}`, `${key}=${item}`]),
        );
        break;
      case 'hosts':
        out.push([entry.name, (value as Registry[]).map((r) => r.host).join(' ')]);
        break;
      case 'insecureHosts':
        out.push([
          entry.name,
          (value as Registry[])
            .filter((r) => !r.tlsVerify)
            .map((r) => r.host)
            .join(' '),
        ]);
        break;
      case 'tagRules':
        out.push([entry.name, (value as TagEntry[]).map(tagRule).join(' ')]);
        break;
    }
  }
  return out;
}

/** The environment every shell step gets. */
export function stepEnvironment(pipeline: Pipeline): [name: string, value: string][] {
  return environment(STEP_ENVIRONMENT, pipeline);
}
