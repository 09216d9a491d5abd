import { execa } from 'execa';
import fs from 'fs-extra';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { validatePipeline } from '../../src/model/pipeline.js';
import { groovyLiteral } from '../../src/render/groovy.js';
import { SNAPSHOT_CONFIGS } from '../fixtures/configs.js';
import { SANDBOX_REFUSED, signature } from '../../src/check/sandbox-refused.js';
import { PARITY_CASES } from '../fixtures/parity-cases.js';
import { SANDBOX_ALLOWED } from '../fixtures/sandbox.js';
import { tempDir } from '../support/cli.js';
import { emittedGroovyFiles } from '../support/emitted.js';
import { harnessDir, javaHome, repoRoot } from '../support/tools.js';

/**
 * What we emit, against Jenkins' own parts: workflow-cps's CPS transformer (sandboxed and
 * trusted), groovy-sandbox, and script-security's generic-whitelist, built by
 * ../shared/jenkins-fidelity/build.sh from clones of their repositories into JMA_FIDELITY
 * (classes/ and generic-whitelist). Development only: `npm run fidelity`.
 */
const out = process.env.JMA_FIDELITY;
if (!out)
  throw new Error(
    'JMA_FIDELITY is not set: build Jenkins\' CPS transformer and sandbox with ../shared/jenkins-fidelity/build.sh, then JMA_FIDELITY=<its OUT_DIR> npm run fidelity (README, "Jenkins\' own compiler and sandbox")',
  );
const classpath = [path.join(out, 'classes'), '/usr/share/java/guava.jar', harnessDir].join(':');
const groovy = (script: string, args: string[]) =>
  execa('groovy', ['-cp', classpath, path.join(repoRoot, 'test', 'fidelity', script), ...args], {
    env: { JAVA_HOME: javaHome() },
  });

describe("Jenkins' own compiler and sandbox", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir('jma-fidelity-');
  });
  afterAll(async () => {
    await fs.remove(dir);
  });

  test("every allowed Java call is a line of script-security's generic-whitelist", async () => {
    const whitelist = (await fs.readFile(path.join(out, 'generic-whitelist'), 'utf8')).split('\n');
    for (const [call, line] of Object.entries(SANDBOX_ALLOWED)) {
      expect(whitelist, call).toContain(line);
      expect(line.startsWith(call), call).toBe(true);
    }
  });

  test("check's sandbox-refused-call flags only calls generic-whitelist lists with no parameters at all", async () => {
    const whitelist = (await fs.readFile(path.join(out, 'generic-whitelist'), 'utf8')).split('\n');
    const listed = SANDBOX_REFUSED.map(signature).filter((call) =>
      whitelist.some((line) => line === call || line.startsWith(`${call} `)),
    );
    expect(listed).toEqual([]);
    // Not vacuous: the same match finds what the whitelist does permit.
    expect(
      whitelist.some((line) => line.startsWith('staticMethod java.lang.System currentTimeMillis')),
    ).toBe(true);
  });

  test('the CPS transformer compiles vars/ and every Jenkinsfile we emit, sandboxed and trusted', async () => {
    const files = await emittedGroovyFiles(dir);
    const { stdout } = await groovy('cps-compile.groovy', files);
    const results = stdout.split('\n').map((line) => JSON.parse(line));
    expect(results).toHaveLength(2 * files.length);
    expect(results.filter((r) => !r.ok)).toEqual([]);
  });

  test('the CPS transformer refuses a config past the literal limits, as the model does', async () => {
    const labels = Object.fromEntries(Array.from({ length: 126 }, (_, i) => [`k${i}`, 'v']));
    expect(
      validatePipeline({ ...SNAPSHOT_CONFIGS.minimal!, image: { name: 'a', tags: ['1'], labels } })
        .ok,
    ).toBe(false);
    const file = path.join(dir, 'too-many.Jenkinsfile');
    await fs.writeFile(file, `multiarchPipeline(image: ${groovyLiteral({ labels })})\n`);
    const { stdout } = await groovy('cps-compile.groovy', [file]);
    expect(stdout).toContain('Map expressions can only contain up to 125 entries');
  });

  test('vars/ checks arguments and makes the step environment in the sandbox, refused nothing', async () => {
    const cases = path.join(dir, 'cases.groovy');
    await fs.writeFile(cases, groovyLiteral(PARITY_CASES));
    const { stdout } = await groovy('sandboxed-eval.groovy', [
      repoRoot,
      path.join(out, 'generic-whitelist'),
      cases,
    ]);
    expect(stdout.split('\n').filter((line) => line.startsWith('refused'))).toEqual([]);
    expect(stdout).toMatch(new RegExp(`ran ${PARITY_CASES.length} cases, [1-9]\\d* valid`));
  });
});
