import { Ajv } from 'ajv';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import picocolors from 'picocolors';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { checkCommand } from '../../src/cli/commands/check.js';
import { plainCheckArgs, runCheck } from '../../src/cli/commands/run-check.js';
import { processIo } from '../../src/cli/io.js';
import { rulePage } from '../../src/check/rule-docs.js';
import { compileUnderEmulation } from '../../src/check/rules/compile-under-emulation.js';
import { ALL_RULES } from '../../src/check/rules/index.js';
import { cli, fixturePath, tempDir } from './support.js';

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const put = async (name: string, content: string | Buffer) => {
  await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
  await writeFile(path.join(dir, name), content);
};
const putFixture = (name: string, fixture: string) =>
  mkdir(path.dirname(path.join(dir, name)), { recursive: true }).then(() =>
    copyFile(fixturePath(fixture), path.join(dir, name)),
  );

const CLEAN = "node('podman') {\n  sh 'podman info'\n}\n";
const WARNING =
  "node('podman') {\n  sh 'podman pull --tls-verify=false registry.lan:5000/base:1'\n}\n";

describe('text output and exit codes', () => {
  test('a clean file: nothing printed, exit 0', async () => {
    await put('Jenkinsfile', CLEAN);
    expect(await cli(dir, 'check', 'Jenkinsfile')).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  test('seed 000: each finding with its spot, severity, rule and fix; exit 1', async () => {
    await putFixture('ci/Jenkinsfile', 'seeds/seed-000.Jenkinsfile');
    const result = await cli(dir, 'check', 'ci/Jenkinsfile');
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n');
    expect(lines[1]).toBe('ci/Jenkinsfile');
    const findingLines = lines.flatMap((line) => {
      const match = /^ {2}(\d+:\d+) +(error|warning) +.*  (\S+)$/.exec(line);
      return match ? [`${match[1]} ${match[2]} ${match[3]}`] : [];
    });
    expect(findingLines).toEqual([
      '28:28 warning missing-qemu-preflight',
      '28:50 warning docker-podman-mismatch',
      '28:50 error manifest-reuse',
      '29:22 warning docker-podman-mismatch',
    ]);
    expect(lines).toContain(
      "  28:50  error    --manifest release.daocloud.io/demo/dao-2048:v1 adds this build's images to the local list if it already exists: when the job runs again on the same agent the list still holds the previous build's images (podman 4.3.1 after two builds: [arm64, amd64, amd64, arm64]), and the pushed index lists each platform twice, the stale image first  manifest-reuse",
    );
    expect(lines).toContain(
      '         fix: Start from an empty list: run docker manifest rm release.daocloud.io/demo/dao-2048:v1 >/dev/null 2>&1 || true before the build, or name the list per build (e.g. …:$BUILD_TAG) and remove it in post { always { … } }',
    );
    expect(lines.slice(-2)).toEqual(['✖ 4 problems (1 error, 3 warnings)', '']);
    expect(result.stderr).toBe(
      'jenkins-multiarch: 1 error-level finding; see above for each fix\n',
    );
  });

  test('warnings only: reported, exit 0', async () => {
    await put('Jenkinsfile', WARNING);
    const result = await cli(dir, 'check', 'Jenkinsfile');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      '  2:19  warning  --tls-verify=false turns off certificate checks',
    );
    expect(result.stdout).toContain('✖ 1 problem (0 errors, 1 warning)');
  });

  test('no colour unless asked; --color forces it', async () => {
    await put('Jenkinsfile', WARNING);
    expect((await cli(dir, 'check', 'Jenkinsfile')).stdout).not.toContain('\u001b[');
    expect((await cli(dir, 'check', '--color', 'Jenkinsfile')).stdout).toContain(
      '\u001b[33mwarning',
    );
  });

  test("by default, colour only on the process's own stdout, and only where picocolors finds colour supported", async () => {
    await put('Jenkinsfile', WARNING);
    const file = path.join(dir, 'Jenkinsfile');
    const written: string[] = [];
    const write = vi
      .spyOn(process.stdout, 'write')
      .mockImplementation((text) => written.push(String(text)) > 0);
    const supported = picocolors.isColorSupported;
    const onTerminal = async (colorSupported: boolean) => {
      picocolors.isColorSupported = colorSupported;
      written.length = 0;
      await runCheck(processIo, [file], { format: 'text' });
      return written.join('');
    };
    try {
      expect(await onTerminal(true)).toContain('\u001b[33mwarning');
      expect(await onTerminal(false)).not.toContain('\u001b[');
      // A captured stdout (a test's, or any Io but the process's) is not a terminal.
      picocolors.isColorSupported = true;
      expect((await cli(dir, 'check', 'Jenkinsfile')).stdout).not.toContain('\u001b[');
    } finally {
      picocolors.isColorSupported = supported;
      write.mockRestore();
    }
  });
});

describe('machine-readable output', () => {
  test('--format json lists every finding with its file', async () => {
    await putFixture('Jenkinsfile', 'seeds/seed-000.Jenkinsfile');
    await put('vars/clean.groovy', CLEAN);
    const result = await cli(dir, 'check', '--format', 'json', 'Jenkinsfile', 'vars/clean.groovy');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.summary).toEqual({ files: 2, errors: 1, warnings: 3, unreadable: 0 });
    expect(report.unreadable).toEqual([]);
    expect(report.findings[2]).toEqual({
      file: 'Jenkinsfile',
      rule: 'manifest-reuse',
      messageId: 'buildManifest',
      severity: 'error',
      line: 28,
      column: 50,
      endLine: 28,
      endColumn: 97,
      message: expect.stringContaining('--manifest release.daocloud.io/demo/dao-2048:v1'),
      fix: expect.stringContaining('manifest rm'),
    });
  });

  test('--format sarif is SARIF 2.1.0 with every rule, deterministic', async () => {
    await putFixture('ci/Jenkinsfile', 'seeds/seed-000.Jenkinsfile');
    const first = await cli(dir, 'check', '--format', 'sarif', 'ci/Jenkinsfile');
    const second = await cli(dir, 'check', '--format', 'sarif', 'ci/Jenkinsfile');
    expect(first.stdout).toBe(second.stdout);
    const log = JSON.parse(first.stdout);
    expect(log.version).toBe('2.1.0');
    const [run] = log.runs;
    expect(run.tool.driver.name).toBe('jenkins-multiarch');
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toContain('manifest-reuse');
    const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'manifest-reuse');
    expect(run.tool.driver.rules[result.ruleIndex].id).toBe('manifest-reuse');
    expect(result.level).toBe('error');
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'ci/Jenkinsfile', uriBaseId: '%SRCROOT%' },
      region: { startLine: 28, startColumn: 50, endLine: 28, endColumn: 97 },
    });
  });
});

describe('SARIF that code-scanning services accept', () => {
  /**
   * What SARIF 2.1.0 (OASIS, sarif-v2.1.0-os) requires of the parts we write, written here from
   * the spec rather than copied from OASIS' schema: a result has a `message` with `text` (§3.27.11,
   * §3.11.8), a rule is a reportingDescriptor with an `id` (§3.49.3), and GitHub's code scanning
   * shows a rule by its `shortDescription` and a result by its region's `startLine`. The log names
   * the schema it follows (`$schema`), and the run the unit of its columns (`columnKind`), so
   * that a consumer counts the columns as check does.
   */
  const ajv = new Ajv({ allErrors: true });
  const text = {
    type: 'object',
    required: ['text'],
    properties: { text: { type: 'string', minLength: 1 } },
  };
  const validate = ajv.compile({
    type: 'object',
    required: ['version', '$schema', 'runs'],
    properties: {
      version: { const: '2.1.0' },
      $schema: { type: 'string', pattern: '^https://.*sarif-(schema-)?2\\.1\\.0\\.json$' },
      runs: {
        type: 'array',
        items: {
          type: 'object',
          required: ['tool', 'results', 'columnKind'],
          properties: {
            columnKind: { enum: ['utf16CodeUnits', 'unicodeCodePoints'] },
            tool: {
              type: 'object',
              required: ['driver'],
              properties: {
                driver: {
                  type: 'object',
                  required: ['name', 'rules'],
                  properties: {
                    rules: {
                      type: 'array',
                      items: {
                        type: 'object',
                        required: ['id', 'shortDescription'],
                        properties: {
                          id: { type: 'string', minLength: 1 },
                          shortDescription: text,
                        },
                      },
                    },
                  },
                },
              },
            },
            results: {
              type: 'array',
              minItems: 1,
              items: {
                type: 'object',
                required: ['ruleId', 'message', 'locations'],
                properties: {
                  message: text,
                  locations: {
                    type: 'array',
                    minItems: 1,
                    items: {
                      type: 'object',
                      required: ['physicalLocation'],
                      properties: {
                        physicalLocation: {
                          type: 'object',
                          required: ['artifactLocation', 'region'],
                          properties: {
                            region: {
                              type: 'object',
                              required: ['startLine'],
                              properties: { startLine: { type: 'integer', minimum: 1 } },
                            },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  });

  test('every result of every rule has a message and a place, every rule a short description and its page', async () => {
    // Each rule's documented bad example, under the name it is documented for (a library's step
    // in a vars/ directory), with the settings the rules need (script splitting, which only one
    // rule reads).
    const files = ALL_RULES.map(({ meta }) => `${meta.id}/${meta.docs.file}`);
    for (const [i, { meta }] of ALL_RULES.entries()) await put(files[i]!, meta.docs.bad);
    const settings = Object.assign({}, ...ALL_RULES.map(({ meta }) => meta.docs.settings));
    await put('.jenkins-multiarch-check.yaml', JSON.stringify(settings));
    const result = await cli(dir, 'check', '--format', 'sarif', ...files);
    const log = JSON.parse(result.stdout);
    expect(validate(log), ajv.errorsText(validate.errors)).toBe(true);
    // Each rule reported something, so each rule's results were validated.
    const reported = new Set(log.runs[0].results.map((r: { ruleId: string }) => r.ruleId));
    expect(ALL_RULES.map(({ meta }) => meta.id).filter((id) => !reported.has(id))).toEqual([]);
    for (const [i, descriptor] of log.runs[0].tool.driver.rules.entries())
      expect(descriptor.help.markdown).toBe(rulePage(ALL_RULES[i]!));
  });
});

describe('files that cannot be checked, and the stderr summary, in every format', () => {
  test('--format json lists them with their reason; stderr points to the report', async () => {
    await putFixture('Jenkinsfile', 'seeds/seed-000.Jenkinsfile');
    const withError = await cli(dir, 'check', '--format', 'json', 'Jenkinsfile');
    expect(withError.stderr).toBe(
      'jenkins-multiarch: 1 error-level finding; each fix is in the JSON report on stdout\n',
    );
    const result = await cli(dir, 'check', '--format', 'json', 'missing.groovy', 'Jenkinsfile');
    expect(result.code).toBe(2);
    const report = JSON.parse(result.stdout);
    expect(report.unreadable).toEqual([
      { file: 'missing.groovy', reason: 'no such file or directory' },
    ]);
    expect(report.summary).toEqual({ files: 1, errors: 1, warnings: 3, unreadable: 1 });
    expect(result.stderr).toBe(
      'jenkins-multiarch: could not check 1 file:\n  missing.groovy: no such file or directory\n',
    );
  });

  test('--format sarif: a failed invocation with a notification per file', async () => {
    await putFixture('Jenkinsfile', 'seeds/seed-000.Jenkinsfile');
    const withError = await cli(dir, 'check', '--format', 'sarif', 'Jenkinsfile');
    expect(withError.stderr).toBe(
      'jenkins-multiarch: 1 error-level finding; each fix is in the SARIF report on stdout\n',
    );
    expect(JSON.parse(withError.stdout).runs[0].invocations).toEqual([
      { executionSuccessful: true },
    ]);
    await put('image.groovy', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    const result = await cli(
      dir,
      'check',
      '--format',
      'sarif',
      'image.groovy',
      'Jenkinsfile',
      '/nonexistent/Jenkinsfile',
    );
    expect(result.code).toBe(2);
    const [run] = JSON.parse(result.stdout).runs;
    expect(run.results).toHaveLength(4);
    expect(run.invocations).toEqual([
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          {
            level: 'error',
            message: { text: 'could not check image.groovy: is a binary file, not a Jenkinsfile' },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: 'image.groovy', uriBaseId: '%SRCROOT%' },
                },
              },
            ],
          },
          {
            level: 'error',
            message: {
              text: 'could not check /nonexistent/Jenkinsfile: no such file or directory',
            },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: 'file:///nonexistent/Jenkinsfile' },
                },
              },
            ],
          },
        ],
      },
    ]);
  });
});

describe('which files', () => {
  test('by default: Jenkinsfile*, *.Jenkinsfile, *.groovy below here, skipping what .gitignore ignores', async () => {
    await put('Jenkinsfile', WARNING);
    await put('Jenkinsfile.release', WARNING);
    await put('ci/nightly.Jenkinsfile', WARNING);
    await put('vars/buildImage.groovy', WARNING);
    // A path below the .gitignore's directory; a trailing slash ignores directories only.
    await put('.gitignore', 'generated/\n*.tmp.groovy\nci/old.Jenkinsfile\nJenkinsfile.release/\n');
    await put('ci/old.Jenkinsfile', WARNING);
    await put('generated/Jenkinsfile', WARNING);
    await put('vars/scratch.tmp.groovy', WARNING);
    await put('sub/.gitignore', 'local.groovy\n');
    await put('sub/local.groovy', WARNING);
    await put('sub/kept.groovy', WARNING);
    await put('node_modules/pkg/x.groovy', WARNING);
    await put('README.md', 'Jenkinsfile notes\n');
    // Documentation named after the file it documents is not a Jenkinsfile.
    await put('Jenkinsfile.md', WARNING);
    await put('docs/Jenkinsfile.adoc', WARNING);
    await put('docs/release.Jenkinsfile.html', WARNING);
    const report = JSON.parse((await cli(dir, 'check', '--format', 'json')).stdout);
    expect([...new Set(report.findings.map((f: { file: string }) => f.file))]).toEqual([
      'Jenkinsfile',
      'Jenkinsfile.release',
      'ci/nightly.Jenkinsfile',
      'sub/kept.groovy',
      'vars/buildImage.groovy',
    ]);
  });

  test('Dockerfiles and Containerfiles get the Dockerfile rules, and # suppressions', async () => {
    await put('Jenkinsfile', CLEAN);
    await put('service/Dockerfile', compileUnderEmulation.meta.docs.bad);
    await put(
      'tools/Containerfile',
      'FROM golang:1.22\n# jenkins-multiarch-ignore compile-under-emulation the module is tiny, the build takes a second\nRUN go build ./...\n',
    );
    await put('docs/Dockerfile.md', 'RUN go build\n');
    const result = await cli(dir, 'check', '--format', 'json');
    const report = JSON.parse(result.stdout) as {
      summary: { files: number };
      findings: { file: string; rule: string; line: number }[];
    };
    // The Jenkinsfile, the two Dockerfiles; not the documentation named like one.
    expect(report.summary.files).toBe(3);
    expect(report.findings.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual([
      'service/Dockerfile:4 compile-under-emulation',
    ]);
    // Warnings only: exit 0.
    expect(result.code).toBe(0);
  });

  test('a file whose name starts with "-" is checked when named after --', async () => {
    await put('-nightly.Jenkinsfile', WARNING);
    const result = await cli(dir, 'check', '--', '-nightly.Jenkinsfile');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('-nightly.Jenkinsfile\n  2:19  warning');
  });

  test('a directory argument is searched the same way', async () => {
    await put('vars/a.groovy', WARNING);
    const result = await cli(dir, 'check', 'vars');
    expect(result.stdout).toContain('vars/a.groovy');
    expect(result.code).toBe(0);
  });

  test('nothing to check here: exit 2 with what was looked for', async () => {
    const result = await cli(dir, 'check');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `jenkins-multiarch: no Jenkinsfile here: looked for Jenkinsfile*, *.Jenkinsfile, *.groovy, Dockerfile*, Containerfile*, *.Dockerfile and *.Containerfile (not *.md, *.txt and other documentation) under ${dir} (skipping what .gitignore ignores); name the files to check\n`,
    );
  });
});

describe('garbage input: a clear message and the right exit code, never a stack trace', () => {
  test.each([
    ['missing.groovy', undefined, 'missing.groovy: no such file or directory'],
    [
      'empty-dir',
      'dir',
      'empty-dir: is a directory with nothing to check in it: looked for Jenkinsfile*, *.Jenkinsfile, *.groovy, Dockerfile*, Containerfile*, *.Dockerfile and *.Containerfile (not *.md, *.txt and other documentation)',
    ],
    [
      'image.groovy',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]),
      'image.groovy: is a binary file, not a Jenkinsfile',
    ],
    [
      'latin1.groovy',
      Buffer.from('// caf\xe9\n', 'latin1'),
      'latin1.groovy: is not UTF-8 text; Jenkins reads Jenkinsfiles as UTF-8',
    ],
    [
      'huge.groovy',
      `// ${'x'.repeat(5 * 1024 * 1024)}\n`,
      'huge.groovy: is 5.0 MB, too large for a Jenkinsfile (limit 1 MB; Jenkins cannot compile a pipeline that size either)',
    ],
  ])('%s', async (name, content, reason) => {
    if (content === 'dir') await mkdir(path.join(dir, name));
    else if (content !== undefined) await put(name, content);
    await put('Jenkinsfile', WARNING);
    const result = await cli(dir, 'check', name, 'Jenkinsfile');
    expect(result.code).toBe(2);
    // The other file is still checked and reported.
    expect(result.stdout).toContain('✖ 1 problem (0 errors, 1 warning)');
    expect(result.stderr).toBe(`jenkins-multiarch: could not check 1 file:\n  ${reason}\n`);
  });

  test('a file of exactly the 1 MB limit is still checked', async () => {
    await put('big.groovy', `${CLEAN}// ${'x'.repeat(1024 * 1024 - CLEAN.length - 4)}\n`);
    expect(await cli(dir, 'check', 'big.groovy')).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  test('a path that cannot be stat-ed or read for another reason is named with its error code', async () => {
    await put('Jenkinsfile', WARNING);
    // A path through a regular file: ENOTDIR. /proc/self/mem is a file whose read fails (EIO).
    const result = await cli(dir, 'check', 'Jenkinsfile/vars', '/proc/self/mem', 'Jenkinsfile');
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('✖ 1 problem (0 errors, 1 warning)');
    expect(result.stderr).toBe(
      'jenkins-multiarch: could not check 2 files:\n  Jenkinsfile/vars: cannot read it: ENOTDIR\n  /proc/self/mem: cannot read it: EIO\n',
    );
  });

  test('the working directory, empty, is named by its full path, not as ""', async () => {
    const result = await cli(dir, 'check', '.');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      `jenkins-multiarch: could not check 1 file:\n  ${dir}: is a directory with nothing to check in it`,
    );
  });

  test('two error-level findings are counted as such', async () => {
    await putFixture('Jenkinsfile', 'seeds/seed-000.Jenkinsfile');
    await putFixture('ci/Jenkinsfile', 'seeds/seed-000.Jenkinsfile');
    const result = await cli(dir, 'check', 'Jenkinsfile', 'ci/Jenkinsfile');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'jenkins-multiarch: 2 error-level findings; see above for each fix\n',
    );
  });

  test('an unterminated string is a syntax finding at its line and column: exit 1', async () => {
    await put('Jenkinsfile', "node {\n  sh '''podman build .\n}\n");
    const result = await cli(dir, 'check', '--format', 'json', 'Jenkinsfile');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).findings).toEqual([
      expect.objectContaining({ rule: 'groovy-syntax', line: 2, column: 6 }),
    ]);
    expect(JSON.parse(result.stdout).findings[0].message).toContain(
      "unterminated string: add the closing '''",
    );
  });

  test('an empty file is a warning, exit 0', async () => {
    await put('Jenkinsfile', '');
    const result = await cli(dir, 'check', '--format', 'json', 'Jenkinsfile');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).findings).toEqual([
      expect.objectContaining({ rule: 'empty-file', line: 1, column: 1 }),
    ]);
  });

  test('an unknown format is a usage error', async () => {
    await put('Jenkinsfile', CLEAN);
    const result = await cli(dir, 'check', '--format', 'xml', 'Jenkinsfile');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "error: option '--format <format>' argument 'xml' is invalid. Allowed choices are text, json, sarif.",
    );
  });
});

describe('-f, which is --force in every other command', () => {
  test.each([
    [['-f', 'json'], 'write --format json'],
    [['-fsarif'], 'write --format sarif'],
    [['-f'], 'write --format <text|json|sarif>'],
    [['-f', 'Jenkinsfile'], 'write --format <text|json|sarif>'],
  ])('check %j is a usage error naming --format', async (args, advice) => {
    await put('Jenkinsfile', CLEAN);
    expect(await cli(dir, 'check', ...args, 'Jenkinsfile')).toEqual({
      code: 2,
      stdout: '',
      stderr: `jenkins-multiarch: check has no -f (elsewhere it means --force): ${advice}\n`,
    });
  });

  test('--help does not list it', async () => {
    const help = await cli(dir, 'check', '--help');
    expect(help.stdout).toContain('--format <format>');
    expect(help.stdout).not.toMatch(/-f\b/);
  });
});

describe('the settings file', () => {
  test('severities can be changed or turned off', async () => {
    await putFixture('Jenkinsfile', 'seeds/seed-000.Jenkinsfile');
    await put(
      '.jenkins-multiarch-check.yaml',
      'rules:\n  manifest-reuse: warning\n  docker-podman-mismatch: off\n',
    );
    const result = await cli(dir, 'check', '--format', 'json', 'Jenkinsfile');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(
      report.findings.map((f: { rule: string; severity: string }) => `${f.rule} ${f.severity}`),
    ).toEqual(['missing-qemu-preflight warning', 'manifest-reuse warning']);
  });

  test('insecureRegistries declares registries insecure on purpose', async () => {
    await put('Jenkinsfile', WARNING);
    await put('ci/check.yaml', 'insecureRegistries: [registry.lan:5000]\n');
    const result = await cli(dir, 'check', '--config', 'ci/check.yaml', 'Jenkinsfile');
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  test('docsUrl links each SARIF rule to its page there; an address that is not http(s) is named', async () => {
    await put('Jenkinsfile', CLEAN);
    const base = 'https://git.example.com/platform/jenkins-multiarch/-/blob/v0.1.0/docs/rules';
    await put('.jenkins-multiarch-check.yaml', `docsUrl: ${base}\n`);
    const linked = JSON.parse((await cli(dir, 'check', '--format', 'sarif')).stdout);
    const rules = linked.runs[0].tool.driver.rules as { id: string; helpUri: string }[];
    expect(rules.map((rule) => rule.helpUri)).toEqual(
      ALL_RULES.map(({ meta }) => `${base}/${meta.id}.md`),
    );
    await put('.jenkins-multiarch-check.yaml', '');
    const unlinked = JSON.parse((await cli(dir, 'check', '--format', 'sarif')).stdout);
    expect(unlinked.runs[0].tool.driver.rules[0]).not.toHaveProperty('helpUri');
    await put('.jenkins-multiarch-check.yaml', 'docsUrl: docs/rules/\n');
    expect(await cli(dir, 'check')).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'jenkins-multiarch: invalid .jenkins-multiarch-check.yaml:\n.jenkins-multiarch-check.yaml:1:10: docsUrl: expected the http(s) address where the rule pages (docs/rules/) are published, e.g. https://git.example.com/platform/jenkins-multiarch/-/blob/v0.1.0/docs/rules/\n',
    });
  });

  test('mistakes are reported as file:line:col: path: message, exit 2', async () => {
    await put('Jenkinsfile', CLEAN);
    await put(
      '.jenkins-multiarch-check.yaml',
      'rules:\n  manifest-reuse: fatal\n  manifest-reus: off\ninsecureRegistry: []\n',
    );
    const result = await cli(dir, 'check', 'Jenkinsfile');
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')).toEqual([
      'jenkins-multiarch: invalid .jenkins-multiarch-check.yaml:',
      '.jenkins-multiarch-check.yaml:2:19: rules.manifest-reuse: expected one of error, warning, off, got "fatal"',
      expect.stringMatching(
        /^\.jenkins-multiarch-check\.yaml:3:3: rules\.manifest-reus: unknown rule "manifest-reus" \(did you mean "manifest-reuse"\?\); rules: groovy-syntax, empty-file, /,
      ),
      '.jenkins-multiarch-check.yaml:4:1: insecureRegistry: unknown field "insecureRegistry"; known fields: rules, insecureRegistries, steps, libraries, scriptSplitting, docsUrl',
      '',
    ]);
  });

  test("a library's vars/ that is a file, or lies below one, is named with the fix", async () => {
    await put('Jenkinsfile', CLEAN);
    await put('lib/vars', 'not a directory\n');
    await put('.jenkins-multiarch-check.yaml', 'libraries:\n  a: lib/vars\n  b: lib/vars/x\n');
    const result = await cli(dir, 'check', 'Jenkinsfile');
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')).toEqual([
      'jenkins-multiarch: invalid .jenkins-multiarch-check.yaml:',
      `.jenkins-multiarch-check.yaml:2:6: libraries.a: ${path.join(dir, 'lib/vars')} is not a directory: give the library's vars/ directory`,
      `.jenkins-multiarch-check.yaml:3:6: libraries.b: cannot read ${path.join(dir, 'lib/vars/x')}: ENOTDIR`,
      '',
    ]);
  });

  test('a --config that does not exist is a usage error', async () => {
    await put('Jenkinsfile', CLEAN);
    const result = await cli(dir, 'check', '--config', 'nope.yaml', 'Jenkinsfile');
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'jenkins-multiarch: settings file nope.yaml does not exist; write it, or leave out -c to use .jenkins-multiarch-check.yaml when there is one\n',
    });
  });
});

describe('plain arguments skip commander', () => {
  const parsedByCommander = async (args: string[]) => {
    let parsed: unknown;
    await checkCommand({ cwd: dir, stdout: () => {}, stderr: () => {} })
      .action((files: string[], options: object) => void (parsed = { files, options }))
      .parseAsync(args, { from: 'user' });
    return parsed;
  };

  test.each([
    [[]],
    [['Jenkinsfile', 'vars/']],
    [['--format', 'json', 'a', '--format=sarif', 'b', '--format', 'text']],
    [['-c', 'ci/check.yaml', '--config=other.yaml', '--config', '']],
    [['--color', 'a', '--no-color']],
    [['--no-color', '--color']],
  ])('%j parses as commander parses it', async (args) => {
    expect(plainCheckArgs(args)).toEqual(await parsedByCommander(args));
  });

  test.each([
    ['--help'],
    ['-h'],
    ['-v'],
    ['--', 'Jenkinsfile'],
    ['-'],
    ['-fjson'],
    ['-f', 'json'],
    ['-f', 'xml'],
    ['--format=xml'],
    ['-f'],
    ['-c', '--help'],
    ['--color=yes'],
    // commander reads `-c=x.yaml` as the file "=x.yaml"; only long options take `=`.
    ['-c=x.yaml', 'Jenkinsfile'],
    ['--bogus'],
  ])('%s is left to commander', (...args) => {
    expect(plainCheckArgs(args)).toBeUndefined();
  });
});
