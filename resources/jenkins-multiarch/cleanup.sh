# jenkins-multiarch cleanup: nothing of this build stays on the agent: its manifest list, those
# of its parallel branches built here, its state and logins.
remove_lists "$(list_name "$BUILD_TAG")"
rm -rf "$state_dir"
