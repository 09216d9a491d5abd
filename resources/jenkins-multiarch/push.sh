# jenkins-multiarch push: the list and every image in it, to each tag in each registry.
tags=$(read_tags)
if [ -z "$tags" ]; then
  echo 'INFO: no tag applies to this build; nothing is pushed.'
  exit 0
fi
first_digest=
for registry in $MULTIARCH_REGISTRIES; do
  for tag in $tags; do
    ref="$registry/$MULTIARCH_IMAGE:$tag"
    push_list "$ref"
    digest=$(cat "$state_dir/digest")
    echo "INFO: pushed $ref@$digest"
    # One build, one index: every tag in every registry must name the same digest.
    first_digest=${first_digest:-$digest}
    if [ "$digest" != "$first_digest" ]; then
      echo "ERROR: $ref got digest $digest, but the tags pushed before it got $first_digest."
      exit 1
    fi
  done
done
