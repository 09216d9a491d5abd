# jenkins-multiarch smoke: the pushed index, by its digest, run once for each platform this agent
# can run (natively or under QEMU), without network; each must run its own architecture. What the
# run pulls goes again, so a static agent does not fill up.
tags=$(read_tags)
if [ -z "$tags" ]; then
  echo 'INFO: no tag applies to this build; nothing was pushed to run.'
  exit 0
fi
if [ ! -s "$state_dir/digest" ]; then
  echo "ERROR: the digest of this build's index is not known: run the Push step (multiarchPush) first, in this workspace."
  exit 2
fi
registry=${MULTIARCH_REGISTRIES%% *}
ref="$registry/$MULTIARCH_IMAGE@$(cat "$state_dir/digest")"
# smoke.command, one word per variable; without it, uname -m, whose answer is checked.
eval "set -- $(numbered MULTIARCH_SMOKE_COMMAND)"
command_given=$#
[ "$command_given" -gt 0 ] || set -- uname -m

# What uname -m prints for a platform's programs, on a kernel of its own or under QEMU. qemu-arm
# emulates an ARMv7 CPU whatever the image's variant (measured: an arm/v6 image prints armv7l).
machine_names() {
  case $1 in
    linux/amd64) echo x86_64 ;;
    linux/arm64) echo aarch64 ;;
    linux/arm/v7) echo armv7l ;;
    linux/arm/v6) echo armv6l armv7l ;;
    linux/386) echo i686 ;;
    linux/mips64le) echo mips64 ;;
    linux/ppc64le | linux/s390x | linux/riscv64) echo "${1#linux/}" ;;
  esac
}

info=$(podman info --format '{{.Host.Arch}} {{.Store.GraphRoot}}/{{.Store.GraphDriverName}}-images')
native_arch=${info%% *}
# The images on this agent before the run, from the storage's directory of one per image id:
# `podman images` fails while a manifest list that `podman build --manifest` made exists, as this
# build's does (podman 4.3.1, measured).
present="$state_dir/images-before-smoke"
ls "${info#* }" >"$present" 2>/dev/null || true
errors="$state_dir/smoke-errors"
status=0
for platform in $(printf '%s\n' "$MULTIARCH_PLATFORMS" | tr , ' '); do
  arch=${platform#*/}
  arch=${arch%%/*}
  expected=$(machine_names "$platform")
  note=
  handler=$(qemu_handler "$platform") || handler=
  if [ "$arch" = "$native_arch" ] || [ "$(head -n 1 "$binfmt/$handler" 2>/dev/null)" = enabled ]; then
    : # natively, or under QEMU
  elif [ "$native_arch/$arch" = amd64/386 ] || [ "$native_arch/$arch" = arm64/arm ]; then
    # A 64-bit kernel runs its own 32-bit programs, and uname -m names the kernel's machine for
    # them too (measured: linux/386 on amd64 prints x86_64).
    expected="$expected $(uname -m)"
    note=", which this $native_arch kernel also says for its own programs: it starts, but its architecture is not proven here"
  elif [ -e "$binfmt/status" ]; then
    echo "WARNING: $platform is not run: this $native_arch agent runs it neither natively nor under QEMU (no enabled binfmt_misc handler ${handler:-for it}). To run it here, as root on the node: apt-get install qemu-user-static binfmt-support."
    continue
  fi
  # Otherwise binfmt_misc is not visible here (in a container), and the node may have the
  # handler: the run tells.

  # Pulled, then run by its id: podman 4.3 runs a local image of the same name even when it is
  # another platform's, with only a warning (measured).
  if ! id=$(podman pull -q "$(tls_flag "$registry")" --platform "$platform" "$ref"); then
    echo "ERROR: $platform of $ref cannot be pulled (podman's message is above)."
    status=1
    continue
  fi
  exit_code=0
  output=$(podman run --rm --network none "$id" "$@" 2>"$errors") || exit_code=$?
  cat "$errors" >&2
  [ "$command_given" -eq 0 ] || printf '%s\n' "$output"
  # An image that was here before (a build's, whose layers are the next build's cache) loses only
  # the run's name: podman rmi of a built image removes its whole chain of layers (measured).
  if grep -qx "$id" "$present"; then
    podman untag "$id" "$ref"
  else
    podman rmi "$id" >/dev/null
  fi

  last_error=$(tail -n 1 "$errors")
  if [ "$exit_code" -ne 0 ]; then
    if [ "$command_given" -gt 0 ]; then
      echo "ERROR: $platform of $ref: smoke.command $* exited with $exit_code: ${last_error:-no message}"
    elif [ "$exit_code" -eq 127 ]; then
      echo "ERROR: $platform of $ref has no uname command: give smoke.command a command its image has, e.g. [\"/app\", \"--version\"], or set smoke.enabled: false."
    else
      echo "ERROR: $platform of $ref does not start (exit $exit_code): ${last_error:-no message}"
    fi
    status=1
  elif [ "$command_given" -gt 0 ]; then
    echo "OK: $platform runs ($* exited 0)"
  else
    case " $expected " in
      *" $output "*) echo "OK: $platform runs (uname -m: $output$note)" ;;
      *)
        echo "ERROR: $platform of $ref printed ${output:-nothing} for uname -m, not $(echo "$expected" | sed 's/ / or /g'): its image holds programs of another architecture. Check that the Dockerfile's base image, and any binaries it downloads or copies, are for $platform (ARG TARGETARCH names its architecture)."
        status=1 ;;
    esac
  fi
done
exit "$status"
