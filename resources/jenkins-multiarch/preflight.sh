# jenkins-multiarch preflight: what a build needs from this agent and the registries, checked in
# seconds before anything is built. A checklist, one line per thing checked: "OK: …", "WARNING: …"
# when it cannot tell, "ERROR: … <the fix>" when it is broken; `jenkins-multiarch doctor` runs this
# same script on a workstation and shows those lines as ✓, ! and ✗, so a healthy machine prints
# nothing else (but podman's own lines). It only reads: it pulls, pushes and fixes nothing, and
# writes nothing outside $state_dir.
problems=0
error() {
  echo "ERROR: $*"
  problems=1
}

if ! command -v podman >/dev/null 2>&1; then
  echo 'ERROR: podman is not installed on this agent; install it or choose an agent label that has it.'
  exit 1
fi
echo "OK: $(podman --version)"
user=$(id -un 2>/dev/null || id -u)
# One podman info for every check below (it takes 0.4 s): the architecture, rootless or not, the
# storage driver, the id ranges of podman's user namespace, overlay's mount program if any.
if ! info=$(podman info --format '{{.Host.Arch}} {{.Host.Security.Rootless}} {{.Store.GraphDriverName}} {{len .Host.IDMappings.UIDMap}} {{len .Host.IDMappings.GIDMap}} {{with index .Store.GraphOptions "overlay.mount_program"}}{{.Executable}}{{end}}' 2>"$state_dir/podman-info.err"); then
  cat "$state_dir/podman-info.err"
  echo "ERROR: podman info fails for $user here ($(tail -n 1 "$state_dir/podman-info.err")), so podman cannot build on this agent: fix that first."
  exit 1
fi
rm -f "$state_dir/podman-info.err"
# The fields, split on spaces; the mount program, if any, is the rest.
set -- $info
native_arch=$1 rootless=$2 driver=$3 uid_ranges=$4 gid_ranges=$5
shift 5
mount_program=$*

if [ -n "${MULTIARCH_NATIVE:-}" ]; then
  # An agent of a parallel branch: its platform must be its own, and Verify runs elsewhere.
  want=${MULTIARCH_NATIVE#*/}
  want=${want%%/*}
  if [ "$native_arch" != "$want" ]; then
    error "this agent, meant to build $MULTIARCH_NATIVE natively, is $native_arch: native.$MULTIARCH_NATIVE must select $want machines."
  else
    echo "OK: this agent is $native_arch, to build $MULTIARCH_NATIVE natively."
  fi
elif [ -n "${MULTIARCH_VERIFY_CONTAINER:-}" ]; then
  echo "OK: the Verify step reads the registry with skopeo in container $MULTIARCH_VERIFY_CONTAINER."
elif ! command -v skopeo >/dev/null 2>&1; then
  error 'skopeo is not installed here, and the Verify step needs it to read the pushed index back. Install it (apt-get install skopeo, dnf install skopeo).'
else
  echo "OK: $(skopeo --version), for the Verify step."
fi

# Rootless podman needs what root has by itself: room for its storage driver, subordinate ids
# for the users of an image, and an isolation that works where it runs.
if [ "$rootless" != true ]; then
  echo 'OK: podman runs as root here, so the rootless checks (subordinate ids, /dev/fuse, BUILDAH_ISOLATION) do not apply.'
else
  # MULTIARCH_DEV_FUSE: a test seam, as MULTIARCH_BINFMT_MISC below.
  fuse=${MULTIARCH_DEV_FUSE:-/dev/fuse}
  if [ "$driver" != overlay ]; then
    echo "OK: storage driver $driver."
  elif [ -z "$mount_program" ]; then
    echo 'OK: storage driver overlay, native rootless overlay (no fuse-overlayfs needed).'
  elif [ -r "$fuse" ] && [ -w "$fuse" ]; then
    echo "OK: storage driver overlay through $mount_program, with $fuse."
  else
    error "storage driver overlay runs through $mount_program, which needs $fuse, and $user cannot open it here: give the agent /dev/fuse (in Kubernetes, a FUSE device plugin), or use native overlay (kernel 5.13 or later, no mount_program in storage.conf) or the vfs driver (driver = \"vfs\" in ~/.config/containers/storage.conf, or STORAGE_DRIVER=vfs)."
  fi
  # podman's own user namespace, not /etc/subuid: a single id means it found no range, or was
  # started before the range was added. Measured with podman 4.3.1 for a user without ranges:
  # podman info succeeds, logging 'cannot find UID/GID for user U: no subuid ranges found for
  # user "U" in /etc/subuid' and 'Using rootless single mapping into the namespace'; a build
  # then fails on the first file of another owner ('COPY --chown=1000:1000 …': "chown /bin:
  # invalid argument").
  if [ "$uid_ranges" -gt 1 ] && [ "$gid_ranges" -gt 1 ]; then
    echo "OK: podman maps subordinate uids and gids for $user."
  else
    error "podman has no subordinate uids and gids for $user, only $user's own id (no range for $user in /etc/subuid and /etc/subgid, or podman started before they were added), so no image with files of other owners can be built. As root: usermod --add-subuids 100000-165535 --add-subgids 100000-165535 $user (ids no other user's range has); then, as $user: podman system migrate"
  fi
  # Inside a container (podman's and Docker's marker files, Kubernetes' variables, systemd's
  # convention), rootless podman usually cannot make the cgroups, mounts and PID namespace that
  # oci and rootless isolation need for RUN steps (measured here in Docker with crun: "cgroups
  # in hybrid mode not supported").
  isolation=${BUILDAH_ISOLATION:-"oci (podman's default)"}
  if [ "$isolation" = chroot ]; then
    echo 'OK: BUILDAH_ISOLATION=chroot, which rootless podman can use anywhere.'
  elif [ -f /run/.containerenv ] || [ -f /.dockerenv ] || [ -n "${KUBERNETES_SERVICE_HOST:-}" ] || [ -n "${container:-}" ]; then
    echo "WARNING: rootless podman runs inside a container here with BUILDAH_ISOLATION=$isolation, under which RUN steps usually cannot start; set build.isolation: chroot unless this agent is known to allow it."
  else
    echo "OK: BUILDAH_ISOLATION=$isolation, for rootless podman outside a container."
  fi
fi

checked=
emulated=
for platform in $(printf '%s\n' "$MULTIARCH_PLATFORMS" | tr , ' '); do
  # linux/arm/v7 -> arm: the architecture as podman names the agent's own.
  arch=${platform#*/}
  arch=${arch%%/*}
  [ "$arch" = "$native_arch" ] && continue
  emulated=1
  if ! handler=$(qemu_handler "$platform"); then
    error "no QEMU handler is known for $platform."
    continue
  fi
  case " $checked " in *" $handler "*) continue ;; esac
  checked="$checked $handler"
  if [ ! -e "$binfmt/status" ]; then
    echo "WARNING: $binfmt is not visible here, so QEMU emulation for $arch cannot be checked. If the build fails with 'exec format error', register qemu-user-static handlers on the node."
  elif [ ! -e "$binfmt/$handler" ]; then
    error "no binfmt_misc handler $handler: this $native_arch agent cannot run $arch build steps. On the node, as root: apt-get install qemu-user-static binfmt-support (or run the tonistiigi/binfmt image with --install $arch)."
  elif [ "$(head -n 1 "$binfmt/$handler")" != enabled ]; then
    error "binfmt_misc handler $handler is disabled. On the node, as root: update-binfmts --enable $handler"
  elif ! grep -q '^flags:.*F' "$binfmt/$handler"; then
    error "binfmt_misc handler $handler lacks the F (fix-binary) flag, so it cannot work inside build containers. Re-register it with fix_binary yes (Debian's qemu-user-static does)."
  else
    echo "OK: $arch runs under $(sed -n 's/^interpreter //p' "$binfmt/$handler")"
  fi
done
[ -n "$emulated" ] || echo "OK: no QEMU emulation needed: every platform is this agent's own ($native_arch)."

# Each registry: reachable, TLS as configured, and the login (if any) accepted, shown by one
# harmless authenticated read, the tags of the image, with the login of the auth file. With
# podman alone, as a pod's podman container may have no skopeo; `podman search --list-tags`,
# since podman 4.3.1's `manifest inspect` takes no --tls-verify ("unknown flag").
check_registry() {
  stored_user=$(podman login --get-login "$1" </dev/null 2>/dev/null) || stored_user=
  credentials=$(credentials_id "$1")
  if [ "$(tls_flag "$1")" = --tls-verify=true ]; then tls='TLS verified'; else tls='tlsVerify: false'; fi
  if read_error=$(timeout 30 podman search --list-tags --limit 1 "$(tls_flag "$1")" "$1/$MULTIARCH_IMAGE" </dev/null 2>&1 >/dev/null); then
    found="$MULTIARCH_IMAGE has tags"
  elif [ $? = 124 ]; then
    error "registry $1 gave no answer in 30 seconds: check its host[:port] in registries, that it is running, and that this agent's network reaches it."
    return
  else
    case $read_error in
      # A repository that does not exist yet is fine: the first push makes it.
      *'fetching tags list: invalid status code from registry 404'*) found="$MULTIARCH_IMAGE is not there yet (the first push makes it)" ;;
      *'invalid username/password'* | *unauthorized* | *denied*)
        if [ -n "$stored_user" ]; then
          error "registry $1 refuses the login of $stored_user${credentials:+ from Jenkins credentials '$credentials'} ($(registry_reason "$read_error")): correct that login's username and password, or name the right credentials in credentialsId for $1 in registries."
        elif [ -n "$credentials" ]; then
          error "registry $1 asks for a login, and none is stored here ($(registry_reason "$read_error")): log in with Jenkins credentials '$credentials' first (the pipeline does, before this check)."
        else
          error "registry $1 asks for a login ($(registry_reason "$read_error")): name Jenkins username/password credentials in credentialsId for $1 in registries."
        fi
        return ;;
      *)
        if registry_problem "$1" "$read_error"; then
          problems=1
        else
          echo "WARNING: registry $1 could not be checked: $(registry_reason "$read_error")"
        fi
        return ;;
    esac
  fi
  echo "OK: registry $1 answers ($tls), ${stored_user:+accepts the login of $stored_user, }$found."
}
for host in ${MULTIARCH_REGISTRIES:-}; do
  check_registry "$host"
done

# --- Base images: every image a FROM of the Dockerfile names (base_image_stages in common.sh),
# read from its registry without pulling it, has every platform its stage is built for. Uses
# $native_arch and $problems above.

# What base image $1 offers, read from its registry without pulling it: one OS/ARCH[/VARIANT] a
# line, as its index lists them (attestations left out); "single MEDIA-TYPE [OS/ARCH[/VARIANT]]"
# for an image that is no index (its platform where its config can be read); or "unreadable
# REASON". skopeo reads the manifest as the registry serves it; without skopeo (the podman
# container of a Kubernetes pod), podman manifest inspect, which has --tls-verify since podman
# 4.4 only, so it is given only for a registry that needs it.
base_image_offers() {
  ref=$1
  tls=$(tls_flag "$(image_host "$ref")")
  if command -v skopeo >/dev/null 2>&1; then
    set -- skopeo inspect --raw "$tls" "docker://$ref"
  elif [ "$tls" = --tls-verify=false ]; then
    set -- podman manifest inspect "$tls" "$ref"
  else
    set -- podman manifest inspect "$ref"
  fi
  if ! raw=$("$@" 2>"$base_dir/error"); then
    reason=$(tool_reason "$base_dir/error")
    echo "unreadable ${reason:-$1 failed}"
    return
  fi
  entries=$(printf '%s\n' "$raw" | index_entries)
  case $entries in
    not-an-index*)
      media=${entries#not-an-index }
      own=
      [ "$1" != skopeo ] || own=$(single_image_platform "$ref" "$tls")
      echo "single $media${own:+ $own}" ;;
    *) printf '%s\n' "$entries" | awk '$3 != "attestation-manifest" && !seen[$2]++ { print $2 }' ;;
  esac
}

check_base_images() {
  # Untraced: its awk programs and the indexes they read would fill the log with hundreds of
  # lines, where each FROM gets one line of its own.
  { set +x; } 2>/dev/null
  # multiarchPreflight alone is given no build section: nothing to check.
  [ -n "${MULTIARCH_DOCKERFILE:-}" ] || return 0
  if ! find_dockerfile; then
    echo "WARNING: base images not checked: no $MULTIARCH_DOCKERFILE (build.dockerfile) in $(pwd) or in the build context $MULTIARCH_CONTEXT. Run the check where the source is checked out."
    return 0
  fi
  stages=$(base_image_stages "$dockerfile" "linux/$native_arch")
  base_dir=$state_dir/base-images
  rm -rf "$base_dir"
  mkdir -p "$base_dir"
  while IFS='|' read -r line image kind needed written; do
    [ -n "$line" ] || continue
    if problem=$(base_image_problem "$line" "$image" "$written"); then
      error "$problem"
      continue
    fi
    where="$MULTIARCH_DOCKERFILE:$line"
    # Each image is read once, however many stages start from it.
    cache=$base_dir/$(checksum "$image")
    [ -f "$cache" ] || base_image_offers "$image" >"$cache"
    offers=$(cat "$cache")
    case $offers in
      unreadable*)
        error "base image $image ($where) cannot be read from its registry: ${offers#unreadable }"
        continue ;;
      single*)
        set -- ${offers#single }
        if [ -z "${2:-}" ]; then
          if [ "$needed" = "${needed%,*}" ]; then
            echo "WARNING: base image $image ($where) is a single image ($1), not an index, and its platform cannot be read here without pulling it: it must be $needed."
          else
            error "base image $image ($where) is a single image ($1), not an index, so it cannot have each of $(echo "$needed" | sed 's/,/, /g'). Choose a tag or image whose index has every platform in platforms (skopeo inspect --raw docker://$image lists them)."
          fi
          continue
        fi
        offers=$2
        single=' (a single image, not an index)' ;;
      *) single= ;;
    esac
    keys=$(for offer in $offers; do platform_key "$offer"; done)
    missing=
    for platform in $(echo "$needed" | tr , ' '); do
      printf '%s\n' "$keys" | grep -qxF "$(platform_key "$platform")" || missing="$missing, $platform"
    done
    has=$(echo $offers | sed 's/ /, /g')
    if [ -z "$missing" ]; then
      echo "OK: base image $image has $(echo "$needed" | sed 's/,/, /g')$single"
    elif [ "$kind" = pinned ]; then
      error "base image $image ($where) has no ${missing#, }, which the --platform of its FROM asks for; it has $has$single. Choose a tag or image that has it (skopeo inspect --raw docker://$image lists them), or change that --platform."
    else
      error "base image $image ($where) has no ${missing#, }; it has $has$single. Choose a tag or image whose index has every platform in platforms (skopeo inspect --raw docker://$image lists them), or drop the platform."
    fi
  done <<EOF
$stages
EOF
  rm -rf "$base_dir"
}
check_base_images
[ -z "$jma_trace" ] || set -x
exit "$problems"
