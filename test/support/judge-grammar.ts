import { readFileSync } from 'node:fs';
import type { GrammarName } from '../../src/model/grammar.js';
import { grammarProblem } from '../../src/model/pipeline.js';

/**
 * The model's judgement of values, in a process of its own, so that a test can kill it when a
 * regex backtracks for ever (JavaScript cannot interrupt a running regex).
 *   vite-node test/support/judge-grammar.ts cases.json
 * cases.json: [[grammar, value], ...]. Prints the problems as a JSON list (null for accepted).
 */
const cases = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as [GrammarName, string][];
console.log(JSON.stringify(cases.map(([name, value]) => grammarProblem(name, value) ?? null)));
