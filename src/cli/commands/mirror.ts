import { Command, Option } from 'commander';
import { constants } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { mirrorName, parseImageReference } from '../../model/image-reference.js';
import { format, quote } from '../../model/messages.js';
import { mirrorPlan } from '../../model/mirror-plan.js';
import { grammarProblem, platformProblem } from '../../model/pipeline.js';
import { mirrorAdvice } from '../../render/mirror-advice.js';
import { failure, fileError, usageError } from '../errors.js';
import type { Io } from '../io.js';

/**
 * `mirror`, `mirror export` and `mirror import`: the arguments checked and turned into the
 * environment of the pipeline's own mirror script (resources/jenkins-multiarch/mirror.sh), which
 * does the copying and verifying, as the multiarchMirror step runs it on an agent.
 */

const SEED_PLATFORMS = 'linux/amd64,linux/arm64,linux/mips64le';

interface TlsOptions {
  srcTlsVerify?: string | boolean;
  destTlsVerify?: string | boolean;
}

interface CopyOptions extends TlsOptions {
  platforms?: string;
  format?: 'oci' | 'v2s2';
  fromConfig?: string;
}

interface ExportOptions extends TlsOptions {
  platforms?: string;
  output: string;
  force?: boolean;
}

/** An image reference given as argument `name`, as the model's grammar accepts it. */
function imageArgument(name: string, value: string): string {
  const problem = grammarProblem('imageReference', value);
  if (problem !== undefined) throw usageError(`${name}: ${problem}`);
  return value;
}

/** The platforms of --platforms, each known and listed once; none given: every platform. */
function platformsOption(value: string | undefined): string[] {
  if (value === undefined) return [];
  const platforms = value.split(',');
  for (const [index, platform] of platforms.entries()) {
    const problem = platformProblem(platform);
    if (problem !== undefined) throw usageError(`--platforms: ${problem}`);
    if (platforms.indexOf(platform) !== index)
      throw usageError(`--platforms: ${format('listedTwice', { value: quote(platform) })}`);
  }
  return platforms;
}

/** skopeo's spelling: `--src-tls-verify=false`; the flag alone means true. */
function tlsVerify(option: string, value: string | boolean | undefined): boolean {
  if (value === undefined || value === true || value === 'true') return true;
  if (value === 'false') return false;
  throw usageError(`${option}: ${quote(String(value))} is not true or false`);
}

/** MULTIARCH_INSECURE_REGISTRIES: the registries of `references`, unless their TLS is verified. */
function insecureRegistries(references: readonly string[], verified: boolean): string[] {
  return verified ? [] : references.map((reference) => parseImageReference(reference).registry);
}

/**
 * A destination prefix, `host[:port][/path]`: a registry named as podman tells one (a dot, a port,
 * or localhost), since each image goes to PREFIX/<source registry>/<repository>.
 */
function prefixArgument(value: string): string {
  const [host = '', ...rest] = value.replace(/\/+$/, '').split('/');
  const name = 'DST-PREFIX';
  const hostProblem = grammarProblem('registryHost', host);
  if (hostProblem !== undefined) throw usageError(`${name}: ${hostProblem}`);
  if (!host.includes('.') && !host.includes(':') && host !== 'localhost')
    throw usageError(
      `${name}: ${quote(value)} does not start with a registry host; give host[:port][/path], with a host that has a dot or a port, or is localhost, e.g. "192.168.41.96:5000"`,
    );
  if (rest.length > 0) {
    const pathProblem = grammarProblem('imageName', rest.join('/'));
    if (pathProblem !== undefined) throw usageError(`${name}: ${pathProblem}`);
  }
  return `${host}${rest.length > 0 ? `/${rest.join('/')}` : ''}`;
}

/** Runs mirror.sh with `env`, its lines as they come; exit 1 when it fails. */
async function runMirror(io: Io, env: ReadonlyArray<readonly [string, string]>): Promise<void> {
  const { findUserAuthFile, runStepScript } = await import('../step-script.js');
  // Logins come from the user's stored podman logins, never from arguments.
  const authFile = await findUserAuthFile(process.env);
  const exitCode = await runStepScript(
    { script: 'mirror', env, cwd: io.cwd, authFile, label: 'mirror' },
    ({ status, message }) =>
      io.stdout(`${status === 'detail' ? '' : `${status.toUpperCase()}: `}${message}\n`),
  );
  if (exitCode !== 0) throw failure('mirror failed (ERROR above)');
}

const withHosts = (hosts: readonly string[]): Array<[string, string]> =>
  hosts.length > 0 ? [['MULTIARCH_INSECURE_REGISTRIES', [...new Set(hosts)].join(' ')]] : [];

const tlsOptions = (command: Command, which: 'src' | 'dest') =>
  command.option(
    `--${which}-tls-verify [bool]`,
    `false for a ${which === 'src' ? 'source' : 'destination'} registry over plain HTTP or with a certificate not trusted here, as skopeo spells it`,
  );

function exportCommand(io: Io): Command {
  const command = new Command('export')
    .description(
      'Write images, whole or with some platforms, into one archive (an OCI layout) to carry to a registry no network reaches',
    )
    .argument('<SRC...>', 'images to export')
    .requiredOption('-o, --output <bundle.tar>', 'the archive to write')
    .option('--platforms <list>', 'the platforms to export, comma-separated (default: all)')
    .option('-f, --force', 'replace an existing archive');
  tlsOptions(command, 'src');
  return command
    .addHelpText(
      'after',
      `
Each image is named in the archive by its registry, repository and tag
(docker.io/library/debian:bullseye), the name \`mirror import\` gives it under its prefix.

Example (seed 002's connected side):
  $ jenkins-multiarch mirror export debian:bullseye --platforms ${SEED_PLATFORMS} -o debian.tar`,
    )
    .action(async (sources: string[], options: ExportOptions) => {
      sources.forEach((source, index) => imageArgument(`SRC ${index + 1}`, source));
      const names = sources.map(mirrorName);
      const twice = names.find((name, index) => names.indexOf(name) !== index);
      if (twice !== undefined)
        throw usageError(`SRC: ${format('listedTwice', { value: quote(twice) })}`);
      const platforms = platformsOption(options.platforms);
      const insecure = insecureRegistries(
        sources,
        tlsVerify('--src-tls-verify', options.srcTlsVerify),
      );
      const bundle = path.resolve(io.cwd, options.output);
      await checkBundleTarget(bundle, options.output, options.force === true);
      await runMirror(io, [
        ['MULTIARCH_MIRROR_MODE', 'export'],
        [
          'MULTIARCH_MIRROR_IMAGES',
          sources.map((source, index) => `${source}=${names[index]}`).join(' '),
        ],
        ['MULTIARCH_MIRROR_PLATFORMS', platforms.join(',')],
        ['MULTIARCH_MIRROR_BUNDLE', bundle],
        ...withHosts(insecure),
      ]);
    });
}

/** The archive's place: its directory made and writable, and no file there unless --force. */
async function checkBundleTarget(bundle: string, shownAs: string, force: boolean): Promise<void> {
  const existing = await stat(bundle).catch(() => undefined);
  if (existing?.isDirectory()) throw fileError({ code: 'EISDIR' }, 'write', shownAs);
  if (existing !== undefined && !force)
    throw failure(
      `refusing to overwrite ${shownAs}: it exists. Choose another name, or pass --force to replace it.`,
    );
  try {
    await mkdir(path.dirname(bundle), { recursive: true });
    await access(path.dirname(bundle), constants.W_OK);
  } catch (error) {
    throw fileError(error, 'write', shownAs);
  }
}

function importCommand(io: Io): Command {
  const command = new Command('import')
    .description(
      'Push the images of an archive that `mirror export` wrote into a registry, under a prefix',
    )
    .argument('<bundle.tar>', 'the archive')
    .argument('<DST-PREFIX>', 'host[:port][/path] each image goes under');
  tlsOptions(command, 'dest');
  return command
    .addHelpText(
      'after',
      `
Each image goes to DST-PREFIX/<its name in the archive>, index and digests as exported, and is
read back to verify it. A push cut off halfway leaves no tag at a partial index: run it again.

Example (seed 002's inside: debian lands at 192.168.41.96:5000/docker.io/library/debian:bullseye):
  $ jenkins-multiarch mirror import debian.tar 192.168.41.96:5000 --dest-tls-verify=false`,
    )
    .action(async (bundleArg: string, prefixArg: string, options: TlsOptions) => {
      const bundle = path.resolve(io.cwd, bundleArg);
      const readable = await access(bundle, constants.R_OK).then(
        async () => ((await stat(bundle)).isDirectory() ? { code: 'EISDIR' } : undefined),
        (error: unknown) => error,
      );
      if (readable !== undefined) throw fileError(readable, 'read', bundleArg);
      const prefix = prefixArgument(prefixArg);
      const insecure = tlsVerify('--dest-tls-verify', options.destTlsVerify)
        ? []
        : [prefix.split('/')[0]!];
      await runMirror(io, [
        ['MULTIARCH_MIRROR_MODE', 'import'],
        ['MULTIARCH_MIRROR_BUNDLE', bundle],
        ['MULTIARCH_MIRROR_PREFIX', prefix],
        ...withHosts(insecure),
      ]);
    });
}

/** MULTIARCH_MIRROR_FORMAT, when --format is given. */
const formatVariable = (format: CopyOptions['format']): Array<[string, string]> =>
  format === undefined ? [] : [['MULTIARCH_MIRROR_FORMAT', format]];

/**
 * `mirror --from-config CONFIG DST-PREFIX`: every base image of the config's Dockerfile, as its
 * build resolves them (src/cli/base-images.ts), copied under the prefix with the platforms its
 * stages need, one mirror.sh run each; then what to set so the build pulls the copies. Source
 * registries the config marks tlsVerify: false are read without TLS verification, as its build
 * pulls from them.
 */
async function mirrorFromConfig(
  io: Io,
  configArg: string,
  prefixArg: string,
  options: CopyOptions,
): Promise<void> {
  const [{ configuredBuild }, { listBaseImages }] = await Promise.all([
    import('../configured-build.js'),
    import('../base-images.js'),
  ]);
  const prefix = prefixArgument(prefixArg);
  const destTlsVerify = tlsVerify('--dest-tls-verify', options.destTlsVerify);
  // Checked before the base images are listed, not first when an image is copied.
  const srcTlsVerify = tlsVerify('--src-tls-verify', options.srcTlsVerify);
  const { pipeline, shownAs, root, missing } = await configuredBuild(io.cwd, configArg);
  for (const warning of missing) io.stderr(`warning: ${warning}\n`);
  const plan = mirrorPlan(await listBaseImages(pipeline, { root }), {
    prefix,
    tlsVerify: destTlsVerify,
  });
  io.stdout(`Mirroring the base images of ${shownAs} under ${prefix}\n`);
  const configInsecure = pipeline.registries.filter((r) => !r.tlsVerify).map((r) => r.host);
  for (const image of plan.images) {
    await runMirror(io, [
      ['MULTIARCH_MIRROR_MODE', 'copy'],
      ['MULTIARCH_MIRROR_IMAGES', `${image.source}=${image.destination}`],
      ['MULTIARCH_MIRROR_PLATFORMS', (image.platforms ?? []).join(',')],
      ...formatVariable(options.format),
      ...withHosts([
        ...configInsecure,
        ...insecureRegistries([image.source], srcTlsVerify),
        ...(destTlsVerify ? [] : [plan.registry]),
      ]),
    ]);
  }
  io.stdout(`\n${mirrorAdvice(plan, pipeline.build.dockerfile)}`);
}

function copyCommand(io: Io): Command {
  const command = new Command('copy')
    .description(
      'Copy a multi-arch image into a registry of your own, whole or with some platforms, keeping one index, and verify the copy (the default: `mirror SRC DST`)',
    )
    .argument('[SRC]', 'the image to copy, e.g. docker.io/library/debian:bullseye')
    .argument('[DST]', 'where to copy it, tag included')
    .option(
      '--platforms <list>',
      'the platforms to copy, comma-separated (default: all, digests kept)',
    )
    .option(
      '--from-config <config>',
      "instead of SRC and DST: copy every base image of that config's Dockerfile for the platforms its stages need, under the prefix given as the one argument, and print the build args or registries.conf mirror settings that make the build pull the copies",
    )
    .addOption(
      new Option(
        '--format <format>',
        'the manifest format to write, for registries that take only one (digests change)',
      ).choices(['oci', 'v2s2']),
    );
  tlsOptions(command, 'src');
  tlsOptions(command, 'dest');
  return command
    .addHelpText(
      'after',
      `
Examples (seed 002: into a private registry over plain HTTP; then a build's base images):
  $ jenkins-multiarch mirror debian:bullseye 192.168.41.96:5000/docker.io/library/debian:bullseye \\
      --platforms ${SEED_PLATFORMS} --dest-tls-verify=false
  $ jenkins-multiarch mirror --from-config jenkins-multiarch.yaml 192.168.41.96:5000 --dest-tls-verify=false`,
    )
    .action(
      async (source: string | undefined, destination: string | undefined, options: CopyOptions) => {
        if (options.fromConfig !== undefined) {
          if (source === undefined || destination !== undefined)
            throw usageError(
              'with --from-config, give one argument, DST-PREFIX (host[:port][/path]), e.g. mirror --from-config jenkins-multiarch.yaml 192.168.41.96:5000',
            );
          if (options.platforms !== undefined)
            throw usageError(
              "--platforms: not with --from-config, which copies the platforms the config's build needs",
            );
          return mirrorFromConfig(io, options.fromConfig, source, options);
        }
        if (source === undefined || destination === undefined)
          throw usageError(
            'give SRC and DST, e.g. mirror debian:bullseye registry.example.com/base/debian:bullseye (or --from-config CONFIG DST-PREFIX)',
          );
        imageArgument('SRC', source);
        imageArgument('DST', destination);
        const platforms = platformsOption(options.platforms);
        const insecure = [
          ...insecureRegistries([source], tlsVerify('--src-tls-verify', options.srcTlsVerify)),
          ...insecureRegistries(
            [destination],
            tlsVerify('--dest-tls-verify', options.destTlsVerify),
          ),
        ];
        await runMirror(io, [
          ['MULTIARCH_MIRROR_MODE', 'copy'],
          ['MULTIARCH_MIRROR_IMAGES', `${source}=${destination}`],
          ['MULTIARCH_MIRROR_PLATFORMS', platforms.join(',')],
          ...formatVariable(options.format),
          ...withHosts(insecure),
        ]);
      },
    );
}

/**
 * Three subcommands, copy the default: the same option names mean each subcommand's own (a parent
 * with options of those names would take them from its subcommands' command lines).
 */
export function mirrorCommand(io: Io): Command {
  return new Command('mirror')
    .usage(
      'SRC DST [options] | --from-config CONFIG DST-PREFIX [options] | export SRC... -o bundle.tar [options] | import bundle.tar DST-PREFIX [options]',
    )
    .description(
      'Copy multi-arch images into a registry of your own, whole or with some platforms, keeping one index and verifying the copy; or carry them across an air gap in one archive',
    )
    .addHelpText(
      'after',
      `
With every platform (no --platforms, or all the source has), the index and every image keep their
digests. With some, each is copied by digest and a new index lists exactly those: its digest
differs from the source's, and mirror says so. Afterwards the copy is read back: it must list the
platforms asked for, each once, each with the source's digest (with --format, the source's config).
A platform the source lacks stops that image before anything is copied. Logins come from your
stored \`podman login\`s (REGISTRY_AUTH_FILE), never from arguments.

Examples (seed 002: debian:bullseye for amd64, arm64 and mips64le machines, into a private
registry over plain HTTP at 192.168.41.96:5000):
  $ jenkins-multiarch mirror debian:bullseye 192.168.41.96:5000/docker.io/library/debian:bullseye \\
      --platforms ${SEED_PLATFORMS} --dest-tls-verify=false
  $ jenkins-multiarch mirror debian:bullseye harbor.example.com/base/debian:bullseye --format v2s2

The base images of a build, for its platforms, and what to set so that it pulls the copies:
  $ jenkins-multiarch mirror --from-config jenkins-multiarch.yaml 192.168.41.96:5000 --dest-tls-verify=false

Across an air gap, one archive instead of a tarball per architecture:
  $ jenkins-multiarch mirror export debian:bullseye --platforms ${SEED_PLATFORMS} -o debian.tar
  $ jenkins-multiarch mirror import debian.tar 192.168.41.96:5000 --dest-tls-verify=false

Options: jenkins-multiarch mirror copy --help (and export --help, import --help).
Exit codes: 0 copied and verified, 1 a copy failed or did not verify, 2 bad usage.`,
    )
    .addCommand(copyCommand(io), { isDefault: true })
    .addCommand(exportCommand(io))
    .addCommand(importCommand(io));
}
