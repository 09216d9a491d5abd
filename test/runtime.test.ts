import fs from 'fs-extra';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadResources, loadVars } from '../src/package-files.js';
import { SNAPSHOT_CONFIGS } from './fixtures/configs.js';
import { startLibraryEval, type LibraryEval } from './support/library.js';
import { repoRoot, requireTools } from './support/tools.js';

/**
 * The runtime's own logic (vars/multiarchRuntime.groovy), evaluated by Groovy 2.4: the environment
 * it gives the shell steps, the whole interface between a config and resources/*.sh.
 */
describe.skipIf(requireTools(['groovy']).skip)('the runtime gives the shell steps', () => {
  let library: LibraryEval;
  beforeAll(() => {
    library = startLibraryEval();
  });
  afterAll(async () => {
    await library?.close();
  });

  test('every value the scripts read, verbatim', async () => {
    expect(await library.environment(SNAPSHOT_CONFIGS['build-args'])).toEqual({
      MULTIARCH_REGISTRIES: 'registry.example.com',
      // Empty, so withEnv unsets it: no registry is insecure.
      MULTIARCH_INSECURE_REGISTRIES: '',
      MULTIARCH_REGISTRY_CREDENTIALS: 'registry.example.com=registry-push',
      MULTIARCH_IMAGE: 'acme/api',
      MULTIARCH_TAGS: 'main',
      MULTIARCH_PLATFORMS: 'linux/amd64,linux/s390x',
      MULTIARCH_DOCKERFILE: 'docker/api/Dockerfile',
      MULTIARCH_CONTEXT: 'services/api',
      MULTIARCH_BUILD_ARG_1: 'BASE_IMAGE=registry.example.com/mirror/debian:bookworm',
      MULTIARCH_BUILD_ARG_2: 'MOTD=it\'s $HOME and ${USER}, "quoted" \\ and\nnew lines',
      MULTIARCH_NO_CACHE: 'false',
      BUILDAH_ISOLATION: 'chroot',
      MULTIARCH_PUSH_RETRIES: '2',
      MULTIARCH_PUSH_TIMEOUT_SECONDS: '1800',
    });
  });

  test('tag rules, labels, registries, build options, where Verify runs on a pod, the smoke command', async () => {
    expect(await library.environment(SNAPSHOT_CONFIGS.everything)).toMatchObject({
      MULTIARCH_REGISTRIES: 'harbor.lan:8080 mirror.example.com',
      MULTIARCH_INSECURE_REGISTRIES: 'harbor.lan:8080',
      MULTIARCH_REGISTRY_CREDENTIALS: 'harbor.lan:8080=harbor mirror.example.com=mirror-push',
      MULTIARCH_TAGS: '1.0 @git-sha @branch @semver @semver:{{major}}.{{minor}} @latest:trunk',
      MULTIARCH_LABEL_1: 'org.opencontainers.image.vendor=Acme',
      MULTIARCH_LABEL_2: 'com.example.team=platform $HOME',
      MULTIARCH_TARGET: 'runtime',
      MULTIARCH_PULL: 'newer',
      MULTIARCH_NO_CACHE: 'true',
      MULTIARCH_TIMEOUT_MINUTES: '45',
      MULTIARCH_EXTRA_ARGS: '--squash',
      MULTIARCH_CACHE: 'harbor.lan:8080/acme/app-cache',
      MULTIARCH_PUSH_RETRIES: '3',
      MULTIARCH_PUSH_TIMEOUT_SECONDS: '1800',
      MULTIARCH_VERIFY_CONTAINER: 'skopeo',
      // One variable per word: a word may hold spaces.
      MULTIARCH_SMOKE_COMMAND_1: 'sh',
      MULTIARCH_SMOKE_COMMAND_2: '-c',
      MULTIARCH_SMOKE_COMMAND_3: '/app --version',
    });
  });

  test('only the sections a building block was given', async () => {
    const preflight = {
      image: { name: 'acme/hello', tags: ['1.0'] },
      platforms: ['linux/arm64'],
      registries: [{ host: 'r.example.com', credentialsId: null }],
    };
    // The build section's defaults (for the base images), but no isolation: without
    // build.isolation, preflight checks the agent's own BUILDAH_ISOLATION.
    expect(await library.environment(preflight, 'multiarchPreflight')).toEqual({
      MULTIARCH_REGISTRIES: 'r.example.com',
      MULTIARCH_INSECURE_REGISTRIES: '',
      MULTIARCH_REGISTRY_CREDENTIALS: '',
      MULTIARCH_IMAGE: 'acme/hello',
      MULTIARCH_TAGS: '1.0',
      MULTIARCH_PLATFORMS: 'linux/arm64',
      MULTIARCH_DOCKERFILE: 'Dockerfile',
      MULTIARCH_CONTEXT: '.',
      MULTIARCH_NO_CACHE: 'false',
    });
    expect(await library.environment({}, 'multiarchCleanup')).toEqual({});
  });

  test('every MULTIARCH_ variable a script reads is set, and every one set is read', async () => {
    const scripts = [...loadResources()]
      .filter(([name]) => name.endsWith('.sh'))
      .map(([, text]) => text)
      .join('\n');
    const read = new Set([...scripts.matchAll(/\$\{?(MULTIARCH_[A-Z_]+)/g)].map((m) => m[1]!));
    // Numbered entries are read as NAME_$i by common.sh's `numbered NAME`: smoke.sh names one,
    // build.sh MULTIARCH_<kind> for each kind its loop lists.
    for (const [, name] of scripts.matchAll(/numbered (MULTIARCH_[A-Z_]+)/g)) read.add(`${name}_`);
    for (const kind of /for kind in ([^;]*);/.exec(scripts)![1]!.split(' '))
      read.add(`MULTIARCH_${kind.split(':')[0]}_`);
    // Set by the runtime around one step (the login, a parallel branch's), and by withCredentials.
    const runtime = loadVars().get('multiarchRuntime.groovy')!;
    for (const name of [
      'MULTIARCH_LOGIN_REGISTRY',
      'MULTIARCH_REGISTRY_USER',
      'MULTIARCH_REGISTRY_PASSWORD',
      'MULTIARCH_BRANCH',
      'MULTIARCH_BRANCHES',
      'MULTIARCH_NATIVE',
    ]) {
      expect(runtime).toContain(`'${name}`);
      read.delete(name);
    }
    // Set by the CLI only: for `mirror export` and `mirror import` (the multiarchMirror step
    // copies, which is mirror.sh's default), and the build's platform for `mirror --from-config`.
    for (const [name, file] of [
      ['MULTIARCH_MIRROR_MODE', 'commands/mirror.ts'],
      ['MULTIARCH_MIRROR_BUNDLE', 'commands/mirror.ts'],
      ['MULTIARCH_MIRROR_PREFIX', 'commands/mirror.ts'],
      ['MULTIARCH_BUILD_PLATFORM', 'base-images.ts'],
    ] as const) {
      const cli = await fs.readFile(path.join(repoRoot, 'src', 'cli', file), 'utf8');
      expect(cli).toContain(`'${name}'`);
      read.delete(name);
    }
    // Test seams: where preflight looks for binfmt_misc and /dev/fuse (the tests' fake ones).
    read.delete('MULTIARCH_BINFMT_MISC');
    read.delete('MULTIARCH_DEV_FUSE');
    const set = Object.keys(await library.environment(SNAPSHOT_CONFIGS.everything))
      // Numbered entries are read as MULTIARCH_<kind>_$i.
      .map((name) => name.replace(/(BUILD_ARG|LABEL|SMOKE_COMMAND)_\d+$/, '$1_'))
      .filter((name) => name.startsWith('MULTIARCH_'));
    expect([...read].sort()).toEqual([...new Set(set)].sort());
  });
});
