import { execa, execaSync, type Options } from 'execa';
import fs from 'fs-extra';
import path from 'node:path';
import { loadResources } from '../../src/package-files.js';
import { javaHome } from './tools.js';

/**
 * The unprivileged user pipelines run as, like a Jenkins agent's. As root, that is the user
 * scripts/test-env.sh created (rootless podman with subuid/subgid); as anyone else, oneself.
 */
export interface Agent {
  readonly user: string;
  readonly uid: number;
  readonly home: string;
  /** The environment a Jenkins agent process would have. */
  readonly env: Record<string, string>;
}

const isRoot = process.getuid?.() === 0;

/** `name`: another unprivileged user, as root, such as one a test made without subordinate ids. */
export function resolveAgent(name?: string): Agent {
  const user =
    name ??
    (isRoot ? (process.env.JMA_AGENT_USER ?? 'jmagent') : execaSync('id', ['-un']).stdout.trim());
  const entry = execaSync('getent', ['passwd', user], { reject: false });
  if (entry.exitCode !== 0) throw new Error(`no user ${user}: run scripts/test-env.sh as root`);
  const [, , uid, , , home] = entry.stdout.trim().split(':');
  const runtimeDir = `/tmp/jma-runtime-${uid}`;
  fs.mkdirpSync(runtimeDir, { mode: 0o700 });
  if (isRoot) fs.chownSync(runtimeDir, Number(uid), Number(uid));
  return {
    user,
    uid: Number(uid),
    home: home!,
    env: {
      PATH: '/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin',
      HOME: home!,
      USER: user,
      LANG: 'C.UTF-8',
      XDG_RUNTIME_DIR: runtimeDir,
      JAVA_HOME: javaHome(),
      // What an agent for rootless builds sets: unprivileged RUN steps need chroot isolation.
      BUILDAH_ISOLATION: 'chroot',
    },
  };
}

/** Runs a command as the agent user with exactly the agent's environment plus `env`. */
export function asAgent(
  agent: Agent,
  command: string,
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; input?: string; detached?: boolean } = {},
) {
  const env = { ...agent.env, ...options.env };
  const execaOptions: Options = {
    cwd: options.cwd ?? agent.env.XDG_RUNTIME_DIR,
    reject: false,
    all: true,
    input: options.input,
    // A process group of its own (runuser keeps its caller's), for a test to kill it whole.
    detached: options.detached,
  };
  if (!isRoot) return execa(command, args, { ...execaOptions, env, extendEnv: false });
  const assignments = Object.entries(env).map(([name, value]) => `${name}=${value}`);
  return execa(
    'runuser',
    ['-u', agent.user, '--', 'env', '-i', ...assignments, command, ...args],
    execaOptions,
  );
}

/** A temporary directory the agent owns (git refuses repositories owned by someone else). */
export async function agentTempDir(agent: Agent, prefix: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join('/tmp', prefix));
  if (isRoot) await fs.chown(dir, agent.uid, agent.uid);
  return dir;
}

/** Hands a tree the test wrote over to the agent. */
export async function giveToAgent(agent: Agent, dir: string): Promise<void> {
  if (isRoot) await execa('chown', ['-R', `${agent.uid}:${agent.uid}`, dir]);
}

/** Runs a shell script as the agent; fails the test with its output if it fails. */
export async function agentShell(agent: Agent, script: string, env: Record<string, string> = {}) {
  const result = await asAgent(agent, 'sh', ['-ec', script], { env });
  if (result.exitCode !== 0)
    throw new Error(`agent shell failed (${result.exitCode}):\n${script}\n${result.all}`);
  return result.stdout as string;
}

/**
 * An application repository of the agent's, made of `files` in `dir/name`, and a bare clone of it
 * at `dir/name.git` for pipelines to clone, as from a git server. Returns the bare one's path.
 */
export async function appRepository(
  agent: Agent,
  dir: string,
  name: string,
  files: Record<string, string>,
): Promise<string> {
  const repo = path.join(dir, name);
  for (const [file, content] of Object.entries(files))
    await fs.outputFile(path.join(repo, file), content);
  await giveToAgent(agent, repo);
  await agentShell(
    agent,
    `cd "$REPO" && git init -q -b main && git add -A && git -c user.name=ci -c user.email=ci@example.com commit -qm app
     git clone -q --bare "$REPO" "$REPO.git"`,
    { REPO: repo },
  );
  return `${repo}.git`;
}

/**
 * Shell steps run as the agent the way a Jenkins sh step runs one: common.sh, then the steps, in
 * one `sh -xe` script, with the agent's environment plus `env` (WORKSPACE, BUILD_TAG, MULTIARCH_*),
 * in `cwd` (the workspace, where a pipeline's steps run).
 */
export function agentStep(
  agent: Agent,
  names: string[],
  env: Record<string, string>,
  cwd?: string,
) {
  const resources = loadResources();
  const script = ['common', ...names].map((name) => resources.get(`${name}.sh`)).join('\n');
  return asAgent(agent, 'sh', ['-xec', script], { env, cwd });
}
