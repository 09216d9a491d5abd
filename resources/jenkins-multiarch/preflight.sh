# jenkins-multiarch preflight: podman works here and QEMU can run every foreign platform.
if ! command -v podman >/dev/null 2>&1; then
  echo 'ERROR: podman is not installed on this agent; install it or choose an agent label that has it.'
  exit 1
fi
podman --version
native_arch=$(podman info --format '{{.Host.Arch}}')
binfmt=/proc/sys/fs/binfmt_misc
problems=0
for entry in $MULTIARCH_EMULATION; do
  arch=${entry%%:*}
  handler=${entry#*:}
  [ "$arch" = "$native_arch" ] && continue
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
