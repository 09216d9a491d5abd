# jenkins-multiarch verify: read each pushed tag's index back from each registry, exactly as the
# registry serves it, and fail unless it lists exactly the requested platforms, each once.
# skopeo reads the raw index: podman 4.3 cannot (`podman manifest inspect` converts an OCI index
# to a Docker list and prefers a local list of the same name, and `podman manifest add --all`
# keeps one entry of a digest listed twice: measured).
if ! command -v skopeo >/dev/null 2>&1; then
  echo 'ERROR: skopeo is not installed where the Verify step runs, so the pushed index cannot be read back. Install it there (apt-get install skopeo, dnf install skopeo).'
  exit 1
fi

tags=$(read_tags)
expected=$(printf '%s\n' "$MULTIARCH_PLATFORMS" | tr , '\n' | sort)
status=0
for registry in $MULTIARCH_REGISTRIES; do
  for tag in $tags; do
    ref="$registry/$MULTIARCH_IMAGE:$tag"
    if ! raw=$(skopeo inspect --raw "$(tls_flag "$registry")" "docker://$ref"); then
      echo "ERROR: $ref cannot be read back from its registry."
      status=1
      continue
    fi
    entries=$(printf '%s\n' "$raw" | index_entries)
    case $entries in
      not-an-index*)
        echo "ERROR: $ref is a single image (${entries#not-an-index }), not an index of platforms."
        status=1
        continue ;;
    esac
    # Attestations (linux builds by buildx add them) are not platforms; anything else is.
    images=$(printf '%s\n' "$entries" | awk '$3 != "attestation-manifest"')
    found=$(printf '%s\n' "$images" | awk 'NF { print $2 }' | sort)
    problems=
    twice=$(printf '%s\n' "$entries" | awk 'NF { print $1 }' | sort | uniq -d)
    [ -z "$twice" ] || problems="$problems; it lists $(echo $twice) more than once"
    case " $(echo $found) " in
      *" unknown/unknown "*) problems="$problems; it has an entry for unknown/unknown that is not an attestation" ;;
    esac
    [ "$found" = "$expected" ] || problems="$problems; it lists [$(echo $found)] but the build asked for [$(echo $expected)], each once"
    if [ -z "$problems" ]; then
      echo "INFO: $ref lists exactly: $(echo $found)"
    else
      echo "ERROR: $ref:${problems#;}."
      status=1
    fi
  done
done
exit "$status"
