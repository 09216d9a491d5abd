# jenkins-multiarch verify: read each pushed tag's index back from each registry, exactly as the
# registry serves it, and fail unless it lists exactly the requested platforms, each once.
# skopeo reads the raw index: podman 4.3 cannot (`podman manifest inspect` converts an OCI index
# to a Docker list and prefers a local list of the same name, and `podman manifest add --all`
# keeps one entry of a digest listed twice: measured).
if ! command -v skopeo >/dev/null 2>&1; then
  echo 'ERROR: skopeo is not installed where the Verify step runs, so the pushed index cannot be read back. Install it there (apt-get install skopeo, dnf install skopeo).'
  exit 1
fi

# The entries of a JSON image index, one line each: DIGEST OS/ARCH[/VARIANT] REFERENCE-TYPE
# (the vnd.docker.reference.type annotation, "-" if none; attestations say attestation-manifest).
# A document without a top-level "manifests" list prints "not-an-index MEDIA-TYPE". The index may
# be compact or indented, so it is read token by token rather than line by line.
index_entries() {
  awk '
    function path(   p, d) {
      p = ""
      for (d = 1; d <= depth; d++) p = p "/" (kind[d] == "[" ? "#" : key[d])
      return substr(p, 2)
    }
    function value(v,   p) {
      p = path()
      if (p == "mediaType") media = v
      else if (p == "manifests/#/digest") digest[n] = v
      else if (p == "manifests/#/platform/os") os[n] = v
      else if (p == "manifests/#/platform/architecture") arch[n] = v
      else if (p == "manifests/#/platform/variant") variant[n] = v
      else if (p == "manifests/#/annotations/vnd.docker.reference.type") reftype[n] = v
    }
    { doc = doc $0 "\n" }
    END {
      len = length(doc); i = 1; depth = 0; n = 0; listed = 0
      while (i <= len) {
        c = substr(doc, i, 1)
        if (c == "\"") {
          s = ""
          for (j = i + 1; j <= len; j++) {
            d = substr(doc, j, 1)
            if (d == "\\") { s = s substr(doc, j, 2); j++; continue }
            if (d == "\"") break
            s = s d
          }
          for (i = j + 1; i <= len && substr(doc, i, 1) ~ /[ \t\r\n]/; i++) ;
          if (kind[depth] == "{" && substr(doc, i, 1) == ":") { key[depth] = s; i++ }
          else value(s)
        } else if (c == "{" || c == "[") {
          p = path()
          if (p == "manifests" && c == "[") listed = 1
          if (p == "manifests/#" && c == "{") n++
          depth++; kind[depth] = c; key[depth] = ""; i++
        } else if (c == "}" || c == "]") {
          depth--; i++
        } else if (c ~ /[-0-9a-z]/) {
          for (j = i; j <= len && substr(doc, j, 1) ~ /[-+.0-9a-zA-Z]/; j++) ;
          value(substr(doc, i, j - i)); i = j
        } else i++
      }
      if (!listed) { print "not-an-index " (media == "" ? "unknown" : media); exit }
      for (e = 1; e <= n; e++)
        print digest[e], os[e] "/" arch[e] (variant[e] == "" ? "" : "/" variant[e]), (reftype[e] == "" ? "-" : reftype[e])
    }'
}

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
