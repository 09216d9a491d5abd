# jenkins-multiarch build: every platform into this build's own local manifest list.
# A rerun of this build starts from an empty list instead of appending duplicate entries.
podman manifest rm "$manifest_list" >/dev/null 2>&1 || true
set --
for name in $MULTIARCH_BUILD_ARG_NAMES; do
  case $name in
    "" | [0-9]* | *[!A-Za-z0-9_]*) echo "ERROR: invalid build argument name '$name'"; exit 2 ;;
  esac
  eval "value=\$MULTIARCH_BUILD_ARG_$name"
  set -- "$@" --build-arg "$name=$value"
done
# OCI labels from the build's own git data, so every image says where and what it came from.
# Tracing is off while reading the origin: a URL may carry a token (https://user:token@host/...).
{ set +x; } 2>/dev/null
revision=${GIT_COMMIT:-$(git rev-parse HEAD 2>/dev/null || true)}
origin=$(printf '%s' "${GIT_URL:-$(git config --get remote.origin.url 2>/dev/null || true)}" | sed 's#^\([A-Za-z+]*://\)[^/@]*@#\1#')
[ -z "$jma_trace" ] || set -x
set -- "$@" --label "org.opencontainers.image.created=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
[ -z "$revision" ] || set -- "$@" --label "org.opencontainers.image.revision=$revision"
[ -z "$origin" ] || set -- "$@" --label "org.opencontainers.image.source=$origin"
[ -z "${TAG_NAME:-}" ] || set -- "$@" --label "org.opencontainers.image.version=$TAG_NAME"
podman build "$tls_flag" --platform "$MULTIARCH_PLATFORMS" --manifest "$manifest_list" --file "$MULTIARCH_DOCKERFILE" "$@" "$MULTIARCH_CONTEXT"
