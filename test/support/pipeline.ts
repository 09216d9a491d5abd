import fs from 'fs-extra';
import path from 'node:path';
import { expect } from 'vitest';
import { asAgent, giveToAgent, type Agent } from './agent.js';
import { harnessDir } from './tools.js';

/** A pipeline's agent directive as the harness recorded it (null if it had none). */
export type HarnessAgent =
  | 'any'
  | 'none'
  | { label: string | null }
  | {
      kubernetes: {
        yaml: string | null;
        cloud: string | null;
        namespace: string | null;
        defaultContainer: string | null;
        /** The pod's containers as the harness read them from the yaml, plus the plugin's jnlp. */
        containers: string[];
      };
    }
  | null;

export interface PipelineRun {
  code: number;
  /** Everything the build printed: what a Jenkins console would show, unmasked. */
  log: string;
  result: {
    result: string;
    stages: { name: string; result: string }[];
    agent: HarnessAgent;
    /** The pods parallel branches made (kubernetes agents), when there were any. */
    branchAgents?: HarnessAgent[];
  };
}

export interface PipelineJob {
  jenkinsfile: string;
  /** Directory holding job.json, the workspace and the result; owned by the agent. */
  dir: string;
  buildNumber: number;
  jobName?: string;
  credentials?: Record<string, Record<string, string>>;
  scm?: { url: string; branch: string };
  /** The shared library the job has, as configured in Jenkins. */
  library?: { name: string; path: string };
  env?: Record<string, string>;
  /** Variables that differ inside `container(name)`, as that container's image would set them. */
  containerEnv?: Record<string, Record<string, string>>;
  /** Agents by label, other machines simulated: a workspace and variables of their own. */
  agents?: Record<string, { workspace: string; env?: Record<string, string> }>;
  /**
   * SIGKILLs the harness and every process it started, as a dead agent or `kill -9` would, once
   * the log matches: no post step and no Cleanup run.
   */
  killWhen?: RegExp;
  /** Only for tests of the harness itself, whose pipelines print a secret on purpose. */
  secretsMayShow?: boolean;
}

/** Runs a Jenkinsfile with the Groovy 2.4 harness as the agent, in the job's workspace. */
export async function runPipeline(agent: Agent, job: PipelineJob): Promise<PipelineRun> {
  const jobName = job.jobName ?? 'hello';
  const workspace = path.join(job.dir, 'workspace');
  const jobFile = path.join(job.dir, `job-${job.buildNumber}.json`);
  const resultFile = path.join(job.dir, `result-${job.buildNumber}.json`);
  await fs.mkdirp(workspace);
  await fs.writeJson(jobFile, {
    jenkinsfile: job.jenkinsfile,
    workspace,
    resultFile,
    credentials: job.credentials ?? {},
    scm: job.scm,
    library: job.library,
    containerEnv: job.containerEnv ?? {},
    agents: job.agents ?? {},
    // The variables Jenkins sets for every build.
    env: {
      ...agent.env,
      WORKSPACE: workspace,
      JOB_NAME: jobName,
      BUILD_NUMBER: String(job.buildNumber),
      BUILD_TAG: `jenkins-${jobName}-${job.buildNumber}`,
      BUILD_ID: String(job.buildNumber),
      ...job.env,
    },
  });
  await fs.chmod(jobFile, 0o600);
  await giveToAgent(agent, job.dir);
  const subprocess = asAgent(
    agent,
    'groovy',
    ['-cp', harnessDir, path.join(harnessDir, 'run-pipeline.groovy'), jobFile],
    { cwd: workspace, detached: job.killWhen !== undefined },
  );
  if (job.killWhen) {
    let seen = '';
    const watch = (chunk: Buffer) => {
      seen += chunk.toString();
      if (!job.killWhen!.test(seen)) return;
      subprocess.all?.off('data', watch);
      process.kill(-subprocess.pid!, 'SIGKILL');
    };
    subprocess.all?.on('data', watch);
  }
  const run = await subprocess;
  const result = (await fs.pathExists(resultFile))
    ? await fs.readJson(resultFile)
    : { result: 'NONE', stages: [], agent: null };
  const done = { code: run.exitCode ?? -1, log: String(run.all), result };
  if (!job.secretsMayShow) await expectNoSecretShown(agent, job, done);
  return done;
}

/**
 * Every run of the suite, end to end ones included, shows none of its credentials' passwords:
 * not in the log (unmasked here, where Jenkins would mask only the exact value), and not in any
 * file the build left in the job's directory or where podman keeps logins by default, neither as
 * given nor as an auth.json holds it (base64 of user:password). A killed run is looked at by the
 * log alone: its logins stay until the next build removes them, as issue 18 asks of that build.
 * Passwords under 8 characters ('wrong', in a test of a refused login) would match ordinary words.
 */
async function expectNoSecretShown(agent: Agent, job: PipelineJob, run: PipelineRun) {
  const secrets = Object.values(job.credentials ?? {})
    .filter((c) => c.type === 'usernamePassword' && (c.password ?? '').length >= 8)
    .flatMap((c) => [c.password!, Buffer.from(`${c.username}:${c.password}`).toString('base64')]);
  if (secrets.length === 0) return;
  for (const secret of secrets)
    expect(run.log.includes(secret), `the log shows ${secret}`).toBe(false);
  if (job.killWhen) return;
  const places = [
    job.dir,
    path.join(agent.env.XDG_RUNTIME_DIR!, 'containers'),
    path.join(agent.home, '.config', 'containers'),
    path.join(agent.home, '.docker'),
  ];
  for (const file of (await Promise.all(places.map(filesUnder))).flat()) {
    // The job's own definition is the stand-in for Jenkins' credentials store.
    if (/^job-\d+\.json$/.test(path.basename(file)) && path.dirname(file) === job.dir) continue;
    // podman's run-time directory is shared by the agent's concurrent builds: a temporary file
    // of another build's storage (vfs-layers/.tmp-mountpoints.json…) may go between the listing
    // and the read. A file gone by then was not left behind.
    const text = await fs.readFile(file, 'latin1').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    for (const secret of secrets)
      expect(text.includes(secret), `${file} holds ${secret}`).toBe(false);
  }
}

/** The regular files under `dir` (none if it does not exist), symbolic links not followed. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) return filesUnder(file);
      return entry.isFile() ? [file] : [];
    }),
  );
  return nested.flat();
}

/**
 * The standalone and the library Jenkinsfile run the same runtime: the same six stages, each
 * passing, on the agent of this label.
 */
export function expectEveryStageSucceeded(run: PipelineRun, label = 'podman') {
  expect(run.result, run.log).toEqual({
    result: 'SUCCESS',
    stages: ['Clone', 'Preflight', 'Build', 'Push', 'Verify', 'Cleanup'].map((name) => ({
      name,
      result: 'SUCCESS',
    })),
    agent: { label },
  });
}
