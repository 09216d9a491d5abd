import { expect, test } from 'vitest';
import { check, fixture, spots } from './support.js';

/**
 * The Jenkinsfiles from field reports 000 and 001 (the same pipeline, the second re-indented),
 * with what a reviewer who knows podman would say about them, written down before the rules ran:
 *  - `--manifest release.daocloud.io/demo/dao-2048:v1` on a list nothing ever removes: the second
 *    build on an agent appends to the first build's list (manifest-reuse, error);
 *  - linux/amd64 and linux/arm64 through QEMU with no binfmt_misc check, although the report's own
 *    text says handlers must be installed by hand on every node (missing-qemu-preflight);
 *  - `docker build --manifest` and `docker manifest push --all` are podman options that work only
 *    because docker is podman on those agents (docker-podman-mismatch, twice).
 * Nothing else: no credentials are used, and the platform strings are right.
 */
test('seed 000', () => {
  expect(spots(check(fixture('seeds/seed-000.Jenkinsfile')))).toEqual([
    '28:28 missing-qemu-preflight', // --platform=$platform, platform=linux/amd64,linux/arm64
    '28:50 docker-podman-mismatch', // docker build … --manifest
    '28:50 manifest-reuse', // --manifest release.daocloud.io/demo/dao-2048:v1
    '29:22 docker-podman-mismatch', // docker manifest push --all
  ]);
});

test('seed 001', () => {
  expect(spots(check(fixture('seeds/seed-001.Jenkinsfile')))).toEqual([
    '26:38 missing-qemu-preflight',
    '26:59 docker-podman-mismatch',
    '26:59 manifest-reuse',
    '27:32 docker-podman-mismatch',
  ]);
});

test("seed 000's build fails the check, so a pre-commit hook stops it", () => {
  const errors = check(fixture('seeds/seed-000.Jenkinsfile')).filter((f) => f.severity === 'error');
  expect(errors.map((f) => f.rule)).toEqual(['manifest-reuse']);
});
