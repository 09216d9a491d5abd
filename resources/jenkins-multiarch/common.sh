# jenkins-multiarch: shared by every step. Values arrive as MULTIARCH_* environment variables.
{ case $- in *x*) jma_trace=1 ;; *) jma_trace= ;; esac; set +x; } 2>/dev/null
: "${WORKSPACE:?is not set: run this step inside a Jenkins workspace}"
: "${BUILD_TAG:?is not set: run this step inside a Jenkins build}"
state_dir="$WORKSPACE/.jenkins-multiarch"
# Logins live in the workspace, not in the agent user's home, and go away with the build.
export REGISTRY_AUTH_FILE="$state_dir/auth.json"
# One local manifest list per build: a rebuild or a concurrent build never appends to another's.
build_id=$(printf '%s' "$BUILD_TAG" | tr -c 'A-Za-z0-9_.-' '-' | cut -c1-100)
manifest_list="localhost/jenkins-multiarch:$(printf '%s' "$BUILD_TAG" | cksum | cut -d' ' -f1)-$build_id"
# --tls-verify for one registry host: off only for the registries the config marks tlsVerify: false.
tls_flag() {
  case " ${MULTIARCH_INSECURE_REGISTRIES:-} " in
    *" $1 "*) echo --tls-verify=false ;;
    *) echo --tls-verify=true ;;
  esac
}
# The tags tags.sh computed for this build, one per line.
read_tags() {
  if [ ! -f "$state_dir/tags" ]; then
    echo "ERROR: this build's tags are not computed yet: run the Build step (multiarchBuild) first, in this workspace." >&2
    exit 2
  fi
  cat "$state_dir/tags"
}
[ -z "$jma_trace" ] || set -x
