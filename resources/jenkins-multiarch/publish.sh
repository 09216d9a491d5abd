# jenkins-multiarch publish: a parallel branch's images, pushed to the first registry under a tag
# of this build's own (never one that another build writes), for the merge step to gather. The
# registry keeps that tag: a registry deletes manifests, not tags, and deleting this one would
# delete the images the final index points to.
ref=$(branch_ref "$MULTIARCH_BRANCH")
push_list "$ref"
echo "INFO: pushed $(printf '%s' "$MULTIARCH_PLATFORMS" | tr , ' ') as $ref@$(cat "$state_dir/digest")"
