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

# --- Base images: every image a FROM of the Dockerfile names, read from its registry without
# pulling it, has every platform its stage is built for. Uses $native_arch and $problems above.

# The images the Dockerfile's stages start from, one line per FROM and image, as podman build
# resolves them (openshift/imagebuilder as vendored by podman 4.3.1: dispatchers.go from,
# builder.go NewStages and ThroughTarget; buildah imagebuildah/executor.go Build):
#   LINE|IMAGE|KIND|PLATFORM,...|AS-WRITTEN
# KIND is "targets" when the stage is built for each target platform, "pinned" when its
# --platform names another (a literal, or $BUILDPLATFORM: the agent's own). IMAGE is empty when
# the FROM names none once substituted. Substituted: the ARGs before the first FROM (a build arg
# overrides one of them; an undeclared build arg reaches no FROM), and the platform ARGs podman
# sets for each target platform. Skipped: scratch, earlier stages (by AS name, or by position
# for a stage without one), and, with a target, the stages after it. A target that names no stage
# prints "no-target|STAGES".
base_image_stages() {
  awk -v targets="$MULTIARCH_PLATFORMS" -v buildplatform="linux/$native_arch" -v target="${MULTIARCH_TARGET:-}" '
    # A variable as the word is being substituted: unset and empty alike give "".
    function val(name) { return (name in env) ? env[name] : "" }
    # Shell-style word processing as imagebuilder ProcessWord does it: quotes, backslash escapes,
    # $VAR, ${VAR}, ${VAR:-default} and ${VAR:+alternative}.
    function subst(s,   out, i, c, q, j, depth, body, name, rest) {
      out = ""; q = ""
      for (i = 1; i <= length(s); i++) {
        c = substr(s, i, 1)
        if (q == "\047") { if (c == "\047") q = ""; else out = out c; continue }
        if (c == "\047" && q == "") { q = c; continue }
        if (c == "\"") { q = (q == "" ? c : ""); continue }
        if (c == "\\" && i < length(s)) { out = out substr(s, ++i, 1); continue }
        if (c == "$" && substr(s, i + 1, 1) == "{") {
          depth = 1
          for (j = i + 2; j <= length(s) && depth > 0; j++) {
            if (substr(s, j, 1) == "{") depth++
            else if (substr(s, j, 1) == "}") depth--
          }
          body = substr(s, i + 2, j - i - 3); i = j - 1
          match(body, /^[A-Za-z_][A-Za-z0-9_]*/)
          name = substr(body, 1, RLENGTH); rest = substr(body, RLENGTH + 1)
          if (substr(rest, 1, 2) == ":-") out = out (val(name) != "" ? val(name) : subst(substr(rest, 3)))
          else if (substr(rest, 1, 2) == ":+") out = out (val(name) != "" ? subst(substr(rest, 3)) : "")
          else out = out val(name)
          continue
        }
        if (c == "$" && match(substr(s, i + 1), /^[A-Za-z_][A-Za-z0-9_]*/)) {
          out = out val(substr(s, i + 1, RLENGTH)); i += RLENGTH
          continue
        }
        out = out c
      }
      return out
    }
    # The variables of a FROM built for target platform p: podman sets the platform ARGs, which
    # win over ARGs of the same names (buildah imagebuildah/build.go, BUILDPLATFORM from
    # imagebuilder dispatchers.go); then the ARGs before the first FROM, in order, each the build
    # arg of its name if there is one, else its default.
    function platform_env(p,   parts, k, name) {
      split("", env)
      split(p, parts, "/")
      env["TARGETPLATFORM"] = p; env["TARGETOS"] = parts[1]; env["TARGETARCH"] = parts[2]; env["TARGETVARIANT"] = parts[3]
      split(buildplatform, parts, "/")
      env["BUILDPLATFORM"] = buildplatform; env["BUILDOS"] = parts[1]; env["BUILDARCH"] = parts[2]; env["BUILDVARIANT"] = parts[3]
      for (k = 1; k <= nargs; k++) {
        name = argname[k]
        if (name ~ /^(TARGET|BUILD)(PLATFORM|OS|ARCH|VARIANT)$/) continue
        if (name in buildarg) env[name] = buildarg[name]
        else if (name in argdefault) env[name] = subst(argdefault[name])
      }
    }
    function instruction(text, line,   w, n, k, word, flag, image, as, t, p, img, plat, count, seen, order, pinned, platforms, e) {
      sub(/^[ \t]+/, "", text)
      n = split(text, w, /[ \t]+/)
      if (toupper(w[1]) == "ARG" && stage < 0) {
        for (k = 2; k <= n; k++) {
          word = w[k]
          argname[++nargs] = (index(word, "=") ? substr(word, 1, index(word, "=") - 1) : word)
          if (index(word, "=")) argdefault[argname[nargs]] = substr(word, index(word, "=") + 1)
        }
        return
      }
      if (toupper(w[1]) != "FROM" || done) return
      stage++
      flag = ""
      for (k = 2; k <= n && w[k] ~ /^--/; k++)
        if (tolower(w[k]) ~ /^--platform=/) flag = substr(w[k], 12)
      image = w[k]
      as = (tolower(w[k + 1]) == "as" && w[k + 2] != "") ? w[k + 2] : stage ""
      count = 0
      for (t = 1; t <= ntargets; t++) {
        p = target_platform[t]
        platform_env(p)
        img = subst(image)
        plat = subst(flag)
        if (plat == "") plat = p
        if (img == "scratch" || (img in stagename)) continue
        if (!(img in seen)) { seen[img] = 1; order[++count] = img; pinned[img] = 0; platforms[img] = "" }
        if (plat != p) pinned[img] = 1
        if (!index("," platforms[img] ",", "," plat ",")) platforms[img] = platforms[img] (platforms[img] == "" ? "" : ",") plat
      }
      for (e = 1; e <= count; e++)
        print line "|" order[e] "|" (pinned[order[e]] ? "pinned" : "targets") "|" platforms[order[e]] "|" image
      stagename[as] = 1
      stages = stages (stages == "" ? "" : ", ") as
      if (target != "" && as == target) done = 1
    }
    BEGIN {
      ntargets = split(targets, target_platform, ",")
      # The build args of the config, numbered as build.sh reads them: NAME=value.
      for (k = 1; ("MULTIARCH_BUILD_ARG_" k) in ENVIRON; k++) {
        word = ENVIRON["MULTIARCH_BUILD_ARG_" k]
        buildarg[substr(word, 1, index(word, "=") - 1)] = substr(word, index(word, "=") + 1)
      }
      stage = -1
    }
    # An instruction continues over lines ending in a backslash; comment and empty lines inside it
    # are left out, as the Dockerfile parser does. It is reported at its first line.
    {
      sub(/\r$/, "")
      if ($0 ~ /^[ \t]*(#.*)?$/) next
      if (text == "") first = NR
      if (match($0, /\\[ \t]*$/)) { text = text substr($0, 1, RSTART - 1); next }
      instruction(text $0, first)
      text = ""
    }
    END {
      if (text != "") instruction(text, first)
      if (target != "" && !done) print "no-target|" stages
    }' "$1"
}

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
      [ "$1" != skopeo ] || own=$(skopeo inspect --config --raw "$tls" "docker://$ref" 2>/dev/null | index_entries | awk '{ print $3 }')
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
  # podman build reads --file from its working directory, else from inside the context (buildah
  # imagebuildah/build.go BuildDockerfiles: "try again with context directory prepended").
  dockerfile=$MULTIARCH_DOCKERFILE
  [ -f "$dockerfile" ] || dockerfile=$MULTIARCH_CONTEXT/$MULTIARCH_DOCKERFILE
  if [ ! -f "$dockerfile" ]; then
    echo "WARNING: base images not checked: no $MULTIARCH_DOCKERFILE (build.dockerfile) in $(pwd) or in the build context $MULTIARCH_CONTEXT. Run the check where the source is checked out."
    return 0
  fi
  stages=$(base_image_stages "$dockerfile")
  base_dir=$state_dir/base-images
  rm -rf "$base_dir"
  mkdir -p "$base_dir"
  while IFS='|' read -r line image kind needed written; do
    [ -n "$line" ] || continue
    where="$MULTIARCH_DOCKERFILE:$line"
    if [ "$line" = no-target ]; then
      error "build.target $MULTIARCH_TARGET names no stage of $MULTIARCH_DOCKERFILE; its stages are: $image."
      continue
    fi
    if [ -z "$image" ]; then
      error "the FROM at $where names no image once its variables are substituted: $written. Give the ARG a default before the first FROM, or set it in build.args."
      continue
    fi
    # Each image is read once, however many stages start from it.
    cache=$base_dir/$(printf '%s' "$image" | cksum | cut -d' ' -f1)
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
