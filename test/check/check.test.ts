import { describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/check/check.js';
import { example } from '../../src/check/rule.js';
import { check, spots } from './support.js';

/**
 * checkSource's own work, beyond any one rule: which parser and rules a file gets, what a file that
 * does not parse is spared, comments of a shared script, settings, and the findings' order.
 */

const PUSH_LIST = example`
  node('podman') {
    sh 'podman build --platform linux/amd64,linux/arm64 --manifest app-list .'
    sh 'podman push app-list docker://registry.example.com/acme/app:1.0'
  }
`;

describe('which parser and rules a file gets', () => {
  test('a Dockerfile gets the Dockerfile rules', () => {
    const dockerfile = 'FROM --platform=$BUILDPLATFORM golang:1.22\nRUN go build ./...\n';
    expect(spots(check(dockerfile, DEFAULT_CONFIG, 'dockerfile'))).toEqual([
      '1:6 buildplatform-ignored',
    ]);
  });

  test('a Jenkinsfile read as a Dockerfile gets none of the pipeline rules, read as Groovy it does', () => {
    expect(spots(check(PUSH_LIST, DEFAULT_CONFIG, 'dockerfile'))).toEqual([]);
    expect(spots(check(PUSH_LIST), 'manifest-push-without-all')).toEqual([
      '3:14 manifest-push-without-all',
    ]);
  });

  test('a syntax error names the place of the bracket it concerns as line:column', () => {
    const [finding] = check("node {\n  sh('make']\n}\n");
    expect(finding!.message).toContain('"]" cannot close the "(" opened at 2:5: expected ")"');
  });

  test('a file that does not parse gets its syntax error and nothing from a pipeline half read', () => {
    const broken = PUSH_LIST.replace(/\}\n$/, '  foo(\n}\n');
    expect(spots(check(broken))).toEqual(['5:1 groovy-syntax']);
  });
});

test('a script several steps run has its ignore comment once, so it is not also unused', () => {
  const source = example`
    def PUSH = '''
      # jenkins-multiarch-ignore insecure-registry the lab registry has no TLS
      podman push --tls-verify=false app docker://lab.example.com/acme/app:1.0
    '''
    node('podman') {
      sh PUSH
    }
    node('podman') {
      sh PUSH
    }
  `;
  expect(spots(check(source))).toEqual([]);
  // Without the comment it is reported, once though two steps run it: the comment is what silences.
  expect(spots(check(source.replace(/^ *#.*\n/m, '')))).toEqual(['2:15 insecure-registry']);
});

describe('settings', () => {
  const source = example`
    node('podman') {
      // jenkins-multiarch-ignore docker-socket nothing here mounts the socket
      sh 'podman push --tls-verify=false app docker://lab.example.com/acme/app:1.0'
      sh 'podman login -u ci -p hunter2 registry.example.com'
    }
  `;

  test('a severity set for a rule replaces its own', () => {
    const severities = (rules: Record<string, 'error' | 'warning' | 'off'>) =>
      check(source, { ...DEFAULT_CONFIG, rules }).map((f) => `${f.rule} ${f.severity}`);
    expect(severities({})).toEqual([
      'bad-suppression warning',
      'insecure-registry warning',
      'password-on-command-line error',
    ]);
    expect(
      severities({ 'insecure-registry': 'error', 'password-on-command-line': 'warning' }),
    ).toEqual([
      'bad-suppression warning',
      'insecure-registry error',
      'password-on-command-line warning',
    ]);
  });

  test("'off' silences a rule, the suppression rules too", () => {
    const off = (rules: Record<string, 'off'>) =>
      spots(check(source, { ...DEFAULT_CONFIG, rules }));
    expect(off({ 'insecure-registry': 'off', 'password-on-command-line': 'off' })).toEqual([
      '2:3 bad-suppression',
    ]);
    expect(off({ 'bad-suppression': 'off', 'password-on-command-line': 'off' })).toEqual([
      '3:19 insecure-registry',
    ]);
  });
});

test('findings are in the order of their place in the file, then of their rule id', () => {
  // The rules report these in their own order (the stage's two first, the password before
  // either --tls-verify); the user reads them top to bottom, and a line from left to right.
  const source = example`
    pipeline {
      agent any
      stages {
        stage('Build') {
          steps {
            sh 'podman push --tls-verify=false app docker://lab.example.com/app:1'
            sh 'podman login -u ci -p hunter2 --tls-verify=false registry.example.com'
          }
        }
        stage('Build') { environment { X = '1' } }
      }
    }
  `;
  expect(spots(check(source))).toEqual([
    '6:25 insecure-registry',
    '7:32 password-on-command-line',
    '7:43 insecure-registry',
    '10:11 duplicate-stage-name',
    '10:11 stage-content',
  ]);
});

test('findings of one rule at one place keep the order the rule gives them', () => {
  const messages = check("pipeline {\n  post { always { echo 'x' } }\n}\n").map(
    (f) => `${f.line}:${f.column} ${f.message.split(',')[0]}`,
  );
  expect(messages).toEqual([
    '1:1 pipeline has no "agent" section',
    '1:1 pipeline has no "stages" section',
  ]);
});
