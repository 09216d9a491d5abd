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
tls_flag="--tls-verify=$MULTIARCH_TLS_VERIFY"
[ -z "$jma_trace" ] || set -x
