import { describe, expect, test } from 'vitest';
import {
  formatPath,
  grammarProblem,
  validatePipeline,
  type PipelineConfig,
} from '../src/model/pipeline.js';
import { GRAMMARS, type GrammarName } from '../src/model/grammar.js';
import { suggestPlatform } from '../src/model/platform.js';
import { judgeApart } from './support/judge-apart.js';

const minimal: PipelineConfig = {
  agent: { label: 'podman' },
  image: { name: 'acme/hello', tags: ['1.0'] },
  platforms: ['linux/amd64', 'linux/arm64'],
  registries: [{ host: 'registry.example.com', credentialsId: 'registry-push' }],
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
    expect(result.pipeline.build).toEqual({
      dockerfile: 'Dockerfile',
      context: '.',
      args: {},
      noCache: false,
    });
    expect(result.pipeline.registries[0]!.tlsVerify).toBe(true);
    expect(result.pipeline.clone).toBeUndefined();
  });

  test('applies the defaults of a Kubernetes agent, of tag rules and of the push', () => {
    const result = validatePipeline(
      withChanges({
        agent: { kubernetes: {} },
        image: { name: 'a', tags: ['1.0', { from: 'semver', pattern: '{{major}}' }] },
      }),
    );
    expect(result.ok && result.pipeline.agent).toEqual({
      kubernetes: {
        image: 'quay.io/podman/stable:v4.3.1',
        container: 'podman',
        skopeoImage: 'quay.io/skopeo/stable:v1',
      },
    });
    expect(result.ok && result.pipeline.image.tags).toEqual([
      '1.0',
      { from: 'semver', pattern: '{{major}}' },
    ]);
    expect(result.ok && result.pipeline.push).toEqual({ retries: 2, timeoutSeconds: 1800 });
    expect(result.ok && result.pipeline.build.noCache).toBe(false);
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
      /^image\.name: "registry\.example\.com\/acme\/hello" starts with a registry host; put the host in registries\[\]\.host/,
    ],
    [
      'image with a tag in it',
      withChanges({ image: { name: 'acme/hello:1.0', tags: ['1'] } }),
      /^image\.name: .* contains a tag or digest; put tags in image\.tags/,
    ],
    [
      'missing registries',
      { ...minimal, registries: undefined },
      /^registries: is required: a list of registries, e\.g\. /,
    ],
    [
      'registry given as a URL',
      withChanges({ registries: [{ host: 'https://harbor.example.com/v2' }] }),
      /^registries\[0\]\.host: "https:\/\/harbor\.example\.com\/v2" includes a URL scheme; give only host\[:port\]$/,
    ],
    [
      'registry port out of range',
      withChanges({ registries: [{ host: 'reg:70000' }] }),
      /^registries\[0\]\.host: "reg:70000" is not a registry host; expected host\[:port\]/,
    ],
    [
      'tlsVerify as a string',
      withChanges({ registries: [{ host: 'reg.local', tlsVerify: 'false' }] }),
      /^registries\[0\]\.tlsVerify: expected true or false \(unquoted\), got "false"$/,
    ],
    [
      'misspelt field',
      withChanges({ build: { dockerfle: 'Dockerfile' } }),
      /^build: unknown field "dockerfle" \(did you mean "dockerfile"\?\); known fields here: dockerfile, context, args, target, pull, noCache, timeoutMinutes, extraArgs, cache, isolation$/,
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
      /^agent\.label: "podman; rm -rf \/" is not a label expression: unexpected character at column 7; labels are letters/,
    ],
    [
      'container name with uppercase',
      withChanges({ agent: { label: 'k8s', container: 'Podman' } }),
      /^agent\.container: "Podman" is not a Kubernetes container name/,
    ],
    [
      'credentials id with a quote',
      withChanges({ registries: [{ host: 'reg.local', credentialsId: "x'y" }] }),
      /^registries\[0\]\.credentialsId: "x'y" is not a credentials id/,
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
      'two registries with the same host',
      withChanges({
        registries: [
          { host: 'reg.local', credentialsId: null },
          { host: 'reg.local', credentialsId: 'other' },
        ],
      }),
      /^registries\[1\]\.host: "reg\.local" is listed twice$/,
    ],
    [
      'the same tag rule twice',
      withChanges({ image: { name: 'a', tags: [{ from: 'git-sha' }, '1', { from: 'git-sha' }] } }),
      /^image\.tags\[2\]: repeats entry 0$/,
    ],
    [
      'a tag rule from nowhere',
      withChanges({ image: { name: 'a', tags: [{ from: 'commit' }] } }),
      /^image\.tags\[0\]\.from: expected one of git-sha, branch, semver, latest, got "commit"$/,
    ],
    [
      'a pattern on a rule that is not semver',
      withChanges({ image: { name: 'a', tags: [{ from: 'branch', pattern: '{{major}}' }] } }),
      /^image\.tags\[0\]\.pattern: applies only when from is "semver"$/,
    ],
    [
      'an unknown semver placeholder',
      withChanges({ image: { name: 'a', tags: [{ from: 'semver', pattern: 'v{{Major}}' }] } }),
      /^image\.tags\[0\]\.pattern: "v\{\{Major\}\}" has a placeholder other than/,
    ],
    [
      'a tag that is a number',
      withChanges({ image: { name: 'a', tags: [1.5] } }),
      /^image\.tags\[0\]: expected a tag such as "1\.0", or a mapping such as \{from: git-sha\}, got 1\.5$/,
    ],
    [
      'both a label and a Kubernetes pod',
      withChanges({ agent: { label: 'podman', kubernetes: {} } }),
      /^agent: needs exactly one of label, kubernetes, got label and kubernetes$/,
    ],
    [
      'neither a label nor a Kubernetes pod',
      withChanges({ agent: {} }),
      /^agent: needs exactly one of label, kubernetes, got none$/,
    ],
    [
      'a container with a Kubernetes pod',
      withChanges({ agent: { kubernetes: {}, container: 'podman' } }),
      /^agent\.container: applies only with label$/,
    ],
    [
      'a timeout of zero',
      withChanges({ build: { timeoutMinutes: 0 } }),
      /^build\.timeoutMinutes: expected a whole number of minutes from 1 to 1440, got 0$/,
    ],
    [
      'a fractional retry count',
      withChanges({ push: { retries: 1.5 } }),
      /^push\.retries: expected a whole number from 0 to 10, got 1\.5$/,
    ],
    [
      'a podman flag outside the allow-list',
      withChanges({ build: { extraArgs: ['--squash', '--volume=/:/host'] } }),
      /^build\.extraArgs\[1\]: "--volume=\/:\/host" is not an allowed podman build flag; expected one of --squash/,
    ],
    [
      'a pull policy podman does not know',
      withChanges({ build: { pull: 'sometimes' } }),
      /^build\.pull: expected one of always, missing, never, newer, got "sometimes"$/,
    ],
    [
      'a label key with a space',
      withChanges({ image: { name: 'a', tags: ['1'], labels: { 'my label': 'x' } } }),
      /^image\.labels\.my label: "my label" is not a label key/,
    ],
    [
      'not a mapping at all',
      'platforms: [linux/amd64]',
      /^\(config\): expected a mapping with agent, image, platforms, build and registries, got "platforms/,
    ],
  ])('rejects %s', (_name, config, expected) => {
    const lines = problems(config);
    expect(
      lines.some((line) => expected.test(line)),
      lines.join('\n'),
    ).toBe(true);
  });

  test("lists hold at most 250 entries and mappings 125, as Jenkins' CPS compiler takes literals", () => {
    const entries = (n: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`L${i}`, 'v']));
    const tags = (n: number) => Array.from({ length: n }, (_, i) => `t${i}`);
    const limited = (image: object, build: object = {}) =>
      validatePipeline(withChanges({ image: { name: 'a', ...image }, build }));
    expect(limited({ tags: tags(250), labels: entries(125) }, { args: entries(125) }).ok).toBe(
      true,
    );
    const past = limited({ tags: tags(251), labels: entries(126) }, { args: entries(126) });
    expect(past.ok || past.problems.map((p) => [formatPath(p.path), p.message])).toEqual([
      [
        'image.tags',
        "has 251 entries, more than the 250 that Jenkins' CPS compiler accepts in one list literal (CpsTransformer)",
      ],
      [
        'image.labels',
        "has 126 entries, more than the 125 that Jenkins' CPS compiler accepts in one map literal (CpsTransformer)",
      ],
      [
        'build.args',
        "has 126 entries, more than the 125 that Jenkins' CPS compiler accepts in one map literal (CpsTransformer)",
      ],
    ]);
  });

  test('each problem says what it got, in words, and what would do', () => {
    const known =
      'known platforms: linux/amd64, linux/arm64, linux/arm/v7, linux/arm/v6, linux/386, linux/ppc64le, linux/s390x, linux/mips64le, linux/riscv64';
    expect(
      [
        withChanges({ platforms: ['linux/amd64'], native: { 'linux/arm64': { label: 'arm' } } }),
        withChanges({ platforms: [null] }),
        withChanges({ platforms: [{}] }),
        withChanges({ build: null }),
        withChanges({ foo: 1, bar: 2 }),
        withChanges({ platforms: [' aarch64'] }),
        withChanges({ platforms: ['arm46'] }),
        // null is not given: the one agent kind given is kubernetes.
        withChanges({ agent: { label: null, kubernetes: {} } }),
      ].map(problems),
    ).toEqual([
      [
        'native.linux/arm64: "linux/arm64" is not in platforms: list it there too, or leave it out here',
      ],
      ['platforms[0]: expected a platform such as "linux/arm64", got null'],
      ['platforms[0]: expected a platform such as "linux/arm64", got a mapping'],
      [
        'build: expected a mapping with dockerfile, context, args, target, pull, noCache, timeoutMinutes, extraArgs, cache and isolation, got null',
      ],
      [
        '(config): unknown fields "foo", "bar"; known fields here: library, agent, clone, image, platforms, native, build, registries, push, smoke, mirror',
      ],
      [`platforms[0]: unknown platform " aarch64" (did you mean "linux/arm64"?); ${known}`],
      [`platforms[0]: unknown platform "arm46" (did you mean "linux/arm64"?); ${known}`],
      ['agent.label: expected a Jenkins label expression, e.g. "linux && podman", got null'],
    ]);
  });

  test('marks a problem where a string was expected, and only there, for the reader of the file to explain', () => {
    // config-file.ts says how YAML read the value (`1.0` as a number, `~` as null) only where the
    // model marks the problem so.
    const marked = (changes: Record<string, unknown>) => {
      const result = validatePipeline(withChanges(changes));
      return result.ok ? [] : result.problems.map((p) => [formatPath(p.path), !!p.stringExpected]);
    };
    expect(marked({ platforms: [3] })).toEqual([['platforms[0]', true]]);
    expect(marked({ build: { pull: true } })).toEqual([['build.pull', true]]);
    expect(marked({ build: { dockerfile: null } })).toEqual([['build.dockerfile', true]]);
    expect(marked({ image: { name: 'a', tags: [1.5] } })).toEqual([['image.tags[0]', true]]);
    expect(marked({ build: { noCache: 'yes' } })).toEqual([['build.noCache', false]]);
    expect(marked({ build: { timeoutMinutes: null } })).toEqual([['build.timeoutMinutes', false]]);
    expect(marked({ platforms: ['arm46'] })).toEqual([['platforms[0]', false]]);
    expect(marked({ build: { pull: 'sometimes' } })).toEqual([['build.pull', false]]);
  });

  test('a list of lists repeats an entry as a scalar list does, by content', () => {
    expect(problems(withChanges({ platforms: [['linux/amd64'], ['linux/amd64']] }))).toEqual([
      'platforms[0]: expected a platform such as "linux/arm64", got a list',
      'platforms[1]: expected a platform such as "linux/arm64", got a list',
      'platforms[1]: "linux/amd64" is listed twice',
    ]);
    expect(problems(withChanges({ platforms: [['linux/amd64'], ['linux/arm64']] }))).toHaveLength(
      2,
    );
    // Equal lists have equal lengths and every entry equal: neither a prefix nor one entry in common.
    for (const platforms of [
      [['linux/amd64'], ['linux/amd64', 'linux/arm64']],
      [['linux/amd64', 'linux/arm64'], ['linux/amd64']],
      [
        ['linux/amd64', 'linux/arm64'],
        ['linux/amd64', 'linux/386'],
      ],
    ])
      expect(problems(withChanges({ platforms }))).toEqual([
        'platforms[0]: expected a platform such as "linux/arm64", got a list',
        'platforms[1]: expected a platform such as "linux/arm64", got a list',
      ]);
  });

  test('only a map with keysIn is held to a sibling list: a field named "undefined" is just unknown', () => {
    // A map without keysIn (build.args) must not be held to value[undefined], here a list.
    expect(problems(withChanges({ build: { args: { A: 'x' }, undefined: ['B'] } }))).toEqual([
      'build: unknown field "undefined"; known fields here: dockerfile, context, args, target, pull, noCache, timeoutMinutes, extraArgs, cache, isolation',
    ]);
  });

  test('quotes a value of up to 60 characters whole, and cuts a longer one', () => {
    const tag = (length: number) =>
      problems(withChanges({ image: { name: 'a', tags: ['-'.repeat(length)] } }));
    const rest =
      'is not a valid tag; expected letters, digits, "_", "." and "-", not starting with "." or "-", at most 128 characters';
    expect(tag(60)).toEqual([`image.tags[0]: "${'-'.repeat(60)}" ${rest}`]);
    expect(tag(61)).toEqual([`image.tags[0]: "${'-'.repeat(60)}"... (61 characters) ${rest}`]);
  });

  test('reports every problem at once, not only the first', () => {
    const lines = problems({
      ...minimal,
      platforms: ['linux/arm46'],
      image: { name: 'A', tags: ['a b'] },
      registries: undefined,
    });
    expect(lines.map((line) => line.split(':')[0])).toEqual([
      'image.name',
      'image.tags[0]',
      'platforms[0]',
      'registries',
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
  test('no grammar backtracks exponentially: long near misses are judged at once, in a process killed after 20 s', async () => {
    const nearMisses = ['a', 'a-', 'a.', 'a_', 'a/', 'a@', 'a ', 'a:'].flatMap((unit) =>
      [';', '/..', '!'].map((end) => unit.repeat(2000) + end),
    );
    nearMisses.push('linux-podman-builder-node-x86-64;');
    const cases = (Object.keys(GRAMMARS) as GrammarName[]).flatMap((name) =>
      nearMisses.map((value) => [name, value] as const),
    );
    const judged = await judgeApart(cases, 20_000);
    // Judged in time apart, so safe to judge here: the child judged as the model does.
    expect(judged).toEqual(cases.map(([name, value]) => grammarProblem(name, value) ?? null));
    expect(grammarProblem('labelExpression', 'linux-podman-builder-node-x86-64;')).toMatch(
      /is not a label expression/,
    );
  }, 30_000);
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
  test.each([
    'https://git.example.com/team/app.git',
    'ssh://git@git.example.com/team/app.git',
    'ssh://git@git.example.com:2222/team/app.git',
    'git@github.com:team/app.git',
    'file:///srv/git/app.git',
    'https://git.example.com/team/app@v2.git',
  ])('accepts git URL %s', (url) => {
    expect(grammarProblem('gitUrl', url)).toBeUndefined();
  });
  test.each([
    'https://oauth2:glpat-SECRET@gitlab.example.com/team/app.git',
    'ssh://git:SECRET@git.example.com/team/app.git',
    'git:SECRET@git.example.com:team/app.git',
  ])('refuses credentials in the git URL %s, without showing them', (url) => {
    expect(grammarProblem('gitUrl', url)).toBe(
      'the value (not shown: it holds a secret) contains credentials ("user:password@"); leave them out and name a Jenkins credential in clone.credentialsId',
    );
  });
  test.each(['https://ghp_SECRET@github.com/team/app.git', 'http://deploy@git.example.com/a.git'])(
    'refuses a user in the https URL %s, where tokens go, without showing it',
    (url) => {
      expect(grammarProblem('gitUrl', url)).toBe(
        'the value (not shown: it holds a secret) names a user before "@", where tokens are often put (https://TOKEN@host/...); leave it out and name a Jenkins credential in clone.credentialsId, which holds the user name',
      );
    },
  );
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
    // Only a leading "linux/" is the OS: "arm64/linux/v8" is not the alias "arm64/v8".
    ['arm64/linux/v8', undefined],
    // Names an object has from Object.prototype are no aliases.
    ['constructor', undefined],
    ['linux/toString', undefined],
  ])('%s -> %s', (input, expected) => {
    expect(suggestPlatform(input)).toBe(expected);
  });
});
