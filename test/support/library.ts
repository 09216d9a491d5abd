import { execa, type ResultPromise } from 'execa';
import { createInterface } from 'node:readline';
import { groovyLiteral } from '../../src/render/groovy.js';
import { harnessDir, javaHome, repoRoot } from './tools.js';

/** What the shared library makes of a step's arguments. */
export interface LibraryAnswer {
  /** [path, message]; the path is '' for the arguments themselves. */
  problems: [string, string][];
  /** The runtime's step environment (`NAME=value`), for valid arguments; else null. */
  env: string[] | null;
}

/**
 * The shared library in a Groovy 2.4 JVM of its own (test/harness/library-eval.groovy), asked
 * question after question: its real checks and the real step environment of its runtime. Start
 * one per test file; close it after.
 */
export interface LibraryEval {
  ask(args: unknown, step?: string): Promise<LibraryAnswer>;
  /** The step environment of valid arguments, as a map. */
  environment(args: unknown, step?: string): Promise<Record<string, string>>;
  close(): Promise<void>;
}

export function startLibraryEval(): LibraryEval {
  const child: ResultPromise = execa(
    'groovy',
    ['-cp', harnessDir, `${harnessDir}/library-eval.groovy`, repoRoot],
    { env: { JAVA_HOME: javaHome() }, reject: false, buffer: { stdout: false } },
  );
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  // One question at a time: each waits for the answers before it.
  let queue: Promise<unknown> = Promise.resolve();
  const ask = (args: unknown, step = 'multiarchPipeline'): Promise<LibraryAnswer> => {
    const answer = queue.then(async () => {
      child.stdin!.write(`${groovyLiteral({ step, args }, '', Infinity)}\n`);
      const next = await lines.next();
      if (next.done) throw new Error(`library-eval.groovy ended: ${(await child).stderr}`);
      return JSON.parse(next.value) as LibraryAnswer;
    });
    queue = answer.catch(() => undefined);
    return answer;
  };
  return {
    ask,
    async environment(args, step) {
      const { problems, env } = await ask(args, step);
      if (env === null) throw new Error(`invalid test arguments: ${JSON.stringify(problems)}`);
      return Object.fromEntries(
        env.map((entry) => [
          entry.slice(0, entry.indexOf('=')),
          entry.slice(entry.indexOf('=') + 1),
        ]),
      );
    },
    async close() {
      child.stdin!.end();
      await child;
    },
  };
}
