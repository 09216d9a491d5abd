import { architectures, platformEntries } from '../platforms.js';
import { findOptions, isBuild } from '../podman.js';
import type { Rule } from '../rule.js';

/** What a pipeline that checks (or sets up) emulation mentions somewhere in its scripts. */
const PREFLIGHT = /binfmt_misc|update-binfmts|qemu-user-static|tonistiigi\/binfmt|qemu-binfmt-conf/;

export const missingQemuPreflight: Rule = {
  id: 'missing-qemu-preflight',
  severity: 'warning',
  title:
    'A cross-architecture build with no check that the agent can emulate the other architectures',
  check({ pipeline, commands }) {
    const checked = pipeline.steps.some((step) =>
      (step.shell?.words ?? []).some((word) => PREFLIGHT.test(word.raw)),
    );
    if (checked) return [];
    // One finding per file: one preflight covers every build, so one fix is needed.
    const crossBuilds = commands.flatMap(({ step, command }) =>
      isBuild(command)
        ? findOptions(command, '--platform').flatMap((option) => {
            const entries = platformEntries(step, option);
            return entries && architectures(entries).size >= 2 ? [{ option, entries }] : [];
          })
        : [],
    );
    const [first, ...others] = crossBuilds;
    if (first === undefined) return [];
    const list = first.entries.map((entry) => entry.value).join(',');
    const more =
      others.length > 0 ? ` (and ${others.length} more build${others.length > 1 ? 's' : ''})` : '';
    return [
      {
        start: first.option.word.start,
        end: (first.option.value ?? first.option.word).end,
        message: `Building ${list}${more} runs the RUN steps of all but one architecture under QEMU, and nothing in this pipeline checks that the agent has binfmt_misc handlers for them: on an agent without them the build fails midway with "exec format error"`,
        fix: 'Add a preflight step that fails fast unless /proc/sys/fs/binfmt_misc/qemu-<arch> exists and is enabled for each foreign architecture (jenkins-multiarch render emits one)',
      },
    ];
  },
};
