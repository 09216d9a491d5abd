import { execa } from 'execa';
import fs from 'fs-extra';
import path from 'node:path';
import { agentShell, agentTempDir, giveToAgent, type Agent } from './agent.js';
import type { Registry } from './registry.js';

/** Where scripts/test-env.sh puts Debian's busybox-static for each architecture. */
const BUSYBOX_CACHE = '/var/cache/jenkins-multiarch-test/busybox';

/** Test platforms and the Debian architecture whose busybox-static each one gets. */
export const BASE_PLATFORMS = [
  { platform: 'linux/amd64', debianArch: 'amd64', uname: 'x86_64' },
  { platform: 'linux/arm64', debianArch: 'arm64', uname: 'aarch64' },
  { platform: 'linux/mips64le', debianArch: 'mips64el', uname: 'mips64' },
];

/**
 * Logs the agent in to a plain-HTTP test registry with an auth file of its own in `dir`, and
 * pushes the base image there; tests keep the auth file for their own podman calls.
 */
export async function loginAndPushBaseImage(
  agent: Agent,
  registry: Registry,
  dir: string,
  options: BaseImageOptions = {},
): Promise<{ image: string; authFile: string }> {
  const authFile = path.join(dir, 'test-auth.json');
  await agentShell(
    agent,
    'printf "%s" "$PASSWORD" | podman login --tls-verify=false --username "$USER_NAME" --password-stdin "$HOST" >/dev/null',
    {
      PASSWORD: registry.password,
      USER_NAME: registry.user,
      HOST: registry.host,
      REGISTRY_AUTH_FILE: authFile,
    },
  );
  return { image: await pushBaseImage(agent, registry, authFile, options), authFile };
}

/** Which base image pushBaseImage makes; by default base/busybox:1 with every BASE_PLATFORMS. */
export interface BaseImageOptions {
  /** Repository and tag in the registry. */
  readonly name?: string;
  /** Some of BASE_PLATFORMS' platforms, as a base image that lacks the others. */
  readonly platforms?: readonly string[];
  /** false: one platform pushed as a single image, not an index (as single-arch images are). */
  readonly index?: boolean;
  /**
   * More platforms, beyond the three the busybox cache has (such as linux/arm/v7), each an image
   * holding only /etc/platform, which names it: for tests that copy images and never run them.
   */
  readonly placeholders?: readonly string[];
}

/**
 * Builds a multi-arch busybox image offline (no FROM to pull, no RUN to emulate) and pushes it,
 * standing in for the public multi-arch base images real Dockerfiles start from. `authFile`
 * must hold a login to the registry.
 */
export async function pushBaseImage(
  agent: Agent,
  registry: Registry,
  authFile: string,
  options: BaseImageOptions = {},
): Promise<string> {
  const wanted = options.platforms ?? BASE_PLATFORMS.map((p) => p.platform);
  const platforms = BASE_PLATFORMS.filter((p) => wanted.includes(p.platform));
  if (platforms.length !== wanted.length) throw new Error(`unknown platform in ${wanted}`);
  if (options.index === false && platforms.length !== 1)
    throw new Error('a single image has one platform');
  const context = await agentTempDir(agent, 'jma-base-');
  const applets = (await execa('/bin/busybox', ['--list'])).stdout
    .split('\n')
    .filter((a) => a && a !== 'busybox');
  const placeholders = (options.placeholders ?? []).map((platform) => ({
    platform,
    debianArch: platform.replaceAll('/', '-'),
  }));
  for (const { platform, debianArch } of placeholders)
    await fs.outputFile(path.join(context, debianArch, 'etc', 'platform'), `${platform}\n`);
  for (const { debianArch } of platforms) {
    const bin = path.join(context, debianArch, 'bin');
    await fs.mkdirp(bin);
    await fs.copy(path.join(BUSYBOX_CACHE, debianArch, 'busybox'), path.join(bin, 'busybox'));
    for (const applet of applets) await fs.symlink('busybox', path.join(bin, applet));
    await fs.mkdirp(path.join(context, debianArch, 'etc'));
  }
  await fs.writeFile(
    path.join(context, 'Containerfile'),
    'FROM scratch\nARG DEBIAN_ARCH\nCOPY ${DEBIAN_ARCH}/ /\nCMD ["sh"]\n',
  );
  await giveToAgent(agent, context);
  const image = `${registry.host}/${options.name ?? 'base/busybox:1'}`;
  const list = `localhost/jma-test-base-${process.pid}`;
  // Into a list, or, for a single image, under the list's name as an image.
  const into = options.index === false ? '--tag' : '--manifest';
  const builds = [...platforms, ...placeholders]
    .map(
      ({ platform, debianArch }) =>
        `podman build -q --platform ${platform} --build-arg DEBIAN_ARCH=${debianArch} ${into} "$LIST" "$CONTEXT" >/dev/null`,
    )
    .join('\n');
  const push =
    options.index === false
      ? `podman push --tls-verify=false --quiet "$LIST" "docker://$IMAGE"
         podman rmi "$LIST" >/dev/null`
      : `podman manifest push --all --tls-verify=false --quiet "$LIST" "docker://$IMAGE"
         podman manifest rm "$LIST" >/dev/null`;
  await agentShell(
    agent,
    `podman manifest rm "$LIST" >/dev/null 2>&1 || podman rmi "$LIST" >/dev/null 2>&1 || true
     ${builds}
     ${push}`,
    { LIST: list, CONTEXT: context, IMAGE: image, REGISTRY_AUTH_FILE: authFile },
  );
  await fs.remove(context);
  return image;
}

/** The lines preflight.sh prints about base images, out of its whole checklist. */
export const baseImageLines = (stdout: string) =>
  stdout
    .split('\n')
    .filter((line) => /^(OK|ERROR|WARNING): (base image|build\.target|the FROM)/.test(line));
