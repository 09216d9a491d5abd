# jenkins-multiarch merge: one local manifest list of every parallel branch's images, read from
# the registry under the tags the branches pushed them with; push.sh then pushes it to every tag
# of every registry, copying the images from the first.
podman manifest rm "$manifest_list" >/dev/null 2>&1 || true
podman manifest create "$manifest_list" >/dev/null
for branch in $MULTIARCH_BRANCHES; do
  ref=$(branch_ref "$branch")
  podman manifest add --all "$(tls_flag "${ref%%/*}")" "$manifest_list" "docker://$ref" >/dev/null
  echo "INFO: added the images of $ref"
done
