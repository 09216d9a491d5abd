import { describe, expect, test } from 'vitest';
import {
  formatPath,
  grammarProblem,
  validatePipeline,
  type PipelineConfig,
} from '../src/model/pipeline.js';
import { GRAMMARS, type GrammarName } from '../src/model/grammar.js';
import { suggestPlatform } from '../src/model/platform.js';

const minimal: PipelineConfig = {
  agent: { label: 'podman' },
  image: { name: 'acme/hello', tags: ['1.0'] },
  platforms: ['linux/amd64', 'linux/arm64'],
  registry: { host: 'registry.example.com', credentialsId: 'registry-push' },
};

/** Problems of a config as `path: message` lines, the way the CLI prints them. */
function problems(config: unknown): string[] {
  const result = validatePipeline(config);
  return result.ok ? [] : result.problems.map((p) => `${formatPath(p.path)}: ${p.message}`);
}

const withChanges = (changes: Record<string, unknown>) => ({ ...minimal, ...changes });

describe('validatePipeline', () => {
  test('applies defaults to a minimal config', () => {
    const result = validatePipeline(minimal);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.pipeline.build).toEqual({ dockerfile: 'Dockerfile', context: '.', args: {} });
    expect(result.pipeline.registry.tlsVerify).toBe(true);
    expect(result.pipeline.clone).toBeUndefined();
  });

  test('defaults the clone branch to main', () => {
    const result = validatePipeline(
      withChanges({ clone: { url: 'https://git.example.com/a/b.git' } }),
    );
    expect(result.ok && result.pipeline.clone?.branch).toBe('main');
  });

  test.each<[string, unknown, RegExp]>([
    [
      'unknown platform with a suggestion',
      withChanges({ platforms: ['linux/amd64', 'linux/arm46'] }),
      /^platforms\[1\]: unknown platform "linux\/arm46" \(did you mean "linux\/arm64"\?\); known platforms: linux\/amd64, /,
    ],
    [
      'uname-style architecture',
      withChanges({ platforms: ['linux/aarch64'] }),
      /^platforms\[0\]: unknown platform "linux\/aarch64" \(did you mean "linux\/arm64"\?\)/,
    ],
    [
      'repeated platform',
      withChanges({ platforms: ['linux/amd64', 'linux/amd64'] }),
      /^platforms\[1\]: "linux\/amd64" is listed twice$/,
    ],
    ['no platforms', withChanges({ platforms: [] }), /^platforms: must list at least one entry/],
    [
      'tag with a space',
      withChanges({ image: { name: 'acme/hello', tags: ['1.0', 'my tag'] } }),
      /^image\.tags\[1\]: "my tag" contains whitespace; a tag is letters, digits, "_", "\." and "-"$/,
    ],
    [
      'tag starting with a dot',
      withChanges({ image: { name: 'acme/hello', tags: ['.hidden'] } }),
      /^image\.tags\[0\]: "\.hidden" is not a valid tag/,
    ],
    [
      'uppercase image',
      withChanges({ image: { name: 'Acme/Hello', tags: ['1'] } }),
      /^image\.name: "Acme\/Hello" has uppercase letters; image names must be lowercase$/,
    ],
    [
      'image with the registry in it',
      withChanges({ image: { name: 'registry.example.com/acme/hello', tags: ['1'] } }),
      /^image\.name: "registry\.example\.com\/acme\/hello" starts with a registry host; put the host in registry\.host/,
    ],
    [
      'image with a tag in it',
      withChanges({ image: { name: 'acme/hello:1.0', tags: ['1'] } }),
      /^image\.name: .* contains a tag or digest; put tags in image\.tags/,
    ],
    [
      'missing registry',
      { ...minimal, registry: undefined },
      /^registry: is required: a mapping with host, credentialsId and tlsVerify$/,
    ],
    [
      'registry given as a URL',
      withChanges({ registry: { host: 'https://harbor.example.com/v2' } }),
      /^registry\.host: "https:\/\/harbor\.example\.com\/v2" includes a URL scheme; give only host\[:port\]$/,
    ],
    [
      'registry port out of range',
      withChanges({ registry: { host: 'reg:70000' } }),
      /^registry\.host: "reg:70000" is not a registry host; expected host\[:port\]/,
    ],
    [
      'tlsVerify as a string',
      withChanges({ registry: { host: 'reg.local', tlsVerify: 'false' } }),
      /^registry\.tlsVerify: expected true or false \(unquoted\), got "false"$/,
    ],
    [
      'misspelt field',
      withChanges({ build: { dockerfle: 'Dockerfile' } }),
      /^build: unknown field "dockerfle" \(did you mean "dockerfile"\?\); known fields here: dockerfile, context, args, isolation$/,
    ],
    [
      'build arg with an invalid name',
      withChanges({ build: { args: { 'MY-ARG': 'x' } } }),
      /^build\.args\.MY-ARG: "MY-ARG" is not a build argument name/,
    ],
    [
      'build arg that is a number',
      withChanges({ build: { args: { N: 3 } } }),
      /^build\.args\.N: expected the build argument value as a string \(quote numbers and booleans\), got 3$/,
    ],
    [
      'label with a shell character',
      withChanges({ agent: { label: 'podman; rm -rf /' } }),
      /^agent\.label: "podman; rm -rf \/" is not a label expression; expected labels of letters/,
    ],
    [
      'container name with uppercase',
      withChanges({ agent: { label: 'k8s', container: 'Podman' } }),
      /^agent\.container: "Podman" is not a Kubernetes container name/,
    ],
    [
      'credentials id with a quote',
      withChanges({ registry: { host: 'reg.local', credentialsId: "x'y" } }),
      /^registry\.credentialsId: "x'y" is not a credentials id/,
    ],
    [
      'dockerfile outside the workspace',
      withChanges({ build: { dockerfile: '../Dockerfile' } }),
      /^build\.dockerfile: "\.\.\/Dockerfile" leaves the workspace/,
    ],
    [
      'absolute context',
      withChanges({ build: { context: '/etc' } }),
      /^build\.context: "\/etc" is absolute/,
    ],
    [
      'git URL with a space',
      withChanges({ clone: { url: 'https://x/a b.git' } }),
      /^clone\.url: .* contains whitespace/,
    ],
    [
      'branch with ..',
      withChanges({ clone: { url: 'https://x/a.git', branch: 'a..b' } }),
      /^clone\.branch: "a\.\.b" is not a branch name/,
    ],
    [
      'isolation not in the list',
      withChanges({ build: { isolation: 'vm' } }),
      /^build\.isolation: expected one of chroot, oci, rootless .*got "vm"$/,
    ],
    [
      'a list instead of a mapping',
      withChanges({ agent: ['podman'] }),
      /^agent: expected a mapping with label .*, got a list$/,
    ],
    [
      'not a mapping at all',
      'platforms: [linux/amd64]',
      /^\(config\): expected a mapping with agent, image, platforms, build and registry, got "platforms/,
    ],
  ])('rejects %s', (_name, config, expected) => {
    const lines = problems(config);
    expect(
      lines.some((line) => expected.test(line)),
      lines.join('\n'),
    ).toBe(true);
  });

  test('reports every problem at once, not only the first', () => {
    const lines = problems({
      ...minimal,
      platforms: ['linux/arm46'],
      image: { name: 'A', tags: ['a b'] },
      registry: undefined,
    });
    expect(lines.map((line) => line.split(':')[0])).toEqual([
      'image.name',
      'image.tags[0]',
      'platforms[0]',
      'registry',
    ]);
  });
});

describe('grammar', () => {
  test.each(['a', 'acme/hello', 'a/b/c', 'my_app', 'my__app', 'my-app', 'my--app', 'app.v2', 'x9'])(
    'accepts image %s',
    (name) => {
      expect(grammarProblem('imageName', name)).toBeUndefined();
    },
  );
  test.each(['', '-a', 'a-', 'a_', 'a//b', 'a/', 'a___b', 'é'])('rejects image %j', (name) => {
    expect(grammarProblem('imageName', name)).toBeDefined();
  });
  test.each(['1', 'v1.2.3', 'latest', '_x', 'A-b_c.d', 'x'.repeat(128)])(
    'accepts tag %s',
    (tag) => {
      expect(grammarProblem('imageTag', tag)).toBeUndefined();
    },
  );
  test.each(['', '-x', '.x', 'a/b', 'a:b', 'x'.repeat(129), 'a$b'])('rejects tag %j', (tag) => {
    expect(grammarProblem('imageTag', tag)).toBeDefined();
  });
  test.each([
    'localhost:5000',
    'registry.example.com',
    '10.0.0.5:5000',
    '[::1]:5000',
    'Harbor.Corp',
  ])('accepts registry %s', (host) => {
    expect(grammarProblem('registryHost', host)).toBeUndefined();
  });
  test.each(['-bad.com', 'a..b', 'host:', 'a b', 'reg.local:99999'])(
    'rejects registry %j',
    (host) => {
      expect(grammarProblem('registryHost', host)).toBeDefined();
    },
  );
  test.each([
    'podman',
    'linux && podman',
    '!windows && (arm64 || amd64)',
    'a -> b',
    'x <-> y',
    'node:1.x',
  ])('accepts label %s', (label) => {
    expect(grammarProblem('labelExpression', label)).toBeUndefined();
  });
  test.each(['', '  ', "it's", 'a $b', 'a"b', 'a;b', 'a\u00a0&&\u00a0b'])(
    'rejects label %j',
    (label) => {
      expect(grammarProblem('labelExpression', label)).toBeDefined();
    },
  );
  test('no grammar backtracks exponentially: long near misses are judged at once (a hang here is a ReDoS)', () => {
    expect(grammarProblem('labelExpression', 'linux-podman-builder-node-x86-64;')).toMatch(
      /is not a label expression/,
    );
    const nearMisses = ['a', 'a-', 'a.', 'a_', 'a/', 'a@', 'a ', 'a:'].flatMap((unit) =>
      [';', '/..', '!'].map((end) => unit.repeat(2000) + end),
    );
    for (const name of Object.keys(GRAMMARS) as GrammarName[])
      for (const value of nearMisses) expect(() => grammarProblem(name, value)).not.toThrow();
  });
  test('build arg values may hold anything an environment variable can', () => {
    expect(grammarProblem('envText', '$HOME ${x} \'"\\ `cmd` \n é 🎉')).toBeUndefined();
    expect(grammarProblem('envText', 'a\u0000b')).toMatch(/NUL/);
  });
  test('text must be whole UTF-16: half a surrogate pair would reach the shell as "?"', () => {
    expect(grammarProblem('envText', 'emoji \ud83c\udf89')).toBeUndefined();
    for (const broken of ['\ud83c', 'a\udf89', '\udf89\ud83c'])
      expect(grammarProblem('envText', broken)).toBe(
        `${JSON.stringify(broken)} contains half of a UTF-16 surrogate pair (a broken emoji or other character beyond U+FFFF), which a Jenkins agent would pass on as "?"`,
      );
    expect(grammarProblem('gitUrl', 'https://x/\ud83c.git')).toMatch(/surrogate/);
  });
  test('U+FFFF, which ends a Groovy 2.4 file, is in no value that reaches one', () => {
    for (const grammar of ['envText', 'gitUrl'] as const)
      expect(grammarProblem(grammar, 'https://x/\uffff')).toMatch(/contains U\+FFFF/);
  });
  test('a build argument named __proto__ is refused, not silently lost', () => {
    const result = validatePipeline({
      ...minimal,
      build: { args: JSON.parse('{"__proto__": "x"}') },
    });
    expect(result.ok ? [] : result.problems).toEqual([
      {
        path: ['build', 'args', '__proto__'],
        message:
          '"__proto__" is a name JavaScript objects cannot hold, so jenkins-multiarch would lose the argument; rename it',
      },
    ]);
  });
});

describe('suggestPlatform', () => {
  test.each([
    ['linux/arm46', 'linux/arm64'],
    ['aarch64', 'linux/arm64'],
    ['x86_64', 'linux/amd64'],
    ['linux/mips64el', 'linux/mips64le'],
    ['armhf', 'linux/arm/v7'],
    ['arm64', 'linux/arm64'],
    ['linux/sparc', undefined],
  ])('%s -> %s', (input, expected) => {
    expect(suggestPlatform(input)).toBe(expected);
  });
});
