#!/usr/bin/env bash
# Installs and configures everything the test suite drives for real, on a fresh Debian 12
# machine, as root. Idempotent: a second run only re-checks.
#
#   podman, skopeo, qemu-user-static + binfmt-support   the build tool and cross-arch emulation
#   jq                                                  mirror.sh's filtered indexes
#   runc                                                runs the smoke run's containers (see containers.conf)
#   docker-registry, apache2-utils (htpasswd)          the registry the e2e pushes to
#   openssl                                             a throwaway CA for the registry over HTTPS
#   groovy 2.4 + a headless JDK                         the Groovy that Jenkins bundles
#   pre-commit                                          installs and runs this repository's hooks
#   busybox-static for amd64, arm64, mips64el           the multi-arch base image, built offline
#   a user "jmagent" with subuid/subgid                 the rootless agent the e2e runs as
#   useradd/userdel (passwd)                            test/preflight.test.ts's user without subuids
set -euo pipefail

AGENT_USER=${JMA_AGENT_USER:-jmagent}
CACHE=/var/cache/jenkins-multiarch-test
# Debian names mips64le "mips64el"; the base image is built for these Debian architectures.
BASE_ARCHES="amd64 arm64 mips64el"

log() { printf 'test-env: %s\n' "$*"; }

[ "$(id -u)" = 0 ] || { echo "test-env: run as root (it installs packages and configures binfmt_misc)" >&2; exit 2; }
export DEBIAN_FRONTEND=noninteractive

added_arch=0
for arch in $BASE_ARCHES; do
  [ "$arch" = "$(dpkg --print-architecture)" ] && continue
  if ! dpkg --print-foreign-architectures | grep -qx "$arch"; then
    dpkg --add-architecture "$arch"
    added_arch=1
  fi
done

packages="podman skopeo jq uidmap slirp4netns runc qemu-user-static binfmt-support docker-registry apache2-utils
  openssl groovy openjdk-17-jre-headless git ca-certificates busybox-static tar gzip pre-commit passwd"
missing=$(for p in $packages; do dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"; done)
if [ -n "$missing" ] || [ "$added_arch" = 1 ]; then
  log "installing: ${missing:-(foreign package lists only)}"
  apt-get update -qq
  [ -z "$missing" ] || apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# Static busybox for each architecture of the test base image (no registry on the internet needed).
for arch in $BASE_ARCHES; do
  bin="$CACHE/busybox/$arch/busybox"
  [ -x "$bin" ] && continue
  log "fetching busybox-static:$arch"
  work=$(mktemp -d)
  if ! (cd "$work" && apt-get download -qq "busybox-static:$arch" >/dev/null 2>&1); then
    apt-get update -qq
    (cd "$work" && apt-get download -qq "busybox-static:$arch" >/dev/null)
  fi
  dpkg-deb -x "$work"/busybox-static_*.deb "$work/root"
  mkdir -p "$(dirname "$bin")"
  install -m 0755 "$work/root/bin/busybox" "$bin"
  rm -rf "$work"
done

# QEMU user emulation: binfmt_misc must be mounted and the qemu handlers enabled, or every
# foreign RUN step fails with "exec format error".
if [ ! -e /proc/sys/fs/binfmt_misc/status ]; then
  mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
fi
update-binfmts --enable >/dev/null 2>&1 || true
# qemu-s390x: test/preflight.test.ts disables it for a moment, and needs it enabled to start with.
for handler in qemu-aarch64 qemu-mips64el qemu-s390x; do
  if ! head -n1 "/proc/sys/fs/binfmt_misc/$handler" 2>/dev/null | grep -qx enabled; then
    update-binfmts --enable "$handler"
  fi
  grep -q '^flags: .*F' "/proc/sys/fs/binfmt_misc/$handler" || {
    echo "test-env: $handler is registered without the F (fix-binary) flag; containers cannot use it" >&2; exit 1; }
done

# The rootless agent: an ordinary user with subordinate ids, vfs storage and cgroupfs, as on a
# Jenkins agent without systemd.
if ! id "$AGENT_USER" >/dev/null 2>&1; then
  log "creating agent user $AGENT_USER"
  useradd --create-home --shell /bin/bash "$AGENT_USER"
fi
grep -q "^$AGENT_USER:" /etc/subuid || usermod --add-subuids 200000-265535 "$AGENT_USER"
grep -q "^$AGENT_USER:" /etc/subgid || usermod --add-subgids 200000-265535 "$AGENT_USER"
home=$(getent passwd "$AGENT_USER" | cut -d: -f6)
conf="$home/.config/containers"
install -d -o "$AGENT_USER" -g "$AGENT_USER" "$home/.config" "$conf"
cat > "$conf/storage.conf" <<'CONF'
[storage]
driver = "vfs"
CONF
# runc, not Debian's default crun 1.8: on this test machine's hybrid cgroup hierarchy crun refuses
# every rootless `podman run` ("cgroups in hybrid mode not supported"), and runc runs them. A
# fact of the test machines, not something jenkins-multiarch needs of an agent.
cat > "$conf/containers.conf" <<'CONF'
[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
runtime = "runc"
CONF
chown "$AGENT_USER:" "$conf/storage.conf" "$conf/containers.conf"

java_home=/usr/lib/jvm/java-17-openjdk-$(dpkg --print-architecture)
log "ready: $(podman --version), $(skopeo --version), groovy $(JAVA_HOME=$java_home groovy --version 2>/dev/null | sed -n 's/^Groovy Version: \([^ ]*\).*/\1/p'), $(pre-commit --version), agent user $AGENT_USER"
