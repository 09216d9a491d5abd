import { execa } from 'execa';
import fs from 'fs-extra';
import path from 'node:path';
import { expect } from 'vitest';
import type { GrammarName } from '../../src/model/grammar.js';
import { tempDir } from './cli.js';
import { repoRoot } from './tools.js';

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
