import { PLATFORM_NAMES, suggestPlatform } from '../../model/platform.js';
import { editDistance } from '../../model/suggest.js';
import { platformEntries } from '../platforms.js';
import { findOptions } from '../podman.js';
import {
  defineRule,
  example,
  type MessageTemplate,
  type ReportOf,
  type RuleContext,
} from '../rule.js';

/**
 * Spellings outside our table that podman builds exactly as one in it: with podman 4.3.1 both
 * `linux/arm64/v8` and `linux/arm64` give the index entry arm64, variant v8 (OCI's image-index
 * spec names v8 as arm64's variant).
 */
const SAME_AS_LISTED = new Set(['linux/arm64/v8']);

/**
 * Spellings podman reads as another platform, which `suggestPlatform` (a name matcher) would
 * not name: measured with podman 4.3.1, `linux/arm` builds arm variant v7.
 */
const PODMAN_READS_AS: ReadonlyMap<string, string> = new Map([['linux/arm', 'linux/arm/v7']]);

/** What was probably meant by `linux/arm/v8`, which builds a 32-bit image (arm, variant v8). */
const ARM_V8 = 'linux/arm/v8';

const messages = {
  armV8: {
    message:
      '"{{value}}" is 32-bit ARM (AArch32) with variant v8, not 64-bit ARM: podman 4.3.1 labels the image arm/v8, so the index has no arm64 entry, an arm64 host gets no native image, and a base image without an arm/v8 variant fails to pull',
    fix: 'Write linux/arm64',
  },
  typo: {
    message:
      '"{{value}}" is not a platform: podman passes it through, so pulling a multi-arch base image fails ("no image found in manifest list for architecture …") or the image is labelled with an architecture no host has',
    fix: 'Write {{suggestion}}',
  },
  normalised: {
    message:
      '"{{value}}" is not an OCI platform name (those use Go\'s architecture names): podman 4.3.1 normalises it to {{suggestion}} for the build, so the pushed index says {{suggestion}}, not what this file says, and a check that compares the two fails',
    fix: 'Write {{suggestion}}',
  },
} satisfies Record<string, MessageTemplate>;

type Problem = Pick<ReportOf<typeof messages>, 'messageId' | 'data'>;

function problemOf(value: string): Problem | undefined {
  if (PLATFORM_NAMES.includes(value) || SAME_AS_LISTED.has(value)) return undefined;
  if (value.toLowerCase() === ARM_V8) return { messageId: 'armV8', data: { value } };
  const readAs = PODMAN_READS_AS.get(value.toLowerCase());
  if (readAs) return { messageId: 'normalised', data: { value, suggestion: readAs } };
  // Platforms outside our table may be real (linux/loong64): only near misses are wrong.
  const suggestion = suggestPlatform(value);
  if (suggestion === undefined) return undefined;
  const typo = editDistance(value.toLowerCase(), suggestion) <= 2;
  return { messageId: typo ? 'typo' : 'normalised', data: { value, suggestion } };
}

export const unknownPlatform = defineRule({
  meta: {
    id: 'unknown-platform',
    severity: 'error',
    title: 'A platform string that is not an OCI platform name',
    docs: {
      description:
        '`linux/arm46`, `linux/aarch64` or `linux/arm/v8` (32-bit) instead of `linux/arm64`; `linux/arm` (podman builds `linux/arm/v7`). `linux/arm64/v8` is fine, and so is a platform that is no near miss of a known one (`linux/loong64`).',
      file: 'Jenkinsfile',
      bad: example`
        node('podman') {
          sh 'test -e /proc/sys/fs/binfmt_misc/qemu-aarch64'
          sh 'podman manifest rm app-list >/dev/null 2>&1 || true'
          sh 'podman build --platform linux/amd64,linux/aarch64 --manifest app-list .'
        }
      `,
      good: example`
        node('podman') {
          sh 'test -e /proc/sys/fs/binfmt_misc/qemu-aarch64'
          sh 'podman manifest rm app-list >/dev/null 2>&1 || true'
          sh 'podman build --platform linux/amd64,linux/arm64 --manifest app-list .'
        }
      `,
    },
    messages,
  },
  check({ commands }: RuleContext) {
    const reports = new Map<number, ReportOf<typeof messages>>();
    for (const { step, command } of commands)
      for (const option of findOptions(command, '--platform'))
        for (const entry of platformEntries(step, option) ?? []) {
          const problem = problemOf(entry.value);
          if (problem) reports.set(entry.start, { start: entry.start, end: entry.end, ...problem });
        }
    return [...reports.values()];
  },
});
