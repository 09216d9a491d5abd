import { PLATFORM_NAMES, suggestPlatform } from '../../model/platform.js';
import { editDistance } from '../../model/suggest.js';
import { platformEntries } from '../platforms.js';
import { findOptions } from '../podman.js';
import type { Rule, RuleFinding } from '../rule.js';

export const unknownPlatform: Rule = {
  id: 'unknown-platform',
  severity: 'error',
  title: 'A platform string that is not an OCI platform name',
  check({ commands }) {
    const findings = new Map<number, RuleFinding>();
    for (const { step, command } of commands)
      for (const option of findOptions(command, '--platform'))
        for (const entry of platformEntries(step, option) ?? []) {
          if (PLATFORM_NAMES.includes(entry.value)) continue;
          // Platforms outside our table may be real (linux/loong64): only near misses are wrong.
          const suggestion = suggestPlatform(entry.value);
          if (suggestion === undefined) continue;
          const typo = editDistance(entry.value.toLowerCase(), suggestion) <= 2;
          findings.set(entry.start, {
            start: entry.start,
            end: entry.end,
            message: typo
              ? `"${entry.value}" is not a platform: podman passes it through, so pulling a multi-arch base image fails ("no image found in manifest list for architecture …") or the image is labelled with an architecture no host has`
              : `"${entry.value}" is not an OCI platform name (those use Go's architecture names): podman 4.3.1 normalises it to ${suggestion} for the build, so the pushed index says ${suggestion}, not what this file says, and a check that compares the two fails`,
            fix: `Write ${suggestion}`,
          });
        }
    return [...findings.values()];
  },
};
