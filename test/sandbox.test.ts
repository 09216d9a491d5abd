import { execa } from 'execa';
import fs from 'fs-extra';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { SANDBOX_ALLOWED } from './fixtures/sandbox.js';
import { tempDir } from './support/cli.js';
import { emittedGroovyFiles } from './support/emitted.js';
import { harnessDir, javaHome, requireTools } from './support/tools.js';

interface JavaCalls {
  file: string;
  calls: string[];
}

async function javaCalls(files: string[]): Promise<JavaCalls[]> {
  const result = await execa(
    'groovy',
    ['-cp', harnessDir, path.join(harnessDir, 'java-calls.groovy'), ...files],
    { env: { JAVA_HOME: javaHome() } },
  );
  return result.stdout.split('\n').map((line) => JSON.parse(line) as JavaCalls);
}

/** What we emit calls Java only as script-security's generic-whitelist allows (fixtures/sandbox.ts). */
describe.skipIf(requireTools(['groovy']).skip)('the script-security sandbox', () => {
  test('every vars/*.groovy and every Jenkinsfile we emit calls Java only as generic-whitelist allows', async () => {
    const dir = await tempDir('jma-sandbox-');
    const files = await emittedGroovyFiles(dir);
    const found = await javaCalls(files);
    await fs.remove(dir);
    expect(found).toHaveLength(files.length);
    const refused = found.flatMap(({ file, calls }) =>
      calls.filter((call) => !(call in SANDBOX_ALLOWED)).map((call) => `${file}: ${call}`),
    );
    expect(refused).toEqual([]);
    // Not vacuous: the argument checks do call Java.
    const config = found.find(({ file }) => file.endsWith('multiarchConfig.groovy'))!;
    expect(config.calls.sort()).toEqual(Object.keys(SANDBOX_ALLOWED).sort());
  });

  test('the walk finds what the sandbox would refuse', async () => {
    const dir = await tempDir('jma-sandbox-');
    const file = path.join(dir, 'refused.groovy');
    await fs.writeFile(
      file,
      [
        '@NonCPS',
        'boolean lone(char c) { Character.isHighSurrogate(c) }',
        "def fail() { throw new IllegalStateException('x') }",
        'int most() { Integer.MAX_VALUE }',
        '',
      ].join('\n'),
    );
    const [{ calls }] = (await javaCalls([file])) as [JavaCalls];
    await fs.remove(dir);
    expect(calls).toEqual([
      'new java.lang.IllegalStateException',
      'staticField java.lang.Integer MAX_VALUE',
      'staticMethod java.lang.Character isHighSurrogate',
    ]);
  });
});
