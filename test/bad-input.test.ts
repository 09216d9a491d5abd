import fs from 'fs-extra';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { agentTempDir, asAgent, resolveAgent } from './support/agent.js';

/**
 * Every command that reads a file the user names, fed what is not one: each run of the built CLI
 * exits 2 with one precise message naming the file and what was expected, never a stack trace, and
 * never more than a screenful however large the input. `--debug` may add the stack.
 */

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bin = path.join(root, 'bin', 'jenkins-multiarch.js');

const VALID = `agent:\n  label: podman\nimage:\n  name: acme/app\n  tags: ['1.0']\nregistries:\n  - host: registry.example.com\n    credentialsId: reg\nplatforms: [linux/amd64, linux/arm64]\n`;

/** A file's content, or how to make the path something other than a file. */
type Input =
  { readonly content: string | Buffer } | { readonly make: (file: string, dir: string) => void };

/** Inputs for a YAML (or JSON) file, each with a fragment of the message that names the problem. */
const INPUTS: Record<string, Input & { readonly says: RegExp }> = {
  'malformed YAML': { content: 'agent: [\n', says: /:2:1: invalid YAML: / },
  'malformed JSON (as .yaml)': { content: '{"agent": ', says: /:1:11: invalid YAML: / },
  'a wrong type': {
    content: 'agent: 5\nimage: []\nrules: 5\n',
    says: /:1:8: .*got 5|:2:8: .*got a list/,
  },
  'an unknown key': {
    content: 'platfroms: []\n',
    says: /unknown field "platfroms" \(did you mean "platforms"\?\)/,
  },
  'a huge value': {
    content: `agent:\n  label: ${'x'.repeat(200_000)}\n`,
    says: /"x{60}"\.\.\. \(200000 characters\)|KB/,
  },
  'a huge file': {
    content: `# ${'padding '.repeat(40_000)}\n`,
    says: /is 313 KB, more than the 256 KB/,
  },
  'Latin-1 bytes': {
    content: Buffer.from('agent:\n  label: caf\xe9\n', 'latin1'),
    says: /is a binary file/,
  },
  'UTF-16': {
    content: Buffer.from('\ufeffagent: {}\n', 'utf16le'),
    says: /is UTF-16 text; save it as UTF-8/,
  },
  'NUL bytes': { content: Buffer.from('agent:\0\0\0'), says: /is a binary file/ },
  'a directory': {
    make: (file) => fs.mkdirSync(file),
    says: /is a directory; name the .* inside it/,
  },
  'a link out of the repository': {
    make: (file) => fs.symlinkSync('/etc/passwd', file),
    says: /is a symbolic link to \/etc\/passwd, outside the repository/,
  },
  'a link in a loop': {
    make: (file) => fs.symlinkSync(path.basename(file), file),
    says: /cannot read (config|settings) file .*: the path has a symbolic link loop$/m,
  },
  'a path through a file': {
    make: (file, dir) => fs.writeFileSync(path.join(dir, 'plain'), 'x'),
    says: /cannot read (config|settings) file .*: part of the path is a file, not a directory/,
  },
  'nothing there': { make: () => undefined, says: /does not exist/ },
  // Read by the agent user when the tests run as root, whom no file mode stops.
  'an unreadable file': {
    make: (file) => fs.writeFileSync(file, VALID, { mode: 0o000 }),
    says: /cannot read (config|settings) file .*: permission denied; make it readable \(chmod a\+r /,
  },
};

/** The commands that read such a file, each as its arguments given the file's name. */
const COMMANDS: Record<string, (file: string) => string[]> = {
  render: (file) => ['render', file],
  'render --check': (file) => ['render', file, '--check'],
  doctor: (file) => ['doctor', file],
  'mirror --from-config': (file) => ['mirror', '--from-config', file, '127.0.0.1:1/mirror'],
  'check -c (settings)': (file) => ['check', '-c', file, 'Jenkinsfile'],
};

/** What a settings file says instead, where the pipeline config's wording does not apply. */
const SETTINGS_SAYS: Record<string, RegExp> = {
  'a wrong type': /rules: expected a mapping of rule ids/,
  'an unknown key': /unknown field "platfroms"/,
  'a huge value': /unknown field "agent"/,
};

/**
 * The built CLI in `dir`, as the agent user: when the tests run as root, whom no file mode stops,
 * that is another user, so that an unreadable file is one.
 */
async function run(dir: string, args: readonly string[]) {
  const { exitCode, stderr } = await asAgent(resolveAgent(), process.execPath, [bin, ...args], {
    cwd: dir,
    env: { NO_COLOR: '1' },
  });
  return { exitCode, stderr: String(stderr) };
}

let dir: string;
beforeAll(async () => {
  dir = await agentTempDir(resolveAgent(), 'jma-bad-input-');
  // A repository, so that "outside the repository" has a meaning.
  fs.mkdirSync(path.join(dir, '.git'));
  fs.writeFileSync(path.join(dir, 'Jenkinsfile'), "node { sh 'make' }\n");
  fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\n');
});

const cases = Object.entries(COMMANDS).flatMap(([command, args]) =>
  Object.entries(INPUTS).map(([input, spec]) => ({ command, args, input, spec })),
);

describe('bad input: exit 2, one precise message, no stack trace', () => {
  test.each(cases)('$command with $input', async ({ command, args, input, spec }) => {
    const name = `${command.replace(/\W+/g, '-')}-${input.replace(/\W+/g, '-')}`;
    const file = input === 'a path through a file' ? 'plain/config.yaml' : `${name}.yaml`;
    if ('content' in spec) fs.writeFileSync(path.join(dir, file), spec.content);
    else spec.make(path.join(dir, file), dir);
    const result = await run(dir, args(file));
    const says = (command.startsWith('check') && SETTINGS_SAYS[input]) || spec.says;
    expect(result.exitCode, result.stderr).toBe(2);
    expect(result.stderr).toMatch(says);
    expect(result.stderr).toContain(file);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr.length).toBeLessThan(2_000);
  });

  test('--debug adds the stack of an unexpected error only, not of a usage error', async () => {
    const result = await run(dir, ['render', 'nothing.yaml', '--debug']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('output paths that cannot be written: exit 2, naming the path', () => {
  test.each([
    ['render -o onto a directory', ['render', 'valid.yaml', '-o', 'adir'], /adir/],
    ['schema -o onto a directory', ['schema', '-o', 'adir'], /adir/],
    ['library --out onto a file', ['library', '--out', 'afile'], /afile/],
    ['render -o below a file', ['render', 'valid.yaml', '-o', 'afile/Jenkinsfile'], /afile/],
    [
      'render -o into a read-only directory',
      ['render', 'valid.yaml', '-o', 'readonly/Jenkinsfile'],
      /readonly\/Jenkinsfile.*permission denied/,
    ],
  ])('%s', async (_, args, names) => {
    fs.outputFileSync(path.join(dir, 'valid.yaml'), VALID);
    fs.mkdirpSync(path.join(dir, 'adir'));
    fs.mkdirpSync(path.join(dir, 'readonly'), { mode: 0o555 });
    fs.outputFileSync(path.join(dir, 'afile'), 'x');
    const result = await run(dir, args as string[]);
    expect(result.exitCode, result.stderr).toBe(2);
    expect(result.stderr).toMatch(names);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
