import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { POD_TEMPLATE, podYaml } from '../src/render/pod-template.js';

const container = 'podman-build';
const image = 'quay.io/podman/stable:v4.3.1';
const filled = podYaml({ container, image });
const pod = parse(filled) as {
  metadata: { annotations: Record<string, string> };
  spec: {
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
const env = Object.fromEntries(build.env.map(({ name, value }) => [name, value]));

describe('POD_TEMPLATE', () => {
  test('has exactly the placeholders {container} and {image}, and no other braces', () => {
    expect([...new Set(POD_TEMPLATE.match(/\{[^}]*\}/g))].sort()).toEqual([
      '{container}',
      '{image}',
    ]);
    const withoutPlaceholders = POD_TEMPLATE.replaceAll('{container}', '').replaceAll(
      '{image}',
      '',
    );
    expect(withoutPlaceholders).not.toMatch(/[{}]/);
    expect(filled).not.toMatch(/[{}]/);
  });

  test('puts every placeholder inside a double-quoted scalar', () => {
    for (const line of POD_TEMPLATE.split('\n').filter((l) => l.includes('{'))) {
      expect(line, line).toMatch(/^[^#]*"[^"]*\{(container|image)\}[^"]*"/);
    }
  });

  test('fits in a Groovy triple-single-quoted string unchanged', () => {
    // No escapes, no end of the string, nothing a GString would interpolate if one were used.
    expect(POD_TEMPLATE).not.toMatch(/[\\'$`]/);
  });

  test('is one Pod with one container, named and imaged as filled in', () => {
    expect(pod).toMatchObject({ apiVersion: 'v1', kind: 'Pod' });
    expect(pod.spec.containers).toHaveLength(1);
    expect(build.name).toBe(container);
    expect(build.image).toBe(image);
  });

  test('keeps the container alive for the plugin to exec steps in', () => {
    expect([...build.command, ...build.args]).toEqual(['sleep', 'infinity']);
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
    expect(Object.keys(pod.spec).sort()).toEqual(['containers', 'volumes']);
    expect(pod.spec.volumes.every((v) => v.hostPath === undefined)).toBe(true);
    expect(Object.keys(build).sort()).toEqual(
      ['args', 'command', 'env', 'image', 'name', 'securityContext', 'volumeMounts'].sort(),
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

  test('tells the reader what the node must provide for emulation', () => {
    expect(POD_TEMPLATE).toMatch(/qemu-user-static registered in binfmt_misc with the F/);
  });
});
