# jenkins-multiarch verify: read each pushed tag back from each registry and fail unless it lists
# exactly the requested platforms, each once.
tags=$(read_tags)
verify_list="$manifest_list-verify"
expected=$(for platform in $(echo "$MULTIARCH_PLATFORMS" | tr , ' '); do echo "$platform"; done | sort)
status=0
for registry in $MULTIARCH_REGISTRIES; do
  for tag in $tags; do
    ref="$registry/$MULTIARCH_IMAGE:$tag"
    podman manifest rm "$verify_list" >/dev/null 2>&1 || true
    podman manifest create "$verify_list" >/dev/null
    podman manifest add --all "$(tls_flag "$registry")" "$verify_list" "docker://$ref" >/dev/null
    found=$(podman manifest inspect "$verify_list" | awk '
      function value(line) { sub(/^[^:]*: *"/, "", line); sub(/".*$/, "", line); return line }
      function emit() { if (arch != "") print os "/" arch (variant != "" ? "/" variant : ""); arch = "" }
      /"architecture":/ { emit(); arch = value($0); os = ""; variant = "" }
      /"os":/ { os = value($0) }
      /"variant":/ { variant = value($0) }
      END { emit() }' | sort)
    podman manifest rm "$verify_list" >/dev/null
    if [ "$found" = "$expected" ]; then
      echo "INFO: $ref lists exactly: $(echo $found)"
    else
      echo "ERROR: $ref lists [$(echo $found)] but the build asked for [$(echo $expected)], each once."
      status=1
    fi
  done
done
exit "$status"
