import { execa, execaSync } from 'execa';
import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { PipelineConfig } from '../src/model/pipeline.js';
import { loadResources } from '../src/package-files.js';
import { baseImageLines } from './support/base-image.js';
import { startLibraryEval, type LibraryEval } from './support/library.js';
import { requireTools } from './support/tools.js';

/**
 * The shell steps' own logic, fast: real sh, git and coreutils, run as the current user the way a
 * Jenkins sh step runs them (common.sh + one step, `sh -xe`), with a fake podman first on PATH
 * that records every call and fails when a test asks it to. The e2e tests cover real podman.
 */
const tools = ['sh', 'git', 'timeout', 'sleep', 'cksum', 'groovy'];

const resources = loadResources();

const SHA = '0123456789abcdef0123456789abcdef01234567';
const BUILD_TAG = 'jenkins-acme-hello-main-7';
const MANIFEST_LIST = /^localhost\/jenkins-multiarch:\d+-jenkins-acme-hello-main-7$/;

const minimal: PipelineConfig = {
  agent: { label: 'podman' },
  image: { name: 'acme/hello', tags: ['1.0'] },
  platforms: ['linux/amd64', 'linux/arm64'],
  registries: [{ host: 'registry.example.com', credentialsId: 'registry-push' }],
};

/** The shared library, whose runtime computes the step environment; started by the tests. */
let library: LibraryEval;

/** The step environment the runtime gives the shell steps for a config (which must be valid). */
const rendered = (changes: Record<string, unknown>) =>
  library.environment({ ...minimal, ...changes });

type TagEntry = string | { from: string; pattern?: string; branch?: string };

/** MULTIARCH_TAGS as the runtime gives it for these image.tags entries. */
const tagRules = async (tags: TagEntry[]) =>
  (await rendered({ image: { name: 'acme/hello', tags } })).MULTIARCH_TAGS!;

/** Records the call's arguments, each NUL-terminated, in a file of its own numbered by order. */
const RECORD = `record() {
  n=$(ls "$FAKE_CALLS" | wc -l)
  for arg in "$@"; do printf '%s\\0' "$arg"; done >"$FAKE_CALLS/$(printf %04d $((n + 1)))"
}`;

/**
 * A registry's answer for the last argument, [docker://]HOST/IMAGE:TAG: the file FAKE_INDEXES/TAG,
 * or a failure without it, as skopeo inspect --raw and podman manifest inspect give them.
 */
const SERVE = `serve() {
  for last; do :; done
  tag=\${last##*:}
  if [ -f "$FAKE_INDEXES/$tag" ]; then cat "$FAKE_INDEXES/$tag"; else echo "Error: fake: no $tag" >&2; exit 1; fi
}`;

/** The fakes on PATH; real sleep and timeout are called by absolute path. */
function fakes(realSleep: string, realTimeout: string): Record<string, string> {
  return {
    podman: `#!/bin/sh
${RECORD}
${SERVE}
record podman "$@"
case "$1 \${2:-}" in
  'manifest inspect') serve "$@" ;;
  '--version '*) echo 'podman version 4.3.1 (fake)' ;;
  # What preflight's podman info --format asks: arch, rootless, driver, uid and gid ranges, mount
  # program; smoke's: the arch and where its images are (FAKE_STATE/images: a file per image id).
  'info '*)
    case $3 in
      *Rootless*) echo "\${FAKE_ARCH:-amd64} \${FAKE_ROOTLESS:-false} \${FAKE_DRIVER:-vfs} 2 2 \${FAKE_MOUNT_PROGRAM:-}" ;;
      *GraphRoot*) echo "\${FAKE_ARCH:-amd64} $FAKE_STATE/images" ;;
      *) echo "\${FAKE_ARCH:-amd64}" ;;
    esac ;;
  'manifest push')
    # Fails the first FAKE_PUSH_FAILURES attempts, counted across calls in FAKE_STATE.
    attempts=$(($(cat "$FAKE_STATE/push-attempts" 2>/dev/null || echo 0) + 1))
    echo "$attempts" >"$FAKE_STATE/push-attempts"
    if [ "$attempts" -le "\${FAKE_PUSH_FAILURES:-0}" ]; then
      echo "Error: fake push attempt $attempts fails" >&2
      exit 125
    fi
    # The next FAKE_PUSH_STALLS attempts hang, as against a registry that never answers.
    [ "$attempts" -gt $((\${FAKE_PUSH_FAILURES:-0} + \${FAKE_PUSH_STALLS:-0})) ] || exec ${realSleep} 60
    # The n-th successful push writes the n-th of FAKE_DIGESTS (or the last) to --digestfile.
    pushed=$(($(cat "$FAKE_STATE/pushed" 2>/dev/null || echo 0) + 1))
    echo "$pushed" >"$FAKE_STATE/pushed"
    i=0
    for digest in \${FAKE_DIGESTS:-sha256:1111}; do
      i=$((i + 1))
      [ "$i" -lt "$pushed" ] || break
    done
    previous=
    for arg in "$@"; do
      [ "$previous" != --digestfile ] || printf '%s' "$digest" >"$arg"
      previous=$arg
    done ;;
  'build '*)
    # The first FAKE_BUILD_LOST_BASE builds lose their base image to a concurrent pull.
    built=$(($(cat "$FAKE_STATE/builds" 2>/dev/null || echo 0) + 1))
    echo "$built" >"$FAKE_STATE/builds"
    if [ "$built" -le "\${FAKE_BUILD_LOST_BASE:-0}" ]; then
      echo 'Error: creating build container: locating pulled image "127.0.0.1:5099/base/busybox:1" name in containers storage: 127.0.0.1:5099/base/busybox:1: image not known' >&2
      exit 125
    fi
    [ -z "\${FAKE_BUILD_SECONDS:-}" ] || exec ${realSleep} "$FAKE_BUILD_SECONDS"
    exit "\${FAKE_BUILD_EXIT:-0}" ;;
  # pull --platform P: an image id naming P (id-linux-arm64), or FAKE_PULL_FAILS.
  'pull '*)
    [ "\${FAKE_PULL_FAILS:-}" != "$5" ] || { echo "Error: fake: no $5 in the index" >&2; exit 125; }
    echo "id-$(echo "$5" | tr / -)" ;;
  # run … ID COMMAND…: FAKE_RUNS/ID, a script given the command, stands in for the image; without
  # one, the platform's uname -m.
  'run '*)
    shift 4
    id=$1
    shift
    [ ! -f "$FAKE_RUNS/$id" ] || exec sh "$FAKE_RUNS/$id" "$@"
    case $id in
      id-linux-amd64) echo x86_64 ;;
      id-linux-arm64) echo aarch64 ;;
      id-linux-arm-v7 | id-linux-arm-v6) echo armv7l ;;
      id-linux-386) echo i686 ;;
      id-linux-mips64le) echo mips64 ;;
      id-linux-s390x) echo s390x ;;
    esac ;;
esac
exit 0
`,
    sleep: `#!/bin/sh
${RECORD}
record sleep "$@"
`,
    // The agent's machine, as its kernel names it.
    uname: `#!/bin/sh
echo "\${FAKE_MACHINE:-x86_64}"
`,
    // The agent's cores.
    nproc: `#!/bin/sh
echo "\${FAKE_NPROC:-2}"
`,
    skopeo: `#!/bin/sh
${RECORD}
${SERVE}
record skopeo "$@"
[ "$1" != --version ] || { echo 'skopeo version 1.9.3 (fake)'; exit 0; }
serve "$@"
`,
    // The real timeout; with FAKE_MINUTES_AS_SECONDS its duration Nm becomes Ns.
    timeout: `#!/bin/sh
${RECORD}
record timeout "$@"
if [ -n "\${FAKE_MINUTES_AS_SECONDS:-}" ]; then
  kill_after=$1 duration=$2
  shift 2
  set -- "$kill_after" "\${duration%m}s" "$@"
fi
exec ${realTimeout} "$@"
`,
  };
}

const requirement = requireTools(tools);

describe.skipIf(requirement.skip)('shell steps with a fake podman', () => {
  let root: string;
  let fakeBin: string;
  let runs = 0;
  /** This test's directory: workspace, calls, state, home. */
  let dir: string;
  let workspace: string;
  let calls: string;

  beforeAll(async () => {
    library = startLibraryEval();
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'jma-scripts-'));
    fakeBin = path.join(root, 'bin');
    await fs.mkdirp(fakeBin);
    const which = (command: string) =>
      execaSync('sh', ['-c', `command -v ${command}`]).stdout.trim();
    for (const [name, text] of Object.entries(fakes(which('sleep'), which('timeout')))) {
      await fs.writeFile(path.join(fakeBin, name), text, { mode: 0o755 });
    }
  });

  afterAll(async () => {
    await library?.close();
    if (root) await fs.remove(root);
  });

  beforeEach(async () => {
    runs += 1;
    dir = path.join(root, `t${runs}`);
    workspace = path.join(dir, 'workspace');
    calls = path.join(dir, 'calls');
    for (const sub of [workspace, calls, 'state', 'home', 'indexes', 'runs'])
      await fs.mkdirp(path.resolve(dir, sub));
  });

  /** Only what the test gives: no GIT_*, BRANCH_NAME or CI variables of the machine running it. */
  const baseEnv = () => ({
    PATH: `${fakeBin}:/usr/local/bin:/usr/bin:/bin`,
    HOME: path.join(dir, 'home'),
    LANG: 'C.UTF-8',
    GIT_CONFIG_NOSYSTEM: '1',
    // The temporary directory might sit inside some repository: git must not find it.
    GIT_CEILING_DIRECTORIES: root,
    FAKE_CALLS: calls,
    FAKE_STATE: path.join(dir, 'state'),
    FAKE_INDEXES: path.join(dir, 'indexes'),
    FAKE_RUNS: path.join(dir, 'runs'),
  });

  /** common.sh then the steps, as a Jenkins sh step runs them: one script file, `sh -xe`. */
  async function step(
    names: string[],
    env: Record<string, string>,
    options: { cwd?: string; extra?: string } = {},
  ) {
    const file = path.join(dir, `step-${names.join('-')}.sh`);
    const text = ['common', ...names].map((name) => resources.get(`${name}.sh`)!).join('');
    await fs.writeFile(file, text + (options.extra ?? ''));
    return execa('sh', ['-xe', file], {
      cwd: options.cwd ?? workspace,
      env: { ...baseEnv(), WORKSPACE: workspace, BUILD_TAG, ...env },
      extendEnv: false,
      reject: false,
      all: true,
    });
  }

  /** Every recorded call, in order, as [command, ...arguments]. */
  async function recorded(): Promise<string[][]> {
    const files = (await fs.readdir(calls)).sort();
    return Promise.all(
      files.map(async (file) =>
        (await fs.readFile(path.join(calls, file), 'utf8')).split('\0').slice(0, -1),
      ),
    );
  }
  const recordedOf = async (command: string) =>
    (await recorded()).filter(([name]) => name === command).map((call) => call.slice(1));

  const gitIdentity = {
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.com',
  };

  /** git with a fixed identity, in the test's HOME; `env` adds to its environment. */
  async function git(cwd: string, args: string[], env: Record<string, string> = {}) {
    const result = await execa('git', args, {
      cwd,
      env: { ...baseEnv(), ...gitIdentity, ...env },
      extendEnv: false,
    });
    return result.stdout.trim();
  }

  /** A bare repository (a git server) with main at one commit; returns it and that commit. */
  async function gitServer(): Promise<{ bare: string; main: string }> {
    const source = path.join(dir, 'source');
    await fs.mkdirp(source);
    await git(source, ['init', '-q', '-b', 'main']);
    await fs.writeFile(path.join(source, 'Dockerfile'), 'FROM scratch\n');
    await git(source, ['add', 'Dockerfile']);
    await git(source, ['commit', '-q', '-m', 'first']);
    const bare = path.join(dir, 'server.git');
    await git(dir, ['clone', '-q', '--bare', source, bare]);
    return { bare, main: await git(source, ['rev-parse', 'HEAD']) };
  }

  /** A binfmt_misc directory with these handlers: enabled or not, with these flags. */
  async function binfmt(handlers: Record<string, { enabled: boolean; flags: string }>) {
    const root = path.join(dir, 'binfmt_misc');
    await fs.mkdirp(root);
    await fs.writeFile(path.join(root, 'status'), 'enabled\n');
    for (const [name, { enabled, flags }] of Object.entries(handlers))
      await fs.writeFile(
        path.join(root, name),
        `${enabled ? 'enabled' : 'disabled'}\ninterpreter /usr/libexec/qemu-binfmt/${name}\nflags: ${flags}\n`,
      );
    return root;
  }
  const ok = { enabled: true, flags: 'POCF' };

  describe('tags.sh', () => {
    const RULES: TagEntry[] = [
      '1.0',
      { from: 'git-sha' },
      { from: 'branch' },
      { from: 'semver' },
      { from: 'semver', pattern: '{{major}}.{{minor}}' },
      { from: 'semver', pattern: '{{major}}' },
      { from: 'latest' },
      { from: 'latest', branch: 'develop' },
    ];
    /** Runs the tags step; `tags` is the file's lines, null when there is no file. */
    async function computeTags(env: Record<string, string>, words?: string) {
      const result = await step(['tags'], {
        MULTIARCH_TAGS: words ?? (await tagRules(RULES)),
        ...env,
      });
      const file = path.join(workspace, '.jenkins-multiarch', 'tags');
      const text = (await fs.pathExists(file)) ? await fs.readFile(file, 'utf8') : null;
      // One tag a line, each line ended: what push.sh and verify.sh read with $(...).
      if (text) expect(text).toMatch(/^([^\n]+\n)+$/);
      const tags = text === null ? null : text.split('\n').filter(Boolean);
      return { ...result, text, tags };
    }

    test('the runtime gives the rules as words', async () => {
      expect(await tagRules(RULES)).toBe(
        '1.0 @git-sha @branch @semver @semver:{{major}}.{{minor}} @semver:{{major}} @latest @latest:develop',
      );
    });

    test('a multibranch build of tag v1.2.3: the fixed tag, the sha, the versions, latest', async () => {
      // Jenkins sets BRANCH_NAME to the tag's name in a tag build too: it is not a branch.
      const result = await computeTags({
        TAG_NAME: 'v1.2.3',
        BRANCH_NAME: 'v1.2.3',
        GIT_COMMIT: SHA,
      });
      expect(result.exitCode, result.all).toBe(0);
      expect(result.tags).toEqual(['1.0', '0123456', '1.2.3', '1.2', '1', 'latest']);
      expect(result.all).toContain(
        'INFO: commit 0123456789abcdef0123456789abcdef01234567, branch none, release 1.2.3\n',
      );
      expect(result.all).toContain(
        'INFO: this build pushes the tags: 1.0 0123456 1.2.3 1.2 1 latest\n',
      );
    });

    test('a pre-release tag gets only the {{version}} patterns, and no latest', async () => {
      const result = await computeTags({ TAG_NAME: 'v2.0.0-rc.1', GIT_COMMIT: SHA });
      expect(result.exitCode, result.all).toBe(0);
      expect(result.tags).toEqual(['1.0', '0123456', '2.0.0-rc.1']);
      expect(result.all).toContain('release 2.0.0-rc.1 (pre-release)');
    });

    test.each([
      ['v1.2.3', ['1.2.3', 'v1.2.3']],
      ['1.2.3', ['1.2.3', 'v1.2.3']],
      // A pre-release: not through {{major}}.{{minor}}.{{patch}}.
      ['v10.20.30-beta.2', ['10.20.30-beta.2', 'v10.20.30-beta.2']],
      // Build metadata cannot be in a tag: it is dropped.
      ['v1.2.3+build.5', ['1.2.3', 'v1.2.3']],
      ['v1.2', []],
      ['v1.2.3.4', []],
      ['release-1.2.3', []],
      ['V1.2.3', []],
    ])('tag %s: semver patterns give %j', async (tagName, expected) => {
      const words = await tagRules([
        { from: 'semver' },
        { from: 'semver', pattern: 'v{{version}}' },
        { from: 'semver', pattern: '{{major}}.{{minor}}.{{patch}}' },
      ]);
      const result = await computeTags({ TAG_NAME: tagName }, words);
      expect(result.exitCode, result.all).toBe(0);
      expect(result.tags).toEqual(expected);
    });

    test.each([
      ['feature/Foo_Bar', ['1.0', '0123456', 'feature-foo_bar']],
      ['main', ['1.0', '0123456', 'main', 'latest']],
      ['develop', ['1.0', '0123456', 'develop', 'latest']],
      ['PR-12', ['1.0', '0123456', 'pr-12']],
      ['release/2.x', ['1.0', '0123456', 'release-2.x']],
      ['-.Leading', ['1.0', '0123456', 'leading']],
      ['café', ['1.0', '0123456', 'caf--']],
    ])('a multibranch build of branch %s: %j, no semver', async (branch, expected) => {
      const result = await computeTags({ BRANCH_NAME: branch, GIT_COMMIT: SHA });
      expect(result.exitCode, result.all).toBe(0);
      expect(result.tags).toEqual(expected);
    });

    test('latest follows the branch the rule names, not main', async () => {
      const words = await tagRules([{ from: 'latest', branch: 'develop' }, { from: 'branch' }]);
      const result = await computeTags({ BRANCH_NAME: 'main', GIT_COMMIT: SHA }, words);
      expect(result.exitCode, result.all).toBe(0);
      expect(result.tags).toEqual(['main']);
    });

    test('a tag that is not a version: no semver, no latest, no branch', async () => {
      const result = await computeTags({
        TAG_NAME: 'deployed',
        BRANCH_NAME: 'deployed',
        GIT_COMMIT: SHA,
      });
      expect(result.exitCode, result.all).toBe(0);
      expect(result.tags).toEqual(['1.0', '0123456']);
    });

    test('without Jenkins variables, on branch main: branch and commit from git', async () => {
      const { bare, main } = await gitServer();
      await git(dir, ['clone', '-q', bare, workspace]);
      const result = await computeTags({});
      expect(result.exitCode, result.all).toBe(0);
      expect(result.tags).toEqual(['1.0', main.slice(0, 7), 'main', 'latest']);
      expect(result.all).toContain(`INFO: commit ${main}, branch main, release none\n`);
    });

    test('without Jenkins variables, on another local branch: that branch, no latest', async () => {
      const { bare, main } = await gitServer();
      await git(dir, ['clone', '-q', bare, workspace]);
      await git(workspace, ['checkout', '-q', '-b', 'feature/X']);
      const result = await computeTags({});
      expect(result.exitCode, result.all).toBe(0);
      expect(result.tags).toEqual(['1.0', main.slice(0, 7), 'feature-x']);
    });

    test('a detached clone (checkout --detach origin/main): the branch from the remote ref', async () => {
      const { bare, main } = await gitServer();
      await git(dir, ['clone', '-q', bare, workspace]);
      await git(workspace, ['checkout', '-q', '--detach', 'origin/main']);
      // origin/HEAD points at HEAD too: its name is not a branch. No local branch is left to ask.
      await git(workspace, ['branch', '-q', '-D', 'main']);
      const result = await computeTags({});
      expect(result.exitCode, result.all).toBe(0);
      expect(result.tags).toEqual(['1.0', main.slice(0, 7), 'main', 'latest']);
    });

    test("a checkout the way Jenkins' git plugin makes it (fetch, checkout -f <sha>)", async () => {
      const { bare, main } = await gitServer();
      // Another branch on the server, one commit ahead: the build is of release/2.x.
      const other = path.join(dir, 'other');
      await git(dir, ['clone', '-q', bare, other]);
      await git(other, ['checkout', '-q', '-b', 'release/2.x']);
      await git(other, ['commit', '-q', '--allow-empty', '-m', 'second']);
      await git(other, ['push', '-q', 'origin', 'release/2.x']);
      const release = await git(other, ['rev-parse', 'HEAD']);

      await git(workspace, ['init', '-q']);
      await git(workspace, [
        'fetch',
        '-q',
        '--tags',
        '--force',
        '--',
        bare,
        '+refs/heads/*:refs/remotes/origin/*',
      ]);
      await git(workspace, ['config', 'remote.origin.url', bare]);
      await git(workspace, ['checkout', '-q', '-f', release]);
      let result = await computeTags({});
      expect(result.exitCode, result.all).toBe(0);
      expect(result.tags).toEqual(['1.0', release.slice(0, 7), 'release-2.x']);

      await git(workspace, ['checkout', '-q', '-f', main]);
      result = await computeTags({});
      expect(result.exitCode, result.all).toBe(0);
      expect(result.tags).toEqual(['1.0', main.slice(0, 7), 'main', 'latest']);
    });

    test('GIT_BRANCH names the branch when HEAD is detached', async () => {
      const { bare, main } = await gitServer();
      await git(dir, ['clone', '-q', bare, workspace]);
      await git(workspace, ['checkout', '-q', '--detach', 'HEAD']);
      await git(workspace, ['update-ref', '-d', 'refs/remotes/origin/main']);
      const result = await computeTags({ GIT_BRANCH: 'origin/feature/Y' });
      expect(result.exitCode, result.all).toBe(0);
      expect(result.tags).toEqual(['1.0', main.slice(0, 7), 'feature-y']);
    });

    test('HEAD tagged v3.4.5 (annotated), without TAG_NAME: the versions from the tag', async () => {
      const { bare, main } = await gitServer();
      await git(dir, ['clone', '-q', bare, workspace]);
      await git(workspace, ['tag', '-a', '-m', 'release', 'v3.4.5']);
      const result = await computeTags({});
      expect(result.exitCode, result.all).toBe(0);
      expect(result.tags).toEqual(['1.0', main.slice(0, 7), 'main', '3.4.5', '3.4', '3', 'latest']);
    });

    test('a detached checkout of a lightweight release tag behind main: versions and latest', async () => {
      const { bare, main } = await gitServer();
      await git(dir, ['clone', '-q', bare, workspace]);
      await git(workspace, ['tag', 'v3.4.5']);
      await git(workspace, ['commit', '-q', '--allow-empty', '-m', 'later']);
      await git(workspace, ['push', '-q', 'origin', 'main']);
      await git(workspace, ['checkout', '-q', '--detach', 'v3.4.5']);
      const result = await computeTags({});
      expect(result.exitCode, result.all).toBe(0);
      expect(result.tags).toEqual(['1.0', main.slice(0, 7), '3.4.5', '3.4', '3', 'latest']);
    });

    test('HEAD with a release tag and another tag: the release still gives its versions', async () => {
      const { bare, main } = await gitServer();
      await git(dir, ['clone', '-q', bare, workspace]);
      // A later annotated marker tag on the same commit: git describe would name it.
      await git(workspace, ['tag', '-a', '-m', 'release', 'v3.4.5']);
      await git(workspace, ['tag', '-a', '-m', 'deployed', 'zz-deployed'], {
        GIT_COMMITTER_DATE: '2099-01-01T00:00:00Z',
      });
      await git(workspace, ['tag', 'aaa-lightweight']);
      const result = await computeTags({});
      expect(result.exitCode, result.all).toBe(0);
      expect(result.tags).toEqual(['1.0', main.slice(0, 7), 'main', '3.4.5', '3.4', '3', 'latest']);
    });

    test('a release candidate and its release on one commit: the release wins', async () => {
      const { bare, main } = await gitServer();
      await git(dir, ['clone', '-q', bare, workspace]);
      await git(workspace, ['tag', 'v2.0.0-rc.1']);
      await git(workspace, ['tag', 'v2.0.0']);
      await git(workspace, ['checkout', '-q', '--detach', 'HEAD']);
      await git(workspace, ['update-ref', '-d', 'refs/remotes/origin/main']);
      const result = await computeTags({});
      expect(result.exitCode, result.all).toBe(0);
      expect(result.tags).toEqual(['1.0', main.slice(0, 7), '2.0.0', '2.0', '2', 'latest']);
    });

    test('no git repository and no Jenkins variables: only the fixed tags', async () => {
      const result = await computeTags({});
      expect(result.exitCode, result.all).toBe(0);
      expect(result.tags).toEqual(['1.0']);
      expect(result.all).toContain('INFO: commit unknown, branch none, release none\n');
    });

    test('rules that give the same tag give it once, in the order of first appearance', async () => {
      // The model refuses an entry listed twice, not different entries that give one tag.
      const words = await tagRules([
        '1.0',
        'latest',
        { from: 'latest' },
        { from: 'latest', branch: 'main' },
        { from: 'branch' },
        'main',
        { from: 'semver' },
        '0123456',
        { from: 'git-sha' },
      ]);
      const result = await computeTags({ BRANCH_NAME: 'main', GIT_COMMIT: SHA }, words);
      expect(result.exitCode, result.all).toBe(0);
      expect(result.text).toBe('1.0\nlatest\nmain\n0123456\n');
    });

    test('no tag applies: an empty file, a WARNING, and success', async () => {
      const words = await tagRules([{ from: 'semver' }, { from: 'latest' }]);
      const result = await computeTags({ BRANCH_NAME: 'feature/x', GIT_COMMIT: SHA }, words);
      expect(result.exitCode, result.all).toBe(0);
      expect(result.text).toBe('');
      expect(result.all).toContain(
        'WARNING: no tag applies to this build (rules: @semver @latest), so it builds and pushes nothing.',
      );
      expect(result.all).not.toContain('INFO: this build pushes');
    });

    test('a branch name with no tag character left (///) gives no tag, not an invalid one', async () => {
      const words = await tagRules([{ from: 'branch' }]);
      const result = await computeTags({ BRANCH_NAME: '///' }, words);
      expect(result.exitCode, result.all).toBe(0);
      expect(result.text).toBe('');
      expect(result.all).toContain('WARNING: no tag applies');
    });

    test('a long branch name is cut to the 128 characters a tag may have', async () => {
      const result = await computeTags({
        BRANCH_NAME: `feature/${'a'.repeat(200)}`,
        GIT_COMMIT: SHA,
      });
      expect(result.exitCode, result.all).toBe(0);
      expect(result.tags).toEqual(['1.0', '0123456', `feature-${'a'.repeat(120)}`]);
    });

    test('a version too long for a tag fails the step, naming the rule, and writes no tags', async () => {
      const result = await computeTags({ TAG_NAME: `v1.2.3-${'r'.repeat(130)}`, GIT_COMMIT: SHA });
      expect(result.exitCode).toBe(2);
      expect(result.all).toMatch(
        /ERROR: '1\.2\.3-r+' is longer than 128 characters \(from rule @semver\)/,
      );
      expect(result.text).toBeNull();
    });

    test('an invalid fixed tag (which the model refuses) is refused here too', async () => {
      const words = '1.0 -bad';
      const result = await computeTags({ BRANCH_NAME: 'main' }, words);
      expect(result.exitCode).toBe(2);
      expect(result.all).toContain("ERROR: '-bad' is not a valid tag (from rule -bad)");
      expect(result.text).toBeNull();
    });
  });

  describe('push.sh', () => {
    const env = (changes: Record<string, string> = {}) => ({
      MULTIARCH_REGISTRIES: 'registry.example.com',
      MULTIARCH_INSECURE_REGISTRIES: '',
      MULTIARCH_IMAGE: 'acme/hello',
      MULTIARCH_PUSH_RETRIES: '2',
      ...changes,
    });
    const writeTags = async (text: string) => {
      await fs.mkdirp(path.join(workspace, '.jenkins-multiarch'));
      await fs.writeFile(path.join(workspace, '.jenkins-multiarch', 'tags'), text);
    };
    const pushedRefs = async () =>
      (await recordedOf('podman')).map((args) => {
        expect(args.slice(0, 3)).toEqual(['manifest', 'push', '--all']);
        return args.at(-1);
      });

    test('every tag to every registry, registry by registry, TLS off only where listed', async () => {
      await writeTags('1.0\nlatest\n');
      const result = await step(
        ['push'],
        env({
          MULTIARCH_REGISTRIES: 'registry.example.com:5000 10.0.0.5:5000',
          MULTIARCH_INSECURE_REGISTRIES: '10.0.0.5:5000',
        }),
      );
      expect(result.exitCode, result.all).toBe(0);
      const pushes = await recordedOf('podman');
      const digestFile = path.join(workspace, '.jenkins-multiarch', 'digest');
      const list = pushes[0]![6]!;
      expect(list).toMatch(MANIFEST_LIST);
      const push = (tls: boolean, ref: string) => [
        'manifest',
        'push',
        '--all',
        `--tls-verify=${tls}`,
        '--digestfile',
        digestFile,
        list,
        `docker://${ref}`,
      ];
      expect(pushes).toEqual([
        push(true, 'registry.example.com:5000/acme/hello:1.0'),
        push(true, 'registry.example.com:5000/acme/hello:latest'),
        push(false, '10.0.0.5:5000/acme/hello:1.0'),
        push(false, '10.0.0.5:5000/acme/hello:latest'),
      ]);
      expect(result.all).toContain('INFO: pushed 10.0.0.5:5000/acme/hello:latest@sha256:1111\n');
      expect(await recordedOf('sleep')).toEqual([]);
    });

    test('a failed push is retried after 5 seconds, and then succeeds', async () => {
      await writeTags('1.0\n');
      const result = await step(
        ['push'],
        env({ MULTIARCH_PUSH_RETRIES: '1', FAKE_PUSH_FAILURES: '1' }),
      );
      expect(result.exitCode, result.all).toBe(0);
      expect(await pushedRefs()).toEqual([
        'docker://registry.example.com/acme/hello:1.0',
        'docker://registry.example.com/acme/hello:1.0',
      ]);
      expect(await recordedOf('sleep')).toEqual([['5']]);
      expect(result.all).toContain(
        'WARNING: pushing registry.example.com/acme/hello:1.0 failed; retry 1 of 1 in 5 seconds.\n',
      );
      expect(result.all).toContain(
        'INFO: pushed registry.example.com/acme/hello:1.0@sha256:1111\n',
      );
    });

    test('retries wait 5, then 10 seconds', async () => {
      await writeTags('1.0\n');
      const result = await step(
        ['push'],
        env({ MULTIARCH_PUSH_RETRIES: '2', FAKE_PUSH_FAILURES: '2' }),
      );
      expect(result.exitCode, result.all).toBe(0);
      expect(await pushedRefs()).toHaveLength(3);
      expect(await recordedOf('sleep')).toEqual([['5'], ['10']]);
    });

    test('more failures than push.retries: exit 1, naming push.retries, after the last retry', async () => {
      await writeTags('1.0\nlatest\n');
      const result = await step(
        ['push'],
        env({ MULTIARCH_PUSH_RETRIES: '2', FAKE_PUSH_FAILURES: '3' }),
      );
      expect(result.exitCode, result.all).toBe(1);
      expect(result.all).toContain(
        'ERROR: pushing registry.example.com/acme/hello:1.0 failed on every try (1 + push.retries = 3): raise push.retries if the registry needs longer to come back.\n',
      );
      expect(await pushedRefs()).toEqual(
        Array(3).fill('docker://registry.example.com/acme/hello:1.0'),
      );
      expect(await recordedOf('sleep')).toEqual([['5'], ['10']]);
    });

    test('with no retries, the first failure fails the step at once', async () => {
      await writeTags('1.0\n');
      const result = await step(
        ['push'],
        env({ MULTIARCH_PUSH_RETRIES: '0', FAKE_PUSH_FAILURES: '1' }),
      );
      expect(result.exitCode, result.all).toBe(1);
      expect(result.all).toContain('failed on every try (1 + push.retries = 1)');
      expect(await pushedRefs()).toHaveLength(1);
      expect(await recordedOf('sleep')).toEqual([]);
    });

    test('a push that hangs is stopped after push.timeoutSeconds and retried', async () => {
      await writeTags('1.0\n');
      const started = Date.now();
      const result = await step(
        ['push'],
        env({
          MULTIARCH_PUSH_RETRIES: '1',
          MULTIARCH_PUSH_TIMEOUT_SECONDS: '1',
          FAKE_PUSH_STALLS: '1',
        }),
      );
      expect(result.exitCode, result.all).toBe(0);
      expect(Date.now() - started).toBeLessThan(30_000);
      const timeouts = await recordedOf('timeout');
      expect(timeouts).toHaveLength(2);
      expect(timeouts[0]!.slice(0, 5)).toEqual([
        '--kill-after=10',
        '1s',
        'podman',
        'manifest',
        'push',
      ]);
      expect(await pushedRefs()).toHaveLength(2);
      expect(result.all).toContain(
        'WARNING: pushing registry.example.com/acme/hello:1.0 was stopped after 1 seconds (push.timeoutSeconds); retry 1 of 1 in 5 seconds.\n',
      );
      expect(result.all).toContain(
        'INFO: pushed registry.example.com/acme/hello:1.0@sha256:1111\n',
      );
    });

    test('a push that hangs on its last try fails the step, naming push.timeoutSeconds', async () => {
      await writeTags('1.0\n');
      const result = await step(
        ['push'],
        env({
          MULTIARCH_PUSH_RETRIES: '1',
          MULTIARCH_PUSH_TIMEOUT_SECONDS: '1',
          FAKE_PUSH_FAILURES: '1',
          FAKE_PUSH_STALLS: '1',
        }),
      );
      expect(result.exitCode, result.all).toBe(1);
      expect(result.all).toContain(
        'WARNING: pushing registry.example.com/acme/hello:1.0 failed; retry 1 of 1 in 5 seconds.\n',
      );
      expect(result.all).toContain(
        'ERROR: pushing registry.example.com/acme/hello:1.0 failed on every try (1 + push.retries = 2), the last was stopped after 1 seconds (push.timeoutSeconds): raise push.timeoutSeconds if the link to the registry is slow, or push.retries if the registry needs longer to come back.\n',
      );
    });

    test('a tag that got another digest than the tags before it fails the step', async () => {
      await writeTags('1.0\nlatest\n');
      const result = await step(
        ['push'],
        env({
          MULTIARCH_REGISTRIES: 'a.example b.example',
          FAKE_DIGESTS: 'sha256:aaaa sha256:bbbb',
        }),
      );
      expect(result.exitCode, result.all).toBe(1);
      expect(result.all).toContain(
        'ERROR: a.example/acme/hello:latest got digest sha256:bbbb, but the tags pushed before it got sha256:aaaa.\n',
      );
      // Nothing more is pushed.
      expect(await pushedRefs()).toEqual([
        'docker://a.example/acme/hello:1.0',
        'docker://a.example/acme/hello:latest',
      ]);
    });

    test('an empty tags file: nothing is pushed, and the step succeeds', async () => {
      await writeTags('');
      const result = await step(['push'], env());
      expect(result.exitCode, result.all).toBe(0);
      expect(result.all).toContain('INFO: no tag applies to this build; nothing is pushed.\n');
      expect(await recorded()).toEqual([]);
    });

    test('no tags file: exit 2, telling to run the Build step first', async () => {
      const result = await step(['push'], env());
      expect(result.exitCode, result.all).toBe(2);
      expect(result.stderr).toContain(
        "ERROR: this build's tags are not computed yet: run the Build step (multiarchBuild) first, in this workspace.",
      );
      expect(result.all).toContain('run the Build step (multiarchBuild) first');
      expect(await recorded()).toEqual([]);
    });

    test('the tags tags.sh computed are the ones pushed', async () => {
      const result = await step(['tags', 'push'], {
        ...env(),
        MULTIARCH_TAGS: await tagRules(['1.0', { from: 'branch' }, { from: 'latest' }]),
        BRANCH_NAME: 'main',
      });
      expect(result.exitCode, result.all).toBe(0);
      expect(await pushedRefs()).toEqual([
        'docker://registry.example.com/acme/hello:1.0',
        'docker://registry.example.com/acme/hello:main',
        'docker://registry.example.com/acme/hello:latest',
      ]);
    });
  });

  describe('build.sh', () => {
    const CREATED = expect.stringMatching(
      /^org\.opencontainers\.image\.created=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
    );

    async function build(env: Record<string, string>, options: { cwd?: string } = {}) {
      const result = await step(['build'], { ...env }, options);
      const calls = await recorded();
      const timeouts = calls.filter(([name]) => name === 'timeout').map((call) => call.slice(1));
      const builds = calls.filter(([name, sub]) => name === 'podman' && sub === 'build');
      return { ...result, calls, timeouts, builds: builds.map((call) => call.slice(1)) };
    }

    const GREETING = `it's "$HOME" and \`id\` $(id) \${USER} \\ back\\slash`;
    const MULTILINE = 'line one\nline = two =\n';
    const NOTE = `say "hi" to $USER's 'friends'`;
    const TITLE = 'a=b=c\nsecond line';

    test('every field becomes its podman build flag, byte for byte, in order', async () => {
      const env = await rendered({
        image: {
          name: 'acme/hello',
          tags: ['1.0'],
          labels: { 'org.example.note': NOTE, 'org.opencontainers.image.title': TITLE },
        },
        build: {
          dockerfile: 'docker/Dockerfile.multi',
          context: 'app/ctx',
          args: { GREETING, MULTILINE, EMPTY: '' },
          target: 'runtime',
          pull: 'newer',
          noCache: true,
          timeoutMinutes: 30,
          extraArgs: ['--squash', '--layers=false'],
        },
      });
      expect(env).toMatchObject({
        MULTIARCH_BUILD_ARG_1: `GREETING=${GREETING}`,
        MULTIARCH_LABEL_2: `org.opencontainers.image.title=${TITLE}`,
        MULTIARCH_EXTRA_ARGS: '--squash --layers=false',
        MULTIARCH_NO_CACHE: 'true',
        MULTIARCH_INSECURE_REGISTRIES: '',
      });
      const result = await build({
        ...env,
        GIT_COMMIT: SHA,
        GIT_URL: 'https://git.example.com/acme/hello.git',
        TAG_NAME: 'v1.2.3',
      });
      expect(result.exitCode, result.all).toBe(0);
      const [rm, timeout, podmanBuild] = result.calls;
      expect(rm).toEqual(['podman', 'manifest', 'rm', expect.stringMatching(MANIFEST_LIST)]);
      const list = rm![3]!;
      const args = [
        'build',
        '--tls-verify=true',
        '--platform',
        'linux/amd64,linux/arm64',
        '--manifest',
        list,
        '--jobs',
        '2',
        '--file',
        'docker/Dockerfile.multi',
        '--label',
        CREATED,
        '--label',
        `org.opencontainers.image.revision=${SHA}`,
        '--label',
        'org.opencontainers.image.source=https://git.example.com/acme/hello.git',
        '--label',
        'org.opencontainers.image.version=v1.2.3',
        '--build-arg',
        `GREETING=${GREETING}`,
        '--build-arg',
        `MULTILINE=${MULTILINE}`,
        '--build-arg',
        'EMPTY=',
        '--label',
        `org.example.note=${NOTE}`,
        '--label',
        `org.opencontainers.image.title=${TITLE}`,
        '--target',
        'runtime',
        '--pull=newer',
        '--no-cache',
        '--squash',
        '--layers=false',
        'app/ctx',
      ];
      expect(timeout).toEqual(['timeout', '--kill-after=60', '30m', 'podman', ...args]);
      expect(podmanBuild).toEqual(['podman', ...args]);
      expect(result.calls).toHaveLength(3);
      expect(result.all).not.toContain('INFO: pulls skip TLS verification');
    });

    test('the least config: no optional flags, no timeout (0m), TLS verified', async () => {
      const env = await rendered({ platforms: ['linux/amd64'] });
      expect(env.MULTIARCH_NO_CACHE).toBe('false');
      expect(env.MULTIARCH_TIMEOUT_MINUTES).toBeUndefined();
      const result = await build(env);
      expect(result.exitCode, result.all).toBe(0);
      expect(result.timeouts).toEqual([
        [
          '--kill-after=60',
          '0m',
          'podman',
          'build',
          '--tls-verify=true',
          '--platform',
          'linux/amd64',
          '--manifest',
          expect.stringMatching(MANIFEST_LIST),
          '--jobs',
          '1',
          '--file',
          'Dockerfile',
          '--label',
          CREATED,
          '.',
        ],
      ]);
    });

    test('a cache repository keeps the layers in a registry, both ways', async () => {
      const env = await rendered({ build: { cache: 'harbor.example.com:8443/acme/cache' } });
      expect(env.MULTIARCH_CACHE).toBe('harbor.example.com:8443/acme/cache');
      const { builds } = await build(env);
      const args = builds.at(-1)!;
      const at = args.indexOf('--layers');
      expect(args.slice(at, at + 5)).toEqual([
        '--layers',
        '--cache-from',
        'harbor.example.com:8443/acme/cache',
        '--cache-to',
        'harbor.example.com:8443/acme/cache',
      ]);
      expect((await build(await rendered({}))).builds.at(-1)).not.toContain('--layers');
    });

    test('builds as many platforms at once as the agent has cores, unless extraArgs says', async () => {
      const jobs = async (platforms: string[], nproc: string, extraArgs?: string[]) => {
        const env = await rendered({ platforms, ...(extraArgs && { build: { extraArgs } }) });
        const { builds } = await build({ ...env, FAKE_NPROC: nproc });
        const args = builds.at(-1)!;
        return args.flatMap((arg, i) =>
          arg === '--jobs' || arg.startsWith('--jobs=')
            ? [arg === '--jobs' ? args[i + 1] : arg]
            : [],
        );
      };
      const three = ['linux/amd64', 'linux/arm64', 'linux/mips64le'];
      expect(await jobs(three, '2')).toEqual(['2']);
      expect(await jobs(three, '8')).toEqual(['3']);
      expect(await jobs(['linux/arm64'], '8')).toEqual(['1']);
      // podman takes the last --jobs: the config's.
      expect(await jobs(three, '2', ['--jobs=3'])).toEqual(['2', '--jobs=3']);
    });

    test('a registry with tlsVerify: false turns TLS verification off for pulls, and says so', async () => {
      const env = await rendered({
        registries: [
          { host: 'registry.example.com', credentialsId: 'a' },
          { host: '10.0.0.5:5000', credentialsId: 'b', tlsVerify: false },
        ],
      });
      expect(env.MULTIARCH_INSECURE_REGISTRIES).toBe('10.0.0.5:5000');
      const result = await build(env);
      expect(result.exitCode, result.all).toBe(0);
      expect(result.builds[0]!.slice(0, 2)).toEqual(['build', '--tls-verify=false']);
      expect(result.builds[0]).not.toContain('--tls-verify=true');
      expect(result.all).toContain(
        'INFO: pulls skip TLS verification, as registries with tlsVerify: false are used: 10.0.0.5:5000\n',
      );
    });

    test('labels from the checkout: revision, and the origin without its credentials', async () => {
      const { bare, main } = await gitServer();
      await git(dir, ['clone', '-q', bare, workspace]);
      await git(workspace, [
        'remote',
        'set-url',
        'origin',
        'https://jenkins:s3cr3t-t0ken@git.example.com/acme/hello.git',
      ]);
      const result = await build(await rendered({}));
      expect(result.exitCode, result.all).toBe(0);
      expect(result.builds[0]).toContain(`org.opencontainers.image.revision=${main}`);
      expect(result.builds[0]).toContain(
        'org.opencontainers.image.source=https://git.example.com/acme/hello.git',
      );
      expect(result.builds[0]!.join(' ')).not.toContain('org.opencontainers.image.version');
      // Not in the recorded call, nor in the -x trace of the log.
      expect(result.builds[0]!.join(' ')).not.toContain('s3cr3t');
      expect(result.all).not.toContain('s3cr3t');
    });

    test('a failing build fails the step with its status, without the timeout message', async () => {
      const result = await build({
        ...(await rendered({ build: { timeoutMinutes: 5 } })),
        FAKE_BUILD_EXIT: '3',
      });
      expect(result.exitCode, result.all).toBe(3);
      expect(result.all).not.toContain('build.timeoutMinutes');
    });

    const LOST = 'WARNING: podman lost a base image that a concurrent build on this agent pulled';
    test('a build whose base image a concurrent pull took away runs again, at most twice', async () => {
      const env = await rendered({});
      const once = await build({ ...env, FAKE_BUILD_LOST_BASE: '1' });
      expect(once.exitCode, once.all).toBe(0);
      expect(once.builds).toHaveLength(2);
      expect(once.all).toContain(
        `${LOST} at the same time (containers/storage#915); building again, attempt 2 of 3.`,
      );
      // Its log and status go with it: nothing of them is left in the state directory.
      expect(await fs.readdir(path.join(workspace, '.jenkins-multiarch'))).toEqual([
        'auth.json',
        'build-tag',
      ]);
    });

    test('three losses in a row, or any other failure, fail the step with podman’s status', async () => {
      const env = await rendered({});
      const always = await build({ ...env, FAKE_BUILD_LOST_BASE: '9' });
      expect(always.exitCode, always.all).toBe(125);
      expect(always.builds).toHaveLength(3);
      // Printed twice, on stdout: read apart from the -x trace on stderr, which `all` interleaves
      // as it reads the two pipes (a trace line read in two pieces once put a WARNING mid-line).
      expect(String(always.stdout).match(new RegExp(`^${LOST}`, 'gm'))).toHaveLength(2);
      await fs.remove(path.join(dir, 'state', 'builds'));
      const other = await build({ ...env, FAKE_BUILD_EXIT: '125' });
      expect(other.exitCode, other.all).toBe(125);
      expect(other.all).not.toContain(LOST);
    });

    test('a build killed before its time is up (137, out of memory say) is not called a timeout', async () => {
      const result = await build({
        ...(await rendered({ build: { timeoutMinutes: 5 } })),
        FAKE_BUILD_EXIT: '137',
      });
      expect(result.exitCode, result.all).toBe(137);
      expect(result.all).not.toContain('build.timeoutMinutes');
    });

    test('build.timeoutMinutes stops the build (real timeout, minutes shortened to seconds)', async () => {
      const env = await rendered({ build: { timeoutMinutes: 1 } });
      const started = Date.now();
      const result = await build({
        ...env,
        FAKE_MINUTES_AS_SECONDS: '1',
        FAKE_BUILD_SECONDS: '30',
      });
      const seconds = (Date.now() - started) / 1000;
      expect(result.exitCode, result.all).toBe(124);
      expect(result.timeouts[0]!.slice(0, 2)).toEqual(['--kill-after=60', '1m']);
      expect(result.all).toContain(
        'ERROR: the build took longer than 1 minutes (build.timeoutMinutes) and was stopped.\n',
      );
      expect(seconds).toBeLessThan(10);
    });
  });

  const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
  const entry = (digest: string, platform: string, annotations?: Record<string, string>) => {
    const [os, architecture, variant] = platform.split('/');
    return {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest,
      size: 500,
      platform: { architecture, os, ...(variant && { variant }) },
      ...(annotations && { annotations }),
    };
  };
  /** The registry's index for a tag, written compact (as registries store it) or indented. */
  const index = async (tag: string, manifests: object[], indent?: number) =>
    fs.writeFile(
      path.join(dir, 'indexes', tag),
      JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests }, null, indent),
    );

  describe('preflight.sh', () => {
    test('checks each foreign architecture once, by its handler, and names each fix', async () => {
      const result = await step(['preflight'], {
        MULTIARCH_PLATFORMS:
          'linux/amd64,linux/arm64,linux/arm/v7,linux/arm/v6,linux/s390x,linux/ppc64le',
        MULTIARCH_BINFMT_MISC: await binfmt({
          'qemu-aarch64': ok,
          'qemu-arm': { enabled: false, flags: 'POCF' },
          'qemu-s390x': { enabled: true, flags: 'POC' },
        }),
      });
      expect(result.exitCode).toBe(1);
      const lines = result.stdout
        .split('\n')
        .filter((line) => /^(OK: \S+ runs under|ERROR)/.test(line));
      expect(lines).toEqual([
        'OK: arm64 runs under /usr/libexec/qemu-binfmt/qemu-aarch64',
        'ERROR: binfmt_misc handler qemu-arm is disabled. On the node, as root: update-binfmts --enable qemu-arm',
        "ERROR: binfmt_misc handler qemu-s390x lacks the F (fix-binary) flag, so it cannot work inside build containers. Re-register it with fix_binary yes (Debian's qemu-user-static does).",
        'ERROR: no binfmt_misc handler qemu-ppc64le: this amd64 agent cannot run ppc64le build steps. On the node, as root: apt-get install qemu-user-static binfmt-support (or run the tonistiigi/binfmt image with --install ppc64le).',
      ]);
    });

    test("knows a handler for every platform of the model, and skips the agent's own", async () => {
      const platforms = (
        await library.ask({ ...minimal, platforms: ['x'] })
      ).problems[0]![1].replace(/.*known platforms: /, '').split(', ');
      expect(platforms).toContain('linux/riscv64');
      const handlers = [
        'x86_64',
        'aarch64',
        'arm',
        'i386',
        'ppc64le',
        's390x',
        'mips64el',
        'riscv64',
      ];
      const result = await step(['preflight'], {
        MULTIARCH_PLATFORMS: platforms.join(','),
        MULTIARCH_BINFMT_MISC: await binfmt(
          Object.fromEntries(handlers.map((arch) => [`qemu-${arch}`, ok])),
        ),
        FAKE_ARCH: 'arm64',
      });
      expect(result.exitCode, result.all).toBe(0);
      expect(result.stdout).not.toContain('aarch64');
      expect(result.stdout.match(/^OK: \S+ runs under/gm)).toHaveLength(handlers.length - 1);
    });

    test("on an agent of a parallel branch, checks that the platform is the agent's own, not skopeo", async () => {
      const withoutSkopeo = { MULTIARCH_PLATFORMS: 'linux/arm64', MULTIARCH_NATIVE: 'linux/arm64' };
      const right = await step(['preflight'], { ...withoutSkopeo, FAKE_ARCH: 'arm64' });
      expect(right.exitCode, right.all).toBe(0);
      expect(right.stdout).not.toContain('skopeo');
      const wrong = await step(['preflight'], { ...withoutSkopeo, FAKE_ARCH: 'amd64' });
      expect(wrong.exitCode).toBe(1);
      expect(wrong.stdout).toContain(
        'ERROR: this agent, meant to build linux/arm64 natively, is amd64: native.linux/arm64 must select arm64 machines.',
      );
    });

    /** A PATH of the system's commands and the fake podman, without any skopeo. */
    async function pathWithoutSkopeo(): Promise<string> {
      const withoutSkopeo = path.join(dir, 'no-skopeo');
      await fs.mkdirp(withoutSkopeo);
      for (const bin of ['/bin', '/usr/bin'])
        for (const name of await fs.readdir(bin))
          if (name !== 'skopeo' && !(await fs.pathExists(path.join(withoutSkopeo, name))))
            await fs.symlink(path.join(bin, name), path.join(withoutSkopeo, name));
      await fs.copy(path.join(fakeBin, 'podman'), path.join(withoutSkopeo, 'podman'), {
        overwrite: true,
      });
      return withoutSkopeo;
    }

    test('fails without skopeo where Verify will run, unless Verify runs in a container of its own', async () => {
      const env = { MULTIARCH_PLATFORMS: 'linux/amd64', PATH: await pathWithoutSkopeo() };
      const missing = await step(['preflight'], env);
      expect(missing.exitCode).toBe(1);
      expect(missing.stdout).toContain(
        'ERROR: skopeo is not installed here, and the Verify step needs it to read the pushed index back.',
      );
      const elsewhere = await step(['preflight'], { ...env, MULTIARCH_VERIFY_CONTAINER: 'skopeo' });
      expect(elsewhere.exitCode, elsewhere.all).toBe(0);
      expect(elsewhere.stdout).toContain(
        'OK: the Verify step reads the registry with skopeo in container skopeo.',
      );
    });

    describe('rootless storage and isolation', () => {
      /** The OK, WARNING and ERROR lines of preflight about them, for one platform: no emulation. */
      async function rootless(env: Record<string, string>) {
        const result = await step(['preflight'], { MULTIARCH_PLATFORMS: 'linux/amd64', ...env });
        const lines = result.stdout
          .split('\n')
          .filter((line) =>
            /^(OK|WARNING|ERROR): .*(rootless|storage driver|BUILDAH_ISOLATION)/.test(line),
          );
        return { code: result.exitCode, lines, all: result.all };
      }
      const asUser = { FAKE_ROOTLESS: 'true', BUILDAH_ISOLATION: 'chroot' };
      const user = os.userInfo().username;

      test('as root, one OK line says the rootless checks do not apply', async () => {
        expect(await rootless({})).toMatchObject({
          code: 0,
          lines: [
            'OK: podman runs as root here, so the rootless checks (subordinate ids, /dev/fuse, BUILDAH_ISOLATION) do not apply.',
          ],
        });
      });

      test('names the storage driver: vfs, native overlay, or fuse-overlayfs with /dev/fuse', async () => {
        const vfs = await rootless(asUser);
        expect(vfs.lines[0]).toBe('OK: storage driver vfs.');
        const native = await rootless({ ...asUser, FAKE_DRIVER: 'overlay' });
        expect(native.lines[0]).toBe(
          'OK: storage driver overlay, native rootless overlay (no fuse-overlayfs needed).',
        );
        const fuse = {
          ...asUser,
          FAKE_DRIVER: 'overlay',
          FAKE_MOUNT_PROGRAM: '/usr/bin/fuse-overlayfs',
        };
        // /dev/null stands for a /dev/fuse the user may open: a character device anyone reads and writes.
        const withFuse = await rootless({ ...fuse, MULTIARCH_DEV_FUSE: '/dev/null' });
        expect(withFuse.code, withFuse.all).toBe(0);
        expect(withFuse.lines[0]).toBe(
          'OK: storage driver overlay through /usr/bin/fuse-overlayfs, with /dev/null.',
        );
        const missing = path.join(dir, 'no-fuse');
        const withoutFuse = await rootless({ ...fuse, MULTIARCH_DEV_FUSE: missing });
        expect(withoutFuse.code).toBe(1);
        expect(withoutFuse.lines[0]).toBe(
          `ERROR: storage driver overlay runs through /usr/bin/fuse-overlayfs, which needs ${missing}, and ${user} cannot open it here: give the agent /dev/fuse (in Kubernetes, a FUSE device plugin), or use native overlay (kernel 5.13 or later, no mount_program in storage.conf) or the vfs driver (driver = "vfs" in ~/.config/containers/storage.conf, or STORAGE_DRIVER=vfs).`,
        );
      });

      test('inside a container, warns unless BUILDAH_ISOLATION is chroot', async () => {
        // container=oci: what podman sets in its containers (systemd's convention).
        const inside = { FAKE_ROOTLESS: 'true', container: 'oci' };
        const oci = await rootless(inside);
        expect(oci.code, oci.all).toBe(0);
        expect(oci.lines.at(-1)).toBe(
          "WARNING: rootless podman runs inside a container here with BUILDAH_ISOLATION=oci (podman's default), under which RUN steps usually cannot start; set build.isolation: chroot unless this agent is known to allow it.",
        );
        const chroot = await rootless({ ...inside, BUILDAH_ISOLATION: 'chroot' });
        expect(chroot.lines.at(-1)).toBe(
          'OK: BUILDAH_ISOLATION=chroot, which rootless podman can use anywhere.',
        );
      });
    });

    describe('base images', () => {
      const R = 'registry.example.com';
      /** Every handler this file's platforms need, so that only the base images can fail. */
      const handlers = () =>
        binfmt(
          Object.fromEntries(
            ['x86_64', 'aarch64', 'arm', 'mips64el'].map((arch) => [`qemu-${arch}`, ok]),
          ),
        );
      /** preflight.sh with `dockerfile` at `file` in the workspace, on an amd64 agent. */
      async function preflight(
        dockerfile: string,
        env: Record<string, string> = {},
        file = 'Dockerfile',
      ) {
        await fs.outputFile(path.join(workspace, file), dockerfile);
        return step(['preflight'], {
          MULTIARCH_PLATFORMS: 'linux/amd64,linux/arm64',
          MULTIARCH_DOCKERFILE: file,
          MULTIARCH_CONTEXT: '.',
          MULTIARCH_BINFMT_MISC: await handlers(),
          ...env,
        });
      }
      /** What the check printed: its OK, ERROR and WARNING lines. */
      /** The image references skopeo was asked for, in order. */
      /** skopeo's reads of base images (preflight also asks it for its version). */
      const inspections = async () =>
        (await recordedOf('skopeo')).filter((call) => call[0] === 'inspect');
      const asked = async () => (await inspections()).map((call) => call.at(-1));
      /** An index of these platforms under tag `tag`. */
      const offers = (tag: string, ...platforms: string[]) =>
        index(
          tag,
          platforms.map((platform, i) => entry(`sha256:${i}`, platform)),
        );

      test('resolves FROM through ARG defaults, build args, continuations, comments and any case', async () => {
        await offers('bullseye-slim', 'linux/amd64', 'linux/arm64/v8');
        await offers('fallback', 'linux/amd64', 'linux/arm64');
        await offers('1', 'linux/amd64', 'linux/arm64');
        const result = await preflight(
          [
            '# The registry and the tag come from ARGs before the first FROM.',
            `ARG REGISTRY=${R}`,
            'ARG DEBIAN=stretch \\',
            '    UNUSED=1',
            'ARG FLAVOUR',
            'ARG TARGETARCH=amd64',
            'from \\',
            '  # a comment inside the instruction',
            '  ${REGISTRY}/library/debian:${DEBIAN}${FLAVOUR:+-$FLAVOUR} As base',
            'RUN true',
            '# TOOLS_TAG is no ARG: the build arg of that name reaches no FROM.',
            'FROM $REGISTRY/tools:${TOOLS_TAG:-fallback}',
            '# podman sets TARGETARCH for each platform it builds, over any default.',
            'FROM $REGISTRY/tools-$TARGETARCH:1',
            '',
          ].join('\n'),
          {
            MULTIARCH_BUILD_ARG_1: 'DEBIAN=bullseye',
            MULTIARCH_BUILD_ARG_2: 'FLAVOUR=slim',
            MULTIARCH_BUILD_ARG_3: 'TOOLS_TAG=unused',
          },
        );
        expect(result.exitCode, result.all).toBe(0);
        expect(await inspections()).toEqual([
          ['inspect', '--raw', '--tls-verify=true', `docker://${R}/library/debian:bullseye-slim`],
          ['inspect', '--raw', '--tls-verify=true', `docker://${R}/tools:fallback`],
          ['inspect', '--raw', '--tls-verify=true', `docker://${R}/tools-amd64:1`],
          ['inspect', '--raw', '--tls-verify=true', `docker://${R}/tools-arm64:1`],
        ]);
        expect(baseImageLines(result.stdout)).toEqual([
          `OK: base image ${R}/library/debian:bullseye-slim has linux/amd64, linux/arm64`,
          `OK: base image ${R}/tools:fallback has linux/amd64, linux/arm64`,
          `OK: base image ${R}/tools-amd64:1 has linux/amd64`,
          `OK: base image ${R}/tools-arm64:1 has linux/arm64`,
        ]);
      });

      test('a platform missing from the index fails, naming the image, its line, what it lacks and what it has', async () => {
        await index('stretch', [
          entry('sha256:a', 'linux/amd64'),
          entry('sha256:b', 'linux/arm64'),
          entry('sha256:c', 'linux/arm'),
          entry('sha256:d', 'unknown/unknown', {
            'vnd.docker.reference.type': 'attestation-manifest',
          }),
        ]);
        const result = await preflight(`# debian\n\nFROM ${R}/debian:stretch\n`, {
          MULTIARCH_PLATFORMS: 'linux/amd64,linux/mips64le,linux/arm64,linux/arm/v7',
        });
        expect(result.exitCode).toBe(1);
        expect(baseImageLines(result.stdout)).toEqual([
          `ERROR: base image ${R}/debian:stretch (Dockerfile:3) has no linux/mips64le, linux/arm/v7; it has linux/amd64, linux/arm64, linux/arm. Choose a tag or image whose index has every platform in platforms (skopeo inspect --raw docker://${R}/debian:stretch lists them), or drop the platform.`,
        ]);
      });

      test("skips scratch and earlier stages; a $BUILDPLATFORM stage needs only the agent's platform", async () => {
        await offers('two', 'linux/amd64', 'linux/arm64');
        await offers('three', 'linux/amd64', 'linux/arm64', 'linux/mips64le');
        const dockerfile = [
          `FROM --platform=$BUILDPLATFORM ${R}/golang:two AS builder`,
          'FROM builder AS test',
          `FROM --platform=\${BUILDPLATFORM} ${R}/golang:two AS again`,
          `FROM --platform=linux/arm64 ${R}/golang:two AS arm`,
          'FROM scratch AS empty',
          `FROM ${R}/busybox:three`,
          'COPY --from=builder /out /',
          '',
        ].join('\n');
        const env = { MULTIARCH_PLATFORMS: 'linux/amd64,linux/arm64,linux/mips64le' };
        const onAmd64 = await preflight(dockerfile, env);
        expect(onAmd64.exitCode, onAmd64.all).toBe(0);
        expect(baseImageLines(onAmd64.stdout)).toEqual([
          `OK: base image ${R}/golang:two has linux/amd64`,
          `OK: base image ${R}/golang:two has linux/amd64`,
          `OK: base image ${R}/golang:two has linux/arm64`,
          `OK: base image ${R}/busybox:three has linux/amd64, linux/arm64, linux/mips64le`,
        ]);
        // Each image is read once, however many stages start from it.
        expect(await asked()).toEqual([`docker://${R}/golang:two`, `docker://${R}/busybox:three`]);
        const onMips = await preflight(dockerfile, { ...env, FAKE_ARCH: 'mips64le' });
        expect(onMips.exitCode).toBe(1);
        const pinned = (line: number) =>
          `ERROR: base image ${R}/golang:two (Dockerfile:${line}) has no linux/mips64le, which the --platform of its FROM asks for; it has linux/amd64, linux/arm64. Choose a tag or image that has it (skopeo inspect --raw docker://${R}/golang:two lists them), or change that --platform.`;
        expect(baseImageLines(onMips.stdout)).toEqual([
          pinned(1),
          pinned(3),
          `OK: base image ${R}/golang:two has linux/arm64`,
          `OK: base image ${R}/busybox:three has linux/amd64, linux/arm64, linux/mips64le`,
        ]);
      });

      test('with a target, the stages after it are not read; a target that names no stage fails', async () => {
        await offers('three', 'linux/amd64', 'linux/arm64', 'linux/mips64le');
        const dockerfile = [
          `FROM ${R}/base:three AS base`,
          'FROM base AS app',
          `FROM ${R}/debug:gone AS debug`,
          '',
        ].join('\n');
        const app = await preflight(dockerfile, { MULTIARCH_TARGET: 'app' });
        expect(app.exitCode, app.all).toBe(0);
        expect(await asked()).toEqual([`docker://${R}/base:three`]);
        const unknown = await preflight(dockerfile, { MULTIARCH_TARGET: 'ap' });
        expect(unknown.exitCode).toBe(1);
        expect(baseImageLines(unknown.stdout)).toContain(
          'ERROR: build.target ap names no stage of Dockerfile; its stages are: base, app, debug.',
        );
      });

      test('reads each registry with TLS as configured; an unreadable image or an empty FROM says why', async () => {
        await offers('three', 'linux/amd64', 'linux/arm64', 'linux/mips64le');
        const dockerfile = [
          'FROM 10.0.0.5:5000/base:three',
          'FROM debian:three',
          `FROM ${R}/gone:missing`,
          'FROM ${UNSET}',
          '',
        ].join('\n');
        const env = { MULTIARCH_INSECURE_REGISTRIES: '10.0.0.5:5000' };
        const result = await preflight(dockerfile, env);
        expect(result.exitCode).toBe(1);
        expect(await inspections()).toEqual([
          ['inspect', '--raw', '--tls-verify=false', 'docker://10.0.0.5:5000/base:three'],
          ['inspect', '--raw', '--tls-verify=true', 'docker://debian:three'],
          ['inspect', '--raw', '--tls-verify=true', `docker://${R}/gone:missing`],
        ]);
        expect(baseImageLines(result.stdout)).toEqual([
          'OK: base image 10.0.0.5:5000/base:three has linux/amd64, linux/arm64',
          'OK: base image debian:three has linux/amd64, linux/arm64',
          `ERROR: base image ${R}/gone:missing (Dockerfile:3) cannot be read from its registry: fake: no missing`,
          'ERROR: the FROM at Dockerfile:4 names no image once its variables are substituted: ${UNSET}. Give the ARG a default before the first FROM, or set it in build.args.',
        ]);
        // Without skopeo (a pod's podman container), podman reads them; podman 4.3 has no
        // --tls-verify there, so it is given only where a registry needs it.
        await fs.emptyDir(calls);
        const podman = await preflight(dockerfile, {
          ...env,
          PATH: await pathWithoutSkopeo(),
          MULTIARCH_VERIFY_CONTAINER: 'skopeo',
        });
        expect(baseImageLines(podman.stdout)).toEqual(baseImageLines(result.stdout));
        expect((await recordedOf('podman')).filter(([command]) => command === 'manifest')).toEqual([
          ['manifest', 'inspect', '--tls-verify=false', '10.0.0.5:5000/base:three'],
          ['manifest', 'inspect', 'debian:three'],
          ['manifest', 'inspect', `${R}/gone:missing`],
        ]);
      });

      test('without skopeo, a single image is told from an index, though podman cannot read its platform', async () => {
        await fs.writeFile(
          path.join(dir, 'indexes', 'single'),
          JSON.stringify({
            schemaVersion: 2,
            mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
            config: { mediaType: 'application/vnd.docker.container.image.v1+json' },
            layers: [],
          }),
        );
        const result = await preflight(
          `FROM --platform=$BUILDPLATFORM ${R}/tool:single AS tool\nFROM ${R}/tool:single\n`,
          { PATH: await pathWithoutSkopeo(), MULTIARCH_VERIFY_CONTAINER: 'skopeo' },
        );
        expect(result.exitCode).toBe(1);
        const single = `${R}/tool:single (Dockerfile:%d) is a single image (application/vnd.docker.distribution.manifest.v2+json), not an index`;
        expect(baseImageLines(result.stdout)).toEqual([
          `WARNING: base image ${single.replace('%d', '1')}, and its platform cannot be read here without pulling it: it must be linux/amd64.`,
          `ERROR: base image ${single.replace('%d', '2')}, so it cannot have each of linux/amd64, linux/arm64. Choose a tag or image whose index has every platform in platforms (skopeo inspect --raw docker://${R}/tool:single lists them).`,
        ]);
      });

      test('reads the Dockerfile where podman build does: the workspace, else the context; none is a warning', async () => {
        await offers('three', 'linux/amd64', 'linux/arm64');
        const env = { MULTIARCH_DOCKERFILE: 'Dockerfile.app', MULTIARCH_CONTEXT: 'app' };
        const inContext = await preflight(`FROM ${R}/base:three\n`, env, 'app/Dockerfile.app');
        expect(inContext.exitCode, inContext.all).toBe(0);
        expect(baseImageLines(inContext.stdout)).toEqual([
          `OK: base image ${R}/base:three has linux/amd64, linux/arm64`,
        ]);
        await fs.remove(path.join(workspace, 'app'));
        const none = await step(['preflight'], {
          MULTIARCH_PLATFORMS: 'linux/amd64',
          ...env,
        });
        expect(none.exitCode, none.all).toBe(0);
        expect(baseImageLines(none.stdout)).toEqual([
          `WARNING: base images not checked: no Dockerfile.app (build.dockerfile) in ${workspace} or in the build context app. Run the check where the source is checked out.`,
        ]);
      });
    });
  });

  describe('publish.sh and merge.sh', () => {
    const env = {
      MULTIARCH_REGISTRIES: 'registry.example.com 10.0.0.5:5000',
      MULTIARCH_INSECURE_REGISTRIES: '10.0.0.5:5000',
      MULTIARCH_IMAGE: 'acme/hello',
      MULTIARCH_PUSH_RETRIES: '1',
    };

    test("a branch pushes its list, retrying, under a tag of this build's own in the first registry", async () => {
      const result = await step(['publish'], {
        ...env,
        MULTIARCH_BRANCH: 'linux-arm64',
        MULTIARCH_PLATFORMS: 'linux/arm64',
        FAKE_PUSH_FAILURES: '1',
      });
      expect(result.exitCode, result.all).toBe(0);
      const pushes = await recordedOf('podman');
      expect(pushes).toHaveLength(2);
      const [, , , tls, , , list, ref] = pushes[1]!;
      expect(tls).toBe('--tls-verify=true');
      expect(list).toMatch(
        /^localhost\/jenkins-multiarch:\d+-jenkins-acme-hello-main-7-linux-arm64$/,
      );
      expect(ref).toMatch(
        /^docker:\/\/registry\.example\.com\/acme\/hello:jenkins-multiarch-\d+-linux-arm64$/,
      );
      expect(result.all).toContain(
        'WARNING: pushing registry.example.com/acme/hello:jenkins-multiarch-',
      );
      expect(result.all).toContain(
        `INFO: pushed linux/arm64 as ${ref!.slice('docker://'.length)}@sha256:1111`,
      );
    });

    test('the merge gathers every branch under those tags into the list of this build', async () => {
      const result = await step(['merge'], {
        ...env,
        MULTIARCH_REGISTRIES: '10.0.0.5:5000 registry.example.com',
        MULTIARCH_BRANCHES: 'linux-arm64 emulated',
      });
      expect(result.exitCode, result.all).toBe(0);
      const calls = await recordedOf('podman');
      const list = calls[0]![2]!;
      expect(list).toMatch(MANIFEST_LIST);
      const ref = (branch: string) =>
        expect.stringMatching(
          new RegExp(`^docker://10\\.0\\.0\\.5:5000/acme/hello:jenkins-multiarch-\\d+-${branch}$`),
        );
      expect(calls).toEqual([
        ['manifest', 'rm', list],
        ['manifest', 'create', list],
        ['manifest', 'add', '--all', '--tls-verify=false', list, ref('linux-arm64')],
        ['manifest', 'add', '--all', '--tls-verify=false', list, ref('emulated')],
      ]);
    });
  });

  describe('verify.sh', () => {
    const verify = async (
      tags: string,
      platforms: string,
      changes: Record<string, string> = {},
    ) => {
      await fs.mkdirp(path.join(workspace, '.jenkins-multiarch'));
      await fs.writeFile(path.join(workspace, '.jenkins-multiarch', 'tags'), tags);
      return step(['verify'], {
        MULTIARCH_REGISTRIES: 'registry.example.com',
        MULTIARCH_IMAGE: 'acme/hello',
        MULTIARCH_PLATFORMS: platforms,
        ...changes,
      });
    };

    test('passes an index of exactly the platforms, variants told apart, compact or indented', async () => {
      await index('compact', [
        entry('sha256:a', 'linux/arm/v7'),
        entry('sha256:b', 'linux/arm/v6'),
      ]);
      await index(
        'indented',
        [entry('sha256:a', 'linux/arm/v7'), entry('sha256:b', 'linux/arm/v6')],
        3,
      );
      await index('one-variant', [
        entry('sha256:a', 'linux/arm/v7'),
        entry('sha256:b', 'linux/arm/v7'),
      ]);
      const good = await verify('compact\nindented\n', 'linux/arm/v7,linux/arm/v6');
      expect(good.exitCode, good.all).toBe(0);
      expect(good.stdout.split('\n').filter((line) => line.startsWith('INFO'))).toEqual([
        'INFO: registry.example.com/acme/hello:compact lists exactly: linux/arm/v6 linux/arm/v7',
        'INFO: registry.example.com/acme/hello:indented lists exactly: linux/arm/v6 linux/arm/v7',
      ]);
      const bad = await verify('one-variant\n', 'linux/arm/v7,linux/arm/v6');
      expect(bad.exitCode).toBe(1);
      expect(bad.stdout).toContain(
        'ERROR: registry.example.com/acme/hello:one-variant: it lists [linux/arm/v7 linux/arm/v7] but the build asked for [linux/arm/v6 linux/arm/v7], each once.',
      );
    });

    test('reads each tag of each registry raw, with TLS as the registry says', async () => {
      await index('1.0', [entry('sha256:a', 'linux/amd64')]);
      const result = await verify('1.0\n', 'linux/amd64', {
        MULTIARCH_REGISTRIES: 'registry.example.com 10.0.0.5:5000',
        MULTIARCH_INSECURE_REGISTRIES: '10.0.0.5:5000',
      });
      expect(result.exitCode, result.all).toBe(0);
      expect(await recordedOf('skopeo')).toEqual([
        ['inspect', '--raw', '--tls-verify=true', 'docker://registry.example.com/acme/hello:1.0'],
        ['inspect', '--raw', '--tls-verify=false', 'docker://10.0.0.5:5000/acme/hello:1.0'],
      ]);
    });

    test('lets attestations be, but not an unknown platform, a digest listed twice, or a lone image', async () => {
      const attestation = { 'vnd.docker.reference.type': 'attestation-manifest' };
      await index('attested', [
        entry('sha256:a', 'linux/amd64'),
        entry('sha256:b', 'unknown/unknown', attestation),
      ]);
      await index('unknown', [
        entry('sha256:a', 'linux/amd64'),
        entry('sha256:c', 'unknown/unknown'),
      ]);
      await index('twice', [entry('sha256:a', 'linux/amd64'), entry('sha256:a', 'linux/amd64')]);
      await fs.writeFile(
        path.join(dir, 'indexes', 'image'),
        JSON.stringify({
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          layers: [],
        }),
      );
      const result = await verify('attested\nunknown\ntwice\nimage\nmissing\n', 'linux/amd64');
      expect(result.exitCode).toBe(1);
      const ref = 'registry.example.com/acme/hello';
      expect(result.stdout.split('\n').filter((line) => /^(INFO|ERROR)/.test(line))).toEqual([
        `INFO: ${ref}:attested lists exactly: linux/amd64`,
        `ERROR: ${ref}:unknown: it has an entry for unknown/unknown that is not an attestation; it lists [linux/amd64 unknown/unknown] but the build asked for [linux/amd64], each once.`,
        `ERROR: ${ref}:twice: it lists sha256:a more than once; it lists [linux/amd64 linux/amd64] but the build asked for [linux/amd64], each once.`,
        `ERROR: ${ref}:image is a single image (application/vnd.oci.image.manifest.v1+json), not an index of platforms.`,
        `ERROR: ${ref}:missing cannot be read back from its registry.`,
      ]);
    });
  });

  describe('smoke.sh', () => {
    const DIGEST = `sha256:${'d'.repeat(64)}`;
    const REF = `10.0.0.5:5000/acme/hello@${DIGEST}`;
    const INFO = '{{.Host.Arch}} {{.Store.GraphRoot}}/{{.Store.GraphDriverName}}-images';
    /** Runs the step after a push (its tags and digest), on an amd64 agent with QEMU for arm64. */
    const smoke = async (
      platforms: string,
      env: Record<string, string> = {},
      pushed: { tags: string; digest?: string } = { tags: '1.0\n', digest: DIGEST },
    ) => {
      const state = path.join(workspace, '.jenkins-multiarch');
      await fs.outputFile(path.join(state, 'tags'), pushed.tags);
      if (pushed.digest) await fs.outputFile(path.join(state, 'digest'), pushed.digest);
      const result = await step(['smoke'], {
        MULTIARCH_REGISTRIES: '10.0.0.5:5000 registry.example.com',
        MULTIARCH_INSECURE_REGISTRIES: '10.0.0.5:5000',
        MULTIARCH_IMAGE: 'acme/hello',
        MULTIARCH_PLATFORMS: platforms,
        MULTIARCH_BINFMT_MISC: await binfmt({ 'qemu-aarch64': ok, 'qemu-s390x': ok }),
        ...env,
      });
      const lines = result.stdout
        .split('\n')
        .filter((line) => /^(OK|INFO|ERROR|WARNING)/.test(line));
      return { ...result, lines };
    };
    /** What the image of a platform does when run: a script given the command. */
    const image = (platform: string, script: string) =>
      fs.writeFile(path.join(dir, 'runs', `id-${platform.replaceAll('/', '-')}`), script);

    test('pulls each platform of the digest from the first registry, runs uname -m without network, removes it; skips a platform without emulation', async () => {
      const result = await smoke('linux/amd64,linux/riscv64,linux/arm64');
      expect(result.exitCode, result.all).toBe(0);
      expect(result.lines).toEqual([
        'OK: linux/amd64 runs (uname -m: x86_64)',
        'WARNING: linux/riscv64 is not run: this amd64 agent runs it neither natively nor under QEMU (no enabled binfmt_misc handler qemu-riscv64). To run it here, as root on the node: apt-get install qemu-user-static binfmt-support.',
        'OK: linux/arm64 runs (uname -m: aarch64)',
      ]);
      expect(await recordedOf('podman')).toEqual([
        ['info', '--format', INFO],
        ...['amd64', 'arm64'].flatMap((arch) => [
          ['pull', '-q', '--tls-verify=false', '--platform', `linux/${arch}`, REF],
          ['run', '--rm', '--network', 'none', `id-linux-${arch}`, 'uname', '-m'],
          ['rmi', `id-linux-${arch}`],
        ]),
      ]);
    });

    test('an image that was on the agent before (a build of its own) loses only the name the run gave it', async () => {
      await fs.outputFile(path.join(dir, 'state', 'images', 'id-linux-arm64'), '');
      const result = await smoke('linux/amd64,linux/arm64');
      expect(result.exitCode, result.all).toBe(0);
      const removals = (await recordedOf('podman')).filter(([verb]) => /^(rmi|untag)$/.test(verb!));
      expect(removals).toEqual([
        ['rmi', 'id-linux-amd64'],
        ['untag', 'id-linux-arm64', REF],
      ]);
    });

    test('another architecture, a platform that does not start or cannot be pulled, an image without uname: each named, after every platform was tried', async () => {
      await image('linux/arm64', 'echo x86_64');
      await image('linux/amd64', 'echo "exec /bin/uname: exec format error" >&2; exit 1');
      await image('linux/s390x', 'exit 127');
      const result = await smoke('linux/amd64,linux/arm64,linux/arm/v7,linux/s390x,linux/386', {
        FAKE_PULL_FAILS: 'linux/arm/v7',
        MULTIARCH_BINFMT_MISC: await binfmt({
          'qemu-aarch64': ok,
          'qemu-s390x': ok,
          'qemu-arm': ok,
          'qemu-i386': ok,
        }),
      });
      expect(result.exitCode).toBe(1);
      expect(result.lines).toEqual([
        `ERROR: linux/amd64 of ${REF} does not start (exit 1): exec /bin/uname: exec format error`,
        `ERROR: linux/arm64 of ${REF} printed x86_64 for uname -m, not aarch64: its image holds programs of another architecture. Check that the Dockerfile's base image, and any binaries it downloads or copies, are for linux/arm64 (ARG TARGETARCH names its architecture).`,
        `ERROR: linux/arm/v7 of ${REF} cannot be pulled (podman's message is above).`,
        `ERROR: linux/s390x of ${REF} has no uname command: give smoke.command a command its image has, e.g. ["/app", "--version"], or set smoke.enabled: false.`,
        'OK: linux/386 runs (uname -m: i686)',
      ]);
      // What pulled is removed, whatever the run did.
      expect((await recordedOf('podman')).filter(([verb]) => verb === 'rmi')).toHaveLength(4);
    });

    test("a 64-bit kernel's own 32-bit platform passes with the kernel's name, and says what that proves", async () => {
      await image('linux/386', 'echo x86_64');
      const amd64 = await smoke('linux/386');
      expect(amd64.exitCode, amd64.all).toBe(0);
      expect(amd64.lines).toEqual([
        'OK: linux/386 runs (uname -m: x86_64, which this amd64 kernel also says for its own programs: it starts, but its architecture is not proven here)',
      ]);
      await image('linux/arm/v6', 'echo aarch64');
      const arm64 = await smoke('linux/arm/v6', { FAKE_ARCH: 'arm64', FAKE_MACHINE: 'aarch64' });
      expect(arm64.exitCode, arm64.all).toBe(0);
      expect(arm64.lines[0]).toMatch(
        /^OK: linux\/arm\/v6 runs \(uname -m: aarch64, which this arm64 kernel/,
      );
    });

    test('where binfmt_misc is not visible, a foreign platform is tried', async () => {
      const result = await smoke('linux/mips64le', {
        MULTIARCH_BINFMT_MISC: path.join(dir, 'none'),
      });
      expect(result.exitCode, result.all).toBe(0);
      expect(result.lines).toEqual(['OK: linux/mips64le runs (uname -m: mips64)']);
    });

    test('smoke.command runs word for word, and passes by its exit status alone', async () => {
      const words = ['sh', '-c', `echo "it's $HOME" \\ \${USER}`, '--', 'two  spaces', '*'];
      const command = Object.fromEntries(
        words.map((w, i) => [`MULTIARCH_SMOKE_COMMAND_${i + 1}`, w]),
      );
      await image('linux/arm64', 'echo "arm64 says $#"; exit 3');
      const result = await smoke('linux/amd64,linux/arm64', command);
      expect(result.exitCode).toBe(1);
      const runs = (await recordedOf('podman')).filter(([verb]) => verb === 'run');
      expect(runs.map((call) => call.slice(5))).toEqual([words, words]);
      expect(result.stdout).toContain('arm64 says 6\n');
      expect(result.lines).toEqual([
        `OK: linux/amd64 runs (${words.join(' ')} exited 0)`,
        `ERROR: linux/arm64 of ${REF}: smoke.command ${words.join(' ')} exited with 3: no message`,
      ]);
    });

    test('no tag, nothing pushed: nothing to run; a tag but no digest: run Push first', async () => {
      const none = await smoke('linux/amd64', {}, { tags: '' });
      expect(none.exitCode, none.all).toBe(0);
      expect(none.lines).toEqual([
        'INFO: no tag applies to this build; nothing was pushed to run.',
      ]);
      const unpushed = await smoke('linux/amd64', {}, { tags: '1.0\n' });
      expect(unpushed.exitCode).toBe(2);
      expect(unpushed.lines).toEqual([
        "ERROR: the digest of this build's index is not known: run the Push step (multiarchPush) first, in this workspace.",
      ]);
      expect(await recordedOf('podman')).toEqual([]);
    });
  });

  describe('common.sh', () => {
    test('a build without any login still has its private auth file, for podman to read', async () => {
      const run = await step([], {}, { extra: 'cat "$REGISTRY_AUTH_FILE"\n' });
      expect(run.exitCode, run.all).toBe(0);
      expect(run.stdout).toBe('{"auths": {}}');
      const state = path.join(workspace, '.jenkins-multiarch');
      expect((await fs.stat(state)).mode & 0o777).toBe(0o700);
      expect((await fs.stat(path.join(state, 'auth.json'))).mode & 0o777).toBe(0o600);
    });

    const INSECURE = 'reg:5000 [::1]:5000 plain.example';
    test.each([
      [INSECURE, 'reg:5000', false],
      [INSECURE, 'reg:50001', true],
      [INSECURE, 'reg:500', true],
      [INSECURE, 'eg:5000', true],
      [INSECURE, 'reg', true],
      [INSECURE, '[::1]:5000', false],
      [INSECURE, '[::1]:5001', true],
      [INSECURE, '[::1]', true],
      [INSECURE, '::1', true],
      [INSECURE, '1:5000', true],
      [INSECURE, 'plain.example', false],
      [INSECURE, 'plain.example:443', true],
      [INSECURE, 'registry.example.com', true],
      [INSECURE, '', true],
      // The host is text, not a pattern: [::1] is no bracket expression matching "1" or ":".
      ['1:5000 ::5000 :5000', '[::1]:5000', true],
      ['reg:5000', 'reg:*', true],
      ['reg:5000', '*', true],
    ])('insecure %j: tls_flag %j -> --tls-verify=%s', async (insecure, host, verify) => {
      const run = await step(
        [],
        { MULTIARCH_INSECURE_REGISTRIES: insecure, HOST: host },
        { extra: 'printf "<%s>" "$(tls_flag "$HOST")"\n' },
      );
      expect(run.exitCode, run.all).toBe(0);
      expect(run.stdout).toBe(`<--tls-verify=${verify}>`);
    });

    test('with no insecure registries, every host is verified', async () => {
      for (const insecure of [undefined, '']) {
        const run = await step(
          [],
          insecure === undefined ? {} : { MULTIARCH_INSECURE_REGISTRIES: insecure },
          {
            extra: 'printf "<%s>" "$(tls_flag reg:5000)"\n',
          },
        );
        expect(run.stdout).toBe('<--tls-verify=true>');
      }
    });

    test('WORKSPACE and BUILD_TAG are required', async () => {
      for (const missing of ['WORKSPACE', 'BUILD_TAG']) {
        const file = path.join(dir, 'common.sh');
        await fs.writeFile(file, resources.get('common.sh')!);
        const env: Record<string, string> = { ...baseEnv(), WORKSPACE: workspace, BUILD_TAG };
        delete env[missing];
        const run = await execa('sh', ['-xe', file], {
          env,
          extendEnv: false,
          reject: false,
          all: true,
        });
        expect(run.exitCode).not.toBe(0);
        expect(run.all).toContain(`${missing}: is not set`);
      }
    });

    test('what a killed build left in the workspace goes before the next build starts: its logins and its lists', async () => {
      const state = path.join(workspace, '.jenkins-multiarch');
      await fs.outputFile(path.join(state, 'build-tag'), 'jenkins-acme-hello-main-6\n');
      const login = '{"auths": {"registry.example.com": {"auth": "ZGVwbG95OnNlY3JldA=="}}}\n';
      await fs.outputFile(path.join(state, 'auth.json'), login);
      const show = { extra: 'cat "$REGISTRY_AUTH_FILE" "$state_dir/build-tag"\n' };
      const first = await step([], { MULTIARCH_BRANCHES: 'linux-arm64' }, show);
      expect(first.exitCode, first.all).toBe(0);
      expect(first.stdout).toBe(
        `INFO: removing what build jenkins-acme-hello-main-6 left in this workspace when it stopped before its Cleanup: its registry logins and its local manifest lists.\n{"auths": {}}\n${BUILD_TAG}`,
      );
      const dead = (await recorded()).map(([, ...args]) => args.join(' '));
      expect(dead).toEqual([
        expect.stringMatching(
          /^manifest rm localhost\/jenkins-multiarch:\d+-jenkins-acme-hello-main-6$/,
        ),
        expect.stringMatching(
          /^manifest rm localhost\/jenkins-multiarch:\d+-jenkins-acme-hello-main-6-linux-arm64$/,
        ),
      ]);
      expect(dead[0]).not.toMatch(MANIFEST_LIST);
      // A later step of the same build keeps the build's own logins.
      await fs.outputFile(path.join(state, 'auth.json'), login);
      const later = await step([], { MULTIARCH_BRANCHES: 'linux-arm64' }, show);
      expect(later.stdout).toBe(`${login}${BUILD_TAG}`);
      expect(await recorded()).toHaveLength(2);
    });

    test('the manifest list is per build, and a valid name whatever BUILD_TAG holds', async () => {
      const names: string[] = [];
      for (const tag of ['jenkins-a-1', 'jenkins-a-2', 'jenkins-folder/Job Name ü-3']) {
        const run = await step([], { BUILD_TAG: tag }, { extra: 'printf "%s" "$manifest_list"\n' });
        // Each build's state goes at its end; a dead one's would be reported first.
        await fs.remove(path.join(workspace, '.jenkins-multiarch'));
        names.push(run.stdout);
      }
      expect(new Set(names).size).toBe(3);
      for (const name of names)
        expect(name).toMatch(/^localhost\/jenkins-multiarch:\d+-[A-Za-z0-9_.-]+$/);
    });
  });
});
