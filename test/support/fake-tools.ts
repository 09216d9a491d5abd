import fs from 'fs-extra';
import path from 'node:path';

/**
 * A podman and a skopeo that stand in for the real ones where a test watches what the steps do
 * rather than what podman makes: they never touch containers storage or a registry, so tests
 * using them run beside the e2e tests. Both record every call in FAKE_CALLS, one file each, in
 * order; podman keeps the manifest lists it was asked to make, one name a line, in
 * FAKE_STATE/lists, so a test can see what a build leaves on the agent. Its pull of a platform
 * gives an image id naming the platform, whose run prints that platform's uname -m; podman info
 * names the agent's architecture, FAKE_ARCH or amd64.
 */

/** One call of a fake tool, as it was made. */
export interface FakeCall {
  /** JMA_CONTAINER where it ran: the container() a test's containerEnv marks, '' outside any. */
  container: string;
  /** The process's umask, as `umask` prints it (0077). */
  umask: string;
  /** sha256 of what `podman login` read on stdin, hex; '' for other calls. */
  stdinSha256: string;
  /** The tool, then its arguments. */
  argv: string[];
}

/** Appends the call to FAKE_CALLS: NUL-terminated fields, as FakeCall lists them. */
const RECORD = `record() {
  n=$(ls "$FAKE_CALLS" | wc -l)
  for field in "\${JMA_CONTAINER:-}" "$(umask)" "$@"; do printf '%s\\0' "$field"; done >"$FAKE_CALLS/$(printf %04d $((n + 1)))"
}`;

const PODMAN = `#!/bin/sh
${RECORD}
lists="$FAKE_STATE/lists"
touch "$lists"
# The password arrives on stdin; only its hash is kept, so the fake leaves no copy of it.
stdin=
[ "$1" != login ] || stdin=$(sha256sum | cut -d' ' -f1)
record "$stdin" podman "$@"
unlist() {
  grep -qxF "$1" "$lists" || { echo "Error: $1: image not known" >&2; exit 1; }
  grep -vxF "$1" "$lists" >"$lists.new" || true
  mv "$lists.new" "$lists"
}
case "$1 \${2:-}" in
  '--version '*) echo 'podman version 4.3.1 (fake)' ;;
  # preflight asks podman info for arch, rootless, driver, uid and gid ranges; smoke for the arch.
  'info '*)
    case "$*" in
      *Rootless*) echo "\${FAKE_ARCH:-amd64} true vfs 2 2" ;;
      *) echo "\${FAKE_ARCH:-amd64}" ;;
    esac ;;
  # No login is stored in the auth file: preflight reads the registry as anyone.
  'login --get-login') exit 125 ;;
  'login '*)
    # Writes the auth file anew, as any tool does that does not set a mode of its own.
    rm -f "$REGISTRY_AUTH_FILE"
    printf '{"auths": {"fake": {"auth": "not-the-password"}}}\\n' >"$REGISTRY_AUTH_FILE"
    echo 'Login Succeeded!' ;;
  'build '*)
    previous=
    for arg in "$@"; do
      [ "$previous" != --manifest ] || grep -qxF "$arg" "$lists" || echo "$arg" >>"$lists"
      previous=$arg
    done ;;
  'manifest create') echo "$3" >>"$lists" ;;
  'manifest rm') unlist "$3" ;;
  'pull '*)
    previous=
    for arg in "$@"; do
      [ "$previous" != --platform ] || echo "fake-image-$(echo "$arg" | tr / -)"
      previous=$arg
    done ;;
  'run '*)
    for arg in "$@"; do
      case $arg in
        fake-image-linux-amd64) echo x86_64 ;;
        fake-image-linux-arm64) echo aarch64 ;;
      esac
    done ;;
  'manifest push')
    if [ -n "\${FAKE_PUSH_FAILS:-}" ]; then
      echo 'Error: fake push fails' >&2
      exit 125
    fi
    previous=
    for arg in "$@"; do
      [ "$previous" != --digestfile ] || printf 'sha256:1111' >"$arg"
      previous=$arg
    done ;;
esac
exit 0
`;

/**
 * skopeo inspect --raw: an OCI index of exactly MULTIARCH_PLATFORMS, as a registry holding the
 * build would serve it; or of FAKE_INDEX_PLATFORMS when set, as every image of a mirror's
 * registries would be. Its copy copies nothing.
 */
const SKOPEO = `#!/bin/sh
${RECORD}
record '' skopeo "$@"
[ "$1" != --version ] || { echo 'skopeo version 1.9.3 (fake)'; exit 0; }
entries=
i=0
for platform in $(printf '%s' "\${FAKE_INDEX_PLATFORMS:-\${MULTIARCH_PLATFORMS:-}}" | tr , ' '); do
  i=$((i + 1))
  rest=\${platform#*/}
  arch=\${rest%%/*}
  variant=
  [ "$rest" = "$arch" ] || variant=",\\"variant\\":\\"\${rest#*/}\\""
  entries="$entries\${entries:+,}{\\"mediaType\\":\\"application/vnd.oci.image.manifest.v1+json\\",\\"digest\\":\\"sha256:$i\\",\\"size\\":1,\\"platform\\":{\\"os\\":\\"\${platform%%/*}\\",\\"architecture\\":\\"$arch\\"$variant}}"
done
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[%s]}\\n' "$entries"
`;

/** Writes the fake podman and skopeo into `bin`. */
export async function installFakeTools(bin: string): Promise<void> {
  await fs.mkdirp(bin);
  await fs.writeFile(path.join(bin, 'podman'), PODMAN, { mode: 0o755 });
  await fs.writeFile(path.join(bin, 'skopeo'), SKOPEO, { mode: 0o755 });
}

/** Every call recorded in `calls`, in order. */
export async function fakeCalls(calls: string): Promise<FakeCall[]> {
  const files = (await fs.readdir(calls)).sort();
  return Promise.all(
    files.map(async (file) => {
      const [container, umask, stdinSha256, ...argv] = (
        await fs.readFile(path.join(calls, file), 'utf8')
      )
        .split('\0')
        .slice(0, -1);
      return { container: container!, umask: umask!, stdinSha256: stdinSha256!, argv };
    }),
  );
}

/** The manifest lists the fake podman holds now: those made and not removed. */
export async function fakeLists(state: string): Promise<string[]> {
  const file = path.join(state, 'lists');
  if (!(await fs.pathExists(file))) return [];
  return (await fs.readFile(file, 'utf8')).split('\n').filter(Boolean);
}
