import {
  architectures,
  labelArchitectures,
  nativeArchitectures,
  platformEntries,
} from '../platforms.js';
import { findOptions, isBuild, isSubcommand } from '../podman.js';
import { defineRule, example, type MessageTemplate, type RuleContext } from '../rule.js';

/** What a pipeline that checks (or sets up) emulation mentions somewhere in its scripts. */
const PREFLIGHT = /binfmt_misc|update-binfmts|qemu-user-static|tonistiigi\/binfmt|qemu-binfmt-conf/;

/**
 * The architecture agents have when the file names none in a label (`agent any`, `node('podman')`):
 * Jenkins picks any agent, and most are x86-64.
 */
const USUAL_AGENT = 'amd64';

/** What every finding says after naming what runs under QEMU, and its fix: one preflight. */
const noPreflight = {
  message:
    ', and nothing in this pipeline checks that the agent has binfmt_misc handlers for the foreign architecture: on an agent without them the build fails midway with "exec format error"',
  fix: "Add a preflight step that fails fast unless /proc/sys/fs/binfmt_misc/qemu-<arch> exists and is enabled for each foreign architecture (jenkins-multiarch render emits one), or run each platform on an agent of its own architecture (agent { label 'arm64' })",
};

const messages = {
  multiArch: {
    message: `Building {{platforms}}{{more}} runs the RUN steps of all but one architecture under QEMU${noPreflight.message}`,
    fix: noPreflight.fix,
  },
  foreignBuild: {
    message: `Building {{platforms}}{{more}} on {{agent}} runs it under QEMU${noPreflight.message}`,
    fix: noPreflight.fix,
  },
  foreignContainer: {
    message: `Running {{platforms}}{{more}} on {{agent}} runs it under QEMU${noPreflight.message}`,
    fix: noPreflight.fix,
  },
} satisfies Record<string, MessageTemplate>;

export const missingQemuPreflight = defineRule({
  meta: {
    id: 'missing-qemu-preflight',
    severity: 'warning',
    title:
      'A build or container for a foreign architecture with no check that the agent can emulate it',
    docs: {
      description:
        'A build of two or more architectures, or a build or container (`--platform` of `build`, `run`, `docker.build`, `image().inside`) for an architecture no agent label names (`x64`, `aarch64`, …; none named: x86-64 assumed, as on `agent any`; a 64-bit agent runs its 32-bit platform, `linux/arm/v7` on `aarch64`), and no binfmt_misc/QEMU check anywhere in the pipeline: on an agent without QEMU\'s handlers the build fails midway with "exec format error".',
      file: 'Jenkinsfile',
      bad: example`
        node('podman') {
          sh 'podman manifest rm app-list >/dev/null 2>&1 || true'
          sh 'podman build --platform linux/amd64,linux/arm64 --manifest app-list .'
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
  check({ pipeline, commands }: RuleContext) {
    const checked = pipeline.steps.some((step) =>
      (step.shell?.words ?? []).some((word) => PREFLIGHT.test(word.raw)),
    );
    if (checked) return [];
    const labelled = labelArchitectures(pipeline.agentLabels);
    const native = nativeArchitectures(labelled.size > 0 ? labelled : new Set([USUAL_AGENT]));
    // Builds run their RUN steps as the target platform, containers their processes.
    const foreign = commands.flatMap(({ step, command }) =>
      isBuild(command) || isSubcommand(command, 'run') || isSubcommand(command, 'create')
        ? findOptions(command, '--platform').flatMap((option) => {
            const entries = platformEntries(step, option);
            const archs = entries && architectures(entries);
            return archs && (archs.size >= 2 || [...archs].some((arch) => !native.has(arch)))
              ? [{ option, entries: entries!, archs, build: isBuild(command) }]
              : [];
          })
        : [],
    );
    // One finding per file: one preflight covers every build, so one fix is needed.
    const [first, ...others] = foreign;
    if (first === undefined) return [];
    const platforms = first.entries.map((entry) => entry.value).join(',');
    const more =
      others.length > 0
        ? ` (and ${others.length} more command${others.length > 1 ? 's' : ''})`
        : '';
    const agent =
      labelled.size > 0
        ? `agents labelled for ${[...labelled].join(', ')}`
        : `any agent (no label in this file names an architecture, and most agents are x86-64)`;
    return [
      {
        messageId:
          first.archs.size >= 2 ? 'multiArch' : first.build ? 'foreignBuild' : 'foreignContainer',
        start: first.option.word.start,
        // Its platforms were read from its value, so it has one.
        end: first.option.value!.end,
        data: { platforms, more, agent },
      },
    ];
  },
});
