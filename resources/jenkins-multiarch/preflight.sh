# jenkins-multiarch preflight: podman works here, QEMU can run every foreign platform, and the
# Verify step will be able to read the registry.
if ! command -v podman >/dev/null 2>&1; then
  echo 'ERROR: podman is not installed on this agent; install it or choose an agent label that has it.'
  exit 1
fi
podman --version
native_arch=$(podman info --format '{{.Host.Arch}}')
problems=0
if [ -n "${MULTIARCH_NATIVE:-}" ]; then
  # An agent of a parallel branch: its platform must be its own, and Verify runs elsewhere.
  want=${MULTIARCH_NATIVE#*/}
  want=${want%%/*}
  if [ "$native_arch" != "$want" ]; then
    echo "ERROR: this agent, meant to build $MULTIARCH_NATIVE natively, is $native_arch: native.$MULTIARCH_NATIVE must select $want machines."
    problems=1
  fi
elif [ -n "${MULTIARCH_VERIFY_CONTAINER:-}" ]; then
  echo "INFO: the Verify step reads the registry with skopeo in container $MULTIARCH_VERIFY_CONTAINER."
elif ! command -v skopeo >/dev/null 2>&1; then
  echo 'ERROR: skopeo is not installed here, and the Verify step needs it to read the pushed index back. Install it (apt-get install skopeo, dnf install skopeo).'
  problems=1
fi

checked=
for platform in $(printf '%s\n' "$MULTIARCH_PLATFORMS" | tr , ' '); do
  # linux/arm/v7 -> arm: the architecture as podman names the agent's own.
  arch=${platform#*/}
  arch=${arch%%/*}
  [ "$arch" = "$native_arch" ] && continue
  if ! handler=$(qemu_handler "$platform"); then
    echo "ERROR: no QEMU handler is known for $platform."
    problems=1
    continue
  fi
  case " $checked " in *" $handler "*) continue ;; esac
  checked="$checked $handler"
  if [ ! -e "$binfmt/status" ]; then
    echo "WARNING: $binfmt is not visible here, so QEMU emulation for $arch cannot be checked. If the build fails with 'exec format error', register qemu-user-static handlers on the node."
  elif [ ! -e "$binfmt/$handler" ]; then
    echo "ERROR: no binfmt_misc handler $handler: this $native_arch agent cannot run $arch build steps. On the node, as root: apt-get install qemu-user-static binfmt-support (or run the tonistiigi/binfmt image with --install $arch)."
    problems=1
  elif [ "$(head -n 1 "$binfmt/$handler")" != enabled ]; then
    echo "ERROR: binfmt_misc handler $handler is disabled. On the node, as root: update-binfmts --enable $handler"
    problems=1
  elif ! grep -q '^flags:.*F' "$binfmt/$handler"; then
    echo "ERROR: binfmt_misc handler $handler lacks the F (fix-binary) flag, so it cannot work inside build containers. Re-register it with fix_binary yes (Debian's qemu-user-static does)."
    problems=1
  else
    echo "INFO: $arch runs under $(sed -n 's/^interpreter //p' "$binfmt/$handler")"
  fi
done
exit "$problems"
