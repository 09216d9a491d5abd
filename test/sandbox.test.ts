import fs from 'fs-extra';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { SANDBOX_ALLOWED } from './fixtures/sandbox.js';
import { tempDir } from './support/cli.js';
import { emittedGroovyFiles } from './support/emitted.js';
import { groovyCalls, type GroovyCalls } from './support/groovy.js';
import { requireTools } from './support/tools.js';

/** What we emit calls Java only as script-security's generic-whitelist allows (fixtures/sandbox.ts). */
describe.skipIf(requireTools(['groovy']).skip)('the script-security sandbox', () => {
  test('every vars/*.groovy and every Jenkinsfile we emit calls Java only as generic-whitelist allows', async () => {
    const dir = await tempDir('jma-sandbox-');
    const files = await emittedGroovyFiles(dir);
    const found = await groovyCalls(files);
    await fs.remove(dir);
    expect(found).toHaveLength(files.length);
    const refused = found.flatMap(({ file, java }) =>
      java.filter((call) => !(call in SANDBOX_ALLOWED)).map((call) => `${file}: ${call}`),
    );
    expect(refused).toEqual([]);
    // Not vacuous: the argument checks do call Java.
    const config = found.find(({ file }) => file.endsWith('multiarchConfig.groovy'))!;
    expect(config.java.sort()).toEqual(Object.keys(SANDBOX_ALLOWED).sort());
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
    const [{ java }] = (await groovyCalls([file])) as [GroovyCalls];
    await fs.remove(dir);
    expect(java).toEqual([
      'new java.lang.IllegalStateException',
      'staticField java.lang.Integer MAX_VALUE',
      'staticMethod java.lang.Character isHighSurrogate',
    ]);
  });
});
