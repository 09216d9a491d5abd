import { describe, expect, test } from 'vitest';
import { check, fixture, spots } from './support.js';

/**
 * Issue 15: what check missed and what it said too much on real pipelines, each as a minimal
 * pipeline of our own (not a copy of the corpus files) with every finding it must give, written
 * down before the rules ran.
 */
describe('the classes check missed', () => {
  test("docker's own manifest CLI: create --amend into a fixed name, create re-run into one", () => {
    const findings = check(fixture('misses/docker-manifest.Jenkinsfile'));
    expect(spots(findings)).toEqual([
      '10:27 manifest-reuse', // create --amend "$TARGET", nothing removes it; line 16 pushes with --purge
      '12:27 manifest-create-without-amend', // the second run finds :stable in the store
    ]);
    expect(findings[0]!.message).toContain('docker manifest create --amend "$TARGET"');
    expect(findings[0]!.fix).toContain('docker manifest push --purge');
  });

  test('the docker-workflow DSL: docker.build args and image().inside args are command lines', () => {
    const findings = check(fixture('misses/docker-workflow.Jenkinsfile'));
    expect(spots(findings)).toEqual([
      '8:73 missing-qemu-preflight', // linux/arm64 on agent any; the amd64 build on line 7 is native
      '9:54 unknown-platform', // linux/arm46 in docker.build's argument string
    ]);
    expect(findings[0]!.message).toMatch(
      /^Building linux\/arm64 \(and 2 more commands\) on any agent/,
    );
  });

  test("inside()'s args are read once, and not as a traced sh line: docker run runs without sh", () => {
    const source = [
      "withCredentials([string(credentialsId: 'ci', variable: 'API_TOKEN')]) {",
      "  docker.image('alpine').inside('-v /var/run/docker.sock:/var/run/docker.sock -e T=$API_TOKEN') {",
      "    sh 'true'",
      '  }',
      '}',
    ].join('\n');
    expect(spots(check(source))).toEqual(['2:46 docker-socket']);
  });

  test('a password a command substitution prints, escaped from Groovy: \\$(oc whoami -t)', () => {
    const findings = check(fixture('misses/command-substitution.Jenkinsfile'));
    expect(spots(findings)).toEqual([
      '3:28 password-on-command-line',
      '4:64 password-on-command-line', // helm registry login --password=$(…)
    ]);
    expect(findings[0]!.message).toContain('the password that `oc whoami -t` prints');
    expect(findings[0]!.fix).toContain('oc whoami -t | docker login --username');
    expect(findings[1]!.message).toMatch(/^helm registry login --password \$\(cat/);
  });

  test("a secret file's path interpolated: file(), keyFileVariable, keystoreVariable", () => {
    const findings = check(fixture('misses/file-credential.Jenkinsfile'));
    expect(spots(findings)).toEqual([
      '4:19 secret-interpolation', // $KEYTAB_FILE; line 3 lets the shell expand it
      '10:16 secret-interpolation', // ${DEPLOY_KEY}; ${DEPLOY_USER} is a user name
      '11:29 secret-interpolation', // ${env.KEYSTORE}
    ]);
    expect(findings[0]!.message).toContain('KEYTAB_FILE, the path of the secret file');
    expect(findings[0]!.fix).toContain('"$KEYTAB_FILE"');
  });
});

test('a closure on the line after the call is still its argument, as Groovy 2.4 reads it', () => {
  const source = [
    "withCredentials([file(credentialsId: 'sa', variable: 'SA_KEY')])",
    '{',
    '  sh("gcloud auth activate-service-account --key-file=${SA_KEY}")',
    '}',
  ].join('\n');
  expect(spots(check(source))).toEqual(['3:55 secret-interpolation']);
});

test('oc login --token puts the token on the command line like -p', () => {
  const source = [
    "withCredentials([string(credentialsId: 'os', variable: 'OS_TOKEN')]) {",
    "  sh 'oc login https://api.example.com --token=$OS_TOKEN'",
    '}',
  ].join('\n');
  const findings = check(source);
  expect(spots(findings)).toEqual(['2:40 password-on-command-line']);
  expect(findings[0]!.fix).toContain('kubeconfig');
});

test("a bound secret in a program's argument is on its command line; a builtin's is not", () => {
  const source = [
    "withCredentials([string(credentialsId: 'sonar', variable: 'SONAR_TOKEN')]) {",
    "  sh './mvnw -B sonar:sonar -Dsonar.token=${SONAR_TOKEN}'",
    '  sh \'{ set +x; } 2>/dev/null; printf "%s" "$SONAR_TOKEN" > token.txt\'',
    '}',
  ].join('\n');
  const findings = check(source);
  expect(spots(findings)).toEqual(['2:29 password-on-command-line']);
  expect(findings[0]!.message).toMatch(/^mvnw -Dsonar\.token gets the secret \$SONAR_TOKEN/);
});

test('agents labelled x64 and aarch64 build linux/arm/v7 natively; an x64-only file does not', () => {
  const build = (label: string) =>
    [
      `node('docker && ${label}') {`,
      "  sh 'docker buildx build --platform linux/arm/v7 -t acme/app:armv7 --push .'",
      '}',
    ].join('\n');
  expect(spots(check(build('aarch64')))).toEqual([]);
  expect(spots(check(build('x64')))).toEqual(['2:27 missing-qemu-preflight']);
});

test('a credential given where a command takes a file is a path: it is traced as ****, and no leak', () => {
  const source = [
    "pipeline { agent any; environment { SA = credentials('gcp-sa') }",
    `  stages { stage('x') { steps { sh 'gcloud auth activate-service-account --key-file="$SA"' } } } }`,
  ].join('\n');
  expect(spots(check(source))).toEqual([]);
});

describe('the findings a maintainer disputed', () => {
  test('docker buildx where the file shows no podman: nothing to report', () => {
    expect(spots(check(fixture('disputed/buildx-real-docker.Jenkinsfile')))).toEqual([]);
  });

  test('a bound secret under set -x is a warning that says masking misses transformed copies', () => {
    const findings = check(fixture('disputed/masked-secret.Jenkinsfile'));
    expect(spots(findings)).toEqual(['11:17 masked-secret-in-trace']);
    expect(findings[0]!.severity).toBe('warning');
    expect(findings[0]!.message).toContain('this line shows ****');
    expect(findings[0]!.message).toContain('a transformed copy is logged in clear');
  });

  test('a privileged docker agent for tests: a warning that says what --privileged gives', () => {
    const findings = check(fixture('disputed/privileged-test-agent.Jenkinsfile'));
    expect(spots(findings)).toEqual(['5:13 privileged-pod']);
    expect(findings[0]!.severity).toBe('warning');
    expect(findings[0]!.message).toMatch(/^--privileged runs this container with every capability/);
    expect(findings[0]!.message).toContain('the tests included');
  });
});
