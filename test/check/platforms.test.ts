import { describe, expect, test } from 'vitest';
import {
  architectures,
  labelArchitectures,
  nativeArchitectures,
} from '../../src/check/platforms.js';

const entries = (...values: string[]) => values.map((value) => ({ value, start: 0, end: 0 }));

describe('architectures', () => {
  test('known platforms by their table arch, others by the part after the OS, else as written', () => {
    expect([
      ...architectures(entries('linux/amd64', 'linux/arm/v7', 'linux/loong64', 'arm64')),
    ]).toEqual(['amd64', 'arm', 'loong64', 'arm64']);
  });

  test('two variants of one architecture are one architecture', () => {
    expect([...architectures(entries('linux/arm/v6', 'linux/arm/v7'))]).toEqual(['arm']);
  });
});

describe('labelArchitectures', () => {
  test.each([
    // Words of any label, in any case, split at anything but letters, digits and `_`.
    [['docker&&X64'], ['amd64']],
    [['linux && aarch64', 'arm64'], ['arm64']],
    [['arm64', 'podman'], ['arm64']],
    [['x86_64'], ['amd64']],
    [['podman', 'armhf'], ['arm']],
    // An architecture named by its table arch that is no alias.
    [['s390x'], ['s390x']],
    [['riscv64 || ppc64le'], ['riscv64', 'ppc64le']],
    // x86 means x86-64 in labels as often as 32-bit: it names nothing.
    [['x86'], []],
    [['podman', 'linux'], []],
    [['toString && constructor'], []],
  ])('%j', (labels, archs) => {
    expect([...labelArchitectures(labels)]).toEqual(archs);
  });
});

describe('nativeArchitectures', () => {
  test.each([
    [['amd64'], ['amd64', '386']],
    [['arm64'], ['arm64', 'arm']],
    [['s390x'], ['s390x']],
    [['constructor'], ['constructor']],
    [
      ['amd64', 'ppc64le'],
      ['amd64', '386', 'ppc64le'],
    ],
  ])('%j', (agents, native) => {
    expect([...nativeArchitectures(new Set(agents))]).toEqual(native);
  });
});
