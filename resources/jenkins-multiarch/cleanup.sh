# jenkins-multiarch cleanup: nothing of this build stays on the agent: its manifest list, those
# of its parallel branches built here, its state and logins.
podman manifest rm "$manifest_list" >/dev/null 2>&1 || true
for branch in ${MULTIARCH_BRANCHES:-}; do
  podman manifest rm "$manifest_list-$branch" >/dev/null 2>&1 || true
done
rm -rf "$state_dir"
