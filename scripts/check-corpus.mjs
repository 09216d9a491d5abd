#!/usr/bin/env node
// Recall and precision of `jenkins-multiarch check` on real public pipelines (issue 15).
//
// The pipelines are other people's files, so they are not in this repository: the corpus is
// test/check/corpus/corpus.json, each file's repository, path, commit and licence, and the
// pitfalls found in it by reading it (`expected`) and the findings a maintainer would accept
// (`accepted`). This script checks the files where they are at hand, laid out as <dir>/<repo>/<path>,
// with the built CLI (dist/, so `npm run build` first), and prints:
//   recall    — expected pitfalls reported by one of their rule ids at their line;
//   disputed  — findings neither expected nor accepted, for review (the issue's target is none on
//               ordinary pipelines); an accepted entry with a severity accepts only that severity.
// Exit 1 when recall is below the corpus's threshold or an ordinary pipeline has a disputed
// finding; 2 when files are missing or the arguments are wrong.
//
//   node scripts/check-corpus.mjs --fetch /tmp/check-corpus   # once, needs github.com
//   npm run build && node scripts/check-corpus.mjs /tmp/check-corpus [--min-recall 0.95] [--json]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bin = path.join(root, 'bin', 'jenkins-multiarch.js');
const corpusFile = path.join(root, 'test', 'check', 'corpus', 'corpus.json');

const USAGE = `usage: node scripts/check-corpus.mjs [--fetch] [--min-recall R] [--json] DIR
  DIR holds the corpus files as DIR/<repo>/<path> (see ${path.relative(root, corpusFile)})
  --fetch        download the missing ones from raw.githubusercontent.com at the recorded commits
  --min-recall   exit 1 below this recall (default: the corpus's thresholds.recall)
  --json         print the measurement as JSON instead of text`;

function usage(message) {
  console.error(`check-corpus: ${message}\n${USAGE}`);
  process.exit(2);
}

function parseArgs(argv) {
  const options = { fetch: false, json: false, minRecall: undefined, dir: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--fetch') options.fetch = true;
    else if (arg === '--json') options.json = true;
    else if (arg === '--min-recall') {
      const value = Number(argv[++i]);
      if (!(value >= 0 && value <= 1)) usage('--min-recall takes a number from 0 to 1, e.g. 0.95');
      options.minRecall = value;
    } else if (arg === '-h' || arg === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else if (arg.startsWith('-')) usage(`unknown option ${arg}`);
    else if (options.dir === undefined) options.dir = path.resolve(arg);
    else usage(`one directory only, got ${options.dir} and ${arg}`);
  }
  if (options.dir === undefined) usage('give the directory that holds (or will hold) the files');
  return options;
}

const localPath = (entry) => `${entry.repo}/${entry.path}`;
const ruleIds = (expectation) => [expectation.rule].flat();
const lines = (expectation) => [expectation.line].flat();

/** Downloads the files not yet in DIR; stops at the first failure (offline, or a file gone). */
async function fetchMissing(corpus, dir) {
  for (const entry of corpus.files) {
    const target = path.join(dir, localPath(entry));
    if (existsSync(target)) continue;
    const url = `https://raw.githubusercontent.com/${entry.repo}/${entry.commit}/${entry.path
      .split('/')
      .map(encodeURIComponent)
      .join('/')}`;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      mkdirSync(path.dirname(target), { recursive: true });
      const temporary = `${target}.${process.pid}.tmp`;
      writeFileSync(temporary, Buffer.from(await response.arrayBuffer()));
      renameSync(temporary, target);
      console.error(`fetched ${localPath(entry)}`);
    } catch (error) {
      console.error(
        `check-corpus: could not fetch ${url}: ${error.cause?.message ?? error.message}`,
      );
      process.exit(1);
    }
  }
}

/** Runs the built CLI once over every file; findings grouped by the file's corpus path. */
function runCheck(files, dir) {
  if (!existsSync(path.join(root, 'dist'))) usage('dist/ is missing: run npm run build first');
  const result = spawnSync(
    process.execPath,
    [bin, 'check', '--format', 'json', '--no-color', ...files],
    // In DIR, so no settings file of this repository's applies, and paths stay <repo>/<path>.
    { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  let report;
  try {
    report = JSON.parse(result.stdout);
  } catch {
    console.error(result.stderr);
    console.error(`check-corpus: check exited ${result.status} without a JSON report`);
    process.exit(2);
  }
  const byFile = new Map(files.map((file) => [file, []]));
  for (const finding of report.findings) byFile.get(finding.file)?.push(finding);
  return { byFile, unreadable: report.unreadable ?? [] };
}

/** Pairs each expected pitfall and accepted finding with a finding of one of its ids at its line. */
function judge(entry, findings) {
  const unclaimed = [...findings];
  const claim = (expectation) => {
    const index = unclaimed.findIndex(
      (finding) =>
        lines(expectation).includes(finding.line) &&
        ruleIds(expectation).includes(finding.rule) &&
        (expectation.severity === undefined || expectation.severity === finding.severity),
    );
    return index === -1 ? undefined : unclaimed.splice(index, 1)[0];
  };
  const found = [];
  const missed = [];
  for (const expectation of entry.expected) (claim(expectation) ? found : missed).push(expectation);
  for (const acceptance of entry.accepted) claim(acceptance);
  return { found, missed, disputed: unclaimed };
}

function measure(corpus, byFile) {
  const files = corpus.files.map((entry) => ({
    entry,
    ...judge(entry, byFile.get(localPath(entry)) ?? []),
    findings: (byFile.get(localPath(entry)) ?? []).length,
  }));
  const count = (pick, kind) =>
    files
      .filter((file) => kind === undefined || file.entry.kind === kind)
      .reduce((sum, file) => sum + pick(file), 0);
  const totals = (kind) => ({
    files: count(() => 1, kind),
    expected: count((file) => file.entry.expected.length, kind),
    found: count((file) => file.found.length, kind),
    findings: count((file) => file.findings, kind),
    disputed: count((file) => file.disputed.length, kind),
  });
  const byClass = new Map();
  for (const file of files)
    for (const [list, key] of [
      [file.found, 'found'],
      [file.missed, 'missed'],
    ])
      for (const expectation of list) {
        const name = expectation.class ?? ruleIds(expectation).join('|');
        const row = byClass.get(name) ?? { found: 0, missed: 0 };
        row[key]++;
        byClass.set(name, row);
      }
  return {
    all: totals(),
    ordinary: totals('ordinary'),
    imageBuild: totals('image-build'),
    byClass: Object.fromEntries([...byClass].sort(([a], [b]) => a.localeCompare(b))),
    missed: files.flatMap((file) =>
      file.missed.map((expectation) => ({ file: localPath(file.entry), ...expectation })),
    ),
    disputed: files.flatMap((file) =>
      file.disputed.map(({ rule, severity, line, column, message }) => ({
        file: localPath(file.entry),
        kind: file.entry.kind,
        rule,
        severity,
        line,
        column,
        message,
        other: (file.entry.other ?? []).find((note) => note.line === line)?.note,
        // An accepted finding of the wrong severity (an error that should be a warning).
        acceptedAs: file.entry.accepted.find(
          (acceptance) => lines(acceptance).includes(line) && ruleIds(acceptance).includes(rule),
        )?.severity,
      })),
    ),
  };
}

const percent = (part, whole) => (whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)} %`);

function printText(result) {
  const line = (name, t) =>
    `${name.padEnd(12)} ${String(t.files).padStart(3)} files  recall ${t.found}/${t.expected} (${percent(t.found, t.expected)})  findings ${t.findings}, disputed ${t.disputed} (precision ${percent(t.findings - t.disputed, t.findings)})`;
  console.log(line('all', result.all));
  console.log(line('ordinary', result.ordinary));
  console.log(line('image-build', result.imageBuild));
  console.log('\nrecall by class:');
  for (const [name, row] of Object.entries(result.byClass))
    console.log(`  ${name.padEnd(34)} ${row.found}/${row.found + row.missed}`);
  console.log(`\nmissed (${result.missed.length}):`);
  for (const miss of result.missed)
    console.log(
      `  ${miss.file}:${lines(miss).join('|')} ${ruleIds(miss).join('|')} — ${miss.note}`,
    );
  console.log(`\ndisputed (${result.disputed.length}), for review:`);
  for (const finding of result.disputed)
    console.log(
      `  [${finding.kind}] ${finding.file}:${finding.line}:${finding.column} ${finding.rule} (${finding.severity}) — ${finding.message}${finding.acceptedAs ? `\n      accepted only as a ${finding.acceptedAs}` : ''}${finding.other ? `\n      the corpus notes here: ${finding.other}` : ''}`,
    );
}

const options = parseArgs(process.argv.slice(2));
const corpus = JSON.parse(readFileSync(corpusFile, 'utf8'));
if (options.fetch) await fetchMissing(corpus, options.dir);
const files = corpus.files.map(localPath);
const missing = files.filter((file) => !existsSync(path.join(options.dir, file)));
if (missing.length > 0) {
  console.error(
    `check-corpus: ${missing.length} of ${files.length} files are not in ${options.dir}, e.g. ${missing[0]}; add --fetch to download them`,
  );
  process.exit(2);
}
const { byFile, unreadable } = runCheck(files, options.dir);
if (unreadable.length > 0)
  console.error(`check-corpus: check could not read ${unreadable.length} files`);
const result = measure(corpus, byFile);
if (options.json) console.log(JSON.stringify(result, null, 2));
else printText(result);
const minRecall = options.minRecall ?? corpus.thresholds.recall;
const recall = result.all.expected === 0 ? 1 : result.all.found / result.all.expected;
const failures = [
  ...(recall < minRecall
    ? [`recall ${percent(result.all.found, result.all.expected)} < ${minRecall * 100} %`]
    : []),
  ...(result.ordinary.disputed > corpus.thresholds.disputedOnOrdinary
    ? [
        `${result.ordinary.disputed} disputed findings on ordinary pipelines (at most ${corpus.thresholds.disputedOnOrdinary})`,
      ]
    : []),
];
if (failures.length > 0) {
  console.error(`check-corpus: ${failures.join('; ')}`);
  process.exit(1);
}
