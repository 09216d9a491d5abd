import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG, type CheckConfig } from '../../src/check/check.js';
import { ALL_RULES, DOCKERFILE_RULES } from '../../src/check/rules/index.js';
import { check, fixture, fixturePath, spots } from './support.js';

/**
 * A rule's fixtures are Jenkinsfiles, Dockerfiles for the Dockerfile rules, or a library's vars/
 * step for the rules about libraries (checked as one, with the library's steps).
 */
const DOCKERFILE_IDS = new Set(DOCKERFILE_RULES.map((rule) => rule.meta.id));
const LIBRARY_IDS = new Set(['sandbox-refused-call']);
const fixtureOf = (id: string, kind: 'bad' | 'good') =>
  `${id}.${kind}.${DOCKERFILE_IDS.has(id) ? 'Dockerfile' : LIBRARY_IDS.has(id) ? 'groovy' : 'Jenkinsfile'}`;
/** Rules that run only under a setting, with it. */
const SETTINGS: Record<string, CheckConfig> = {
  'script-splitting-variable': { ...DEFAULT_CONFIG, scriptSplitting: true },
};
const checkFixture = (id: string, kind: 'bad' | 'good') =>
  check(
    fixture(`rules/${fixtureOf(id, kind)}`),
    SETTINGS[id],
    DOCKERFILE_IDS.has(id) ? 'dockerfile' : 'groovy',
    LIBRARY_IDS.has(id) ? ['call'] : undefined,
  );

/**
 * Each rule's bad fixture and the exact spots (line:column) where it must report, written from
 * the fixture before the rule was run; each good fixture must be clean of every rule.
 */
const EXPECTED: Record<string, string[]> = {
  'groovy-syntax': ['7:49'],
  'empty-file': ['1:1'],
  'misplaced-section': ['3:3', '4:3', '9:7', '14:7', '17:11', '23:5'],
  'required-section': ['1:1', '4:7', '6:11', '13:7'],
  'stage-content': ['4:11', '11:7'],
  'duplicate-section': ['6:7', '11:5', '13:3'],
  'duplicate-stage-name': ['8:15', '11:11'],
  'unknown-post-condition': ['7:9', '13:5', '14:5'],
  'unknown-when-condition': ['7:9', '10:11', '11:11'],
  'secret-interpolation': ['12:25', '15:38'],
  'password-on-command-line': ['5:35', '6:19'],
  'credentials-in-url': ['6:27', '7:31', '8:31', '9:26', '14:57'],
  'secret-in-trace': ['9:42', '11:27'],
  'masked-secret-in-trace': ['11:17', '12:45', '18:41'],
  'platform-tag-without-manifest': ['8:59'],
  'manifest-reuse': ['10:61'],
  'manifest-create-without-amend': ['3:21'],
  'manifest-push-without-all': ['6:12', '7:21', '8:22'],
  'missing-qemu-preflight': ['9:26'],
  'unknown-platform': ['4:30', '13:47', '14:35', '14:48'],
  'insecure-registry': ['5:50', '8:34'],
  'docker-socket': ['5:25', '11:32'],
  'privileged-pod': ['2:117', '9:7'],
  'docker-podman-mismatch': ['3:19', '4:60', '6:18'],
  'compile-under-emulation': ['5:1', '11:1'],
  'buildplatform-ignored': ['2:6', '5:6'],
  'unknown-step': ['6:9', '8:26', '16:7', '23:5', '24:5'],
  'literal-too-large': ['2:15', '30:14'],
  'script-splitting-variable': ['3:1', '4:1'],
  'noncps-step': ['4:3', '5:24', '12:29'],
  'sandbox-refused-call': ['2:14', '3:17', '4:17', '5:3', '6:3', '7:13', '8:20'],
  'bad-suppression': ['2:3', '4:3', '6:3'],
};

describe.each(ALL_RULES.map((rule) => [rule.meta.id, rule] as const))('%s', (id, rule) => {
  test('reports each mistake in the bad fixture at its exact spot', () => {
    const findings = checkFixture(id, 'bad');
    expect(spots(findings, id)).toEqual(EXPECTED[id]!.map((spot) => `${spot} ${id}`));
    for (const finding of findings.filter((f) => f.rule === id)) {
      expect(finding.severity).toBe(rule.meta.severity);
      expect(finding.message.length).toBeGreaterThan(40);
      expect(finding.fix.length).toBeGreaterThan(10);
    }
  });

  test('finds nothing at all in the good fixture', () => {
    expect(spots(checkFixture(id, 'good'))).toEqual([]);
  });
});

test('every fixture belongs to a rule, and every rule has both fixtures', () => {
  const files = readdirSync(fixturePath('rules')).sort();
  const expected = ALL_RULES.flatMap((rule) => [
    fixtureOf(rule.meta.id, 'bad'),
    fixtureOf(rule.meta.id, 'good'),
  ]).sort();
  expect(files).toEqual(expected);
});

describe('messages name what happens and the fix', () => {
  test('password-on-command-line names the command and option', () => {
    const [finding] = check(fixture('rules/password-on-command-line.bad.Jenkinsfile'));
    expect(finding!.message).toMatch(/^podman login -p puts the password on the command line/);
    expect(finding!.fix).toContain('--password-stdin');
  });

  test('credentials-in-url masks a written secret and names the Jenkins credential to use', () => {
    const [written, atRunTime] = check(fixture('rules/credentials-in-url.bad.Jenkinsfile'));
    expect(written!.message).toMatch(
      /^oauth2:\*\*\*@ puts credentials in a URL: the secret is written/,
    );
    expect(written!.message).not.toContain('SECRET');
    expect(written!.fix).toContain("credentialsId: 'ID'");
    expect(written!.fix).toContain('Revoke the token');
    expect(atRunTime!.message).toContain('the secret comes from $GIT_TOKEN at run time');
    expect(atRunTime!.fix).toContain('gitUsernamePassword');
  });

  test('manifest-reuse quotes the measured duplicate entries and the list name', () => {
    const [finding] = check(fixture('rules/manifest-reuse.bad.Jenkinsfile'));
    expect(finding!.message).toContain('[arm64, amd64, amd64, arm64]');
    expect(finding!.fix).toContain('podman manifest rm "$LIST"');
  });

  test('unknown-platform tells a normalised alias from a typo', () => {
    const [alias, typo] = check(fixture('rules/unknown-platform.bad.Jenkinsfile'));
    expect(alias!.message).toContain('normalises it to linux/arm64');
    expect(alias!.fix).toBe('Write linux/arm64');
    expect(typo!.message).toContain('"linux/arm46" is not a platform');
    expect(typo!.fix).toBe('Write linux/arm64');
  });

  test('unknown-platform sends linux/arm/v8 to linux/arm64, and names what podman makes of linux/arm', () => {
    const [, , armV8, arm] = check(fixture('rules/unknown-platform.bad.Jenkinsfile'));
    expect(armV8!.message).toContain('32-bit ARM');
    expect(armV8!.fix).toBe('Write linux/arm64');
    expect(arm!.message).toContain('normalises it to linux/arm/v7');
    expect(arm!.fix).toBe('Write linux/arm/v7');
  });

  test('insecure-registry names the registry and how to declare it', () => {
    const [login] = check(fixture('rules/insecure-registry.bad.Jenkinsfile'));
    expect(login!.message).toContain('towards registry.lan:5000');
    expect(login!.fix).toContain('// jenkins-multiarch-insecure-registry: registry.lan:5000');
  });
});
