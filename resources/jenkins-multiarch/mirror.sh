# jenkins-multiarch mirror: copies multi-arch images into registries of one's own, each index
# whole (its digest kept) or with some of its platforms (a new index of exactly those, each
# platform's image unchanged), and reads every copy back to verify it. For a registry that no
# network reaches, `export` writes the images into one OCI layout archive and `import` pushes that
# archive's images on the other side. `jenkins-multiarch mirror` runs this same script on a
# workstation; the multiarchMirror step runs it on an agent, after login.sh.
#   MULTIARCH_MIRROR_MODE       copy (the default), export or import
#   MULTIARCH_MIRROR_IMAGES     SRC=DST pairs, separated by spaces; export: SRC=NAME, the image's
#                               name inside the archive
#   MULTIARCH_MIRROR_PLATFORMS  the platforms to copy, comma-separated; unset or empty: all
#   MULTIARCH_MIRROR_FORMAT     oci or v2s2, for registries that take only one (digests change)
#   MULTIARCH_MIRROR_BUNDLE     export: the archive to write; import: the archive to read
#   MULTIARCH_MIRROR_PREFIX     import: where each image goes, as PREFIX/NAME
# Untraced: its awk and jq programs and the indexes they read would fill the log; every copy
# says what it does in an INFO line, and skopeo's own lines show its progress.
{ set +x; } 2>/dev/null

for tool in skopeo jq; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "ERROR: $tool is not installed where the mirror runs, and it needs $tool to copy and read indexes. Install it (apt-get install $tool, dnf install $tool)."
    exit 1
  fi
done

work=$(mktemp -d "$state_dir/mirror.XXXXXX")
partial=
trap 'rm -rf "$work" ${partial:+"$partial"}' EXIT
trap 'exit 1' HUP INT TERM
status=0
wanted=$(printf '%s\n' "${MULTIARCH_MIRROR_PLATFORMS:-}" | tr , ' ')
format=${MULTIARCH_MIRROR_FORMAT:-}

# skopeo's --tls-verify for a reference of its (docker://HOST/…, or a local oci: layout, where it
# means nothing), off for the hosts in MULTIARCH_INSECURE_REGISTRIES; as --src-tls-verify or
# --dest-tls-verify with $2 = src or dest.
tls_of() {
  case $1 in
    docker://*) flag=$(tls_flag "$(image_host "${1#docker://}")") ;;
    *) flag=--tls-verify=true ;;
  esac
  echo "--${2:+$2-}${flag#--}"
}

# A reference without its tag and digest, where the images of an index are read by digest.
repository_of() {
  bare=${1%%@*}
  case ${bare##*/} in *:*) bare=${bare%:*} ;; esac
  printf '%s' "$bare"
}

# The digest of file $1, as a registry names the manifest it holds.
file_digest() {
  echo "sha256:$(sha256sum <"$1" | cut -d' ' -f1)"
}

# The manifest of $1 (transport:reference) exactly as it is stored, into file $2; an ERROR line
# and false when it cannot be read.
read_raw() {
  if ! skopeo inspect --raw "$(tls_of "$1")" "$1" >"$2" 2>"$work/error"; then
    echo "ERROR: ${1#docker://} cannot be read: $(tool_reason "$work/error")"
    return 1
  fi
}

# The images that manifest file $1 holds, "DIGEST PLATFORM" a line in its order: an index's
# entries (attestations left out: they describe images, they are none), or, for a single image,
# its own digest and "single".
holdings() {
  entries=$(index_entries <"$1")
  case $entries in
    not-an-index*) echo "$(file_digest "$1") single" ;;
    *) printf '%s\n' "$entries" | awk '$3 != "attestation-manifest" { print $1, $2 }' ;;
  esac
}

# "PLATFORM KEY" for each "DIGEST PLATFORM" line on stdin, sorted: KEY the digest itself, or, with
# $2 = config, the digest of the config of the image $1@DIGEST, which a format conversion keeps
# where it changes the image's own digest.
keyed() {
  while read -r image platform; do
    if [ "$2" = config ]; then
      skopeo inspect --raw "$(tls_of "$1")" "$1@$image" >"$work/image.json" 2>"$work/error" || {
        echo "$platform unreadable($(tool_reason "$work/error"))"
        continue
      }
      image=$(jq -r '.config.digest' "$work/image.json")
    fi
    echo "$platform $image"
  done | sort
}

# Which images of source $1 (its manifest in $work/source.json) to copy, written to
# $work/selected ("DIGEST PLATFORM" lines); $whole says whether that is all of them, so the source
# is copied as it is. False, with an ERROR line, when the source lacks a platform asked for.
select_images() {
  holdings "$work/source.json" >"$work/holdings"
  whole=1
  if [ "$(cut -d' ' -f2 "$work/holdings")" = single ]; then
    cp "$work/holdings" "$work/selected"
    [ -n "$wanted" ] || return 0
    own=$(single_image_platform "$1" "$(tls_of "docker://$1")")
    # Exactly its own platform is the image as it is.
    if [ "$wanted" = "${wanted%% *}" ] && [ -n "$own" ] && [ "$(platform_key "$wanted")" = "$(platform_key "$own")" ]; then
      return 0
    fi
    echo "ERROR: $1 is a single image ($(jq -r '.mediaType // "of unknown media type"' "$work/source.json")${own:+, $own}), not an index, so it cannot give $(echo $wanted | sed 's/ /, /g'). Nothing of it is copied: copy it without platforms${own:+, or with $own alone}."
    return 1
  fi
  [ -n "$wanted" ] || {
    cp "$work/holdings" "$work/selected"
    return 0
  }
  : >"$work/selected"
  missing=
  for platform in $wanted; do
    # The first entry of that platform; linux/arm64 and linux/arm64/v8 are one.
    found=$(while read -r image offered; do
      [ "$(platform_key "$offered")" != "$(platform_key "$platform")" ] || { echo "$image $offered"; break; }
    done <"$work/holdings")
    if [ -n "$found" ]; then echo "$found" >>"$work/selected"; else missing="$missing, $platform"; fi
  done
  if [ -n "$missing" ]; then
    echo "ERROR: $1 has no ${missing#, }; it has $(awk '!seen[$2]++ { print $2 }' "$work/holdings" | paste -sd, | sed 's/,/, /g'). Nothing of it is copied: drop that platform, or choose a tag or image that has it."
    return 1
  fi
  # Kept in the source's order; all of them is the source as it is, digest and all.
  awk 'NR == FNR { chosen[$1] = 1; next } chosen[$1]' "$work/selected" "$work/holdings" >"$work/ordered"
  mv "$work/ordered" "$work/selected"
  [ "$(wc -l <"$work/selected")" = "$(wc -l <"$work/holdings")" ] || whole=
}

# What is copied, for the INFO line of image $1 of $2.
describe_selection() {
  platforms=$(cut -d' ' -f2 "$work/selected" | paste -sd, | sed 's/,/, /g')
  if [ "$platforms" = single ]; then
    echo "the single image, as it is"
  elif [ -n "$whole" ]; then
    echo "the whole index, $platforms"
  else
    echo "$platforms, $(wc -l <"$work/selected") of the source's $(wc -l <"$work/holdings") platforms"
  fi
}

# The selected images of source $1 copied by digest into OCI layout $2, and a new index of exactly
# those written there as a blob and named $3 in the layout's index.json. The index keeps the
# source's own entries byte for byte (media type, size, platform, annotations), so each platform's
# image keeps its digest; the index itself gets a new one, $digest, which an INFO line names. It is
# an OCI image index even for a Docker manifest list: skopeo 1.9.3 reads a layout's images by name
# only when they are OCI, and will not convert a list whose digests it must keep (measured), while
# an OCI index may list Docker images (the OCI image spec's index allows any manifest type).
copy_subset() {
  repository=$(repository_of "$1")
  count=$(wc -l <"$work/selected")
  instance=0
  while read -r image platform; do
    instance=$((instance + 1))
    echo "INFO: [$instance/$count] $platform $image"
    skopeo copy --preserve-digests "$(tls_of "docker://$1" src)" "docker://$repository@$image" "oci:$2:jenkins-multiarch-instance-$instance" || return 1
  done <"$work/selected"
  jq --arg digests "$(cut -d' ' -f1 "$work/selected" | paste -sd' ')" \
    '($digests | split(" ")) as $chosen | .mediaType = "application/vnd.oci.image.index.v1+json"
      | .manifests |= map(select(.digest as $d | $chosen | index($d)))' \
    "$work/source.json" >"$work/index.json"
  digest=$(file_digest "$work/index.json")
  cp "$work/index.json" "$2/blobs/sha256/${digest#sha256:}"
  # The instances' own entries go: the blobs stay, and the new index names them.
  jq --arg name "$3" --arg digest "$digest" --argjson size "$(wc -c <"$work/index.json")" \
    '.manifests |= map(select(.annotations["org.opencontainers.image.ref.name"] as $n | ($n | startswith("jenkins-multiarch-instance-")) or $n == $name | not))
      + [{mediaType: "application/vnd.oci.image.index.v1+json", digest: $digest, size: $size, annotations: {"org.opencontainers.image.ref.name": $name}}]' \
    "$2/index.json" >"$work/layout-index.json"
  mv "$work/layout-index.json" "$2/index.json"
  echo "INFO: the new index (an OCI image index) has digest $digest, not the source's $(file_digest "$work/source.json"): it lists only the platforms copied, each image with its digest in the source."
}

# Reads copy $1 (transport:reference) back and compares what it holds with $work/expected
# ("PLATFORM KEY" lines from keyed): exactly those platforms, each once, each with its digest (or,
# with $2 = config, its config's digest); and, given $3, the copy's own digest. An INFO line, or
# an ERROR line and false.
verify_copy() {
  read_raw "$1" "$work/copy.json" || return 1
  holdings "$work/copy.json" | keyed "$(repository_of "$1")" "$2" >"$work/found"
  case $1 in
    oci:*) shown="${1#"oci:$layout:"} in the archive" ;;
    *) shown=${1#docker://} ;;
  esac
  problems=
  if ! cmp -s "$work/found" "$work/expected"; then
    problems="; it holds [$(paste -sd, "$work/found" | sed 's/,/, /g')] where [$(paste -sd, "$work/expected" | sed 's/,/, /g')] was copied"
  fi
  if [ -n "${3:-}" ] && [ "$(file_digest "$work/copy.json")" != "$3" ]; then
    problems="$problems; its digest is $(file_digest "$work/copy.json"), not $3"
  fi
  if [ -n "$problems" ]; then
    echo "ERROR: $shown, read back:${problems#;}."
    return 1
  fi
  what=digest
  [ "$2" != config ] || what="config (the images are converted to $format)"
  held="$(cut -d' ' -f1 "$work/found" | paste -sd, | sed 's/,/, /g'), each"
  [ "$held" != 'single, each' ] || held='the single image,'
  echo "INFO: verified: $shown holds $held with the source's $what${3:+; digest $3}."
}

# Source $3 copied to $4, image $1 of $2.
mirror_image() {
  from=$3 to=$4
  echo "INFO: [$1/$2] $from -> $to"
  read_raw "docker://$from" "$work/source.json" || return 1
  select_images "$from" || return 1
  echo "INFO: [$1/$2] $(describe_selection)"
  if [ -n "$format" ]; then
    converted="--format $format" key=config
  else
    converted=--preserve-digests key=digest
  fi
  case $to in
    *@*)
      if [ -z "$whole" ] || [ -n "$format" ]; then
        echo "ERROR: $to names a digest, which this copy cannot keep: its index is new ($(describe_selection)${format:+, converted to $format}). Name the destination by a tag."
        return 1
      fi ;;
  esac
  keyed "docker://$(repository_of "$from")" "$key" <"$work/selected" >"$work/expected"
  if [ -n "$whole" ]; then
    skopeo copy --all $converted "$(tls_of "docker://$from" src)" "$(tls_of "docker://$to" dest)" "docker://$from" "docker://$to" || return 1
    digest=$(file_digest "$work/source.json")
  else
    rm -rf "$work/layout"
    copy_subset "$from" "$work/layout" subset || return 1
    skopeo copy --all $converted "$(tls_of "docker://$to" dest)" "oci:$work/layout:subset" "docker://$to" || return 1
  fi
  # A converted copy has digests of its own.
  [ -z "$format" ] || digest=
  verify_copy "docker://$to" "$key" "$digest"
}

# Source $3 into the archive's layout under name $4, image $1 of $2.
export_image() {
  echo "INFO: [$1/$2] $3 -> $4 in $MULTIARCH_MIRROR_BUNDLE"
  read_raw "docker://$3" "$work/source.json" || return 1
  select_images "$3" || return 1
  echo "INFO: [$1/$2] $(describe_selection)"
  keyed "docker://$(repository_of "$3")" digest <"$work/selected" >"$work/expected"
  # What an OCI layout cannot hold unchanged (skopeo 1.9.3, see copy_subset): a Docker manifest list
  # gets a new OCI index of the same images; a single Docker image, nothing.
  case $(jq -r '.mediaType // empty' "$work/source.json") in
    application/vnd.docker.distribution.manifest.list.v2+json)
      if [ -n "$whole" ]; then
        echo "INFO: $3 is a Docker manifest list, which an OCI layout cannot hold unchanged: the archive gets a new index of its images."
        whole=
      fi ;;
    application/vnd.docker.distribution.manifest.v2+json)
      echo "ERROR: $3 is a single Docker image (schema 2), which an OCI layout cannot hold unchanged: copy it from registry to registry (jenkins-multiarch mirror SRC DST), or export a multi-platform tag of it."
      return 1 ;;
  esac
  if [ -n "$whole" ]; then
    skopeo copy --all --preserve-digests "$(tls_of "docker://$3" src)" "docker://$3" "oci:$layout:$4" || return 1
    digest=$(file_digest "$work/source.json")
  else
    copy_subset "$3" "$layout" "$4" || return 1
  fi
  verify_copy "oci:$layout:$4" digest "$digest"
}

# Image $3 of the archive's layout to PREFIX/$3, image $1 of $2: pushed with its index and
# digests as they are, and verified against the layout's own index.
import_image() {
  to=$MULTIARCH_MIRROR_PREFIX/$3
  echo "INFO: [$1/$2] $3 -> $to"
  digest=$(jq -r --arg name "$3" '[.manifests[] | select(.annotations["org.opencontainers.image.ref.name"] == $name)][0].digest' "$layout/index.json")
  cp "$layout/blobs/sha256/${digest#sha256:}" "$work/source.json"
  holdings "$work/source.json" | keyed "oci:$layout" digest >"$work/expected"
  # skopeo pushes each platform's image before the index that names them, and the tag comes with
  # the index: a push cut off halfway leaves the tag where it was, and a second run completes it.
  skopeo copy --all --preserve-digests "$(tls_of "docker://$to" dest)" "oci:$layout:$3" "docker://$to" || return 1
  verify_copy "docker://$to" digest "$digest"
}

# Function $1 for each SRC=DST pair of MULTIARCH_MIRROR_IMAGES, as $1 N TOTAL SRC DST; one that
# fails does not stop the others, and makes the status 1.
each_image() {
  step=$1
  set -- $MULTIARCH_MIRROR_IMAGES
  i=0
  for pair in "$@"; do
    i=$((i + 1))
    "$step" "$i" "$#" "${pair%%=*}" "${pair#*=}" || status=1
  done
}

if [ "${MULTIARCH_MIRROR_MODE:-copy}" != import ] && [ -z "${MULTIARCH_MIRROR_IMAGES:-}" ]; then
  echo 'ERROR: no image to mirror: MULTIARCH_MIRROR_IMAGES (mirror.images) is empty.'
  exit 2
fi
case ${MULTIARCH_MIRROR_MODE:-copy} in
  copy) each_image mirror_image ;;
  export)
    layout=$work/layout
    each_image export_image
    if [ "$status" = 0 ]; then
      # Written whole or not at all: a temporary file beside it, renamed into place.
      partial=$(dirname "$MULTIARCH_MIRROR_BUNDLE")/.$(basename "$MULTIARCH_MIRROR_BUNDLE").$$.tmp
      tar -cf "$partial" -C "$layout" oci-layout index.json blobs
      mv "$partial" "$MULTIARCH_MIRROR_BUNDLE"
      partial=
      echo "INFO: wrote $MULTIARCH_MIRROR_BUNDLE ($(du -h "$MULTIARCH_MIRROR_BUNDLE" | cut -f1)): one OCI layout, each image under its name: $(echo $(jq -r '.manifests[].annotations["org.opencontainers.image.ref.name"]' "$layout/index.json"))."
    else
      echo "ERROR: $MULTIARCH_MIRROR_BUNDLE is not written, since not every image could be exported."
    fi ;;
  import)
    layout=$work/bundle
    mkdir "$layout"
    if ! tar -xf "$MULTIARCH_MIRROR_BUNDLE" -C "$layout" 2>"$work/error"; then
      echo "ERROR: $MULTIARCH_MIRROR_BUNDLE cannot be unpacked: $(tool_reason "$work/error")"
      exit 1
    fi
    if [ ! -f "$layout/oci-layout" ] || [ ! -f "$layout/index.json" ]; then
      echo "ERROR: $MULTIARCH_MIRROR_BUNDLE is no OCI layout archive (it has no oci-layout and index.json at its top): write it with jenkins-multiarch mirror export."
      exit 1
    fi
    names=$(jq -r '.manifests[].annotations["org.opencontainers.image.ref.name"] // empty' "$layout/index.json")
    if [ -z "$names" ]; then
      echo "ERROR: $MULTIARCH_MIRROR_BUNDLE names no image (no org.opencontainers.image.ref.name in its index.json): write it with jenkins-multiarch mirror export."
      exit 1
    fi
    set -- $names
    total=$#
    i=0
    for name in "$@"; do
      i=$((i + 1))
      import_image "$i" "$total" "$name" || status=1
    done ;;
  *)
    echo "ERROR: MULTIARCH_MIRROR_MODE is $MULTIARCH_MIRROR_MODE; it must be copy, export or import."
    exit 2 ;;
esac
[ -z "$jma_trace" ] || set -x
exit "$status"
