import { describe, expect, test } from 'vitest';
import {
  formatImageReference,
  mirrorDestination,
  parseImageReference,
} from '../src/model/image-reference.js';

// Expected values as containers/image's docker/reference normalizes them
// (reference/normalize_test.go, TestParseNormalizedNamed, and TagNameOnly).
describe('parseImageReference', () => {
  test.each([
    ['debian', 'docker.io/library/debian:latest'],
    ['debian:bookworm', 'docker.io/library/debian:bookworm'],
    ['library/debian:12', 'docker.io/library/debian:12'],
    ['acme/app', 'docker.io/acme/app:latest'],
    ['index.docker.io/acme/app:1', 'docker.io/acme/app:1'],
    ['docker.io/debian', 'docker.io/library/debian:latest'],
    ['quay.io/podman/stable:v4.3.1', 'quay.io/podman/stable:v4.3.1'],
    ['localhost/app', 'localhost/app:latest'],
    ['127.0.0.1:5000/base/busybox:1', '127.0.0.1:5000/base/busybox:1'],
    ['registry:5000/app', 'registry:5000/app:latest'],
    [`debian@sha256:${'a'.repeat(64)}`, `docker.io/library/debian@sha256:${'a'.repeat(64)}`],
    [`debian:12@sha256:${'b'.repeat(64)}`, `docker.io/library/debian:12@sha256:${'b'.repeat(64)}`],
  ])('%s is %s', (reference, whole) => {
    expect(formatImageReference(parseImageReference(reference))).toBe(whole);
  });
});

describe('mirrorDestination', () => {
  test.each([
    [
      'debian:bullseye',
      '192.168.41.96:5000',
      '192.168.41.96:5000/docker.io/library/debian:bullseye',
    ],
    [
      'quay.io/podman/stable',
      'harbor.lan/mirror/',
      'harbor.lan/mirror/quay.io/podman/stable:latest',
    ],
    [
      `debian@sha256:${'c'.repeat(64)}`,
      'h.lan',
      `h.lan/docker.io/library/debian@sha256:${'c'.repeat(64)}`,
    ],
    [`debian:12@sha256:${'d'.repeat(64)}`, 'h.lan', 'h.lan/docker.io/library/debian:12'],
    // A repository path has no colon or capital: the port joins the host with "-".
    ['127.0.0.1:5000/base/busybox:1', 'h.lan', 'h.lan/127.0.0.1-5000/base/busybox:1'],
    ['Registry.LAN:443/app:1', 'h.lan', 'h.lan/registry.lan-443/app:1'],
  ])('%s under %s is %s', (source, prefix, destination) => {
    expect(mirrorDestination(source, prefix)).toBe(destination);
  });
});
