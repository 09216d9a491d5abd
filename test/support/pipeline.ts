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
  return { code: run.exitCode ?? -1, log: String(run.all), result };
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
