import fc from 'fast-check';
import fs from 'fs-extra';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GRAMMARS, type Grammar, type GrammarName } from '../src/model/grammar.js';
import { fill, format, quote } from '../src/model/messages.js';
import {
  formatPath,
  grammarProblem,
  validatePipeline,
  type Pipeline,
  type Problem,
} from '../src/model/pipeline.js';
import { LITERAL_LIMITS, PIPELINE_SPEC, type FieldSpec } from '../src/model/spec.js';
import { loadRuntime } from '../src/package-files.js';
import { groovyLiteral, groovyString } from '../src/render/groovy.js';
import { composeJenkinsfile } from '../src/render/jenkinsfile.js';
import { agentTempDir, resolveAgent, type Agent } from './support/agent.js';
import { fieldText, FUZZ_SEED } from './support/fuzz.js';
import { groovyCodeOutsideLiterals, parseGroovy, utf16Units } from './support/groovy.js';
import { expectLibraryJudgesAsModel } from './support/judge-apart.js';
import { runPipeline } from './support/pipeline.js';
import { repoRoot, requireTools } from './support/tools.js';

/**
 * Escaping, proven by fuzzing. Every free-text field of the spec gets RUNS hostile values: each
 * must be rejected by the model with a precise `path: message`, or be emitted as a Groovy literal
 * that Groovy 2.4 reads back exactly, from which the shared library's runtime makes the step
 * environment that reaches the shell byte for byte. The accepted values go through one batched
 * harness job rather than one build each.
 */
const RUNS = 10_000;
/** Of those, how many the shared library's checks judge too (a JVM is slower at it). */
const LIBRARY_RUNS = 4_000;

/**
 * Valid configs that together hold every text field, each list and map with one entry: a fuzzed
 * value replaces one of them. Fields that exclude each other (label or kubernetes, a tag's
 * pattern or branch) live in configs of their own.
 */
const BASE = {
  agent: { label: 'podman', container: 'podman' },
  clone: { url: 'https://git.example.com/acme/app.git', branch: 'main', credentialsId: 'git' },
  image: { name: 'acme/app', tags: ['1.0'], labels: { KEY: 'value' } },
  platforms: ['linux/amd64', 'linux/arm64'],
  build: {
    dockerfile: 'Dockerfile',
    context: '.',
    args: { ARG: 'value' },
    target: 'app',
    extraArgs: ['--squash'],
    cache: 'registry.example.com/acme/cache',
    isolation: 'chroot',
  },
  registries: [{ host: 'registry.example.com', credentialsId: 'registry-push', tlsVerify: true }],
  smoke: { command: ['/app'] },
};
const BASES = [
  BASE,
  {
    ...BASE,
    agent: {
      kubernetes: {
        image: 'a/b:1',
        container: 'c',
        skopeoImage: 's/k:1',
        seLinuxType: 'container_engine_t',
        cloud: 'k',
        namespace: 'n',
      },
    },
  },
  { ...BASE, image: { ...BASE.image, tags: [{ from: 'semver', pattern: '{{version}}' }] } },
  {
    ...BASE,
    library: 'jenkins-multiarch@v1',
    image: { ...BASE.image, tags: [{ from: 'latest', branch: 'main' }] },
  },
];

type Path = readonly (string | number)[];
type Node = Record<string | number, unknown>;

/** A free-text field: where its value sits in BASE. A map's keys are a field of their own. */
interface TextField {
  readonly name: string;
  /** The index in BASES of the config that holds it. */
  readonly base: number;
  readonly grammar: GrammarName;
  readonly at: Path;
  readonly isKey: boolean;
  readonly nullable: boolean;
}

const get = (root: unknown, at: Path) =>
  at.reduce<unknown>((node, key) => (node as Node | undefined)?.[key], root);

/**
 * Every text field a base config holds, so that a field added later is fuzzed without a word
 * here (the test below names them all, so one left out of BASES shows).
 */
function textFields(spec: FieldSpec, at: Path, base: number): TextField[] {
  const field = { at, base, isKey: false, nullable: spec.nullable === true };
  const given = get(BASES[base], at);
  if (given === undefined) return [];
  switch (spec.kind) {
    case 'text':
      return [{ ...field, name: formatPath(at), grammar: spec.grammar }];
    case 'either':
      return textFields(typeof given === 'string' ? spec.text : spec.section, at, base);
    case 'list':
      return textFields(spec.item, [...at, 0], base);
    case 'map':
      return [
        { ...field, name: `${formatPath(at)} keys`, grammar: spec.key, isKey: true },
        ...Object.keys(given as object).flatMap((key) =>
          textFields(spec.value, [...at, key], base),
        ),
      ];
    case 'section':
      return Object.entries(spec.fields).flatMap(([name, f]) => textFields(f, [...at, name], base));
    default:
      return [];
  }
}

/** Sets a field of a copy of `config`; a key replaces the key of the map's one entry. */
function withValue(config: unknown, field: TextField, value: string | null): Node {
  const copy = structuredClone(config) as Node;
  const parent = get(copy, field.at.slice(0, -1)) as Node;
  const last = field.at[field.at.length - 1]!;
  parent[last] = field.isKey
    ? Object.fromEntries(Object.values(parent[last] as Node).map((item) => [value, item]))
    : value;
  return copy;
}

/** Each field once, from the first base that holds it. */
const FIELDS = BASES.flatMap((_, base) => textFields(PIPELINE_SPEC, [], base)).filter(
  (field, index, all) => all.findIndex((other) => other.name === field.name) === index,
);

function valid(config: unknown): Pipeline {
  const result = validatePipeline(config);
  if (!result.ok) throw new Error(`invalid: ${JSON.stringify(result.problems)}`);
  return result.pipeline;
}

interface Verdict {
  readonly value: string;
  /** Where a problem with the value must be reported. */
  readonly path: Path;
  /** Rejected: the model's problems; accepted: undefined. */
  readonly problems?: readonly Problem[];
}

function judge(field: TextField, value: string): Verdict {
  const path = field.isKey ? [...field.at, value] : field.at;
  const result = validatePipeline(withValue(BASES[field.base], field, value));
  return result.ok ? { value, path } : { value, path, problems: result.problems };
}

/**
 * The messages a rejected value may get: one of its grammar's templates, naming the value. An
 * error's message names its column last: that one is filled in.
 */
function grammarMessages(name: GrammarName, value: string, message: string): string[] {
  const grammar: Grammar = GRAMMARS[name];
  const column = [...message.matchAll(/column (\d+)/g)].at(-1)?.[1] ?? '';
  return [
    ...(grammar.mistakes ?? []).map((m) =>
      format('mistake', {
        value: m.secret ? format('hiddenValue', {}) : quote(value),
        message: m.message,
      }),
    ),
    ...(grammar.errors ?? []).map((e) =>
      format('syntaxError', {
        value: quote(value),
        noun: grammar.noun,
        message: fill(e.message, { column }),
      }),
    ),
    format('notGrammar', { value: quote(value), noun: grammar.noun, expected: grammar.expected }),
  ];
}

let verdicts: Map<TextField, Verdict[]>;
const accepted = (field: TextField) => verdicts.get(field)!.filter((v) => v.problems === undefined);

beforeAll(() => {
  console.log(
    `fuzz: seed ${FUZZ_SEED} (+ field index), ${RUNS} values for each of ${FIELDS.length} free-text fields`,
  );
  verdicts = new Map(
    FIELDS.map((field, index) => [
      field,
      fc
        .sample(fieldText(field.grammar), { seed: FUZZ_SEED + index, numRuns: RUNS })
        .map((value) => judge(field, value)),
    ]),
  );
  for (const field of FIELDS)
    console.log(`fuzz: ${field.name}: ${accepted(field).length} of ${RUNS} accepted`);
}, 120_000);

describe('every hostile value is rejected with a precise message, or accepted', () => {
  test('the spec has the free-text fields this test knows to expect', () => {
    expect(FIELDS.map((f) => f.name)).toEqual([
      'agent.label',
      'agent.container',
      'clone.url',
      'clone.branch',
      'clone.credentialsId',
      'image.name',
      'image.tags[0]',
      'image.labels keys',
      'image.labels.KEY',
      'build.dockerfile',
      'build.context',
      'build.args keys',
      'build.args.ARG',
      'build.target',
      'build.extraArgs[0]',
      'build.cache',
      'registries[0].host',
      'registries[0].credentialsId',
      'smoke.command[0]',
      'agent.kubernetes.image',
      'agent.kubernetes.container',
      'agent.kubernetes.skopeoImage',
      'agent.kubernetes.seLinuxType',
      'agent.kubernetes.cloud',
      'agent.kubernetes.namespace',
      'image.tags[0].pattern',
      'library',
      'image.tags[0].branch',
    ]);
  });

  test.each(FIELDS.map((field) => [field.name, field] as const))('%s', (_name, field) => {
    const all = verdicts.get(field)!;
    const imprecise = all.filter(
      ({ value, path, problems }) =>
        problems !== undefined &&
        !(
          problems.length === 1 &&
          JSON.stringify(problems[0]!.path) === JSON.stringify(path) &&
          grammarMessages(field.grammar, value, problems[0]!.message).includes(problems[0]!.message)
        ),
    );
    expect(imprecise.slice(0, 3)).toEqual([]);
    // Neither side is vacuous.
    expect(accepted(field).length).toBeGreaterThan(RUNS / 20);
    expect(all.length - accepted(field).length).toBeGreaterThan(RUNS / 20);
  });

  test('NUL (no environment variable can carry it), U+FFFF (no Groovy 2.4 file) and half surrogate pairs never pass', () => {
    const broken =
      /\u0000|\uffff|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
    let seen = 0;
    for (const field of FIELDS)
      for (const { value, problems } of verdicts.get(field)!)
        if (broken.test(value)) {
          seen++;
          expect(problems, JSON.stringify(value)).toBeDefined();
        }
    expect(seen).toBeGreaterThan(1000);
  });
});

/**
 * The fuzz job: a scripted Jenkinsfile with the shared library, as a library-mode build has it.
 * bases.groovy holds the base configs as the renderer writes configs (validated, defaults
 * written out) and fields.groovy where each fuzzed field sits in them; each chunk-N.groovy holds
 * accepted values, each with its field and its UTF-16 units, and a config with many build
 * arguments and labels for build.sh.
 */
function fuzzJenkinsfile(chunks: number): string {
  return `// The fuzz job of test/fuzz.test.ts.
@Library('jenkins-multiarch@fuzz') _

String units(String value) {
  return value.toCharArray().collect { Integer.toHexString((int) it).padLeft(4, '0') }.join(' ')
}

/** A deep copy of a config with one value replaced: the key of a map's one entry, or a value. */
Map withValue(Map base, List at, boolean key, String value) {
  Map config = new groovy.json.JsonSlurperClassic().parseText(groovy.json.JsonOutput.toJson(base))
  def parent = config
  for (def step : at.subList(0, at.size() - 1)) { parent = parent[step] }
  def last = at[at.size() - 1]
  if (key) {
    parent[last] = [(value): parent[last].values().first()]
  } else {
    parent[last] = value
  }
  return config
}

node('fuzz') {
  List bases = load('bases.groovy')
  List fields = load('fields.groovy')
  String buildScript = libraryResource('jenkins-multiarch/common.sh') + libraryResource('jenkins-multiarch/build.sh')
  // The table stepEnvironment reads from model.json, parsed once: parsing all 37 KB at each of
  // this job's ~170,000 calls took 0.6 to 2 ms a call (measured), longer than the rest of the job.
  List table = new groovy.json.JsonSlurperClassic().parseText(libraryResource('jenkins-multiarch/model.json')).stepEnvironment
  for (int i = 0; i < ${chunks}; i++) {
    Map chunk = load('chunk-' + i + '.groovy')
    List entries = []
    chunk.cases.eachWithIndex { c, n ->
      Map field = fields[c[0]]
      String value = c[1]
      if (units(value) != c[2]) {
        echo('FUZZ literal mismatch in chunk ' + i + ', case ' + n + ': ' + units(value))
      }
      // The entries that change when the value does carry it; numbered names keep thousands of
      // entries apart in one withEnv.
      List other = multiarchRuntime.environmentByTable(withValue(bases[field.base], field.at, field.key, value + 'x'), table)
      multiarchRuntime.environmentByTable(withValue(bases[field.base], field.at, field.key, value), table)
        .findAll { !other.contains(it) }
        .each { entries << 'F' + (chunk.first + n) + '_' + it }
    }
    withEnv(entries) {
      sh(label: 'Dump the environment', script: 'env -0 >> env.bin')
    }
    if (chunk.carrier) {
      withEnv(multiarchRuntime.stepEnvironment(chunk.carrier, libraryResource('jenkins-multiarch/model.json'))) {
        // Without tracing, which would print the growing argument list once per argument.
        sh(label: 'Build with a podman that records its arguments', script: 'set +x\\n' + buildScript)
      }
    }
    echo('FUZZ cases read: ' + chunk.cases.size())
  }
}
`;
}

/** Stands in for podman: records the arguments of `podman build` (count first), does nothing. */
const FAKE_PODMAN = `#!/bin/sh
[ "$1" = build ] || exit 0
{ printf '%s\\0' "$#"; printf '%s\\0' "$@"; } >> "$WORKSPACE/podman-build.bin"
`;

/** Groovy and the JVM cap a class's constants and a method's size: this many values a file. */
const CHUNK = 1000;
/** Build arguments (and labels) of one pipeline run through build.sh: as many as a config may have. */
const CARRIER = LITERAL_LIMITS.map;

const slices = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, (i + 1) * size),
  );

/** NUL-separated fields of a file, as raw bytes. */
function nulFields(file: Buffer): Buffer[] {
  const fields: Buffer[] = [];
  for (let start = 0, end; (end = file.indexOf(0, start)) !== -1; start = end + 1)
    fields.push(file.subarray(start, end));
  return fields;
}

describe.skipIf(requireTools(['groovy']).skip)('accepted values, emitted', () => {
  let agent: Agent;
  let dir: string;
  beforeAll(async () => {
    agent = resolveAgent();
    dir = await agentTempDir(agent, 'jma-fuzz-');
  });
  afterAll(async () => {
    await fs.remove(dir);
  });

  test(
    "reach sh byte for byte through the runtime's step environment and withEnv, and Groovy 2.4 reads every literal back unit for unit",
    { timeout: 180_000 },
    async () => {
      const cases = FIELDS.flatMap((field) =>
        accepted(field).map(({ value }) => ({ field, value })),
      );
      const valuesOf = (name: string) =>
        accepted(FIELDS.find((f) => f.name === name)!).map((v) => v.value);
      const argumentValues = valuesOf('build.args.ARG');
      const labelValues = valuesOf('image.labels.KEY');
      // Build arguments and labels, both numbered NAME=value entries, through build.sh.
      const carriers = slices(argumentValues, CARRIER).map((values, c) => {
        const args = Object.fromEntries(values.map((value, i) => [`A${i}`, value]));
        const labels = Object.fromEntries(
          labelValues.slice(c * CARRIER, (c + 1) * CARRIER).map((value, i) => [`l.${i}`, value]),
        );
        const pipeline = valid({
          ...BASE,
          image: { ...BASE.image, labels },
          build: { ...BASE.build, args },
        });
        const pairs = (map: Record<string, string>) =>
          Object.entries(map).map(([name, value]) => `${name}=${value}`);
        return {
          config: groovyLiteral(pipeline, '  ', Infinity),
          expected: { '--build-arg': pairs(args), '--label': pairs(labels) },
        };
      });
      const caseChunks = slices(cases, CHUNK);
      const chunks = Math.max(caseChunks.length, carriers.length);

      const jobDir = path.join(dir, 'job');
      const workspace = path.join(jobDir, 'workspace');
      await fs.outputFile(
        path.join(workspace, 'bases.groovy'),
        groovyLiteral(BASES.map((base) => valid(base))),
      );
      await fs.outputFile(
        path.join(workspace, 'fields.groovy'),
        groovyLiteral(FIELDS.map(({ base, at, isKey }) => ({ base, at, key: isKey }))),
      );
      for (let i = 0; i < chunks; i++) {
        // [the field's index in fields.groovy, the value, its UTF-16 units]: short, as a
        // script's method holds at most 64 KB of bytecode.
        const lines = (caseChunks[i] ?? []).map(
          ({ field, value }) =>
            `    [${FIELDS.indexOf(field)}, ${groovyString(value)}, '${utf16Units(value)}'],`,
        );
        await fs.outputFile(
          path.join(workspace, `chunk-${i}.groovy`),
          `[\n  first: ${i * CHUNK},\n  cases: [\n${lines.join('\n')}\n  ],\n  carrier: ${carriers[i]?.config ?? 'null'},\n]\n`,
        );
      }
      await fs.outputFile(path.join(jobDir, 'bin', 'podman'), FAKE_PODMAN, { mode: 0o755 });
      await fs.outputFile(path.join(jobDir, 'Jenkinsfile'), fuzzJenkinsfile(chunks));
      const run = await runPipeline(agent, {
        jenkinsfile: path.join(jobDir, 'Jenkinsfile'),
        dir: jobDir,
        buildNumber: 1,
        env: { PATH: `${path.join(jobDir, 'bin')}:${agent.env.PATH}` },
        library: { name: 'jenkins-multiarch', path: repoRoot },
      });
      expect(run.code, run.log.slice(-3000)).toBe(0);

      // Groovy read every literal back.
      expect(run.log).not.toContain('FUZZ literal mismatch');
      const read = [...run.log.matchAll(/^FUZZ cases read: (\d+)$/gm)].map((m) => Number(m[1]));
      expect(read.reduce((a, b) => a + b, 0)).toBe(cases.length);

      // sh received every value the runtime put in the environment, byte for byte: whole, as a
      // numbered entry's key=value, or as a tag rule's @from:value.
      const received = new Map<number, Buffer[]>();
      for (const entry of nulFields(await fs.readFile(path.join(workspace, 'env.bin')))) {
        const name = /^F(\d+)_/.exec(entry.subarray(0, 16).toString('latin1'));
        if (!name) continue;
        const n = Number(name[1]);
        received.set(n, [...(received.get(n) ?? []), entry.subarray(entry.indexOf('=') + 1)]);
      }
      const carries = (carried: Buffer, value: Buffer) =>
        carried.equals(value) ||
        [Buffer.from('='), Buffer.from(':')].some((mark) =>
          carried.subarray(carried.length - value.length - 1).equals(Buffer.concat([mark, value])),
        ) ||
        carried.subarray(0, value.length + 1).equals(Buffer.concat([value, Buffer.from('=')]));
      const carriedFields = new Set(
        cases.filter((_, n) => received.has(n)).map((c) => c.field.name),
      );
      // The others reach Jenkins' own steps from the config (node label, git, the pod), read back above.
      expect(FIELDS.map((f) => f.name).filter((name) => !carriedFields.has(name))).toEqual([
        'agent.label',
        'agent.container',
        'clone.url',
        'clone.branch',
        'clone.credentialsId',
        'agent.kubernetes.image',
        'agent.kubernetes.container',
        'agent.kubernetes.skopeoImage',
        'agent.kubernetes.seLinuxType',
        'agent.kubernetes.cloud',
        'agent.kubernetes.namespace',
        'library',
      ]);
      const uncarried = cases.filter(
        ({ field, value }, n) =>
          carriedFields.has(field.name) &&
          !(received.get(n) ?? []).some((carried) => carries(carried, Buffer.from(value, 'utf8'))),
      );
      expect(uncarried.slice(0, 3).map(({ field, value }) => [field.name, value])).toEqual([]);
      console.log(
        `fuzz job: ${cases.length} values, ${argumentValues.length} build arguments and ${labelValues.length} labels through build.sh, ${chunks} chunks`,
      );

      // build.sh passed every build argument to podman as NAME=value, byte for byte.
      const fields = nulFields(await fs.readFile(path.join(workspace, 'podman-build.bin')));
      const calls: Buffer[][] = [];
      for (let i = 0; i < fields.length; i += Number(fields[i]!.toString()) + 1)
        calls.push(fields.slice(i + 1, i + 1 + Number(fields[i]!.toString())));
      expect(calls).toHaveLength(carriers.length);
      calls.forEach((args, c) => {
        for (const [flag, expected] of Object.entries(carriers[c]!.expected)) {
          const given = args.filter(
            (arg, i) =>
              i > 0 &&
              args[i - 1]!.toString() === flag &&
              !arg.toString().startsWith('org.opencontainers.'),
          );
          expect(
            given.map((a) => a.toString('hex')),
            flag,
          ).toEqual(expected.map((a) => Buffer.from(a, 'utf8').toString('hex')));
        }
      });
    },
  );

  test(
    `the shared library judges ${LIBRARY_RUNS} values of each field as the model does, in the same words`,
    { timeout: 60_000 },
    async () => {
      const cases = FIELDS.flatMap((field) =>
        verdicts
          .get(field)!
          .slice(0, LIBRARY_RUNS)
          .map(
            ({ value }) =>
              [field.grammar, value, grammarProblem(field.grammar, value) ?? null] as const,
          ),
      );
      await expectLibraryJudgesAsModel(cases);
    },
  );

  test(
    "Jenkinsfiles of configs made of accepted values compile with Groovy 2.4, carry each value as the renderer's literal, and never put a credential variable in a double-quoted string",
    { timeout: 120_000 },
    async () => {
      const pick = (field: TextField, j: number) => {
        const values = accepted(field);
        return field.nullable && j % 4 === 0 ? null : values[j % values.length]!.value;
      };
      const runtime = loadRuntime();
      const context = { version: '0.0.0-fuzz', source: 'jenkins-multiarch.yaml' };
      const files: string[] = [];
      for (let j = 0; j < 60; j++) {
        const base = j % BASES.length;
        const fields = FIELDS.filter((field) => field.base === base);
        // Values first, then keys: a key takes over the value its map entry holds.
        const config = [...fields]
          .sort((a, b) => Number(a.isKey) - Number(b.isKey))
          .reduce<unknown>((out, field) => withValue(out, field, pick(field, j)), BASES[base]);
        const pipeline = valid(config);
        const { library: _library, ...withoutLibrary } = pipeline;
        for (const [kind, jenkinsfile] of [
          ['standalone', composeJenkinsfile(withoutLibrary, runtime, context)],
          [
            'library',
            composeJenkinsfile({ library: 'jenkins-multiarch@v0', ...pipeline }, runtime, context),
          ],
        ] as const) {
          // Every value, as the Groovy literal the harness job reads back exactly.
          for (const field of fields) {
            const value = pick(field, j);
            if (value === null || (kind === 'standalone' && field.name === 'library')) continue;
            // A key that is a plain identifier is written bare, as named arguments are.
            const forms = [groovyString(value), ...(field.isKey ? [`${value}: `] : [])];
            expect(
              forms.some((form) => jenkinsfile.includes(form)),
              `${kind} ${field.name}`,
            ).toBe(true);
          }
          expect(jenkinsfile, kind).toMatch(/^[\x20-\x7e\n]*$/);
          const code = groovyCodeOutsideLiterals(jenkinsfile);
          expect(code, kind).not.toContain('"');
          expect(code, kind).not.toMatch(/MULTIARCH_REGISTRY_(PASSWORD|USER)/);
          const file = path.join(dir, `${kind}-${j}.Jenkinsfile`);
          await fs.writeFile(file, jenkinsfile);
          files.push(file);
        }
      }
      const results = await parseGroovy(files);
      expect(results.filter((r) => !r.ok)).toEqual([]);
      expect(results).toHaveLength(files.length);
    },
  );
});
