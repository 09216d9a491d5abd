# jenkins-multiarch build: every platform into this build's own local manifest list.
# A rerun of this build starts from an empty list instead of appending duplicate entries.
podman manifest rm "$manifest_list" >/dev/null 2>&1 || true
set --
# OCI labels from the build's own git data, so every image says where and what it came from.
describe_source
set -- "$@" --label "org.opencontainers.image.created=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
[ -z "$commit" ] || set -- "$@" --label "org.opencontainers.image.revision=$commit"
[ -z "$origin" ] || set -- "$@" --label "org.opencontainers.image.source=$origin"
[ -z "$release" ] || set -- "$@" --label "org.opencontainers.image.version=$release"
# Build arguments and the config's labels (after those above, so they win) arrive numbered as
# NAME=value: label keys have dots, which variable names cannot.
for kind in BUILD_ARG:--build-arg LABEL:--label; do
  eval "set -- \"\$@\" $(numbered "MULTIARCH_${kind%%:*}" "${kind#*:}")"
done
[ -z "${MULTIARCH_TARGET:-}" ] || set -- "$@" --target "$MULTIARCH_TARGET"
[ -z "${MULTIARCH_PULL:-}" ] || set -- "$@" "--pull=$MULTIARCH_PULL"
[ "${MULTIARCH_NO_CACHE:-false}" = false ] || set -- "$@" --no-cache
# The layer cache in a registry, for agents that start without one. podman 4.3 pulls and pushes
# it per layer with --layers (measured: a fresh storage skips a RUN another agent cached).
[ -z "${MULTIARCH_CACHE:-}" ] || set -- "$@" --layers --cache-from "$MULTIARCH_CACHE" --cache-to "$MULTIARCH_CACHE"
# Flags from the model's allow-list, one word each.
for flag in ${MULTIARCH_EXTRA_ARGS:-}; do set -- "$@" "$flag"; done
# Base images often come from the same private registry: pulls skip TLS verification when a
# target registry does, as podman cannot be told per registry on its command line.
pull_tls=--tls-verify=true
if [ -n "${MULTIARCH_INSECURE_REGISTRIES:-}" ]; then
  pull_tls=--tls-verify=false
  echo "INFO: pulls skip TLS verification, as registries with tlsVerify: false are used: $MULTIARCH_INSECURE_REGISTRIES"
fi
# The platforms build at once, as many as the agent has cores: buildah runs every platform but
# lets only --jobs stages run at a time (1 unless told). Measured on 2 cores, three platforms of a
# CPU-bound RUN: 67 s one after another, 41 s with 2 jobs, 46 s with 3 (a third QEMU process only
# slowed the others). A --jobs=N in build.extraArgs comes later and wins.
platforms=$(printf '%s\n' "$MULTIARCH_PLATFORMS" | tr , '\n' | grep -c .)
jobs=$(nproc 2>/dev/null || echo 1)
[ "$jobs" -le "$platforms" ] || jobs=$platforms
# Concurrent builds on one agent can lose a base image between its pull and its use: a pull of
# the same name for another platform, by another build, moves the name to its image in the
# meantime (containers/storage#915; podman's troubleshooting guide calls it a timing issue and
# leaves it open, podman#17683). podman then stops before the first step with 'locating pulled
# image "NAME" name in containers storage: …: image not known'. Measured here: 1 of 8 pipeline
# runs of one config, four at a time, on an agent without the base image. Such a build runs
# again, at most twice: by then the base images are in the agent's storage.
attempt=1
while :; do
  # A duration of 0 (no build.timeoutMinutes) lets timeout wait for ever.
  rm -f "$state_dir/build.status"
  started=$(date +%s)
  # The log is kept to read the error. Only the build is traced: the shell traces the two sides
  # of a pipe at once, and their lines would interleave.
  { set +x; } 2>/dev/null
  { (
    [ -z "$jma_trace" ] || set -x
    timeout --kill-after=60 "${MULTIARCH_TIMEOUT_MINUTES:-0}m" podman build "$pull_tls" --platform "$MULTIARCH_PLATFORMS" --manifest "$manifest_list" --jobs "$jobs" --file "$MULTIARCH_DOCKERFILE" "$@" "$MULTIARCH_CONTEXT"
  ) 2>&1 || echo "$?" >"$state_dir/build.status"; } | tee "$state_dir/build.log"
  [ -z "$jma_trace" ] || set -x
  status=$(cat "$state_dir/build.status" 2>/dev/null || echo 0)
  [ "$status" -eq 125 ] && [ "$attempt" -lt 3 ] && grep -q 'locating pulled image .* name in containers storage: .*image not known' "$state_dir/build.log" || break
  attempt=$((attempt + 1))
  echo "WARNING: podman lost a base image that a concurrent build on this agent pulled at the same time (containers/storage#915); building again, attempt $attempt of 3."
done
rm -f "$state_dir/build.log" "$state_dir/build.status"
if [ -n "${MULTIARCH_TIMEOUT_MINUTES:-}" ] && timed_out "$status" "$started" $((MULTIARCH_TIMEOUT_MINUTES * 60)); then
  echo "ERROR: the build took longer than $MULTIARCH_TIMEOUT_MINUTES minutes (build.timeoutMinutes) and was stopped."
fi
exit "$status"
