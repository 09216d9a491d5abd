import { execa } from 'execa';
import fs from 'fs-extra';
import path from 'node:path';
import { expect } from 'vitest';
import type { GrammarName } from '../../src/model/grammar.js';
import { tempDir } from './cli.js';
import { harnessDir, javaHome, repoRoot } from './tools.js';

/**
 * Asserts that the shared library (vars/multiarchConfig.groovy, Java regexes) judges each case as
 * the model did: grammar-eval.groovy reads [grammar, value, the model's problem or null] and prints
 * the index of each case it judges otherwise, then `judged N`. With `timeoutMs`, the JVM is killed
 * after it, so a backtracking Java regex fails the test instead of hanging it.
 */
export async function expectLibraryJudgesAsModel(
  cases: readonly (readonly [GrammarName, string, string | null])[],
  timeoutMs?: number,
): Promise<void> {
  const dir = await tempDir('jma-grammar-');
  const file = path.join(dir, 'cases.json');
  // ASCII, every other character escaped: the harness reads it so, whatever its locale.
  await fs.writeFile(
    file,
    JSON.stringify(cases).replace(
      /[^\x20-\x7e]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    ),
  );
  const output = await execa(
    'groovy',
    ['-cp', harnessDir, path.join(harnessDir, 'grammar-eval.groovy'), repoRoot, file],
    { env: { JAVA_HOME: javaHome() }, timeout: timeoutMs, reject: false },
  );
  await fs.remove(dir);
  expect(output.timedOut, `the JVM took more than ${(timeoutMs ?? 0) / 1000} s`).toBe(false);
  expect(output.exitCode, output.stderr).toBe(0);
  const lines = output.stdout.trim().split('\n');
  expect(lines.pop()).toBe(`judged ${cases.length}`);
  expect(lines.slice(0, 3).map((index) => cases[Number(index)])).toEqual([]);
}

/**
 * The model's judgement of values (grammarProblem, null for accepted), made in a process of its
 * own (judge-grammar.ts) that is killed after `timeoutMs`: JavaScript cannot interrupt a regex
 * that backtracks for ever, so a ReDoS fails the test instead of hanging the run.
 */
export async function judgeApart(
  cases: readonly (readonly [GrammarName, string])[],
  timeoutMs: number,
): Promise<(string | null)[]> {
  const dir = await tempDir('jma-redos-');
  const file = path.join(dir, 'cases.json');
  await fs.writeJson(file, cases);
  const judged = await execa(
    path.join(repoRoot, 'node_modules', '.bin', 'vite-node'),
    [path.join(repoRoot, 'test', 'support', 'judge-grammar.ts'), file],
    { timeout: timeoutMs, reject: false },
  );
  await fs.remove(dir);
  expect(judged.timedOut, `judging took more than ${timeoutMs / 1000} s: a regex backtracks`).toBe(
    false,
  );
  expect(judged.exitCode, judged.stderr).toBe(0);
  return JSON.parse(judged.stdout);
}
