import { Ajv } from 'ajv';
import fc from 'fast-check';
import fs from 'fs-extra';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { SHIPPED_SCHEMA } from '../src/cli/commands/schema.js';
import { GRAMMARS, type GrammarName } from '../src/model/grammar.js';
import {
  grammarJsonSchema,
  pipelineJsonSchema,
  type JsonSchema,
} from '../src/model/json-schema.js';
import { formatPath, grammarProblem, validatePipeline } from '../src/model/pipeline.js';
import { SNAPSHOT_CONFIGS } from './fixtures/configs.js';
import { cli, tempDir } from './support/cli.js';
import { fieldText, FUZZ_SEED } from './support/fuzz.js';
import { repoRoot } from './support/tools.js';

/**
 * Editors check configs against the JSON Schema, the CLI against the model's checks: both come from
 * the same spec and must accept and reject the same configs. Checked with ajv in both regex
 * modes editors use: with the `u` flag (ajv, newer yaml-language-server) and without (older).
 */
const GRAMMAR_NAMES = Object.keys(GRAMMARS) as GrammarName[];

const validators = [true, false].map((unicodeRegExp) => {
  // strictRequired off: `exactlyOne` becomes oneOf branches that require fields the parent declares.
  const ajv = new Ajv({
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    unicodeRegExp,
  });
  // The message editors show for a failed pattern; to a validator, an annotation.
  ajv.addKeyword('patternErrorMessage');
  const grammars = Object.fromEntries(
    GRAMMAR_NAMES.map((name) => [name, ajv.compile(grammarJsonSchema(name))]),
  );
  return {
    mode: unicodeRegExp ? 'u flag' : 'no u flag',
    config: ajv.compile(pipelineJsonSchema()),
    grammar: (name: GrammarName, value: string) => grammars[name]!(value),
  };
});

const minimal = SNAPSHOT_CONFIGS.minimal!;
const full = {
  agent: { label: 'linux && (arm64 || amd64) && !windows', container: 'podman' },
  clone: { url: 'git@git.example.com:acme/app.git', branch: 'release/1.x', credentialsId: 'git' },
  image: { name: 'acme/app', tags: ['1.2.3', 'latest'] },
  platforms: ['linux/amd64', 'linux/arm64', 'linux/riscv64'],
  build: { dockerfile: 'docker/Dockerfile', context: 'src', args: { A: 'x' }, isolation: 'oci' },
  registries: [{ host: '[::1]:5000', credentialsId: 'registry-push', tlsVerify: false }],
};
const change = (section: 'agent' | 'clone' | 'image' | 'build', fields: object) => ({
  ...full,
  [section]: { ...full[section], ...fields },
});
const registry = (fields: object) => ({
  ...full,
  registries: [{ ...full.registries[0], ...fields }],
});
const without = (key: string) =>
  Object.fromEntries(Object.entries(full).filter(([k]) => k !== key));

/** [what, config, valid]: every field kind, valid and not; the expectation keeps both honest. */
const SAMPLES: [string, unknown, boolean][] = [
  ...Object.entries(SNAPSHOT_CONFIGS).map(([name, config]): [string, unknown, boolean] => [
    `snapshot config ${name}`,
    config,
    true,
  ]),
  ['every optional field given', full, true],
  ['build left out: its defaults', without('build'), true],
  ['build as {}', { ...minimal, build: {} }, true],
  ['clone without branch', change('clone', { branch: undefined }), true],
  ['registry without login (null)', registry({ credentialsId: null }), true],
  [
    'two registries',
    {
      ...full,
      registries: [...full.registries, { host: 'mirror.example.com', credentialsId: null }],
    },
    true,
  ],
  [
    'a Kubernetes agent',
    change('agent', { label: undefined, container: undefined, kubernetes: {} }),
    true,
  ],
  [
    'tag rules',
    change('image', {
      tags: [
        '1',
        { from: 'git-sha' },
        { from: 'semver', pattern: 'v{{major}}' },
        { from: 'latest', branch: 'trunk' },
      ],
    }),
    true,
  ],
  ['labels', change('image', { labels: { 'org.example.team': 'platform' } }), true],
  [
    'build options',
    change('build', {
      target: 'app',
      pull: 'always',
      noCache: true,
      timeoutMinutes: 10,
      extraArgs: ['--squash'],
    }),
    true,
  ],
  ['push retries', { ...full, push: { retries: 0 } }, true],
  // A command is a sequence: a word may repeat.
  ['smoke command', { ...full, smoke: { command: ['test', '-x', '/a', '-a', '-x', '/b'] } }, true],
  ['smoke command with an empty word', { ...full, smoke: { command: ['echo', ''] } }, false],
  ['smoke command empty', { ...full, smoke: { command: [] } }, false],
  ['both label and kubernetes', change('agent', { kubernetes: {} }), false],
  [
    'neither label nor kubernetes',
    change('agent', { label: undefined, container: undefined }),
    false,
  ],
  ['container with kubernetes', change('agent', { label: undefined, kubernetes: {} }), false],
  [
    'pattern on a branch rule',
    change('image', { tags: [{ from: 'branch', pattern: 'x' }] }),
    false,
  ],
  [
    'branch on a semver rule',
    change('image', { tags: [{ from: 'semver', branch: 'main' }] }),
    false,
  ],
  ['tag rule without from', change('image', { tags: [{ pattern: 'x' }] }), false],
  ['tag rule twice', change('image', { tags: [{ from: 'git-sha' }, { from: 'git-sha' }] }), false],
  ['tag as a number', change('image', { tags: [1] }), false],
  ['label value as a number', change('image', { labels: { a: 1 } }), false],
  ['timeout of 0', change('build', { timeoutMinutes: 0 }), false],
  ['timeout of 1.5', change('build', { timeoutMinutes: 1.5 }), false],
  ['retries of 11', { ...full, push: { retries: 11 } }, false],
  ['flag outside the allow-list', change('build', { extraArgs: ['--privileged'] }), false],
  ['no registries', { ...full, registries: [] }, false],
  [
    'hostile build arg values',
    change('build', { args: { Q: `'''"$HOME\${x}\\\n`, E: '🎉 é \u2028', EMPTY: '' } }),
    true,
  ],
  ['label separated by tabs', change('agent', { label: 'linux\t&&\tpodman' }), true],
  // Jenkins separates by spaces and tabs only: it would look for an agent labelled "linux\n".
  ['label separated by newlines', change('agent', { label: 'linux\n&&\npodman' }), false],
  ['label expression cut short', change('agent', { label: 'linux &&' }), false],
  ['label with a chained ->', change('agent', { label: 'a -> b -> c' }), false],
  [
    'git URL with a token',
    change('clone', { url: 'https://oauth2:glpat-x@gitlab.example.com/a.git' }),
    false,
  ],
  ['image name of 255 characters', change('image', { name: 'a'.repeat(255) }), true],
  ['not a mapping: {}', {}, false],
  ['not a mapping: a list', [], false],
  ['not a mapping: a string', 'platforms: [linux/amd64]', false],
  ['not a mapping: null', null, false],
  ['unknown top-level field', { ...full, platfroms: [] }, false],
  ['unknown nested field', change('agent', { cpu: 2 }), false],
  ['registries missing', without('registries'), false],
  ['credentialsId missing (null is required)', registry({ credentialsId: undefined }), false],
  ['tlsVerify as a string', registry({ tlsVerify: 'false' }), false],
  ['tlsVerify null', registry({ tlsVerify: null }), false],
  ['no platforms', { ...full, platforms: [] }, false],
  ['platform listed twice', { ...full, platforms: ['linux/amd64', 'linux/amd64'] }, false],
  ['unknown platform', { ...full, platforms: ['linux/arm46'] }, false],
  ['platform as a number', { ...full, platforms: [3] }, false],
  ['platforms as a string', { ...full, platforms: 'linux/amd64' }, false],
  ['tag listed twice', change('image', { tags: ['1', '1'] }), false],
  ['tags as a string', change('image', { tags: 'latest' }), false],
  ['no tags', change('image', { tags: [] }), false],
  ['tag with a space (a mistake)', change('image', { tags: ['my tag'] }), false],
  ['tag with a no-break space (a mistake)', change('image', { tags: ['my\u00a0tag'] }), false],
  ['tag with a final newline ($ would let it pass)', change('image', { tags: ['v1\n'] }), false],
  ['tag of 129 characters', change('image', { tags: ['t'.repeat(129)] }), false],
  ['image with uppercase (a mistake)', change('image', { name: 'Acme/App' }), false],
  [
    'image with its registry (only a mistake says so)',
    change('image', { name: 'registry.example.com/acme/app' }),
    false,
  ],
  ['image with a tag (a mistake)', change('image', { name: 'acme/app:1' }), false],
  ['image name of 256 characters', change('image', { name: 'a'.repeat(256) }), false],
  ['registry as a URL (a mistake)', registry({ host: 'https://harbor.example.com' }), false],
  ['registry port out of range', registry({ host: 'reg:70000' }), false],
  [
    'dockerfile outside (only a mistake says so)',
    change('build', { dockerfile: '../Dockerfile' }),
    false,
  ],
  ['absolute context (only a mistake says so)', change('build', { context: '/etc' }), false],
  ['build argument name with a dash', change('build', { args: { 'BAD-NAME': 'x' } }), false],
  ['build argument value a number', change('build', { args: { N: 3 } }), false],
  ['build argument value null', change('build', { args: { N: null } }), false],
  ['build argument value with NUL', change('build', { args: { N: 'a\u0000b' } }), false],
  [
    'build argument value with half a surrogate pair',
    change('build', { args: { N: 'a\ud83c' } }),
    false,
  ],
  ['build argument value with U+FFFF', change('build', { args: { N: 'a\uffff' } }), false],
  [
    'build argument named __proto__',
    change('build', { args: JSON.parse('{"__proto__": "x"}') }),
    false,
  ],
  ['build arguments as a list', change('build', { args: ['A=x'] }), false],
  ['build null', { ...full, build: null }, false],
  ['clone null', { ...full, clone: null }, false],
  ['clone without url', change('clone', { url: undefined }), false],
  ['git URL with a space', change('clone', { url: 'https://x/a b.git' }), false],
  ['branch with ..', change('clone', { branch: 'a..b' }), false],
  ['isolation not in the list', change('build', { isolation: 'vm' }), false],
  ['isolation null (optional, not nullable)', change('build', { isolation: null }), false],
  ['container null', change('agent', { container: null }), false],
  ['container with uppercase', change('agent', { container: 'Podman' }), false],
  ['label with a no-break space', change('agent', { label: 'linux\u00a0&&\u00a0podman' }), false],
  [
    'label almost valid, and long',
    change('agent', { label: `${'linux-podman-'.repeat(5)};` }),
    false,
  ],
  ['credentials id with a quote', registry({ credentialsId: "it's" }), false],
  [
    'two semver tag rules with different patterns',
    change('image', {
      tags: [
        { from: 'semver', pattern: 'v{{major}}' },
        { from: 'semver', pattern: 'v{{major}}.{{minor}}' },
      ],
    }),
    true,
  ],
  ['retries at their maximum', { ...full, push: { retries: 10 } }, true],
  ['build arguments as a number', change('build', { args: 3 }), false],
  [
    'two registries without a host',
    { ...full, registries: [{ credentialsId: null }, { credentialsId: null }] },
    false,
  ],
];

describe("the JSON Schema and the model's checks", () => {
  test('the table covers enough configs, valid and invalid', () => {
    expect(SAMPLES.length).toBeGreaterThanOrEqual(30);
    expect(SAMPLES.filter(([, , valid]) => valid).length).toBeGreaterThanOrEqual(10);
  });

  describe.each(validators)('with $mode', (validator) => {
    test.each(SAMPLES)('agree: %s', (_what, config, valid) => {
      // JSON has no undefined: a field set to undefined above means it is left out.
      const json: unknown = JSON.parse(JSON.stringify(config) ?? 'null');
      expect(validatePipeline(json).ok).toBe(valid);
      expect(validator.config(json)).toBe(valid);
    });

    test.each(GRAMMAR_NAMES)('agree on 2,000 hostile values for the grammar %s', (name) => {
      fc.assert(
        fc.property(fieldText(name), (value) => {
          expect(validator.grammar(name, value)).toBe(grammarProblem(name, value) === undefined);
        }),
        { seed: FUZZ_SEED, numRuns: 2_000 },
      );
    });
  });
});

/**
 * Configs in which every mapping of the schema occurs with every field given: the agent as a
 * label and as a pod, each tag rule, a native agent of each kind.
 */
const EVERY_MAPPING: object[] = [
  {
    ...full,
    library: 'jenkins-multiarch@v1',
    image: {
      name: 'acme/app',
      tags: ['1', { from: 'semver', pattern: '{{major}}' }, { from: 'latest', branch: 'trunk' }],
      labels: { 'org.example.team': 'platform' },
    },
    native: { 'linux/arm64': { label: 'arm64', container: 'podman' } },
    build: {
      ...full.build,
      target: 'app',
      pull: 'always',
      noCache: true,
      timeoutMinutes: 10,
      extraArgs: ['--squash'],
      cache: 'registry.example.com/acme/cache',
    },
    push: { retries: 3 },
    smoke: { enabled: false, command: ['/app', '--version'] },
    mirror: {
      images: [{ source: 'debian:bookworm', destination: 'registry.example.com/base/debian:1' }],
      platforms: ['linux/arm64'],
      format: 'v2s2',
    },
  },
  {
    ...full,
    agent: {
      kubernetes: {
        image: 'quay.io/podman/stable:v5',
        container: 'builder',
        skopeoImage: 'quay.io/skopeo/stable:v2',
        seLinuxType: 'container_engine_t',
        cloud: 'k8s',
        namespace: 'ci',
      },
    },
    native: { 'linux/arm64': { kubernetes: { container: 'builder' } } },
  },
];

type Path = (string | number)[];
const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const subschemas = (schema: JsonSchema, key: 'properties' | 'anyOf') =>
  (schema[key] ?? (key === 'anyOf' ? [] : {})) as Record<string, JsonSchema>;

/** Every field schema below `schema`, named by its place (`image.tags[].from`), the root as ''. */
function fieldSchemas(schema: JsonSchema, place = ''): [string, JsonSchema][] {
  return [
    [place, schema],
    ...Object.entries(subschemas(schema, 'properties')).flatMap(([name, field]) =>
      fieldSchemas(field, place ? `${place}.${name}` : name),
    ),
    ...Object.values(subschemas(schema, 'anyOf')).flatMap((branch) =>
      fieldSchemas(branch, place).slice(1),
    ),
    ...(isMapping(schema.items) ? fieldSchemas(schema.items, `${place}[]`).slice(1) : []),
    ...(isMapping(schema.additionalProperties)
      ? fieldSchemas(schema.additionalProperties, `${place}{}`).slice(1)
      : []),
  ];
}

/** Every mapping in `value` that the schema describes with properties: where, its schema, its place. */
function mappingsIn(schema: JsonSchema, value: unknown, path: Path = [], place = '') {
  const found: { path: Path; place: string; schema: JsonSchema }[] = [];
  for (const branch of [schema, ...Object.values(subschemas(schema, 'anyOf'))]) {
    if (branch.properties && isMapping(value)) {
      found.push({ path, place, schema: branch });
      for (const [name, field] of Object.entries(subschemas(branch, 'properties')))
        found.push(
          ...mappingsIn(field, value[name], [...path, name], place ? `${place}.${name}` : name),
        );
    }
    if (isMapping(branch.items) && Array.isArray(value))
      value.forEach((entry, i) =>
        found.push(...mappingsIn(branch.items as JsonSchema, entry, [...path, i], `${place}[]`)),
      );
    if (isMapping(branch.additionalProperties) && isMapping(value) && !branch.properties)
      for (const [key, entry] of Object.entries(value))
        found.push(...mappingsIn(branch.additionalProperties, entry, [...path, key], `${place}{}`));
  }
  return found;
}

/** A copy of `config` with the field at `path` set to `value`, or left out when undefined. */
function withField(config: unknown, path: Path, value: unknown): unknown {
  const copy: unknown = structuredClone(config);
  const parent = path.slice(0, -1).reduce((at: any, key) => at[key], copy);
  if (value === undefined) delete parent[path.at(-1)!];
  else parent[path.at(-1)!] = value;
  return copy;
}

const fieldAt = (value: unknown, path: Path): unknown =>
  path.reduce((at: any, key) => (at === undefined ? undefined : at[key]), value);

describe('what the schema tells editors about each field', () => {
  const schema = pipelineJsonSchema();
  const [validator] = validators;

  test("a pattern's messages, shown next to the value, call it This", () => {
    for (const name of GRAMMAR_NAMES) {
      const grammar = grammarJsonSchema(name);
      const mistakes = (grammar.allOf ?? []) as JsonSchema[];
      for (const message of [grammar, ...mistakes].map((s) => s.patternErrorMessage))
        expect(message, name).toMatch(/^This \S/);
    }
  });

  test('each field has a description to show on hover', () => {
    const fields = fieldSchemas(schema);
    expect(fields.length).toBeGreaterThan(50);
    const undescribed = fields
      .filter(
        ([, field]) =>
          !(typeof field.description === 'string' && /^\S.{6,}\.$/.test(field.description)),
      )
      .map(([place]) => place);
    expect(undescribed).toEqual([]);
  });

  test("a field's default means what leaving it out means to the model; no default, it stays out", () => {
    const checked = new Set<string>();
    for (const config of EVERY_MAPPING) {
      expect(validatePipeline(config).ok).toBe(true);
      for (const { path, place, schema: mapping } of mappingsIn(schema, config))
        for (const [name, field] of Object.entries(subschemas(mapping, 'properties'))) {
          const where = [...path, name];
          const what = `${formatPath(where)} (${place ? `${place}.` : ''}${name})`;
          checked.add(place ? `${place}.${name}` : name);
          const leftOut = withField(config, where, undefined);
          const model = validatePipeline(leftOut);
          expect(validator!.config(leftOut), what).toBe(model.ok);
          if (!model.ok) {
            expect(field.default, `${what}: required, so no default`).toBeUndefined();
            continue;
          }
          if (!('default' in field)) {
            expect(fieldAt(model.pipeline, where), `${what}: no default`).toBeUndefined();
            continue;
          }
          const given = withField(config, where, field.default);
          expect(validator!.config(given), what).toBe(true);
          expect(
            validatePipeline(given),
            `${what}: default ${JSON.stringify(field.default)}`,
          ).toEqual(model);
        }
    }
    // Every field of the schema was left out once, in a mapping that has it.
    const fields = fieldSchemas(schema)
      .map(([place]) => place)
      .filter((place) => place !== '' && !/(\[\]|\{\})$/.test(place));
    expect([...checked].sort()).toEqual([...new Set(fields)].sort());
  });
});

describe('schema command', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir('jma-schema-');
  });
  afterEach(async () => {
    await fs.remove(dir);
  });

  test(`the package ships ${SHIPPED_SCHEMA} as \`jenkins-multiarch schema\` writes it (run it after changing the model)`, async () => {
    const result = await cli(repoRoot, 'schema', '-o', SHIPPED_SCHEMA, '--check');
    expect(result).toEqual({ code: 0, stdout: '', stderr: `${SHIPPED_SCHEMA} is up to date\n` });
  });

  test('prints the schema', async () => {
    const result = await cli(dir, 'schema');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(pipelineJsonSchema());
  });

  test('writes it, creating directories, then --check reports it up to date or stale', async () => {
    const written = await cli(dir, 'schema', '-o', 'ci/schema.json');
    expect(written).toEqual({ code: 0, stdout: '', stderr: 'wrote ci/schema.json\n' });
    expect(await cli(dir, 'schema', '-o', 'ci/schema.json', '--check')).toMatchObject({ code: 0 });
    await fs.appendFile(path.join(dir, 'ci', 'schema.json'), ' ');
    const stale = await cli(dir, 'schema', '-o', 'ci/schema.json', '--check');
    expect(stale.code).toBe(1);
    expect(stale.stderr).toBe(
      'jenkins-multiarch: ci/schema.json is stale. Run `jenkins-multiarch schema -o ci/schema.json`.\n',
    );
    expect((await cli(dir, 'schema', '-o', 'ci/schema.json')).code).toBe(0);
  });

  test('--check without -o is bad usage; a missing file is stale', async () => {
    expect(await cli(dir, 'schema', '--check')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--check needs -o FILE'),
    });
    const missing = await cli(dir, 'schema', '-o', 'none.json', '--check');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('none.json is missing.');
  });

  test('does not overwrite a file it did not write without --force', async () => {
    await fs.writeFile(path.join(dir, 'package.json'), '{}\n');
    const refused = await cli(dir, 'schema', '-o', 'package.json');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('refusing to overwrite package.json');
    expect(await fs.readFile(path.join(dir, 'package.json'), 'utf8')).toBe('{}\n');
    expect((await cli(dir, 'schema', '-o', 'package.json', '--force')).code).toBe(0);
  });

  test('replaces, without --force, a stale schema that an earlier version wrote: its $id marks it', async () => {
    // Each version's schema has the same $id, the URN, so an upgrade regenerates the file in place.
    const file = path.join(dir, 'schema.json');
    const old = { $id: 'urn:jenkins-multiarch:config', title: 'an older model' };
    await fs.writeFile(file, `${JSON.stringify(old, null, 2)}\n`);
    expect(await cli(dir, 'schema', '-o', 'schema.json')).toMatchObject({ code: 0 });
    expect(await fs.readJson(file)).toEqual(pipelineJsonSchema());
  });

  test('--help teaches by example', async () => {
    const result = await cli(dir, 'schema', '--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Examples:\n {2}\$ jenkins-multiarch schema/);
  });
});

describe('configs that name the schema', () => {
  const [validator] = validators;
  const firstLine = (text: string) => text.split('\n', 1)[0];

  test('the bundled example names the schema in this repository, and passes it', async () => {
    const file = path.join(repoRoot, 'examples', 'hello', 'jenkins-multiarch.yaml');
    const text = await fs.readFile(file, 'utf8');
    const schema = firstLine(text)!.replace('# yaml-language-server: $schema=', '');
    expect(path.resolve(path.dirname(file), schema)).toBe(path.join(repoRoot, SHIPPED_SCHEMA));
    expect(validator!.config(parseYaml(text))).toBe(true);
  });

  test('init names the schema the installed package ships, and its config passes it', async () => {
    const dir = await tempDir('jma-schema-init-');
    await fs.writeFile(path.join(dir, 'Dockerfile'), 'FROM scratch\n');
    expect((await cli(dir, 'init')).code).toBe(0);
    const text = await fs.readFile(path.join(dir, 'jenkins-multiarch.yaml'), 'utf8');
    expect(firstLine(text)).toBe(
      `# yaml-language-server: $schema=./node_modules/jenkins-multiarch/${SHIPPED_SCHEMA}`,
    );
    expect(validator!.config(parseYaml(text))).toBe(true);
    await fs.remove(dir);
  });
});
