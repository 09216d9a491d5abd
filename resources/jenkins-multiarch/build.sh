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
podman build "$tls_flag" --platform "$MULTIARCH_PLATFORMS" --manifest "$manifest_list" --file "$MULTIARCH_DOCKERFILE" "$@" "$MULTIARCH_CONTEXT"
