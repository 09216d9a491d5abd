#!/usr/bin/env node
// Times `jenkins-multiarch check` the way users meet it: one cold process per run on a typical
// Jenkinsfile (a pre-commit hook), and one run over 200 files (a CI job over a monorepo). Each
// target of issue 15 is a ratio to something timed in the same run, so that a loaded or slow
// machine moves both sides: Node's own start-up, npm-groovy-lint on the same file, and one file.
// Runs on the built dist/ (`npm run bench` builds first). Then the build section
// (test/bench/build.measure.ts): our pipeline against the seeds' command, as ratios; it needs what
// scripts/test-env.sh installs, and takes minutes.
//   BENCH_RUNS=31 npm run bench
//   npm run bench -- --check     # the check section only
//   npm run bench -- --build     # the build section only (BENCH_BUILD_RUNS=5 for more runs)
// Exits 1 when a target is missed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bin = path.join(root, 'bin', 'jenkins-multiarch.js');
const fixtures = path.join(root, 'test', 'check', 'fixtures');
// Hand-written Jenkinsfiles like field report 000's are what check is for; a generated one is
// longer (seven sh steps sharing a prelude), so it is timed too.
const typical = path.join(fixtures, 'seeds', 'seed-000.Jenkinsfile');
const generated = path.join(fixtures, 'rendered-sample.Jenkinsfile');
const runs = Number(process.env.BENCH_RUNS ?? 21);

/** One file cold, as a multiple of `node -e 0`: what a pre-commit hook adds to Node itself. */
const MAX_ONE_VS_NODE = 1.5;
/** npm-groovy-lint cold on the same file, as a multiple of check's time. */
const MIN_LINT_VS_ONE = 50;
/** 200 files in one run, as a multiple of one file: start-up is paid once. */
const MAX_MANY_VS_ONE = 10;

/**
 * npm-groovy-lint is not a dependency (it needs Java and weighs 80 packages): the bench installs
 * it once into a cache outside the repository. 16.2.0 is the last release that runs on Node 20.
 */
const LINT_VERSION = '16.2.0';
const lintCache = path.join(
  process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'),
  'jenkins-multiarch-bench',
);

/** Wall time of one process in milliseconds; its output is discarded. */
function wall(command, args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: 'ignore' });
  if (result.error) throw result.error;
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (times) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];

/**
 * Each command's times over `count` rounds, the commands taking turns within a round, so that a
 * change of load during the run weighs on every side of a ratio alike.
 */
function interleaved(commands, count) {
  const times = commands.map(() => []);
  for (let round = 0; round < count; round++)
    commands.forEach(([command, args], i) => times[i].push(wall(command, args)));
  return times;
}

const show = (times) =>
  `median ${median(times).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}, ${times.length} runs)`;

const missed = [];
/** Prints a ratio against its target and remembers a miss. */
function ratio(label, value, target, met) {
  const verdict = met ? 'met' : 'MISSED';
  console.log(`${label.padEnd(44)} ${value.toFixed(2)}x  target ${target}: ${verdict}`);
  if (!met) missed.push(label);
}

/** 100 Jenkinsfiles rendered from varied configs and 100 hand-written ones from the fixtures. */
async function twoHundredFiles(dir) {
  const { validatePipeline } = await import(path.join(root, 'dist/model/pipeline.js'));
  const { composeJenkinsfile } = await import(path.join(root, 'dist/render/jenkinsfile.js'));
  const { loadRuntime } = await import(path.join(root, 'dist/package-files.js'));
  const runtime = loadRuntime();
  const platformSets = [
    ['linux/amd64', 'linux/arm64'],
    ['linux/amd64', 'linux/arm64', 'linux/mips64le'],
    ['linux/arm/v7', 'linux/ppc64le', 'linux/s390x'],
  ];
  for (let i = 0; i < 100; i++) {
    const validation = validatePipeline({
      agent: i % 2 ? { label: 'podman' } : { label: 'base', container: 'base' },
      image: { name: `team${i}/service-${i}`, tags: [`1.${i}.0`, 'latest'] },
      platforms: platformSets[i % platformSets.length],
      build: { args: { REVISION: String(i) } },
      registries: [{ host: 'registry.example.com', credentialsId: `push-${i}` }],
    });
    if (!validation.ok) throw new Error(JSON.stringify(validation.problems));
    const source = `team${i}.yaml`;
    writeFileSync(
      path.join(dir, `rendered-${i}.Jenkinsfile`),
      composeJenkinsfile(validation.pipeline, runtime, { version: 'bench', source }),
    );
  }
  // The seeds, and each rule's documented examples of the mistake and of its fix.
  const { ALL_RULES } = await import(path.join(root, 'dist/check/rules/index.js'));
  const handWritten = [
    ...readdirSync(path.join(fixtures, 'seeds'))
      .filter((name) => name !== 'README.md')
      .map((name) => readFileSync(path.join(fixtures, 'seeds', name), 'utf8')),
    ...ALL_RULES.flatMap(({ meta }) => [meta.docs.bad, meta.docs.good]),
  ];
  for (let i = 0; i < 100; i++)
    writeFileSync(path.join(dir, `hand-${i}.groovy`), handWritten[i % handWritten.length]);
}

/** Why the bench cannot measure, and exit 1: a skipped comparison would read as a met target. */
function cannotMeasure(message) {
  console.error(`bench: ${message}`);
  process.exit(1);
}

/** npm-groovy-lint's command, installed into the cache first if that version is not there yet. */
function groovyLint() {
  const bin = path.join(lintCache, 'node_modules', '.bin', 'npm-groovy-lint');
  const manifest = path.join(lintCache, 'node_modules', 'npm-groovy-lint', 'package.json');
  if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).version === LINT_VERSION)
    return bin;
  console.log(`installing npm-groovy-lint ${LINT_VERSION} into ${lintCache} …`);
  const install = spawnSync(
    'npm',
    [
      'install',
      '--prefix',
      lintCache,
      '--no-audit',
      '--no-fund',
      `npm-groovy-lint@${LINT_VERSION}`,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (install.error || install.status !== 0 || !existsSync(bin))
    cannotMeasure(
      `could not install npm-groovy-lint into ${lintCache} (npm install: ${install.error?.message ?? `exit ${install.status}`}); it needs the npm registry once`,
    );
  return bin;
}

/** npm-groovy-lint runs CodeNarc on Java, and downloads a JRE where it finds none: say so first. */
function requireJava() {
  const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const probe = spawnSync(java, ['-version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0)
    cannotMeasure(
      `npm-groovy-lint needs Java 17 or later, and ${java} does not run: install it (apt-get install openjdk-17-jre-headless) or set JAVA_HOME`,
    );
}

const sections = process.argv.slice(2);
const only = (name) => sections.length === 0 || sections.includes(`--${name}`);
for (const section of sections)
  if (!['--check', '--build'].includes(section)) {
    console.error(`bench: unknown section ${section}; use --check, --build, or neither for both`);
    process.exit(2);
  }

if (only('check')) await checkSection();
if (only('build')) {
  const build = spawnSync('npx', ['vitest', 'run', '--config', 'vitest.measure.config.ts'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) missed.push('the build section');
}
process.exitCode = missed.length > 0 ? 1 : 0;

async function checkSection() {
  requireJava();
  const lint = groovyLint();
  console.log(
    `jenkins-multiarch check benchmark: node ${process.version}, ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const lines = (file) => readFileSync(file, 'utf8').split('\n').length;
  console.log(
    `typical: ${path.relative(root, typical)} (${lines(typical)} lines); generated: ${path.relative(root, generated)} (${lines(generated)} lines)\n`,
  );

  const dir = mkdtempSync(path.join(os.tmpdir(), 'jma-bench-'));
  let node, one, oneGenerated, many, linted;
  try {
    await twoHundredFiles(dir);
    [node, one, oneGenerated] = interleaved(
      [
        [process.execPath, ['-e', '0']],
        [process.execPath, [bin, 'check', typical]],
        [process.execPath, [bin, 'check', generated]],
      ],
      runs,
    );
    // A run over 200 files takes as long as a dozen single ones: fewer rounds, each with a single
    // run beside it so the ratio compares like with like.
    let oneBeside;
    [many, oneBeside] = interleaved(
      [
        [process.execPath, [bin, 'check', dir]],
        [process.execPath, [bin, 'check', typical]],
      ],
      Math.max(3, Math.floor(runs / 4)),
    );
    one.push(...oneBeside);
    // Each run of npm-groovy-lint starts a JVM and takes seconds: three are enough.
    [linted] = interleaved([[lint, ['--noserver', '--failon', 'none', typical]]], 3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const timed = [
    ['node -e 0 (start-up floor)', node],
    ['check, one typical file, cold process', one],
    ['check, one generated file, cold process', oneGenerated],
    ['check, 200 files in one run', many],
    [`npm-groovy-lint ${LINT_VERSION}, typical file, cold`, linted],
  ];
  for (const [label, times] of timed) console.log(`${label.padEnd(44)} ${show(times)}`);
  console.log();

  const vsNode = median(one) / median(node);
  ratio(
    'one file cold / node -e 0',
    vsNode,
    `at most ${MAX_ONE_VS_NODE}x`,
    vsNode <= MAX_ONE_VS_NODE,
  );
  const vsLint = median(linted) / median(one);
  ratio(
    'npm-groovy-lint cold / one file cold',
    vsLint,
    `at least ${MIN_LINT_VS_ONE}x`,
    vsLint >= MIN_LINT_VS_ONE,
  );
  const vsOne = median(many) / median(one);
  ratio('200 files / one file', vsOne, `under ${MAX_MANY_VS_ONE}x`, vsOne < MAX_MANY_VS_ONE);
}
