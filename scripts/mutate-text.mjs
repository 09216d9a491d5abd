#!/usr/bin/env node
// Mutation testing of the runtime StrykerJS cannot mutate: the shell steps
// (resources/jenkins-multiarch/*.sh) and the Groovy runtime (vars/multiarchRuntime.groovy).
// Each mutant is a small realistic break, written as text: the file, the exact text it replaces
// (found exactly once, so a stale entry is noticed) and its replacement, and the test files that
// should kill it. Each mutant is applied in place, its tests run with vitest, and the file is
// restored whatever happens (a failure, Ctrl-C). A mutant counts as killed only when a test of
// behaviour fails: one that only a snapshot notices survives, since whoever updates the snapshot
// in good faith lets the break through.
//
//   node scripts/mutate-text.mjs              every mutant
//   node scripts/mutate-text.mjs verify-variant push-digest   those mutants
import { execa } from 'execa';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const SCRIPTS = 'resources/jenkins-multiarch';
const RUNTIME = 'vars/multiarchRuntime.groovy';
/** The shell steps with a fake podman; their environment comes from the Groovy runtime. */
const SHELL_TESTS = ['test/scripts.test.ts', 'test/shell-steps.test.ts'];
/** The environment the Groovy runtime gives the shell steps, evaluated by Groovy 2.4. */
const RUNTIME_TESTS = ['test/runtime.test.ts'];
/** Pipelines run in the Groovy harness with the shared library. */
const HARNESS_TESTS = ['test/library.test.ts'];
/** Both Jenkinsfiles run in the harness with a fake podman: labels, containers, cleanup. */
const BEHAVIOUR_TESTS = ['test/runtime-behaviour.test.ts'];
/** Preflight and doctor as real users, on real broken setups (as root). */
const PREFLIGHT_TESTS = ['test/preflight.test.ts'];

/** [id, file, text, replacement, tests, -t filter or null (all tests of the files)]. */
const MUTANTS = [
  // verify.sh
  [
    'verify-variant',
    // index_entries, which verify.sh shares with preflight's base-image check.
    `${SCRIPTS}/common.sh`,
    `(variant[e] == "" ? "" : "/" variant[e])`,
    `""`,
    SHELL_TESTS,
    'verify.sh',
  ],
  [
    'verify-twice',
    `${SCRIPTS}/verify.sh`,
    `[ -z "$twice" ] ||`,
    `true ||`,
    SHELL_TESTS,
    'verify.sh',
  ],
  [
    'verify-attestations',
    `${SCRIPTS}/verify.sh`,
    `awk '$3 != "attestation-manifest"'`,
    `awk '1'`,
    SHELL_TESTS,
    'verify.sh',
  ],
  [
    'verify-unknown',
    `${SCRIPTS}/verify.sh`,
    `*" unknown/unknown "*)`,
    `*" never/never "*)`,
    SHELL_TESTS,
    'verify.sh',
  ],
  ['verify-status', `${SCRIPTS}/verify.sh`, `exit "$status"`, `exit 0`, SHELL_TESTS, 'verify.sh'],
  // push.sh and common.sh's push_list
  [
    'push-digest',
    `${SCRIPTS}/push.sh`,
    `if [ "$digest" != "$first_digest" ]; then`,
    `if false; then`,
    SHELL_TESTS,
    'push.sh',
  ],
  [
    'push-all',
    `${SCRIPTS}/common.sh`,
    `podman manifest push --all `,
    `podman manifest push `,
    SHELL_TESTS,
    'push.sh',
  ],
  [
    'push-retries',
    `${SCRIPTS}/common.sh`,
    `if [ "$attempt" -gt "\${MULTIARCH_PUSH_RETRIES:-0}" ]`,
    `if [ "$attempt" -ge "\${MULTIARCH_PUSH_RETRIES:-0}" ]`,
    SHELL_TESTS,
    'push.sh',
  ],
  [
    'push-backoff',
    `${SCRIPTS}/common.sh`,
    `sleep $((attempt * 5))`,
    `sleep 5`,
    SHELL_TESTS,
    'push.sh',
  ],
  [
    'push-no-deadline',
    `${SCRIPTS}/common.sh`,
    `timeout --kill-after=10 "\${limit}s" podman manifest push`,
    `podman manifest push`,
    SHELL_TESTS,
    'push.sh',
  ],
  [
    'push-timeout-unnamed',
    `${SCRIPTS}/common.sh`,
    `! timed_out "$status" "$started" "$limit" || outcome=`,
    `true || outcome=`,
    SHELL_TESTS,
    'push.sh',
  ],
  [
    'timed-out-any-kill',
    `${SCRIPTS}/common.sh`,
    `[ "$1" -eq 137 ] && [ $(($(date +%s) - $2)) -ge "$3" ]`,
    `[ "$1" -eq 137 ]`,
    SHELL_TESTS,
    'build.sh',
  ],
  [
    'tls-inverted',
    `${SCRIPTS}/common.sh`,
    `*" $1 "*) echo --tls-verify=false ;;`,
    `*" $1 "*) echo --tls-verify=true ;;`,
    SHELL_TESTS,
    'push.sh',
  ],
  // common.sh
  [
    'auth-file-public',
    `${SCRIPTS}/common.sh`,
    `(umask 077 && mkdir -p`,
    `(mkdir -p`,
    SHELL_TESTS,
    'common.sh',
  ],
  [
    'list-shared',
    `${SCRIPTS}/common.sh`,
    `manifest_list="localhost/jenkins-multiarch:$build_hash-$build_id"`,
    `manifest_list="localhost/jenkins-multiarch:latest"`,
    SHELL_TESTS,
    'common.sh',
  ],
  // build.sh
  [
    'build-stale-list',
    `${SCRIPTS}/build.sh`,
    `podman manifest rm "$manifest_list" >/dev/null 2>&1 || true\nset --`,
    `set --`,
    SHELL_TESTS,
    'build.sh',
  ],
  [
    'build-tag-not-manifest',
    `${SCRIPTS}/build.sh`,
    `--manifest "$manifest_list"`,
    `--tag "$manifest_list"`,
    SHELL_TESTS,
    'build.sh',
  ],
  [
    'build-args-dropped',
    `${SCRIPTS}/build.sh`,
    `for kind in BUILD_ARG:--build-arg LABEL:--label; do`,
    `for kind in LABEL:--label; do`,
    SHELL_TESTS,
    'build.sh',
  ],
  [
    'build-status-lost',
    `${SCRIPTS}/build.sh`,
    `"$MULTIARCH_CONTEXT" || status=$?`,
    `"$MULTIARCH_CONTEXT" || true`,
    SHELL_TESTS,
    'build.sh',
  ],
  [
    'build-pull-tls',
    `${SCRIPTS}/build.sh`,
    `  pull_tls=--tls-verify=false\n`,
    ``,
    SHELL_TESTS,
    'build.sh',
  ],
  // tags.sh
  [
    'tags-prerelease-latest',
    `${SCRIPTS}/tags.sh`,
    `{ [ -n "$version" ] && [ -z "$prerelease" ]; }`,
    `[ -n "$version" ]`,
    SHELL_TESTS,
    'tags.sh',
  ],
  [
    'tags-duplicates',
    `${SCRIPTS}/tags.sh`,
    `case " $tags " in *" $1 "*) ;; *) tags="$tags $1" ;; esac`,
    `tags="$tags $1"`,
    SHELL_TESTS,
    'tags.sh',
  ],
  ['tags-length', `${SCRIPTS}/tags.sh`, `[ "\${#1}" -le 128 ]`, `true`, SHELL_TESTS, 'tags.sh'],
  // preflight.sh
  [
    'preflight-f-flag',
    `${SCRIPTS}/preflight.sh`,
    `elif ! grep -q '^flags:.*F' "$binfmt/$handler"; then`,
    `elif false; then`,
    SHELL_TESTS,
    'preflight.sh',
  ],
  [
    'preflight-enabled',
    `${SCRIPTS}/preflight.sh`,
    `elif [ "$(head -n 1 "$binfmt/$handler")" != enabled ]; then`,
    `elif false; then`,
    SHELL_TESTS,
    'preflight.sh',
  ],
  [
    'preflight-native-arch',
    `${SCRIPTS}/preflight.sh`,
    `[ "$arch" = "$native_arch" ] && continue`,
    `:`,
    SHELL_TESTS,
    'preflight.sh',
  ],
  // login.sh and cleanup.sh
  ['login-traced', `${SCRIPTS}/login.sh`, `{ set +x; } 2>/dev/null\n`, ``, SHELL_TESTS, null],
  ['login-umask', `${SCRIPTS}/login.sh`, `umask 077\n`, ``, SHELL_TESTS, null],
  [
    'cleanup-branch-lists',
    `${SCRIPTS}/cleanup.sh`,
    `  podman manifest rm "$manifest_list-$branch" >/dev/null 2>&1 || true\n`,
    `  :\n`,
    SHELL_TESTS,
    null,
  ],
  ['cleanup-state', `${SCRIPTS}/cleanup.sh`, `rm -rf "$state_dir"`, `:`, SHELL_TESTS, null],
  // The Groovy runtime: the environment it gives the scripts
  [
    'env-insecure-inverted',
    RUNTIME,
    `item[field] == wanted`,
    `item[field] != wanted`,
    RUNTIME_TESTS,
    null,
  ],
  [
    'env-tag-argument',
    RUNTIME,
    `(argument != null ? ':' + argument : '')`,
    `''`,
    RUNTIME_TESTS,
    null,
  ],
  ['env-numbered-from-2', RUNTIME, `  int index = 0\n`, `  int index = 1\n`, RUNTIME_TESTS, null],
  [
    'env-text-dropped',
    RUNTIME,
    `environment << variable.name + '=' + value\n`,
    `\n`,
    RUNTIME_TESTS,
    null,
  ],
  [
    'env-emulated-inverted',
    RUNTIME,
    `config.native == null || !config.native.containsKey(it)`,
    `config.native == null || config.native.containsKey(it)`,
    BEHAVIOUR_TESTS,
    'built natively',
  ],
  [
    'login-unbound',
    RUNTIME,
    `withCredentials([usernamePassword(credentialsId: registry.credentialsId, usernameVariable: 'MULTIARCH_REGISTRY_USER', passwordVariable: 'MULTIARCH_REGISTRY_PASSWORD')]) {`,
    `if (true) {`,
    HARNESS_TESTS,
    'withCredentials binds it',
  ],
  // The Groovy runtime: what runs where, in which order
  [
    'cleanup-on-success-only',
    RUNTIME,
    `    } finally {\n      stage('Cleanup') {`,
    `    } catch (failure) { throw failure }\n    if (true) {\n      stage('Cleanup') {`,
    BEHAVIOUR_TESTS,
    null,
  ],
  [
    'container-ignored',
    RUNTIME,
    `  if (name) {\n    container(name) {`,
    `  if (false) {\n    container(name) {`,
    BEHAVIOUR_TESTS,
    null,
  ],
  [
    'clone-credentials-dropped',
    RUNTIME,
    `    if (config.clone.credentialsId) {`,
    `    if (false) {`,
    BEHAVIOUR_TESTS,
    null,
  ],
  [
    'verify-labelled-push',
    RUNTIME,
    `verify: 'Verify the pushed index'`,
    `verify: 'Push the manifest list and all its images'`,
    BEHAVIOUR_TESTS,
    null,
  ],
  [
    'login-without-credentials',
    RUNTIME,
    `    if (registry.credentialsId) {\n      withCredentials`,
    `    if (true) {\n      withCredentials`,
    BEHAVIOUR_TESTS,
    null,
  ],
  [
    'pod-cloud-dropped',
    RUNTIME,
    `    template.cloud = pod.cloud\n`,
    ``,
    BEHAVIOUR_TESTS,
    'its podman container',
  ],
  // The Preflight stage's checks and the smoke run (issue 13).
  [
    'preflight-base-missing',
    `${SCRIPTS}/preflight.sh`,
    `|| missing="$missing, $platform"`,
    `|| true`,
    SHELL_TESTS,
    'base images',
  ],
  [
    'preflight-subids',
    `${SCRIPTS}/preflight.sh`,
    `if [ "$uid_ranges" -gt 1 ] && [ "$gid_ranges" -gt 1 ]; then`,
    `if true; then`,
    PREFLIGHT_TESTS,
    'subordinate ids',
  ],
  [
    'preflight-registry-any-error',
    `${SCRIPTS}/preflight.sh`,
    `*'fetching tags list: invalid status code from registry 404'*)`,
    `*)`,
    PREFLIGHT_TESTS,
    'registries',
  ],
  [
    'smoke-any-machine',
    `${SCRIPTS}/smoke.sh`,
    `*" $output "*) echo "OK:`,
    `*) echo "OK:`,
    ['test/smoke.test.ts'],
    null,
  ],
  [
    'preflight-no-login',
    RUNTIME,
    `    login(config, resources, [])\n    // Platforms built natively are checked`,
    `    // Platforms built natively are checked`,
    BEHAVIOUR_TESTS,
    'a push that fails',
  ],
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((id) => !MUTANTS.some(([known]) => known === id));
if (unknown.length > 0) {
  console.error(
    `mutate-text: no mutant ${unknown.join(', ')}; known: ${MUTANTS.map(([id]) => id).join(' ')}`,
  );
  process.exit(2);
}
const selected = MUTANTS.filter(([id]) => wanted.length === 0 || wanted.includes(id));

// Restores the mutated file on Ctrl-C or a kill, as the finally below does on a failure.
let restore = () => {};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
  process.on(signal, () => {
    restore();
    process.exit(130);
  });

const occurrences = (text, part) => text.split(part).length - 1;
const isSnapshotFailure = (message) =>
  /Snapshot .* mismatched|toMatchFileSnapshot|does not match the file snapshot/i.test(message);

/** Runs the tests against the mutant: 'killed', 'snapshot only' or 'survived', and the first failures. */
async function testMutant(tests, filter) {
  const reportDir = mkdtempSync(path.join(os.tmpdir(), 'jma-mutate-'));
  const report = path.join(reportDir, 'vitest.json');
  try {
    const run = await execa(
      'npx',
      [
        'vitest',
        'run',
        '--reporter=json',
        `--outputFile=${report}`,
        ...(filter ? ['-t', filter] : []),
        ...tests,
      ],
      { cwd: root, reject: false, all: true, env: { CI: process.env.CI ?? '' } },
    );
    let results;
    try {
      results = JSON.parse(readFileSync(report, 'utf8'));
    } catch {
      return { verdict: 'error', detail: run.all.split('\n').slice(-5).join(' | ') };
    }
    const failed = results.testResults.flatMap((file) =>
      file.assertionResults.filter((test) => test.status === 'failed'),
    );
    const fileErrors = results.testResults.filter(
      (file) => file.status === 'failed' && file.assertionResults.length === 0,
    );
    // A file that cannot load fails as surely as a test (the baseline loaded it).
    if (fileErrors.length > 0)
      return { verdict: 'killed', detail: fileErrors.map((file) => file.message).join(' | ') };
    if (results.numTotalTests === 0 || results.numPassedTests + failed.length === 0)
      return { verdict: 'error', detail: 'no test ran: is the tool missing, or the filter stale?' };
    const named = (tests) =>
      tests
        .map((test) => test.fullName)
        .slice(0, 2)
        .join('; ');
    const snapshotOnly = (test) =>
      test.failureMessages.length > 0 && test.failureMessages.every(isSnapshotFailure);
    const behavioural = failed.filter((test) => !snapshotOnly(test));
    if (behavioural.length > 0) return { verdict: 'killed', detail: named(behavioural) };
    if (failed.length > 0) return { verdict: 'snapshot only', detail: named(failed) };
    return { verdict: 'survived', detail: '' };
  } finally {
    rmSync(reportDir, { recursive: true, force: true });
  }
}

// Each set of tests must pass on the unmutated files first: else a failure says nothing of a mutant.
const baselines = new Map();
async function baseline(tests, filter) {
  const key = JSON.stringify([tests, filter]);
  if (!baselines.has(key)) baselines.set(key, await testMutant(tests, filter));
  return baselines.get(key);
}

const outcomes = [];
for (const [id, file, text, replacement, tests, filter] of selected) {
  const absolute = path.join(root, file);
  const original = readFileSync(absolute, 'utf8');
  const found = occurrences(original, text);
  if (found !== 1) {
    console.error(
      `mutate-text: ${id}: the text to replace occurs ${found} times in ${file}, not once; update the table`,
    );
    process.exit(2);
  }
  const unmutated = await baseline(tests, filter);
  if (unmutated.verdict !== 'survived') {
    outcomes.push({ id, file, tests, verdict: 'error', detail: '' });
    console.log(`error         ${id}: its tests fail without the mutant: ${unmutated.detail}`);
    continue;
  }
  restore = () => writeFileSync(absolute, original);
  const started = Date.now();
  let outcome;
  try {
    writeFileSync(
      absolute,
      original.replace(text, () => replacement),
    );
    outcome = await testMutant(tests, filter);
  } finally {
    restore();
    restore = () => {};
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  outcomes.push({ id, file, tests, ...outcome });
  console.log(
    `${outcome.verdict.padEnd(13)} ${id.padEnd(26)} ${file} (${tests.join(' ')}, ${seconds} s)${outcome.detail ? `\n              ${outcome.detail}` : ''}`,
  );
}

const killed = outcomes.filter((outcome) => outcome.verdict === 'killed').length;
const errors = outcomes.filter((outcome) => outcome.verdict === 'error');
const survivors = outcomes.filter((outcome) =>
  ['survived', 'snapshot only'].includes(outcome.verdict),
);
const scored = outcomes.length - errors.length;
console.log(
  `\ntextual mutants: ${killed} of ${scored} killed by a test of behaviour (${scored ? ((100 * killed) / scored).toFixed(1) : '0.0'} %)`,
);
for (const survivor of survivors)
  console.log(`  ${survivor.verdict}: ${survivor.id} (${survivor.file})`);
if (errors.length > 0) {
  console.log(
    `not scored, as their tests could not run: ${errors.map((outcome) => outcome.id).join(', ')}`,
  );
  process.exitCode = 1;
}
