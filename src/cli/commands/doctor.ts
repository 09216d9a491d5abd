import { Command } from 'commander';
import path from 'node:path';
import { failure } from '../errors.js';
import type { Io } from '../io.js';
import type { StepLine } from '../step-script.js';

interface DoctorOptions {
  json?: boolean;
  verbose?: boolean;
}

const MARKS: Record<StepLine['status'], string> = {
  ok: '✓',
  warning: '!',
  error: '✗',
  info: ' ',
  detail: ' ',
};

export function doctorCommand(io: Io): Command {
  return new Command('doctor')
    .description(
      "Check this machine as the pipeline's Preflight stage checks its agent: podman, storage, emulation, registries and base images",
    )
    .argument(
      '[config]',
      'config file (default: jenkins-multiarch.yaml, .yml or .json here or in a parent directory)',
    )
    .option('--json', 'print the checklist as JSON, for scripts')
    .option('--verbose', "also show podman's own output between the checks")
    .addHelpText(
      'after',
      `
doctor runs the pipeline's own preflight script (resources/jenkins-multiarch/preflight.sh) here,
with the config's platforms, registries and Dockerfile, from the root of the repository. It only
reads: every ✗ comes with the command that fixes it, which doctor never runs itself. The registry
checks use your stored logins (\`podman login HOST\`), where the pipeline uses Jenkins credentials.

Examples:
  $ jenkins-multiarch doctor                       # on a workstation, or on an agent before its first build
  $ jenkins-multiarch doctor ci/multiarch.yaml
  $ jenkins-multiarch doctor --json | jq '.checks[] | select(.status == "error")'

Exit codes: 0 nothing is broken (✓ and ! only), 1 something is (✗), 2 bad usage or invalid config.`,
    )
    .action(async (configArg: string | undefined, options: DoctorOptions) => {
      const [
        { findConfig, loadConfig },
        { missingBuildPaths, relativePath, repositoryRoot },
        { runPreflight },
        { findUserAuthFile },
      ] = await Promise.all([
        import('../config-file.js'),
        import('../workspace.js'),
        import('../preflight-run.js'),
        import('../step-script.js'),
      ]);
      const configFile = await findConfig(io.cwd, configArg);
      const fromHere = (file: string) => relativePath(io.cwd, file);
      const shownAs = fromHere(configFile);
      const pipeline = await loadConfig(configFile, shownAs);
      const configDir = path.dirname(configFile);
      // The build runs from the root of the checkout, where the config's paths start.
      let root = (await repositoryRoot(configDir)) ?? configDir;
      const missing = await missingBuildPaths(pipeline, root, configDir, fromHere);
      // A config whose paths hold from its own directory only is an application checked out
      // as a repository of its own (render warns alike): checked from there, as its build runs.
      if (
        missing.length > 0 &&
        (await missingBuildPaths(pipeline, configDir, configDir, fromHere)).length === 0
      )
        root = configDir;
      const checks: StepLine[] = [];
      const show = (check: StepLine) => {
        checks.push(check);
        if (options.json || (check.status === 'detail' && !options.verbose)) return;
        io.stdout(`${MARKS[check.status]} ${check.message}\n`);
      };
      if (!options.json)
        io.stdout(`Checking this machine for ${shownAs}, as a build in ${fromHere(root)}\n`);
      for (const warning of missing) show({ status: 'warning', message: warning });
      // As the Preflight stage: platforms built natively are checked on their own agents.
      const native = Object.keys(pipeline.native ?? {});
      for (const platform of native)
        show({
          status: 'warning',
          message: `${platform} is built natively on other agents (native.${platform}): run doctor on one of them to check it`,
        });
      const authFile = await findUserAuthFile(process.env);
      if (authFile === undefined && pipeline.registries.some((r) => r.credentialsId !== null))
        show({
          status: 'warning',
          message:
            'no stored registry login (`podman login HOST` stores one): the registry checks run without one, where the pipeline logs in with Jenkins credentials',
        });
      const platforms = pipeline.platforms.filter((platform) => !native.includes(platform));
      const exitCode = await runPreflight(pipeline, { root, platforms, authFile }, show);
      const broken = checks.some((check) => check.status === 'error');
      if (exitCode !== 0 && !broken)
        show({
          status: 'error',
          message: `the preflight script stopped with exit code ${exitCode} before finishing its checks; run doctor --verbose to see its output`,
        });
      const ok = exitCode === 0 && !broken;
      if (options.json) {
        io.stdout(
          `${JSON.stringify(
            {
              ok,
              config: shownAs,
              checks: checks.filter((check) => check.status !== 'detail'),
            },
            null,
            2,
          )}\n`,
        );
      }
      if (!ok) throw failure(options.json ? '' : 'doctor found problems (✗ above)');
    });
}
