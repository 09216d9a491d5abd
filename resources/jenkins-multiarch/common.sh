# jenkins-multiarch: shared by every step. Values arrive as MULTIARCH_* environment variables.
{ case $- in *x*) jma_trace=1 ;; *) jma_trace= ;; esac; set +x; } 2>/dev/null
: "${WORKSPACE:?is not set: run this step inside a Jenkins workspace}"
: "${BUILD_TAG:?is not set: run this step inside a Jenkins build}"
state_dir="$WORKSPACE/.jenkins-multiarch"
# A short name for text $1 (a BUILD_TAG, an image reference) that is a valid tag or file name.
checksum() { printf '%s' "$1" | cksum | cut -d' ' -f1; }
# One local manifest list per build, named from its BUILD_TAG: a rebuild or a concurrent build
# never appends to another's.
list_name() {
  printf 'localhost/jenkins-multiarch:%s-%s' "$(checksum "$1")" "$(printf '%s' "$1" | tr -c 'A-Za-z0-9_.-' '-' | cut -c1-100)"
}
# Removes list $1 and those of the parallel branches built beside it.
remove_lists() {
  for list in "$1" ${MULTIARCH_BRANCH:+"$1-$MULTIARCH_BRANCH"}; do
    podman manifest rm "$list" >/dev/null 2>&1 || true
  done
  for branch in ${MULTIARCH_BRANCHES:-}; do
    podman manifest rm "$1-$branch" >/dev/null 2>&1 || true
  done
}
# Jenkins lends a workspace to one build at a time: a concurrent build gets WORKSPACE@2 (core's
# hudson.slaves.WorkspaceList.allocate). So state another BUILD_TAG left here is a dead build's,
# killed before its Cleanup: its logins and lists go before this build does anything.
if [ -f "$state_dir/build-tag" ] && [ "$(cat "$state_dir/build-tag")" != "$BUILD_TAG" ]; then
  dead=$(cat "$state_dir/build-tag")
  echo "INFO: removing what build $dead left in this workspace when it stopped before its Cleanup: its registry logins and its local manifest lists."
  remove_lists "$(list_name "$dead")"
  rm -rf "$state_dir"
fi
# Logins live in the workspace, not in the agent user's home, and go away with the build.
export REGISTRY_AUTH_FILE="$state_dir/auth.json"
# It must exist even when no registry needs a login: podman 4.3 refuses a REGISTRY_AUTH_FILE that
# names no file ("checking authfile: stat …: no such file or directory").
if [ ! -f "$REGISTRY_AUTH_FILE" ]; then
  (umask 077 && mkdir -p "$state_dir" && printf '{"auths": {}}\n' >"$REGISTRY_AUTH_FILE" && printf '%s\n' "$BUILD_TAG" >"$state_dir/build-tag")
fi
manifest_list=$(list_name "$BUILD_TAG")
build_hash=$(checksum "$BUILD_TAG")
# A parallel branch of the native strategy builds into a list of its own.
[ -z "${MULTIARCH_BRANCH:-}" ] || manifest_list="$manifest_list-$MULTIARCH_BRANCH"
# Where a parallel branch pushes its images for the merge step: the first registry, under a tag
# of this build's own, which no other build writes.
branch_ref() {
  printf '%s/%s:jenkins-multiarch-%s-%s' "${MULTIARCH_REGISTRIES%% *}" "$MULTIARCH_IMAGE" "$build_hash" "$1"
}
# --tls-verify for one registry host: off only for the registries the config marks tlsVerify: false.
tls_flag() {
  case " ${MULTIARCH_INSECURE_REGISTRIES:-} " in
    *" $1 "*) echo --tls-verify=false ;;
    *) echo --tls-verify=true ;;
  esac
}
# The Jenkins credentials ID the config names for registry host $1, if any.
credentials_id() {
  for entry in ${MULTIARCH_REGISTRY_CREDENTIALS:-}; do
    [ "${entry%=*}" != "$1" ] || printf '%s' "${entry##*=}"
  done
}
# The cause at the end of podman's error text $1: its last line without "Error: " or "* ", and
# without what comes before the quoted URL, so 'Get "https://h/v2/": x509: certificate signed by
# unknown authority' gives 'x509: certificate signed by unknown authority'.
registry_reason() {
  printf '%s\n' "$1" | sed -n '/[^[:space:]]/h; ${x; s/^[[:space:]]*//; s/^\* //; s/^Error: //; s/.*": //; p;}'
}
# One ERROR line with the fix, when podman's error text $2 says registry $1 cannot be spoken to:
# unreachable, HTTP where HTTPS was asked for, or a certificate refused. The words are podman
# 4.3.1's (measured for login and search: test/preflight.test.ts); false for any other failure.
registry_problem() {
  case $2 in
    *'server gave HTTP response to HTTPS client'*)
      echo "ERROR: registry $1 answers over plain HTTP, and registries says tlsVerify: true for it: set tlsVerify: false for $1 in registries." ;;
    *x509:* | *'tls: '*)
      echo "ERROR: registry $1's TLS certificate is refused ($(registry_reason "$2")): on the agent, put the CA certificate that signed it in /etc/containers/certs.d/$1/ca.crt (for a rootless agent user, ~/.config/containers/certs.d/$1/ca.crt), or set tlsVerify: false for $1 in registries." ;;
    *'connection refused'* | *'no such host'* | *'i/o timeout'* | *'no route to host'* | *'network is unreachable'* | *'connection reset'*)
      echo "ERROR: registry $1 cannot be reached ($(registry_reason "$2")): check its host[:port] in registries, that it is running, and that this agent's network reaches it." ;;
    *) return 1 ;;
  esac
}
# Whether a command that `timeout --kill-after` ran since STARTED (seconds since the epoch) ran out
# of its SECONDS: 124 when SIGTERM stopped it, 137 when it did not stop and was killed. A 137
# before the time is up is another kill (out of memory, say), not the timeout.
timed_out() {
  [ "$1" -eq 124 ] || { [ "$1" -eq 137 ] && [ $(($(date +%s) - $2)) -ge "$3" ]; }
}
# Pushes this build's list and every image in it to REF, retrying with a growing wait; the digest
# goes to $state_dir/digest. --all: every platform's image, not only the list (podman 4.3 defaults
# to it; older podman did not). A try is stopped after push.timeoutSeconds: podman waits for a
# registry's answer without a deadline (containers/image's HTTP transport has none; a pull request
# to add one: podman-container-tools/container-libs#777), so a registry that accepts a request and
# never answers would hold the push until Jenkins' own timeout (test/e2e-faults.test.ts stalls
# one). The images go before the index, which podman writes last, so a try stopped anywhere leaves
# no tag naming missing images.
push_list() {
  attempt=0
  limit=${MULTIARCH_PUSH_TIMEOUT_SECONDS:-1800}
  while :; do
    started=$(date +%s)
    status=0
    timeout --kill-after=10 "${limit}s" podman manifest push --all "$(tls_flag "${1%%/*}")" --digestfile "$state_dir/digest" "$manifest_list" "docker://$1" || status=$?
    [ "$status" -ne 0 ] || return 0
    outcome=failed
    ! timed_out "$status" "$started" "$limit" || outcome="was stopped after $limit seconds (push.timeoutSeconds)"
    attempt=$((attempt + 1))
    if [ "$attempt" -gt "${MULTIARCH_PUSH_RETRIES:-0}" ]; then
      last= raise=push.retries
      if [ "$outcome" != failed ]; then
        last=", the last $outcome"
        raise="push.timeoutSeconds if the link to the registry is slow, or push.retries"
      fi
      echo "ERROR: pushing $1 failed on every try (1 + push.retries = $attempt)$last: raise $raise if the registry needs longer to come back."
      exit 1
    fi
    echo "WARNING: pushing $1 $outcome; retry $attempt of $MULTIARCH_PUSH_RETRIES in $((attempt * 5)) seconds."
    sleep $((attempt * 5))
  done
}
# The qemu-user binfmt_misc handler that runs a platform's binaries on an agent of another
# architecture, as qemu-user-static names them; and where the kernel lists the handlers.
qemu_handler() {
  case $1 in
    linux/amd64) echo qemu-x86_64 ;;
    linux/arm64) echo qemu-aarch64 ;;
    linux/arm/v7 | linux/arm/v6) echo qemu-arm ;;
    linux/386) echo qemu-i386 ;;
    linux/mips64le) echo qemu-mips64el ;;
    linux/ppc64le | linux/s390x | linux/riscv64) echo "qemu-${1#linux/}" ;;
    *) return 1 ;;
  esac
}
binfmt=${MULTIARCH_BINFMT_MISC:-/proc/sys/fs/binfmt_misc}
# The words of the numbered variables NAME_1, NAME_2, … (how the config's lists and mappings
# arrive), each after FLAG if one is given, as references to them for eval:
# eval "set -- \"\$@\" $(numbered NAME [FLAG])" appends the words, whatever they hold.
numbered() {
  i=1
  while eval "[ -n \"\${$1_$i+set}\" ]"; do
    printf ' %s"$%s_%s"' "${2:+$2 }" "$1" "$i"
    i=$((i + 1))
  done
}
# The tags tags.sh computed for this build, one per line.
read_tags() {
  if [ ! -f "$state_dir/tags" ]; then
    echo "ERROR: this build's tags are not computed yet: run the Build step (multiarchBuild) first, in this workspace." >&2
    exit 2
  fi
  cat "$state_dir/tags"
}
# What this build is built from: commit, branch, release tag and origin URL. source.sh records
# them right after the checkout, where git is, so later steps need no git (a podman container
# may have none); without that record they are read here. A multibranch job says what it builds
# (TAG_NAME for a tag, BRANCH_NAME for a branch); any other job asks its checkout.
describe_source() {
  if [ -d "$state_dir/source" ]; then
    commit=$(cat "$state_dir/source/commit")
    branch=$(cat "$state_dir/source/branch")
    release=$(cat "$state_dir/source/release")
    origin=$(cat "$state_dir/source/origin")
    return
  fi
  if [ -n "${TAG_NAME:-}" ]; then
    release=$TAG_NAME
    branch=
  elif [ -n "${BRANCH_NAME:-}" ]; then
    release=
    branch=$BRANCH_NAME
  else
    # HEAD may carry several tags (v1.2.3 and a marker such as "deployed", or a release and its
    # candidate), and git describe names just one of them: the highest version among them goes first.
    release=$({ git -c versionsort.suffix=- tag --points-at HEAD --sort=-v:refname | grep -x 'v\{0,1\}[0-9]\{1,\}\.[0-9]\{1,\}\.[0-9]\{1,\}\([-+][0-9A-Za-z.+-]\{1,\}\)\{0,1\}' || git describe --tags --exact-match HEAD; } 2>/dev/null | head -n 1 || true)
    branch=${GIT_LOCAL_BRANCH:-$(git symbolic-ref -q --short HEAD 2>/dev/null || printf '%s' "${GIT_BRANCH#origin/}")}
    # `checkout scm` leaves HEAD detached and sets no GIT_BRANCH: the remote branch at HEAD it is.
    if [ -z "$branch" ]; then
      branch=$(git for-each-ref --points-at HEAD --format='%(refname:lstrip=3)' refs/remotes 2>/dev/null | grep -vx HEAD | head -n 1 || true)
    fi
  fi
  commit=${GIT_COMMIT:-$(git rev-parse HEAD 2>/dev/null || true)}
  # Untraced (in the subshell only): the URL may carry a token (https://user:token@host/...).
  origin=$({ set +x; } 2>/dev/null; printf '%s' "${GIT_URL:-$(git config --get remote.origin.url 2>/dev/null || true)}" | sed 's#^\([A-Za-z+]*://\)[^/@]*@#\1#')
}
# The registry host of an image reference, as containers/image tells it from a path: the first
# component if it has a dot or a port or is localhost, else Docker Hub.
image_host() {
  case $1 in
    */*) first=${1%%/*} ;;
    *) first= ;;
  esac
  case $first in
    *.* | *:* | localhost) echo "$first" ;;
    *) echo docker.io ;;
  esac
}
# The names of platforms as they match: an arm64 entry with or without its variant v8 is one.
platform_key() {
  case $1 in
    */arm64/v8) echo "${1%/v8}" ;;
    *) echo "$1" ;;
  esac
}
# Why a podman or skopeo command failed, from its error output in file $1: the last line, without
# its "Error:" or logrus decoration.
tool_reason() {
  grep . "$1" | tail -n 1 | sed 's/^Error: //; s/^time=.* msg="\(.*\)"$/\1/; s/\\"/"/g'
}
# The OS/ARCH[/VARIANT] of single image $1 (a registry reference), as its config says, read
# without pulling it with skopeo's --tls-verify flag $2; empty when it cannot be read. Shared by
# preflight.sh (a base image that is no index) and mirror.sh (a source that is none).
single_image_platform() {
  skopeo inspect --config --raw "$2" "docker://$1" 2>/dev/null | index_entries | awk '{ print $3 }'
}
# The entries of a JSON image index, one line each: DIGEST OS/ARCH[/VARIANT] REFERENCE-TYPE
# (the vnd.docker.reference.type annotation, "-" if none; attestations say attestation-manifest).
# A document without a top-level "manifests" list prints "not-an-index MEDIA-TYPE", followed by
# " OS/ARCH[/VARIANT]" when it says so at its top level, as an image's config does. The index may
# be compact or indented, so it is read token by token rather than line by line. Shared by
# verify.sh (the pushed index), preflight.sh (the base images) and mirror.sh (what it copies).
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
      else if (p == "os" || p == "architecture" || p == "variant") own[p] = v
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
      if (!listed) {
        print "not-an-index " (media == "" ? "unknown" : media) (own["os"] == "" ? "" : " " own["os"] "/" own["architecture"] (own["variant"] == "" ? "" : "/" own["variant"]))
        exit
      }
      for (e = 1; e <= n; e++)
        print digest[e], os[e] "/" arch[e] (variant[e] == "" ? "" : "/" variant[e]), (reftype[e] == "" ? "-" : reftype[e])
    }'
}
# The Dockerfile podman build reads, in $dockerfile: build.dockerfile from the working directory,
# else from inside the context (buildah imagebuildah/build.go BuildDockerfiles: "try again with
# context directory prepended"); false when neither is a file.
find_dockerfile() {
  dockerfile=$MULTIARCH_DOCKERFILE
  [ -f "$dockerfile" ] || dockerfile=$MULTIARCH_CONTEXT/$MULTIARCH_DOCKERFILE
  [ -f "$dockerfile" ]
}
# The images the Dockerfile's stages start from, one line per FROM and image, as podman build
# resolves them (openshift/imagebuilder as vendored by podman 4.3.1: dispatchers.go from,
# builder.go NewStages and ThroughTarget; buildah imagebuildah/executor.go Build):
#   LINE|IMAGE|KIND|PLATFORM,...|AS-WRITTEN
# KIND is "targets" when the stage is built for each target platform, "pinned" when its
# --platform names another (a literal, or $BUILDPLATFORM: platform $2, the agent's own). IMAGE is empty when
# the FROM names none once substituted. Substituted: the ARGs before the first FROM (a build arg
# overrides one of them; an undeclared build arg reaches no FROM), and the platform ARGs podman
# sets for each target platform. Skipped: scratch, earlier stages (by AS name, or by position
# for a stage without one), and, with a target, the stages after it. A target that names no stage
# prints "no-target|STAGES".
# Shared by preflight.sh, which checks these images, and base-images.sh, which lists them for
# `jenkins-multiarch mirror --from-config`.
base_image_stages() {
  awk -v targets="$MULTIARCH_PLATFORMS" -v buildplatform="$2" -v target="${MULTIARCH_TARGET:-}" '
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
# What is wrong with line "$1|$2|…|$3" of base_image_stages (LINE, IMAGE, AS-WRITTEN), if anything:
# a target that names no stage, or a FROM that names no image once substituted; false otherwise.
base_image_problem() {
  if [ "$1" = no-target ]; then
    echo "build.target $MULTIARCH_TARGET names no stage of $MULTIARCH_DOCKERFILE; its stages are: $2."
  elif [ -z "$2" ]; then
    echo "the FROM at $MULTIARCH_DOCKERFILE:$1 names no image once its variables are substituted: $3. Give the ARG a default before the first FROM, or set it in build.args."
  else
    return 1
  fi
}
[ -z "$jma_trace" ] || set -x
