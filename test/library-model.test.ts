import fs from 'fs-extra';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { GRAMMARS } from '../src/model/grammar.js';
import { MESSAGES, QUOTE_LIMIT } from '../src/model/messages.js';
import { validatePipeline, type Problem } from '../src/model/pipeline.js';
import { PLATFORM_ALIASES, PLATFORM_NAMES } from '../src/model/platform.js';
import { LITERAL_LIMITS, PIPELINE_SPEC } from '../src/model/spec.js';
import { STEP_ENVIRONMENT } from '../src/model/step-environment.js';
import { loadLibraryFiles, toolVersion } from '../src/package-files.js';
import { composeLibrary, LIBRARY_STEPS, type LibraryStep } from '../src/render/library.js';
import { cli, tempDir } from './support/cli.js';

/**
 * What the library's generated files say, checked in-process against the model they come from:
 * model.json, which vars/multiarchConfig.groovy checks a step's arguments with, and the help pages
 * vars/*.txt, whose every field line must agree with what the checker does. library.test.ts runs
 * the Groovy side; these run in the mutation run (issue 17), so each test composes the library in
 * its body.
 */

const compose = (version = toolVersion) => composeLibrary(loadLibraryFiles(), { version });

const steps = Object.entries(LIBRARY_STEPS) as [string, LibraryStep][];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isMap = (value: unknown): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A value as JSON reads it back: what model.json can say. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** model.json's spec read back as the spec it claims to be: each section's field list an object. */
function readBack(spec: Record<string, Json>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...spec };
  if (spec.kind === 'section') {
    expect(Array.isArray(spec.fields)).toBe(true);
    out.fields = Object.fromEntries(
      (spec.fields as Record<string, Json>[]).map(({ name, ...field }) => [name, readBack(field)]),
    );
  }
  for (const key of ['item', 'value', 'text', 'section'])
    if (isMap(spec[key])) out[key] = readBack(spec[key]);
  return out;
}

/** The spec without its docs, as model.json should hold it. */
const withoutDocs = (spec: unknown) =>
  JSON.parse(JSON.stringify(spec, (key, value: unknown) => (key === 'doc' ? undefined : value)));

/** The names of every section's fields, in order, by the section's path. */
function fieldOrder(spec: unknown, at = '', out: Record<string, string[]> = {}) {
  if (!isMap(spec)) return out;
  if (spec.kind === 'section' && isMap(spec.fields)) out[at] = Object.keys(spec.fields);
  for (const [key, value] of Object.entries(spec))
    fieldOrder(value, key === 'fields' ? at : `${at}/${key}`, out);
  return out;
}

describe('model.json', () => {
  test('holds the spec without its docs, every section keeping its order of fields', () => {
    const model = JSON.parse(compose().get('resources/jenkins-multiarch/model.json')!);
    const spec = readBack(model.spec);
    expect(spec).toEqual(withoutDocs(PIPELINE_SPEC));
    // Problems are reported in field order, and the Groovy side's JSON reader keeps no key
    // order: the lists must keep it.
    expect(fieldOrder(spec)).toEqual(fieldOrder(PIPELINE_SPEC));
    expect(JSON.stringify(model.spec)).not.toContain('"doc"');
  });

  test("holds each step's sections and those it requires, and the model's own tables", () => {
    const model = JSON.parse(compose().get('resources/jenkins-multiarch/model.json')!);
    expect(model.steps).toEqual(
      Object.fromEntries(
        steps.map(([name, step]) => [
          name,
          { fields: [...step.fields], requires: [...(step.requires ?? [])] },
        ]),
      ),
    );
    expect(model).toMatchObject({
      grammars: asJson(GRAMMARS),
      messages: MESSAGES,
      platforms: PLATFORM_NAMES,
      platformAliases: PLATFORM_ALIASES,
      literalLimits: LITERAL_LIMITS,
      quoteLimit: QUOTE_LIMIT,
      stepEnvironment: asJson(STEP_ENVIRONMENT),
    });
  });

  test('names every file of the runtime the steps load, and only those', () => {
    const library = compose();
    const model = JSON.parse(library.get('resources/jenkins-multiarch/model.json')!);
    const resources = [...library.keys()]
      .filter((file) => file.startsWith('resources/jenkins-multiarch/'))
      .map((file) => path.basename(file))
      .filter((name) => name !== 'model.json');
    expect(resources.length).toBeGreaterThan(3);
    expect([...model.resources].sort()).toEqual(resources.sort());
  });
});

describe('library files', () => {
  test('a newer version overwrites every file an older one wrote, each known as generated', async () => {
    // `library` refuses to overwrite a file that does not name jenkins-multiarch at its start.
    const dir = await tempDir('jma-library-model-');
    const old = compose('0.0.1-old');
    for (const [file, content] of old) await fs.outputFile(path.join(dir, 'lib', file), content);
    const result = await cli(dir, 'library', '--out', 'lib');
    expect(result.code, result.stderr).toBe(0);
    const written = result.stderr.replace(/^wrote /, '').replace(/ in lib\n$/, '');
    // The generated ones, which name the version: model.json and the help pages.
    const generated = [...compose()].filter(([file, content]) => old.get(file) !== content);
    expect(generated.length).toBe(Object.keys(LIBRARY_STEPS).length + 3);
    expect(written.split(', ').sort()).toEqual(generated.map(([file]) => file).sort());
    await fs.remove(dir);
  });

  test('a help template naming a value it is not given fails, not a blank in every page', () => {
    const files = loadLibraryFiles();
    expect(() => composeLibrary({ ...files, help: '{{nmae}}' }, { version: '1.0.0' })).toThrow(
      /nmae/,
    );
  });

  test("the internal steps' help pages say who calls them, and that pipelines do not", () => {
    const library = compose();
    // What every step does first (library.test.ts checks each step file calls it), so a reader
    // of the Global Variables Reference finds the one call multiarchConfig exists for.
    expect(library.get('vars/multiarchConfig.txt')).toContain(
      'each of which first calls multiarchConfig.prepare(step, args)',
    );
    for (const name of ['multiarchConfig', 'multiarchRuntime']) {
      expect(library.get(`vars/${name}.txt`)).toContain(`<strong>${name}</strong>`);
      expect(library.get(`vars/${name}.txt`)).toMatch(/call those steps instead/i);
    }
  });
});

// ---- Help pages, read back ----

const unescapeHtml = (html: string) =>
  html.replace(/&(quot|amp|lt|gt|#x27|#x60|#x3D);/g, (_, entity: string) => {
    const chars: Record<string, string> = {
      quot: '"',
      amp: '&',
      lt: '<',
      gt: '>',
      '#x27': "'",
      '#x60': '`',
      '#x3D': '=',
    };
    return chars[entity]!;
  });

interface HelpLine {
  path: string;
  type: string;
  requirement: string;
}

function helpLines(page: string): HelpLine[] {
  return [...page.matchAll(/^<li><code>([^<]+)<\/code> \(([^;]+); ([^)]+)\): /gm)].map((m) => ({
    path: m[1]!,
    type: unescapeHtml(m[2]!),
    requirement: unescapeHtml(m[3]!),
  }));
}

/** Reads back the Groovy call of a help page's example: the subset groovyCall writes. */
function readExample(page: string): { name: string; args: Record<string, unknown> } {
  const source = unescapeHtml(/<pre><code>([\s\S]*?)<\/code><\/pre>/.exec(page)![1]!);
  let at = 0;
  const skip = () => {
    while (/\s/.test(source[at] ?? '')) at++;
  };
  const take = (text: string) => {
    skip();
    expect(source.slice(at, at + text.length), `at ${at} of ${source}`).toBe(text);
    at += text.length;
  };
  const peek = (text: string) => (skip(), source.startsWith(text, at));
  const word = () => {
    skip();
    const m = /^(?:[A-Za-z_][A-Za-z0-9_]*|-?\d+)/.exec(source.slice(at))!;
    at += m[0].length;
    return m[0];
  };
  const string = (): string => {
    take("'");
    let out = '';
    while (source[at] !== "'") {
      if (source[at] === '\\') {
        const next = source[at + 1]!;
        if (next === 'u') {
          out += String.fromCharCode(parseInt(source.slice(at + 2, at + 6), 16));
          at += 6;
        } else {
          out += ({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[next] ?? next;
          at += 2;
        }
      } else out += source[at++];
    }
    at++;
    return out;
  };
  const key = () => (peek("'") ? string() : word());
  const entries = (close: string): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    while (!peek(close)) {
      const k = key();
      take(':');
      out[k] = value();
      if (!peek(close)) take(',');
    }
    take(close);
    return out;
  };
  const value = (): unknown => {
    if (peek("'")) return string();
    if (peek('[:]')) return (take('[:]'), {});
    if (peek('[')) {
      take('[');
      // A map when its first entry is `key:`.
      const start = at;
      if (!peek(']') && !peek('[') && !peek("'")) {
        word();
        const isMapLiteral = peek(':');
        at = start;
        if (isMapLiteral) return entries(']');
      } else if (peek("'")) {
        string();
        const isMapLiteral = peek(':');
        at = start;
        if (isMapLiteral) return entries(']');
      }
      const list: unknown[] = [];
      while (!peek(']')) {
        list.push(value());
        if (!peek(']')) take(',');
      }
      take(']');
      return list;
    }
    const w = word();
    if (w === 'true' || w === 'false') return w === 'true';
    if (w === 'null') return null;
    expect(w).toMatch(/^-?\d+$/);
    return Number(w);
  };
  const name = word();
  take('(');
  const args = entries(')');
  skip();
  expect(at).toBe(source.length);
  return { name, args };
}

// ---- What the checker does with a field ----

/**
 * Valid configs that between them give every field of the spec a value, so that each help line
 * can be tried: one with a label agent, one with a pod.
 */
const BASES = (): Record<string, unknown>[] => {
  const common = {
    library: 'jenkins-multiarch@v1.0.0',
    clone: {
      url: 'https://git.example.com/acme/hello.git',
      branch: 'main',
      credentialsId: 'git-read',
    },
    image: {
      name: 'acme/hello',
      tags: [
        '1.0.0',
        { from: 'git-sha' },
        { from: 'semver', pattern: '{{major}}.{{minor}}' },
        { from: 'latest', branch: 'main' },
      ],
      labels: { 'org.example.team': 'platform' },
    },
    platforms: ['linux/amd64', 'linux/arm64'],
    native: { 'linux/arm64': { label: 'arm64' } },
    build: {
      dockerfile: 'Dockerfile',
      context: '.',
      args: { BASE_IMAGE: 'registry.example.com/mirror/busybox:1.36' },
      target: 'final',
      pull: 'always',
      noCache: false,
      timeoutMinutes: 60,
      extraArgs: ['--squash'],
      cache: 'registry.example.com/acme/hello-cache',
      isolation: 'chroot',
    },
    registries: [
      { host: 'registry.example.com', credentialsId: 'registry-push', tlsVerify: true },
      { host: 'mirror.example.com', credentialsId: null, tlsVerify: false },
    ],
    push: { retries: 2, timeoutSeconds: 1800 },
    smoke: { enabled: true, command: ['/app', '--version'] },
    mirror: {
      images: [
        {
          source: 'docker.io/library/busybox:1.36',
          destination: 'registry.example.com/mirror/busybox:1.36',
        },
      ],
      platforms: ['linux/amd64'],
      format: 'oci',
    },
  };
  return [
    { ...common, agent: { label: 'podman', container: 'podman' } },
    {
      ...common,
      agent: {
        kubernetes: {
          image: 'quay.io/podman/stable:v4.3.1',
          container: 'podman',
          skopeoImage: 'quay.io/skopeo/stable:v1',
          seLinuxType: 'container_engine_t',
          cloud: 'kubernetes',
          namespace: 'ci',
        },
      },
    },
  ];
};

/**
 * Where a help path (`registries[].host`) lands in a config: the concrete path, or undefined when
 * the field's parent is absent. A list's entry is the first mapping that has the next field, or
 * else the first mapping.
 */
function locate(config: unknown, helpPath: string): (string | number)[] | undefined {
  const out: (string | number)[] = [];
  let at: unknown = config;
  const parts = helpPath.split('.');
  for (const [i, part] of parts.entries()) {
    const name = part.replace(/\[\]$/, '');
    if (!isMap(at)) return undefined;
    out.push(name);
    if (i === parts.length - 1 && !part.endsWith('[]')) return out;
    at = at[name];
    if (part.endsWith('[]')) {
      if (!Array.isArray(at)) return undefined;
      const next = parts[i + 1]!.replace(/\[\]$/, '');
      let index = at.findIndex((entry) => isMap(entry) && next in entry);
      if (index < 0) index = at.findIndex(isMap);
      if (index < 0) return undefined;
      out.push(index);
      at = at[index];
    }
  }
  return out;
}

const getAt = (config: unknown, at: readonly (string | number)[]): unknown =>
  at.reduce<unknown>((value, key) => (value as Record<string | number, unknown>)?.[key], config);

/** A copy of `config` with the value at `at` replaced, or deleted when `value` is undefined. */
function setAt(config: unknown, at: readonly (string | number)[], value: unknown): unknown {
  const copy = structuredClone(config) as Record<string | number, unknown>;
  const parent = getAt(copy, at.slice(0, -1)) as Record<string | number, unknown>;
  if (value === undefined) delete parent[at.at(-1)!];
  else parent[at.at(-1)!] = value;
  return copy;
}

const startsWith = (path: readonly (string | number)[], prefix: readonly (string | number)[]) =>
  prefix.every((key, i) => path[i] === key);

/** The problems of a config at or under `at`. */
function problemsAt(config: unknown, at: readonly (string | number)[]): Problem[] {
  const result = validatePipeline(config);
  return result.ok ? [] : result.problems.filter((p) => startsWith(p.path, at));
}

const accepted = (config: unknown) => {
  const result = validatePipeline(config);
  return result.ok ? result.pipeline : undefined;
};

/** The kinds a type names: 'string', 'boolean', 'map', 'platform'. */
const kindOf = (value: unknown): string =>
  isMap(value)
    ? 'map'
    : typeof value === 'string' && PLATFORM_NAMES.includes(value)
      ? 'platform'
      : typeof value;

/** A value that is not of the kind named, to offer where that kind is expected. */
const OTHER_KIND: Record<string, unknown> = { string: {}, map: 'text', boolean: 'true' };

/** A value of the kind named. */
const SAMPLE: Record<string, unknown> = { string: 'text', map: {} };

/** Checks that a value the help calls `type` is what the checker takes at `at` of `config`. */
function checkType(config: unknown, at: (string | number)[], type: string, where: string) {
  const value = getAt(config, at);
  const refused = (other: unknown) =>
    expect(
      problemsAt(setAt(config, at, other), at),
      `${where}: ${JSON.stringify(other)}`,
    ).not.toEqual([]);
  let m: RegExpExecArray | null;
  if ((m = /^whole number from (\d+) to (\d+)$/.exec(type))) {
    const [min, max] = [Number(m[1]), Number(m[2])];
    expect(accepted(setAt(config, at, min)), where).toBeDefined();
    expect(accepted(setAt(config, at, max)), where).toBeDefined();
    refused(min - 1);
    refused(max + 1);
  } else if ((m = /^one of (.+)$/.exec(type))) {
    for (const choice of m[1]!.split(', '))
      expect(accepted(setAt(config, at, choice)), `${where}: ${choice}`).toBeDefined();
    refused('no-such-choice');
  } else if ((m = /^non-empty list of (distinct )?(.+)$/.exec(type))) {
    const list = value as unknown[];
    // 'strings or maps' -> string, map
    const entryKinds = m[2]!.split(' or ').map((kind) => kind.replace(/s$/, ''));
    // The config's own entries, which it accepts, are of the kinds named, and of each of them.
    expect(Array.isArray(list), where).toBe(true);
    expect([...new Set(list.map(kindOf))].sort(), where).toEqual(entryKinds.sort());
    refused([]);
    // A second copy of the first entry: refused unless the entries may repeat.
    const repeated = [...list, list[0]];
    if (m[1]) refused(repeated);
    else expect(accepted(setAt(config, at, repeated)), where).toBeDefined();
    // An entry of a kind not named (a string that is not a platform, for platforms).
    for (const kind of ['string', 'map'].filter((k) => !entryKinds.includes(k)))
      refused([SAMPLE[kind]]);
  } else if ((m = /^map of name to (.+)$/.exec(type))) {
    expect(isMap(value), where).toBe(true);
    expect(accepted(setAt(config, at, {})), where).toBeDefined();
    refused('text');
    for (const entry of Object.values(value as object)) expect(kindOf(entry), where).toBe(m[1]);
    const [name] = Object.keys(value as object);
    if (name) refused({ ...(value as object), [name]: OTHER_KIND[m[1]!] });
  } else {
    expect(['string', 'boolean', 'map'], where).toContain(type);
    expect(typeof value === 'string' ? 'string' : kindOf(value), where).toBe(type);
    if (type === 'boolean') {
      expect(accepted(setAt(config, at, !value)), where).toBeDefined();
    }
    refused(OTHER_KIND[type]);
    // A map of fields, unlike a map of names: a name it does not know is refused.
    if (type === 'map') refused({ ...(value as object), NO_SUCH_FIELD: 'x' });
  }
}

/** A field left out is what the help says of it: its default, or absent, or a map of those. */
function leftOutAgrees(lines: HelpLine[], helpPath: string, value: unknown): boolean {
  if (value === undefined) return true;
  const requirement = lines.find((line) => line.path === helpPath)?.requirement ?? '';
  if (requirement.startsWith('default ')) {
    expect(value, helpPath).toEqual(JSON.parse(requirement.slice('default '.length)));
    return true;
  }
  return (
    isMap(value) &&
    Object.entries(value).every(([key, v]) => leftOutAgrees(lines, `${helpPath}.${key}`, v))
  );
}

function checkRequirement(
  lines: HelpLine[],
  line: HelpLine,
  requires: readonly string[],
  where: string,
) {
  const bases = BASES()
    .map((config) => ({ config, at: locate(config, line.path) }))
    .filter((base): base is { config: Record<string, unknown>; at: (string | number)[] } =>
      base.at ? getAt(base.config, base.at.slice(0, -1)) !== undefined : false,
    );
  expect(bases.length, where).toBeGreaterThan(0);
  const leftOut = bases.map(({ config, at }) => ({ at, config: setAt(config, at, undefined) }));
  const isRequiredProblem = (at: (string | number)[]) => (p: Problem) =>
    p.path.join('/') === at.join('/') && p.message.startsWith('is required: ');
  if (requires.includes(line.path)) {
    // Required by the step, though a config may leave it out (multiarchConfig applies this).
    expect(line.requirement, where).toBe('required');
    return;
  }
  switch (line.requirement) {
    case 'required':
    case 'required, null for none':
      for (const { config, at } of leftOut)
        expect(problemsAt(config, at).some(isRequiredProblem(at)), where).toBe(true);
      for (const { config, at } of bases) {
        const withNull = accepted(setAt(config, at, null));
        if (line.requirement === 'required') expect(withNull, where).toBeUndefined();
        else expect(getAt(withNull, at), where).toBeNull();
      }
      break;
    case 'optional':
      // Fine to leave out in some config: absent then, or a map of defaults.
      expect(
        leftOut.some(({ config, at }) => {
          const pipeline = accepted(config);
          return pipeline !== undefined && leftOutAgrees(lines, line.path, getAt(pipeline, at));
        }),
        where,
      ).toBe(true);
      break;
    default: {
      expect(line.requirement, where).toMatch(/^default /);
      const value = JSON.parse(line.requirement.slice('default '.length));
      for (const { config, at } of leftOut)
        expect(getAt(accepted(config), at), where).toEqual(value);
    }
  }
}

/** The paths of every field of a spec's sections, and of its lists' mapping entries. */
function specPaths(spec: unknown, at: string): string[] {
  if (!isMap(spec)) return [];
  const fields = (section: unknown, prefix: string) =>
    isMap(section) && isMap(section.fields)
      ? Object.entries(section.fields).flatMap(([name, field]) => [
          `${prefix}.${name}`,
          ...specPaths(field, `${prefix}.${name}`),
        ])
      : [];
  if (spec.kind === 'section') return fields(spec, at);
  if (spec.kind === 'list' && isMap(spec.item))
    return fields(spec.item.kind === 'either' ? spec.item.section : spec.item, `${at}[]`);
  return [];
}

describe('each help page', () => {
  test.each(steps)(
    '%s lists every field of its sections, each as the checker takes it',
    (name, step) => {
      const library = compose();
      const page = library.get(`vars/${name}.txt`)!;
      const model = JSON.parse(library.get('resources/jenkins-multiarch/model.json')!);
      const lines = helpLines(page);
      expect(lines.map((line) => line.path)).toEqual(
        step.fields.flatMap((section) => [
          section,
          ...specPaths(PIPELINE_SPEC.fields[section], section),
        ]),
      );
      for (const line of lines) {
        const where = `${name}: ${line.path} (${line.type}; ${line.requirement})`;
        checkRequirement(lines, line, model.steps[name].requires, where);
        const base = BASES().find((config) => {
          const at = locate(config, line.path);
          return at !== undefined && getAt(config, at) !== undefined;
        });
        expect(base, where).toBeDefined();
        checkType(base, locate(base, line.path)!, line.type, where);
      }
    },
  );

  test.each(steps)("%s's example is a valid call with each of its sections", (name, step) => {
    const page = compose().get(`vars/${name}.txt`)!;
    const example = readExample(page);
    expect(example.name).toBe(name);
    // Every section but those the example leaves out: library, clone, and mirror where the step
    // does not require it.
    const optional: string[] = ['library', 'clone', 'mirror'];
    expect(Object.keys(example.args)).toEqual(
      step.fields.filter(
        (field) => !optional.includes(field) || step.requires?.includes(field as 'mirror'),
      ),
    );
    // The other sections, which the step does not take, from a valid config.
    const [rest] = BASES();
    const result = validatePipeline({ ...rest, mirror: undefined, ...example.args });
    expect(result.ok ? [] : result.problems, name).toEqual([]);
  });
});
