import { Command } from 'commander';
import path from 'node:path';
import { loadStarterConfigTemplate, toolVersion } from '../../package-files.js';
import { failure, usageError } from '../errors.js';
import type { Io } from '../io.js';
import { writeFileAtomic } from '../write-file.js';

const DOCKERFILE_NAMES = ['Dockerfile', 'Containerfile'];
const SKIPPED_DIRS = new Set(['node_modules', '.git', 'vendor', 'dist', 'build', 'target']);

/** Every Dockerfile (or Containerfile) in `dir` and its first-level directories, relative to it. */
async function findDockerfiles(dir: string): Promise<string[]> {
  const { default: fs } = await import('fs-extra');
  const subdirs = (await fs.readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !SKIPPED_DIRS.has(e.name))
    .map((e) => e.name)
    .sort();
  const found: string[] = [];
  for (const sub of ['', ...subdirs])
    for (const name of DOCKERFILE_NAMES)
      if (await fs.pathExists(path.join(dir, sub, name))) found.push(path.posix.join(sub, name));
  return found;
}

/** The Dockerfile the config names, relative to where the user runs init; asks when unsure. */
async function chooseDockerfile(cwd: string, given: string | undefined): Promise<string> {
  if (given !== undefined) return given;
  const found = await findDockerfiles(cwd);
  if (found.length === 1) return found[0]!;
  throw usageError(
    found.length === 0
      ? `no Dockerfile or Containerfile here or one directory down; name it: \`jenkins-multiarch init --dockerfile path/to/Dockerfile\``
      : `found ${found.length} Dockerfiles: ${found.join(', ')}; choose the image's: \`jenkins-multiarch init --dockerfile ${found[0]}\``,
  );
}

async function gitRemote(root: string): Promise<string | undefined> {
  const { execa } = await import('execa');
  const result = await execa('git', ['-C', root, 'config', '--get', 'remote.origin.url'], {
    reject: false,
  });
  return result.exitCode === 0 && result.stdout.trim() !== '' ? result.stdout.trim() : undefined;
}

export function initCommand(io: Io): Command {
  return new Command('init')
    .description(
      'Write a starter jenkins-multiarch.yaml for the repository in the current directory',
    )
    .option(
      '--image <name>',
      'repository path of the image (default: from the git remote or directory name)',
    )
    .option('--registry <host>', 'registry host[:port] to push to', 'registry.example.com')
    .option('--label <expression>', 'Jenkins agent label expression', 'podman')
    .option(
      '--dockerfile <path>',
      'the Dockerfile to build, from here (default: the only Dockerfile or Containerfile here or one directory down)',
    )
    .option(
      '--library <name@version>',
      'the jenkins-multiarch shared library as configured in Jenkins: render then writes a short Jenkinsfile that calls it',
    )
    .option('-f, --force', 'overwrite an existing jenkins-multiarch.yaml')
    .addHelpText(
      'after',
      `
It finds the Dockerfile (or Containerfile) here or one directory down (or asks for --dockerfile
when there are several), and names the image after the git remote "origin", without any
credentials the remote's URL holds. Run it where the config should live: in a subdirectory of a
monorepo, the paths it writes are still relative to the repository's root, where Jenkins builds.
Nothing is overwritten without --force.

Examples:
  $ npx jenkins-multiarch init
  $ npx jenkins-multiarch init --registry harbor.example.com --image platform/api
  $ npx jenkins-multiarch init --library jenkins-multiarch@v${toolVersion}   # a short Jenkinsfile
  $ npx jenkins-multiarch init --dockerfile docker/api.Dockerfile
  $ npx jenkins-multiarch init --force          # start over`,
    )
    .action(
      async (options: {
        image?: string;
        registry: string;
        label: string;
        dockerfile?: string;
        library?: string;
        force?: boolean;
      }) => {
        const { default: fs } = await import('fs-extra');
        const [
          { validatePipeline, formatPath },
          { imageNameFrom, renderStarterConfig, withoutCredentials },
          { CONFIG_NAMES },
          { parse: parseYaml },
          { missingBuildPaths, relativePath, repositoryRoot },
        ] = await Promise.all([
          import('../../model/pipeline.js'),
          import('../../render/starter-config.js'),
          import('../config-file.js'),
          import('yaml'),
          import('../workspace.js'),
        ]);
        const target = path.join(io.cwd, CONFIG_NAMES[0]!);
        const existing = [];
        for (const name of CONFIG_NAMES)
          if (await fs.pathExists(path.join(io.cwd, name))) existing.push(name);
        if (existing.length > 0 && !options.force) {
          throw failure(
            `${existing.join(', ')} already exists; edit it, or pass --force to start over`,
          );
        }
        const dockerfile = await chooseDockerfile(io.cwd, options.dockerfile);
        // Jenkins builds from the repository's root, so the paths are relative to it.
        const root = (await repositoryRoot(io.cwd)) ?? io.cwd;
        const fromRoot = relativePath(root, path.resolve(io.cwd, dockerfile));
        const remote = await gitRemote(io.cwd);
        const config = renderStarterConfig(loadStarterConfigTemplate(), {
          agentLabel: options.label,
          imageName: options.image ?? imageNameFrom(remote ?? path.basename(io.cwd)),
          dockerfile: fromRoot,
          context: path.posix.dirname(fromRoot),
          registryHost: options.registry,
          gitRemote: remote && withoutCredentials(remote),
          library: options.library,
          version: toolVersion,
        });
        // The options are user input too: refuse to write a config that would not render.
        const validation = validatePipeline(parseYaml(config));
        if (!validation.ok) {
          throw usageError(
            validation.problems.map((p) => `${formatPath(p.path)}: ${p.message}`).join('\n'),
          );
        }
        await writeFileAtomic(target, config);
        io.stderr(
          [
            `wrote ${CONFIG_NAMES[0]}`,
            `  Dockerfile: ${fromRoot}${root === io.cwd ? '' : " (from the repository's root, where Jenkins builds)"}`,
            `  image:      ${validation.pipeline.registries.map((r) => `${r.host}/${validation.pipeline.image.name}`).join(', ')}`,
            ...(
              await missingBuildPaths(validation.pipeline, root, io.cwd, (file) =>
                relativePath(io.cwd, file),
              )
            ).map((w) => `warning: ${w}`),
            ...(root === io.cwd
              ? []
              : [
                  `In Jenkins, set the job's Script Path to ${relativePath(root, io.cwd)}/Jenkinsfile.`,
                ]),
            'Next: check registries[0].host and registries[0].credentialsId, then run `npx jenkins-multiarch render -o Jenkinsfile`.',
            '',
          ].join('\n'),
        );
      },
    );
}
