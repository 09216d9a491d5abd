import { describe, expect, test } from 'vitest';
import { example } from '../../src/check/rule.js';
import { check } from './support.js';

/**
 * Beyond each rule's case table (src/check/rules/<id>.test.ts), which pins where and which
 * message: what the messages say, with the command, the names and the fix filled in.
 */
const findings = (source: string, rule: string) => check(source).filter((f) => f.rule === rule);

describe('messages name what happens and the fix', () => {
  test('password-on-command-line names the command and option', () => {
    const [finding] = findings(
      example`
        node('podman') {
          withCredentials([usernamePassword(credentialsId: 'registry', usernameVariable: 'REG_USER', passwordVariable: 'REG_PASSWORD')]) {
            sh 'podman login -u "$REG_USER" -p "$REG_PASSWORD" registry.example.com'
          }
        }
      `,
      'password-on-command-line',
    );
    expect(finding!.message).toMatch(/^podman login -p puts the password on the command line/);
    expect(finding!.fix).toContain('--password-stdin');
  });

  test('credentials-in-url masks a written secret and names the Jenkins credential to use', () => {
    const [written, atRunTime] = findings(
      example`
        node {
          git url: 'https://oauth2:glpat-SECRET@gitlab.example.com/team/app.git', branch: 'main'
          sh 'git clone https://ci:$GIT_TOKEN@git.example.com/team/tools.git'
        }
      `,
      'credentials-in-url',
    );
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
    const [finding] = findings(
      example`
        node('podman') {
          sh 'podman build --platform linux/amd64,linux/arm64 --manifest "$LIST" .'
        }
      `,
      'manifest-reuse',
    );
    expect(finding!.message).toContain('[arm64, amd64, amd64, arm64]');
    expect(finding!.fix).toContain('podman manifest rm "$LIST"');
  });

  test('unknown-platform tells a normalised alias from a typo, and names what podman makes of linux/arm', () => {
    const [alias, typo, armV8, arm] = findings(
      example`
        node('podman') {
          sh 'podman build --platform linux/amd64,linux/aarch64 --manifest app-list .'
          sh 'podman build --platform linux/amd64,linux/arm46 --manifest app-list .'
          sh 'podman build --platform linux/arm/v8,linux/arm --manifest app-list .'
        }
      `,
      'unknown-platform',
    );
    expect(alias!.message).toContain('normalises it to linux/arm64');
    expect(alias!.fix).toBe('Write linux/arm64');
    expect(typo!.message).toContain('"linux/arm46" is not a platform');
    expect(typo!.fix).toBe('Write linux/arm64');
    expect(armV8!.message).toContain('32-bit ARM');
    expect(armV8!.fix).toBe('Write linux/arm64');
    expect(arm!.message).toContain('normalises it to linux/arm/v7');
    expect(arm!.fix).toBe('Write linux/arm/v7');
  });

  test('insecure-registry names the registry and how to declare it', () => {
    const [login] = findings(
      example`
        node('podman') {
          sh 'podman login --tls-verify=false --username "$LAB_USER" --password-stdin registry.lan:5000 <token'
        }
      `,
      'insecure-registry',
    );
    expect(login!.message).toContain('towards registry.lan:5000');
    expect(login!.fix).toContain('// jenkins-multiarch-insecure-registry: registry.lan:5000');
  });
});
