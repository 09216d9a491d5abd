import { fill } from '../model/messages.js';

/**
 * The Pod an `agent { kubernetes { yaml … } }` runs on: one container in which podman builds
 * images rootless, without `privileged: true`, no host paths and no devices.
 *
 * Placeholders, each inside a double-quoted YAML scalar: `{container}` (the container name) and
 * `{image}` (a podman image such as `quay.io/podman/stable:v4.3.1`). They are filled by plain
 * `{name}` substitution, in TypeScript and in Groovy alike, so the text has no other braces; it
 * also has no backslash, single quote or dollar sign, so it can sit in a Groovy `'''` string as
 * is.
 *
 * Why the settings that are not obvious are there:
 * - AppArmor annotation and `appArmorProfile: Unconfined`: the runtime's default profile denies
 *   mount(2), which podman needs in its own user namespace (annotation before Kubernetes 1.30,
 *   field from 1.30; the API server requires them to agree when both are set).
 * - `command: sleep infinity`: the kubernetes plugin runs each step by exec into a live container.
 * - `STORAGE_DRIVER=vfs`: needs neither /dev/fuse (a device plugin) nor overlay mounts.
 * - `BUILDAH_ISOLATION=chroot`: RUN without a nested container, which needs a new /proc mount.
 * - `runAsUser: 1000`: the image's `podman` user, the one with ranges in /etc/subuid and subgid.
 * - `allowPrivilegeEscalation: true`: false sets no_new_privs, and newuidmap/newgidmap then lose
 *   the file capabilities they map the subordinate ids with.
 * - capabilities `drop ALL, add SETUID SETGID`: exactly what those file capabilities need in the
 *   bounding set; the user namespace podman creates gets a full set of its own regardless.
 * - `seccompProfile: Unconfined`: the runtime's default profile refuses unshare or mount
 *   without CAP_SYS_ADMIN, so rootless podman could not set up its user and mount namespaces.
 * - emptyDir at ~/.local/share/containers: vfs layers are full copies; they go to node disk, not
 *   the container's overlay root, and go away with the pod.
 */
export const POD_TEMPLATE = `# A Pod for the Jenkins kubernetes plugin in which podman builds images ROOTLESS: the build
# container is not privileged and gets no host path and no device. The plugin adds its own jnlp
# container and the workspace volume, and runs each step in the build container by exec.
#
# What the node must provide, since a pod cannot set it for itself:
# - QEMU for the other platforms: qemu-user-static registered in binfmt_misc with the F (fix
#   binary) flag, so that the kernel opens the emulator at registration and finds it from any
#   mount namespace or chroot a build runs in. Check the flags line of, for example,
#   /proc/sys/fs/binfmt_misc/qemu-aarch64: it must contain F.
# - Unprivileged user namespaces: user.max_user_namespaces above 0, and on Ubuntu 23.10 and later
#   kernel.apparmor_restrict_unprivileged_userns=0.
# - A namespace that admits the pod: the baseline Pod Security Standard refuses an explicit
#   Unconfined seccomp or AppArmor profile, so the namespace needs the privileged level (which
#   allows, not grants, anything), or Localhost profiles that allow unshare and mount instead.
apiVersion: v1
kind: Pod
metadata:
  annotations:
    # AppArmor for Kubernetes before 1.30; appArmorProfile below does the same from 1.30 on.
    # The default profile of containerd and CRI-O denies mount, which podman needs inside its
    # own user namespace to set up storage and chroot builds.
    "container.apparmor.security.beta.kubernetes.io/{container}": "unconfined"
spec:
  containers:
    - name: "{container}"
      image: "{image}"
      # The plugin runs steps by exec into this container: it has to stay up for the build.
      command:
        - sleep
      args:
        - infinity
      env:
        # The home of the podman user, where podman keeps its configuration and storage.
        - name: HOME
          value: /home/podman
        # vfs copies each layer instead of overlaying it: slower and bigger, but it needs no
        # /dev/fuse (fuse-overlayfs, which takes a device plugin) and no overlay mounts inside a
        # user namespace.
        - name: STORAGE_DRIVER
          value: vfs
        # RUN instructions run in a chroot rather than a nested OCI container, which would need a
        # new PID namespace and a fresh /proc mount that an unprivileged container cannot make.
        - name: BUILDAH_ISOLATION
          value: chroot
      securityContext:
        # The podman user of quay.io/podman/stable (uid 1000): /etc/subuid and /etc/subgid give
        # it the subordinate ids that the user namespace of a build maps.
        runAsUser: 1000
        runAsGroup: 1000
        runAsNonRoot: true
        privileged: false
        # Left true on purpose. newuidmap and newgidmap map those subordinate ids with
        # CAP_SETUID and CAP_SETGID, which they get from file capabilities (setuid root in other
        # images). false sets no_new_privs, under which exec ignores both, and podman fails with
        # "newuidmap: write to uid_map failed: Operation not permitted".
        allowPrivilegeEscalation: true
        capabilities:
          # The bounding set limits what those file capabilities can grant: exactly these two.
          # The user namespace podman creates gets a full set of its own whatever this says.
          # (A setuid-root newuidmap also needs SYS_ADMIN and DAC_OVERRIDE here: use an image
          # with file capabilities instead, as quay.io/podman/stable is.)
          drop:
            - ALL
          add:
            - SETUID
            - SETGID
        # The runtime default seccomp profiles refuse unshare or mount to a process without
        # CAP_SYS_ADMIN, and rootless podman needs both for its user and mount namespaces.
        # Explicit, as kubelets with --seccomp-default apply those profiles when it is unset.
        seccompProfile:
          type: Unconfined
        appArmorProfile:
          type: Unconfined
      volumeMounts:
        # Image storage: vfs layers are full copies, better on node disk than in the overlay
        # root of the container, and thrown away with the pod.
        - name: containers-storage
          mountPath: /home/podman/.local/share/containers
  volumes:
    - name: containers-storage
      emptyDir:
        # Node disk, not memory.
        medium: ""
`;

/** The pod of a Kubernetes agent; the shared library fills the same template in Groovy. */
export function podYaml(kubernetes: {
  readonly image: string;
  readonly container: string;
}): string {
  return fill(POD_TEMPLATE, { image: kubernetes.image, container: kubernetes.container });
}
