import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { loadResources } from '../src/package-files.js';

/**
 * The pod of an agent.kubernetes build, resources/jenkins-multiarch/pod.yaml, filled as the
 * runtime fills it (vars/multiarchRuntime.groovy podYaml, run by the e2e): each placeholder
 * replaced once.
 */
const POD_TEMPLATE = loadResources().get('pod.yaml')!;
const container = 'podman-build';
const image = 'quay.io/podman/stable:v4.3.1';
const skopeoImage = 'quay.io/skopeo/stable:v1';
const fill = (seLinuxOptions: string) =>
  POD_TEMPLATE.replace('{container}', container)
    .replace('{container}', container)
    .replace('{image}', image)
    .replace('{skopeoImage}', skopeoImage)
    .replace('{seLinuxOptions}', seLinuxOptions)
    .replace('{nodeSelector}', '{}');
const filled = fill('{}');
const pod = parse(filled) as {
  metadata: { annotations: Record<string, string> };
  spec: {
    nodeSelector: Record<string, string>;
    containers: {
      name: string;
      image: string;
      command: string[];
      args: string[];
      env: { name: string; value: string }[];
      securityContext: Record<string, unknown> & {
        capabilities: { drop: string[]; add: string[] };
      };
      volumeMounts: { name: string; mountPath: string }[];
    }[];
    volumes: { name: string; emptyDir?: unknown; hostPath?: unknown }[];
  };
};
const build = pod.spec.containers[0]!;
const skopeo = pod.spec.containers[1]!;
const env = Object.fromEntries(build.env.map(({ name, value }) => [name, value]));

describe('pod.yaml', () => {
  test('has exactly five placeholders, and no other braces', () => {
    expect(POD_TEMPLATE.match(/\{[^}]*\}/g)!.sort()).toEqual([
      '{container}',
      '{container}',
      '{image}',
      '{nodeSelector}',
      '{seLinuxOptions}',
      '{skopeoImage}',
    ]);
  });

  test('puts every value inside a double-quoted scalar, and the SELinux options as a mapping', () => {
    for (const line of POD_TEMPLATE.split('\n').filter((l) => l.includes('{'))) {
      expect(line, line).toMatch(
        /^[^#]*("[^"]*\{(container|image|skopeoImage)\}[^"]*"|(seLinuxOptions|nodeSelector): \{\3\}$)/,
      );
    }
    expect(build.securityContext.seLinuxOptions).toEqual({});
    const typed = parse(fill('{type: "container_engine_t"}')) as typeof pod;
    expect(typed.spec.containers[0]!.securityContext.seLinuxOptions).toEqual({
      type: 'container_engine_t',
    });
  });

  test('is one Pod with the podman container and the skopeo one, named and imaged as filled in', () => {
    expect(pod).toMatchObject({ apiVersion: 'v1', kind: 'Pod' });
    expect(pod.spec.containers.map((c) => [c.name, c.image])).toEqual([
      [container, image],
      ['skopeo', skopeoImage],
    ]);
  });

  test('keeps the containers alive for the plugin to exec steps in', () => {
    for (const c of pod.spec.containers)
      expect([...c.command, ...c.args], c.name).toEqual(['sleep', 'infinity']);
  });

  test('gives the skopeo container no privilege at all', () => {
    expect(skopeo.securityContext).toEqual({
      runAsUser: 1000,
      runAsGroup: 1000,
      runAsNonRoot: true,
      privileged: false,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  test('runs podman rootless and unprivileged', () => {
    const security = build.securityContext;
    expect(security.privileged).toBe(false);
    expect(security.runAsUser).toBe(1000);
    expect(security.runAsGroup).toBe(1000);
    expect(security.runAsNonRoot).toBe(true);
    // newuidmap's file capabilities: nothing beyond SETUID and SETGID, and no no_new_privs.
    expect(security.capabilities).toEqual({ drop: ['ALL'], add: ['SETUID', 'SETGID'] });
    expect(security.allowPrivilegeEscalation).toBe(true);
    expect(filled).not.toMatch(/privileged:\s*true/);
    // No host namespaces or paths, no devices (a /dev/fuse device plugin would be a resource).
    expect(Object.keys(pod.spec).sort()).toEqual(['containers', 'nodeSelector', 'volumes']);
    expect(pod.spec.nodeSelector).toEqual({});
    expect(pod.spec.volumes.every((v) => v.hostPath === undefined)).toBe(true);
    expect(Object.keys(build).sort()).toEqual(
      ['args', 'command', 'env', 'image', 'name', 'securityContext', 'volumeMounts'].sort(),
    );
    expect(Object.keys(skopeo).sort()).toEqual(
      ['args', 'command', 'env', 'image', 'name', 'securityContext'].sort(),
    );
  });

  test('lifts seccomp and AppArmor confinement for the podman container only', () => {
    expect(build.securityContext.seccompProfile).toEqual({ type: 'Unconfined' });
    expect(build.securityContext.appArmorProfile).toEqual({ type: 'Unconfined' });
    // The pre-1.30 annotation must agree with the field and name the same container.
    expect(pod.metadata.annotations).toEqual({
      [`container.apparmor.security.beta.kubernetes.io/${container}`]: 'unconfined',
    });
  });

  test('builds with vfs storage and chroot isolation', () => {
    expect(env).toMatchObject({ STORAGE_DRIVER: 'vfs', BUILDAH_ISOLATION: 'chroot' });
    expect(env.HOME).toBe('/home/podman');
  });

  test('keeps image storage on an emptyDir mounted where rootless podman looks', () => {
    const mount = build.volumeMounts.find(
      (m) => m.mountPath === `${env.HOME}/.local/share/containers`,
    );
    expect(mount).toBeDefined();
    const volume = pod.spec.volumes.find((v) => v.name === mount!.name);
    expect(volume).toBeDefined();
    expect(volume!.emptyDir).toEqual({ medium: '' });
    expect(pod.spec.volumes).toHaveLength(1);
  });

  test('tells the reader what the node must provide, and what was measured to break it', () => {
    expect(POD_TEMPLATE).toMatch(/qemu-user-static registered in binfmt_misc with the F/);
    expect(POD_TEMPLATE).toMatch(
      /allowPrivilegeEscalation: false: "newuidmap: write to uid_map failed"/,
    );
    expect(POD_TEMPLATE).toMatch(
      /must allow clone and unshare with namespace flags, mount and umount2, and chroot/,
    );
    expect(POD_TEMPLATE).toMatch(/agent\.kubernetes\.seLinuxType, e\.g\. container_engine_t/);
  });
});
