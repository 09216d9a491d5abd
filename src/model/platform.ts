import { closest } from './suggest.js';

/**
 * The platforms jenkins-multiarch builds for, and how each is emulated on a foreign agent.
 * This table is the single source: the model validates against it and the renderer derives the
 * preflight's binfmt_misc checks from it.
 */
export interface PlatformInfo {
  /** OCI platform string as podman's --platform takes it. */
  readonly platform: string;
  /** Architecture as podman reports it (`podman info --format {{.Host.Arch}}`). */
  readonly arch: string;
  /** Name of the qemu-user binfmt_misc handler that runs this architecture's binaries. */
  readonly qemuHandler: string;
}

export const PLATFORMS: readonly PlatformInfo[] = [
  { platform: 'linux/amd64', arch: 'amd64', qemuHandler: 'qemu-x86_64' },
  { platform: 'linux/arm64', arch: 'arm64', qemuHandler: 'qemu-aarch64' },
  { platform: 'linux/arm/v7', arch: 'arm', qemuHandler: 'qemu-arm' },
  { platform: 'linux/arm/v6', arch: 'arm', qemuHandler: 'qemu-arm' },
  { platform: 'linux/386', arch: '386', qemuHandler: 'qemu-i386' },
  { platform: 'linux/ppc64le', arch: 'ppc64le', qemuHandler: 'qemu-ppc64le' },
  { platform: 'linux/s390x', arch: 's390x', qemuHandler: 'qemu-s390x' },
  { platform: 'linux/mips64le', arch: 'mips64le', qemuHandler: 'qemu-mips64el' },
  { platform: 'linux/riscv64', arch: 'riscv64', qemuHandler: 'qemu-riscv64' },
];

export const PLATFORM_NAMES: readonly string[] = PLATFORMS.map((p) => p.platform);

/** Names people write for an architecture (uname -m, Debian, other tools) mapped to ours. */
export const PLATFORM_ALIASES: Readonly<Record<string, string>> = {
  x86_64: 'linux/amd64',
  'x86-64': 'linux/amd64',
  amd64: 'linux/amd64',
  aarch64: 'linux/arm64',
  arm64: 'linux/arm64',
  'arm64/v8': 'linux/arm64',
  armhf: 'linux/arm/v7',
  armv7: 'linux/arm/v7',
  armv7l: 'linux/arm/v7',
  armel: 'linux/arm/v6',
  armv6: 'linux/arm/v6',
  i386: 'linux/386',
  i686: 'linux/386',
  x86: 'linux/386',
  ppc64el: 'linux/ppc64le',
  mips64el: 'linux/mips64le',
};

/** Our name for an architecture name people write, e.g. `aarch64`; own keys only (`constructor` is none). */
export function platformAlias(name: string): string | undefined {
  return Object.hasOwn(PLATFORM_ALIASES, name) ? PLATFORM_ALIASES[name] : undefined;
}

export function platformInfo(platform: string): PlatformInfo | undefined {
  return PLATFORMS.find((p) => p.platform === platform);
}

/** The known platform a mistyped one most likely meant, if any is close enough to suggest. */
export function suggestPlatform(input: string): string | undefined {
  const lower = input.trim().toLowerCase();
  const withoutOs = lower.replace(/^linux\//, '');
  const alias = platformAlias(withoutOs);
  if (alias) return alias;
  return closest(lower.includes('/') ? lower : `linux/${lower}`, PLATFORM_NAMES);
}
