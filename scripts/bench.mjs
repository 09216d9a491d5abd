#!/usr/bin/env node
// Times `jenkins-multiarch check` the way users meet it: one cold process per run on a typical
// Jenkinsfile (a pre-commit hook), and one run over 200 files (a CI job over a monorepo), against
// the targets in the issue. Runs on the built dist/ (`npm run bench` builds first). Then the
// build section (test/bench/build.measure.ts): our pipeline against the seeds' command, as ratios;
// it needs what scripts/test-env.sh installs, and takes minutes.
//   BENCH_RUNS=31 npm run bench
//   npm run bench -- --check     # the check section only
//   npm run bench -- --build     # the build section only (BENCH_BUILD_RUNS=5 for more runs)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

const TARGET_ONE_MS = 150;
const TARGET_MANY_MS = 2000;

/** Wall time of one process in milliseconds; its output is discarded. */
function wall(command, args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: 'ignore' });
  if (result.error) throw result.error;
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function stats(command, args, count) {
  const times = Array.from({ length: count }, () => wall(command, args)).sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], min: times[0], max: times.at(-1) };
}

const show = ({ median, min, max }) =>
  `median ${median.toFixed(0)} ms (min ${min.toFixed(0)}, max ${max.toFixed(0)})`;
const verdict = (ms, target) =>
  ms <= target ? `target ${target} ms: met` : `target ${target} ms: MISSED`;

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
  const handWritten = ['seeds', 'rules'].flatMap((sub) =>
    readdirSync(path.join(fixtures, sub))
      .filter((name) => name !== 'README.md')
      .map((name) => path.join(fixtures, sub, name)),
  );
  for (let i = 0; i < 100; i++)
    writeFileSync(
      path.join(dir, `hand-${i}.groovy`),
      readFileSync(handWritten[i % handWritten.length]),
    );
}

/** npm-groovy-lint from node_modules or PATH, if installed; it is not a dependency. */
function groovyLint() {
  for (const candidate of [
    path.join(root, 'node_modules', '.bin', 'npm-groovy-lint'),
    'npm-groovy-lint',
  ]) {
    const probe = spawnSync(candidate, ['--version'], { stdio: 'ignore' });
    if (!probe.error && probe.status === 0) return candidate;
  }
  return undefined;
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
  process.exitCode = build.status ?? 1;
}

async function checkSection() {
  console.log(
    `jenkins-multiarch check benchmark: node ${process.version}, ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const lines = (file) => readFileSync(file, 'utf8').split('\n').length;
  console.log(
    `typical: ${path.relative(root, typical)} (${lines(typical)} lines); generated: ${path.relative(root, generated)} (${lines(generated)} lines); ${runs} cold runs each\n`,
  );

  const node = stats(process.execPath, ['-e', '0'], runs);
  console.log(`node -e 0 (start-up floor)                 ${show(node)}`);

  const one = stats(process.execPath, [bin, 'check', typical], runs);
  console.log(
    `check, one typical file, cold process      ${show(one)}  ${verdict(one.median, TARGET_ONE_MS)}`,
  );
  const oneGenerated = stats(process.execPath, [bin, 'check', generated], runs);
  console.log(`check, one generated file, cold process    ${show(oneGenerated)}`);

  const dir = mkdtempSync(path.join(os.tmpdir(), 'jma-bench-'));
  try {
    await twoHundredFiles(dir);
    const many = stats(process.execPath, [bin, 'check', dir], Math.max(3, Math.floor(runs / 4)));
    console.log(
      `check, 200 files in one run                ${show(many)}  ${verdict(many.median, TARGET_MANY_MS)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const lint = groovyLint();
  if (lint === undefined) {
    console.log(
      '\nnpm-groovy-lint: not installed, comparison skipped (npm install --no-save npm-groovy-lint to include it)',
    );
  } else {
    const lintRuns = Math.min(runs, 3);
    const linted = stats(lint, ['--noserver', '--failon', 'none', typical], lintRuns);
    console.log(`\nnpm-groovy-lint, same file, cold         ${show(linted)}`);
    console.log(`check is ${(linted.median / one.median).toFixed(1)}x faster`);
  }
}
