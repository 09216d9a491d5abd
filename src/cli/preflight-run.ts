import { execa } from 'execa';
import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import type { Pipeline } from '../model/pipeline.js';
import { stepEnvironment } from '../model/step-environment.js';
import { loadResources } from '../package-files.js';

/**
 * The pipeline's own preflight script (resources/jenkins-multiarch/common.sh + preflight.sh), run
 * on this machine with the environment the Preflight stage gives it, so `doctor` and the pipeline
 * check the same things in the same words. It reads and never changes the machine: its state
 * directory is a temporary workspace, removed afterwards.
 */

/** One line of the checklist: what preflight.sh said, by the prefix it said it with. */
export interface CheckLine {
  readonly status: 'ok' | 'warning' | 'error' | 'info' | 'detail';
  readonly message: string;
}

const PREFIXES: ReadonlyArray<[string, CheckLine['status']]> = [
  ['OK: ', 'ok'],
  ['WARNING: ', 'warning'],
  ['ERROR: ', 'error'],
  ['INFO: ', 'info'],
];

/** A line of the script's output as a checklist line; podman's own lines are details. */
function checkLine(line: string): CheckLine {
  for (const [prefix, status] of PREFIXES)
    if (line.startsWith(prefix)) return { status, message: line.slice(prefix.length) };
  return { status: 'detail', message: line };
}

/**
 * Where podman keeps the user's registry logins, in the order it reads them (containers-auth.json(5):
 * REGISTRY_AUTH_FILE, then ${XDG_RUNTIME_DIR}/containers/auth.json, then
 * ~/.config/containers/auth.json, then Docker's ~/.docker/config.json).
 */
function userAuthFiles(env: NodeJS.ProcessEnv): string[] {
  const home = env.HOME ?? os.homedir();
  return [
    env.REGISTRY_AUTH_FILE,
    env.XDG_RUNTIME_DIR && path.join(env.XDG_RUNTIME_DIR, 'containers', 'auth.json'),
    path.join(home, '.config', 'containers', 'auth.json'),
    path.join(home, '.docker', 'config.json'),
  ].filter((file): file is string => Boolean(file));
}

/** The user's auth file, if any: its logins stand in for the pipeline's Jenkins credentials. */
export async function findUserAuthFile(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  for (const candidate of userAuthFiles(env)) if (await fs.pathExists(candidate)) return candidate;
  return undefined;
}

export interface PreflightOptions {
  /** The checkout, where the build's paths start. */
  readonly root: string;
  /** The platforms to check here: those the config's own agent builds. */
  readonly platforms: readonly string[];
  /** Registry logins to check with (findUserAuthFile). */
  readonly authFile: string | undefined;
}

/**
 * Runs preflight for `pipeline`, calling `onLine` with each line as it comes, and returns the
 * script's exit code. The Preflight stage logs in with Jenkins credentials first; here the user's
 * stored logins stand in for them, copied into the temporary workspace where common.sh looks.
 */
export async function runPreflight(
  pipeline: Pipeline,
  { root, platforms, authFile }: PreflightOptions,
  onLine: (line: CheckLine) => void,
): Promise<number> {
  const resources = loadResources();
  const workspace = await fs.mkdtemp(path.join(os.tmpdir(), 'jenkins-multiarch-doctor-'));
  try {
    if (authFile !== undefined) {
      const stateDir = path.join(workspace, '.jenkins-multiarch');
      await fs.mkdir(stateDir, { mode: 0o700 });
      await fs.copyFile(authFile, path.join(stateDir, 'auth.json'));
      await fs.chmod(path.join(stateDir, 'auth.json'), 0o600);
    }
    const script = path.join(workspace, 'preflight.sh');
    await fs.writeFile(script, resources.get('common.sh')! + resources.get('preflight.sh')!);
    const env: Record<string, string | undefined> = {};
    // Nothing of an earlier build's MULTIARCH_* may leak in: the config alone says what to check.
    for (const name of Object.keys(process.env))
      if (name.startsWith('MULTIARCH_')) env[name] = undefined;
    Object.assign(env, Object.fromEntries(stepEnvironment(pipeline)), {
      MULTIARCH_PLATFORMS: platforms.join(','),
      WORKSPACE: workspace,
      BUILD_TAG: 'jenkins-multiarch-doctor',
    });
    // Jenkins runs a sh step's script with `sh -xe` (durable-task BourneShellScript); common.sh
    // turns tracing off, so -e is what matters.
    const child = execa('sh', ['-e', script], {
      cwd: root,
      env,
      reject: false,
      all: true,
      stdin: 'ignore',
      buffer: false,
    });
    for await (const line of child.iterable({ from: 'all' })) onLine(checkLine(String(line)));
    return (await child).exitCode ?? 1;
  } finally {
    await fs.remove(workspace);
  }
}
