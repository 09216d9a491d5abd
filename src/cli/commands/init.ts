import { Command } from 'commander';
import path from 'node:path';
import { loadStarterConfigTemplate, toolVersion } from '../../package-files.js';
import { failure, usageError } from '../errors.js';
import type { Io } from '../io.js';
import { writeFileAtomic } from '../write-file.js';

const DOCKERFILE_NAMES = ['Dockerfile', 'Containerfile'];
const SKIPPED_DIRS = new Set(['node_modules', '.git', 'vendor', 'dist', 'build', 'target']);

/** Dockerfile in the root, else in a first-level directory (alphabetically first). */
async function findDockerfile(root: string): Promise<string | undefined> {
  const { default: fs } = await import('fs-extra');
  for (const name of DOCKERFILE_NAMES) if (await fs.pathExists(path.join(root, name))) return name;
  const entries = (await fs.readdir(root, { withFileTypes: true }))
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !SKIPPED_DIRS.has(e.name))
    .map((e) => e.name)
    .sort();
  for (const dir of entries) {
    for (const name of DOCKERFILE_NAMES)
      if (await fs.pathExists(path.join(root, dir, name))) return `${dir}/${name}`;
  }
  return undefined;
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
      '--library <name@version>',
      'the jenkins-multiarch shared library as configured in Jenkins: render then writes a short Jenkinsfile that calls it',
    )
    .option('-f, --force', 'overwrite an existing jenkins-multiarch.yaml')
    .addHelpText(
      'after',
      `
It finds the Dockerfile (or Containerfile) here or one directory down, and names the image after
the git remote "origin". Nothing is overwritten without --force.

Examples:
  $ npx jenkins-multiarch init
  $ npx jenkins-multiarch init --registry harbor.example.com --image platform/api
  $ npx jenkins-multiarch init --library jenkins-multiarch@v${toolVersion}   # a short Jenkinsfile
  $ npx jenkins-multiarch init --force          # start over`,
    )
    .action(
      async (options: {
        image?: string;
        registry: string;
        label: string;
        library?: string;
        force?: boolean;
      }) => {
        const { default: fs } = await import('fs-extra');
        const [
          { validatePipeline, formatPath },
          { imageNameFrom, renderStarterConfig },
          { CONFIG_NAMES },
          { parse: parseYaml },
        ] = await Promise.all([
          import('../../model/pipeline.js'),
          import('../../render/starter-config.js'),
          import('../config-file.js'),
          import('yaml'),
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
        const dockerfile = await findDockerfile(io.cwd);
        const remote = await gitRemote(io.cwd);
        const config = renderStarterConfig(loadStarterConfigTemplate(), {
          agentLabel: options.label,
          imageName: options.image ?? imageNameFrom(remote ?? path.basename(io.cwd)),
          dockerfile: dockerfile ?? 'Dockerfile',
          context: dockerfile ? path.posix.dirname(dockerfile) : '.',
          registryHost: options.registry,
          gitRemote: remote,
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
            `  Dockerfile: ${dockerfile ?? 'none found; set build.dockerfile'}`,
            `  image:      ${validation.pipeline.registries.map((r) => `${r.host}/${validation.pipeline.image.name}`).join(', ')}`,
            'Next: check registries[0].host and registries[0].credentialsId, then run `npx jenkins-multiarch render -o Jenkinsfile`.',
            '',
          ].join('\n'),
        );
      },
    );
}
