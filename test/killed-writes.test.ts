import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'fs-extra';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { tempDir } from './support/cli.js';

/**
 * A CLI run killed at every file-system write it makes (SIGKILL, so no handler runs), and once
 * more half-way through each file it writes: every file it writes is then the old one or the new
 * one, never a truncated mix, and the next run completes. The crash is injected by a preloaded
 * module (support/kill-at.mjs) into the built CLI, as users run it.
 */

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bin = path.join(root, 'bin', 'jenkins-multiarch.js');
const killAt = path.join(root, 'test', 'support', 'kill-at.mjs');

const CONFIG = (registry: string) =>
  `agent:\n  label: podman\nimage:\n  name: acme/app\n  tags: ['1.0']\nregistries:\n  - host: ${registry}\n    credentialsId: reg\nplatforms: [linux/amd64, linux/arm64]\n`;

interface Scenario {
  readonly name: string;
  readonly args: readonly string[];
  /** Writes the state before the run: the old files. */
  prepare(dir: string): void;
}

const run = (dir: string, args: readonly string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['--import', killAt, bin, ...args], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1', ...env },
    encoding: 'utf8',
  });

const SCENARIOS: readonly Scenario[] = [
  {
    name: 'render -o Jenkinsfile, replacing the one an older config rendered',
    args: ['render', '-o', 'Jenkinsfile'],
    prepare(dir) {
      fs.outputFileSync(path.join(dir, 'jenkins-multiarch.yaml'), CONFIG('old.example.com'));
      execFileSync(process.execPath, [bin, 'render', '-o', 'Jenkinsfile'], { cwd: dir });
      fs.outputFileSync(path.join(dir, 'jenkins-multiarch.yaml'), CONFIG('new.example.com'));
    },
  },
  {
    name: 'schema -o --force over a stale schema',
    args: ['schema', '-o', 'schema/config.json', '--force'],
    prepare(dir) {
      fs.outputFileSync(path.join(dir, 'schema', 'config.json'), '{ "old": true }\n');
    },
  },
  {
    name: 'init --force over an existing config',
    args: ['init', '--force', '--image', 'acme/app', '--dockerfile', 'Dockerfile'],
    prepare(dir) {
      fs.outputFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\n');
      fs.outputFileSync(path.join(dir, 'jenkins-multiarch.yaml'), CONFIG('old.example.com'));
    },
  },
  {
    name: 'library --force over a library with files edited by hand',
    args: ['library', '--out', 'lib', '--force'],
    prepare(dir) {
      execFileSync(process.execPath, [bin, 'library', '--out', 'lib'], { cwd: dir });
      for (const file of ['vars/multiarchPipeline.groovy', 'resources/jenkins-multiarch/build.sh'])
        fs.appendFileSync(path.join(dir, 'lib', file), '\n// edited by hand\n');
    },
  },
];

/** Every file below dir (dot files included), by relative path, with its content. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.join(sub, entry.name);
      if (entry.isDirectory()) walk(rel);
      else files.set(rel, fs.readFileSync(path.join(dir, rel), 'utf8'));
    }
  };
  walk('.');
  return files;
}

/** The temporary files an interrupted atomic write leaves: `.NAME.PID.tmp`, never read. */
const TEMPORARY = /(^|\/)\.[^/]+\.\d+\.tmp$/;

describe.each(SCENARIOS)('$name, killed at each write', ({ args, prepare }) => {
  let before: Map<string, string>;
  let after: Map<string, string>;
  let points: string[];

  beforeAll(async () => {
    const dir = await tempDir('jma-kill-');
    prepare(dir);
    before = snapshot(dir);
    const log = path.join(await tempDir('jma-kill-log-'), 'log');
    const result = run(dir, args, { KILL_LOG: log });
    expect(result.status, result.stderr).toBe(0);
    after = snapshot(dir);
    points = fs.readFileSync(log, 'utf8').trim().split('\n');
  });

  test('the run writes something new, so there is something to lose', () => {
    expect([...after].filter(([file, text]) => before.get(file) !== text).length).toBeGreaterThan(
      0,
    );
    expect(points.length).toBeGreaterThan(0);
  });

  test('at every write, and half-way through every file: each file old or new, and a rerun completes', async () => {
    const kills = points.flatMap((point, i) => [
      { at: i + 1, half: false, point },
      ...(point.startsWith('writeFile ') ? [{ at: i + 1, half: true, point }] : []),
    ]);
    for (const { at, half, point } of kills) {
      const dir = await tempDir('jma-kill-');
      prepare(dir);
      const killed = run(dir, args, { KILL_AT: String(at), KILL_HALF: half ? '1' : '0' });
      const where = `killed at ${half ? 'half of ' : ''}${point}`;
      expect(killed.signal, where).toBe('SIGKILL');
      for (const [file, text] of snapshot(dir)) {
        if (TEMPORARY.test(file)) continue;
        expect([before.get(file), after.get(file)], `${where}: ${file}`).toContain(text);
      }
      const rerun = run(dir, args);
      expect(rerun.status, `${where}, then ran again: ${rerun.stderr}`).toBe(0);
      const final = snapshot(dir);
      for (const [file, text] of after) expect(final.get(file), `${where}: ${file}`).toBe(text);
      await fs.remove(dir);
    }
  }, 240_000);
});
