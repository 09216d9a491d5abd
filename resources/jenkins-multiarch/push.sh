# jenkins-multiarch push: the list and every image in it, to each tag.
mkdir -p "$state_dir"
for tag in $MULTIARCH_TAGS; do
  ref="$MULTIARCH_REGISTRY/$MULTIARCH_IMAGE:$tag"
  # --all: every platform's image, not only the list. Podman 4.3 defaults to it; older podman did not.
  podman manifest push --all "$tls_flag" --digestfile "$state_dir/digest" "$manifest_list" "docker://$ref"
  echo "INFO: pushed $ref@$(cat "$state_dir/digest")"
done
