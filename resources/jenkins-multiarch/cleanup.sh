# jenkins-multiarch cleanup: nothing of this build stays on the agent.
podman manifest rm "$manifest_list" >/dev/null 2>&1 || true
rm -rf "$state_dir"
