import fs from 'fs-extra';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { tempDir } from './cli.js';
import { installFakeTools } from './fake-tools.js';

/**
 * An `sh` that stands in for the shell a step script runs in (src/cli/step-script.ts runs
 * `sh -e FILE`), for in-process tests of the commands that run one: mirror.sh and preflight.sh
 * are not run; their call is recorded (arguments, working directory, environment, the script and
 * the workspace's logins as they were during the run) and answered with the lines of FAKE_SH_LINES
 * (a file, one line each, printed to stdout, or to stderr after a `>&2 ` prefix) and exit code
 * FAKE_SH_EXIT. Any other script (base-images.sh of `mirror --from-config`) runs in /bin/sh,
 * beside test/support/fake-tools.ts's podman where it asks one.
 */
const SH = `#!/bin/sh
case "$(basename "$2")" in
  mirror.sh | preflight.sh) ;;
  *) exec /bin/sh "$@" ;;
esac
call="$FAKE_SH_CALLS/$(printf %04d $(($(ls "$FAKE_SH_CALLS" | wc -l) + 1)))"
mkdir "$call"
for arg in "$@"; do printf '%s\\0' "$arg"; done >"$call/argv"
pwd >"$call/cwd"
env -0 >"$call/env"
cp "$2" "$call/script"
auth="$WORKSPACE/.jenkins-multiarch/auth.json"
if [ -e "$auth" ]; then
  cp "$auth" "$call/auth.json"
  stat -c %a "$WORKSPACE/.jenkins-multiarch" "$auth" >"$call/auth-modes"
fi
if [ -n "\${FAKE_SH_LINES:-}" ]; then
  while IFS= read -r line; do
    case $line in
      '>&2 '*) printf '%s\\n' "\${line#>&2 }" >&2 ;;
      *) printf '%s\\n' "$line" ;;
    esac
  done <"$FAKE_SH_LINES"
fi
exit "\${FAKE_SH_EXIT:-0}"
`;

/** One run of a step script, as the fake shell saw it. */
export interface StepCall {
  /** The shell's arguments: `-e` and the script's file. */
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  /** The script as it was run. */
  script: string;
  /** The logins in the workspace, where common.sh looks; undefined when none were there. */
  auth?: { text: string; dirMode: string; fileMode: string };
}

/** Writes the fake `sh` into `bin`, to go first on PATH. */
export async function installFakeStepShell(bin: string): Promise<void> {
  await fs.mkdirp(bin);
  await fs.writeFile(path.join(bin, 'sh'), SH, { mode: 0o755 });
}

/** Every step script run recorded in `calls`, in order. */
export async function stepCalls(calls: string): Promise<StepCall[]> {
  const runs = (await fs.readdir(calls)).sort();
  return Promise.all(
    runs.map(async (run) => {
      const read = (file: string) => fs.readFile(path.join(calls, run, file), 'utf8');
      const nul = (text: string) => text.split('\0').slice(0, -1);
      const env = Object.fromEntries(
        nul(await read('env')).map((entry) => {
          const at = entry.indexOf('=');
          return [entry.slice(0, at), entry.slice(at + 1)];
        }),
      );
      const call: StepCall = {
        argv: nul(await read('argv')),
        cwd: (await read('cwd')).trimEnd(),
        env,
        script: await read('script'),
      };
      if (await fs.pathExists(path.join(calls, run, 'auth.json'))) {
        const [dirMode = '', fileMode = ''] = (await read('auth-modes')).trim().split('\n');
        call.auth = { text: await read('auth.json'), dirMode, fileMode };
      }
      return call;
    }),
  );
}

/** The MULTIARCH_* variables of a call's environment. */
export const multiarchEnv = (call: StepCall): Record<string, string> =>
  Object.fromEntries(Object.entries(call.env).filter(([name]) => name.startsWith('MULTIARCH_')));

/** The environment useFakeStepShell changes, restored after each test. */
const SAVED = [
  'PATH',
  'HOME',
  'REGISTRY_AUTH_FILE',
  'XDG_RUNTIME_DIR',
  'FAKE_SH_LINES',
  'FAKE_SH_EXIT',
  'FAKE_SH_CALLS',
  'FAKE_CALLS',
  'FAKE_STATE',
];

export interface FakeStepShell {
  /** The test's directory (its real path), where the command runs. */
  readonly dir: string;
  /** Where the fake shell records its runs (stepCalls). */
  readonly calls: string;
  /** The script's answer: `lines` printed (`>&2 ` first: on stderr), then exit `exitCode`. */
  scriptSays(lines: string[], exitCode?: number): Promise<void>;
}

/**
 * Registers hooks that give each test a directory, and a PATH whose sh is the fake (and podman and
 * skopeo test/support/fake-tools.ts's), with HOME there and no REGISTRY_AUTH_FILE or
 * XDG_RUNTIME_DIR, so no stored login is found unless the test makes one. The step scripts get
 * process.env; what a test changes in it is restored afterwards (and so are the names of `alsoSaved`).
 */
export function useFakeStepShell(alsoSaved: readonly string[] = []): FakeStepShell {
  let saved: Record<string, string | undefined> = {};
  const state = { dir: '', calls: '' };
  beforeEach(async () => {
    saved = Object.fromEntries([...SAVED, ...alsoSaved].map((name) => [name, process.env[name]]));
    state.dir = await fs.realpath(await tempDir());
    const bin = path.join(state.dir, '.bin');
    await installFakeStepShell(bin);
    await installFakeTools(bin);
    state.calls = path.join(state.dir, '.calls');
    const toolCalls = path.join(state.dir, '.tool-calls');
    const toolState = path.join(state.dir, '.state');
    for (const made of [state.calls, toolCalls, toolState]) await fs.mkdirp(made);
    Object.assign(process.env, {
      PATH: `${bin}${path.delimiter}${process.env.PATH}`,
      HOME: path.join(state.dir, '.home'),
      FAKE_SH_CALLS: state.calls,
      FAKE_CALLS: toolCalls,
      FAKE_STATE: toolState,
    });
    for (const name of ['REGISTRY_AUTH_FILE', 'XDG_RUNTIME_DIR', 'FAKE_SH_LINES', 'FAKE_SH_EXIT'])
      delete process.env[name];
  });
  afterEach(async () => {
    for (const [name, value] of Object.entries(saved))
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    await fs.remove(state.dir);
  });
  return {
    get dir() {
      return state.dir;
    },
    get calls() {
      return state.calls;
    },
    async scriptSays(lines, exitCode = 0) {
      const file = path.join(state.dir, '.lines');
      await fs.writeFile(file, lines.map((line) => `${line}\n`).join(''));
      process.env.FAKE_SH_LINES = file;
      process.env.FAKE_SH_EXIT = String(exitCode);
    },
  };
}
