import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, vi } from 'vitest';
import { cli, tempDir } from '../support/cli.js';

/**
 * check's warning when tree-sitter's native parser could not be loaded, in-process: the loader's
 * answer is stood in for here, so the mutation run sees the message. no-parser.test.ts makes the
 * parser really missing, in a built copy of the package.
 */
vi.mock('../../src/check/shell.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/check/shell.js')>()),
  shellParserMissing: () => 'No native build was found',
}));

test('a missing shell parser is said on stderr, with how to get it; exit code unchanged', async () => {
  const dir = await tempDir();
  try {
    await writeFile(
      path.join(dir, 'Jenkinsfile'),
      "node('podman') {\n  sh 'podman pull --tls-verify=false registry.lan:5000/base:1'\n}\n",
    );
    const result = await cli(dir, 'check', 'Jenkinsfile');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      "jenkins-multiarch: shell-level rules skipped: tree-sitter's native parser could not be loaded (No native build was found), so sh steps were not analysed; get it with `npm rebuild tree-sitter tree-sitter-bash` (builds it where no prebuilt binary exists; needs a C++ compiler)\n",
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
