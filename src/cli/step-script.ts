import { execa } from 'execa';
import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { loadResources } from '../package-files.js';

/**
 * A step script of the pipeline's own (resources/jenkins-multiarch/common.sh + NAME.sh), run on
 * this machine with the environment a pipeline step gives it, so the CLI and the pipeline do the
 * same things in the same words: `doctor` runs preflight.sh, `mirror` runs mirror.sh. Its
 * workspace, where common.sh keeps its state, is a temporary directory, removed afterwards.
 */

/** One line of the script's output, by the prefix it was said with; other tools' lines are details. */
export interface StepLine {
  readonly status: 'ok' | 'warning' | 'error' | 'info' | 'detail';
  readonly message: string;
}

const PREFIXES: ReadonlyArray<[string, StepLine['status']]> = [
  ['OK: ', 'ok'],
  ['WARNING: ', 'warning'],
  ['ERROR: ', 'error'],
  ['INFO: ', 'info'],
];

function stepLine(line: string): StepLine {
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

export interface StepRun {
  /** The script's name in resources/jenkins-multiarch/, without `.sh`. */
  readonly script: string;
  /** Its MULTIARCH_* variables (and any other the step sets). */
  readonly env: Iterable<readonly [string, string]>;
  /** Where it runs, as a step runs in the build's checkout. */
  readonly cwd: string;
  /** Registry logins (findUserAuthFile) to use, where a step uses those login.sh stored. */
  readonly authFile: string | undefined;
  /** A name for the temporary workspace, and for BUILD_TAG: `jenkins-multiarch-<label>`. */
  readonly label: string;
}

/**
 * Runs a step script, calling `onLine` with each line of its output as it comes, and returns its
 * exit code. The pipeline logs in with Jenkins credentials first (login.sh); here the user's stored
 * logins stand in for them, copied into the temporary workspace where common.sh looks.
 */
export async function runStepScript(
  { script, env: stepEnv, cwd, authFile, label }: StepRun,
  onLine: (line: StepLine) => void,
): Promise<number> {
  const resources = loadResources();
  const workspace = await fs.mkdtemp(path.join(os.tmpdir(), `jenkins-multiarch-${label}-`));
  try {
    if (authFile !== undefined) {
      const stateDir = path.join(workspace, '.jenkins-multiarch');
      await fs.mkdir(stateDir, { mode: 0o700 });
      await fs.copyFile(authFile, path.join(stateDir, 'auth.json'));
      await fs.chmod(path.join(stateDir, 'auth.json'), 0o600);
    }
    const file = path.join(workspace, `${script}.sh`);
    await fs.writeFile(file, resources.get('common.sh')! + resources.get(`${script}.sh`)!);
    const env: Record<string, string | undefined> = {};
    // Nothing of an earlier build's MULTIARCH_* may leak in: the caller alone says what to do.
    for (const name of Object.keys(process.env))
      if (name.startsWith('MULTIARCH_')) env[name] = undefined;
    Object.assign(env, Object.fromEntries(stepEnv), {
      WORKSPACE: workspace,
      BUILD_TAG: `jenkins-multiarch-${label}`,
    });
    // Jenkins runs a sh step's script with `sh -xe` (durable-task BourneShellScript); common.sh
    // turns tracing off, so -e is what matters.
    const child = execa('sh', ['-e', file], {
      cwd,
      env,
      reject: false,
      all: true,
      stdin: 'ignore',
      buffer: false,
    });
    for await (const line of child.iterable({ from: 'all' })) onLine(stepLine(String(line)));
    return (await child).exitCode ?? 1;
  } finally {
    await fs.remove(workspace);
  }
}
