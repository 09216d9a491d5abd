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
    attempt=0
    # --all: every platform's image, not only the list. Podman 4.3 defaults to it; older podman did not.
    until podman manifest push --all "$(tls_flag "$registry")" --digestfile "$state_dir/digest" "$manifest_list" "docker://$ref"; do
      attempt=$((attempt + 1))
      if [ "$attempt" -gt "${MULTIARCH_PUSH_RETRIES:-0}" ]; then
        echo "ERROR: pushing $ref failed, also after $((attempt - 1)) retries (push.retries)."
        exit 1
      fi
      echo "WARNING: pushing $ref failed; retry $attempt of $MULTIARCH_PUSH_RETRIES in $((attempt * 5)) seconds."
      sleep $((attempt * 5))
    done
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
