import fs from 'fs-extra';
import path from 'node:path';
import { agentShell, giveToAgent, type Agent } from './agent.js';
import type { PipelineJob } from './pipeline.js';

/** The architecture `podman info` reports on a machine of each test platform. */
export const MACHINE_ARCH: Readonly<Record<string, string>> = {
  'linux/amd64': 'amd64',
  'linux/arm64': 'arm64',
  'linux/mips64le': 'mips64le',
};

export interface Machines {
  /** For job.json: each architecture's label, with its workspace and environment. */
  readonly agents: NonNullable<PipelineJob['agents']>;
  /** Stops what their rootless podman left running. */
  stop(): Promise<void>;
}

/**
 * Other machines, simulated for the native strategy: for each architecture, a label whose agent
 * has a workspace, podman storage and runtime directory of its own, and a podman that reports that
 * architecture (`podman info`), as a real machine would. Their builds still run under QEMU here,
 * on this machine's cores.
 */
export async function simulateMachines(agent: Agent, dir: string): Promise<Machines> {
  const agents: NonNullable<PipelineJob['agents']> = {};
  const runtimes: string[] = [];
  for (const arch of Object.values(MACHINE_ARCH)) {
    const machine = path.join(dir, 'machines', arch);
    const bin = path.join(machine, 'bin');
    await fs.outputFile(
      path.join(bin, 'podman'),
      // preflight and smoke ask for the architecture first in a longer --format: the real
      // answer with its first word replaced.
      `#!/bin/sh
case "$1 $2 $3" in
  'info --format {{.Host.Arch}}') echo ${arch}; exit 0 ;;
  'info --format {{.Host.Arch}} '*) out=$(/usr/bin/podman "$@") || exit; echo "${arch} \${out#* }"; exit 0 ;;
esac
exec /usr/bin/podman "$@"
`,
      { mode: 0o755 },
    );
    const runtime = path.join(machine, 'run');
    await fs.mkdirp(runtime, { mode: 0o700 });
    runtimes.push(runtime);
    agents[arch] = {
      workspace: path.join(machine, 'workspace'),
      env: {
        PATH: `${bin}:${agent.env.PATH}`,
        XDG_DATA_HOME: path.join(machine, 'data'),
        XDG_RUNTIME_DIR: runtime,
      },
    };
  }
  await giveToAgent(agent, path.join(dir, 'machines'));
  return {
    agents,
    async stop() {
      // Each machine's rootless podman left a pause process; nothing else runs there.
      for (const runtime of runtimes)
        await agentShell(
          agent,
          'pid=$(cat "$RUN/libpod/tmp/pause.pid" 2>/dev/null) && kill "$pid" 2>/dev/null; true',
          { RUN: runtime },
        ).catch(() => undefined);
    },
  };
}
