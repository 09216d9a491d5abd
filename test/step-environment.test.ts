import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { validatePipeline, type Pipeline } from '../src/model/pipeline.js';
import { PIPELINE_SPEC, type FieldSpec } from '../src/model/spec.js';
import {
  STEP_ENVIRONMENT,
  stepEnvironment,
  type StepVariable,
} from '../src/model/step-environment.js';
import { LIBRARY_STEPS, type LibraryStep, type LibraryStepName } from '../src/render/library.js';
import { PARITY_CASES } from './fixtures/parity-cases.js';
import { FUZZ_SEED, specInput } from './support/fuzz.js';
import { startLibraryEval, type LibraryEval } from './support/library.js';
import { requireTools } from './support/tools.js';

/**
 * The shell steps' environment is one table (src/model/step-environment.ts) read by two
 * interpreters: the shared library's runtime (vars/multiarchRuntime.groovy, from model.json) for
 * every shell step of a build, and stepEnvironment in TypeScript, for `doctor`. They must give
 * the same variables, in the same order, for whole configs and for the sections a library step
 * takes. What the values are is pinned by test/runtime.test.ts.
 */

/** The spec of the field at a path of the config, or undefined when there is none. */
function fieldAt(path: readonly string[]): FieldSpec | undefined {
  let spec: FieldSpec | undefined = PIPELINE_SPEC;
  for (const key of path) spec = spec?.kind === 'section' ? spec.fields[key] : undefined;
  return spec;
}

const SCALARS = ['text', 'choice', 'boolean', 'integer', 'platform'];

/** Why an entry of the table cannot read what its path holds, or undefined when it can. */
function misfit(variable: StepVariable): string | undefined {
  const spec = fieldAt(variable.path);
  if (spec === undefined) return 'no such field';
  switch (variable.form) {
    case 'text':
      return SCALARS.includes(spec.kind) ? undefined : `a ${spec.kind} is not text`;
    case 'items':
      return spec.kind === 'list' && SCALARS.includes(spec.item.kind)
        ? undefined
        : 'not a list of texts';
    case 'numbered':
      return spec.kind === 'map' ? undefined : `a ${spec.kind} is not a map`;
    case 'constant':
      return spec.kind === 'section' ? undefined : `a ${spec.kind} is not a section`;
    case 'joined': {
      if (spec.kind !== 'list') return `a ${spec.kind} is not a list`;
      const { item } = spec;
      const read = [variable.field, ...Object.keys(variable.where ?? {})];
      if (item.kind !== 'section')
        return read.some((name) => name !== undefined) || !SCALARS.includes(item.kind)
          ? `its items are ${item.kind}s`
          : undefined;
      const missing = read.filter((name) => name !== undefined && !(name in item.fields));
      return variable.field === undefined
        ? 'its items are sections: name a field'
        : missing.length > 0
          ? `its items have no ${missing.join(', ')}`
          : undefined;
    }
    case 'pairs': {
      if (spec.kind !== 'list' || spec.item.kind !== 'section') return 'not a list of sections';
      const fields = spec.item.fields;
      const missing = [variable.key, variable.field].filter((name) => !(name in fields));
      return missing.length > 0 ? `its items have no ${missing.join(', ')}` : undefined;
    }
    case 'rules': {
      if (spec.kind !== 'list' || spec.item.kind !== 'either')
        return 'not a list of strings and rules';
      const fields = spec.item.section.fields;
      const missing = [variable.rule, ...variable.arguments].filter((name) => !(name in fields));
      return missing.length > 0 ? `its rules have no ${missing.join(', ')}` : undefined;
    }
  }
}

describe('the table of the step environment', () => {
  test('reads fields the model has, each of a kind its form can turn into text', () => {
    expect(
      STEP_ENVIRONMENT.map((v) => [v.name, misfit(v)]).filter(([, problem]) => problem),
    ).toEqual([]);
  });

  test('sets each variable once, under a name the shell can read', () => {
    const names = STEP_ENVIRONMENT.map((v) => v.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[A-Z][A-Z0-9_]*$/);
  });

  test('the check above refuses a path the model lacks and a form that cannot read its field', () => {
    expect(misfit({ name: 'X', path: ['build', 'dockerfil'], form: 'text' })).toBe('no such field');
    expect(misfit({ name: 'X', path: ['build', 'args'], form: 'text' })).toBe('a map is not text');
    expect(
      misfit({ name: 'X', path: ['registries'], form: 'joined', separator: ' ', field: 'hots' }),
    ).toBe('its items have no hots');
    expect(
      misfit({
        name: 'X',
        path: ['platforms'],
        form: 'pairs',
        separator: ' ',
        key: 'a',
        field: 'b',
      }),
    ).toBe('not a list of sections');
    expect(
      misfit({
        name: 'X',
        path: ['registries'],
        form: 'pairs',
        separator: ' ',
        key: 'host',
        field: 'credentials',
      }),
    ).toBe('its items have no credentials');
  });
});

/** The sections a library step takes, as the step is given them. */
function sectionsFor(config: object, step: LibraryStepName): Record<string, unknown> {
  const fields: readonly string[] = LIBRARY_STEPS[step].fields;
  return Object.fromEntries(Object.entries(config).filter(([key]) => fields.includes(key)));
}

/**
 * Valid configs, each as multiarchPipeline takes it and as each building block takes its part;
 * not to a step that requires a section the config leaves out (library.test.ts has that case).
 */
function stepCases(configs: readonly unknown[]) {
  return configs.flatMap((config) => {
    const validation = validatePipeline(config);
    if (!validation.ok) return [];
    const steps = (Object.keys(LIBRARY_STEPS) as LibraryStepName[]).filter((step) =>
      ((LIBRARY_STEPS[step] as LibraryStep).requires ?? []).every((s) => s in (config as object)),
    );
    return steps.map((step) => ({
      step,
      args: sectionsFor(config as object, step),
      pipeline: sectionsFor(validation.pipeline, step) as Partial<Pipeline>,
    }));
  });
}

/** Configs walked from the spec, hostile text included: every field, present or not. */
const GENERATED = fc.sample(specInput(PIPELINE_SPEC), { seed: FUZZ_SEED, numRuns: 100 });

describe.skipIf(requireTools(['groovy']).skip)(
  'the runtime (Groovy) and stepEnvironment (TypeScript)',
  () => {
    let library: LibraryEval;
    beforeAll(() => {
      library = startLibraryEval();
    });
    afterAll(async () => {
      await library?.close();
    });

    async function compare(configs: readonly unknown[]) {
      const cases = stepCases(configs);
      const groovy = await Promise.all(cases.map(({ step, args }) => library.ask(args, step)));
      expect(groovy.map((answer) => answer.env)).toEqual(
        cases.map(({ pipeline }) => stepEnvironment(pipeline).map(([n, v]) => `${n}=${v}`)),
      );
      return cases.map(({ pipeline }) => stepEnvironment(pipeline));
    }

    test(
      'give the same variables in the same order for every valid fixture, whole and in the parts the steps take',
      { timeout: 60_000 },
      async () => {
        const environments = await compare(PARITY_CASES);
        // Not vacuous: every variable of the table is set by some fixture.
        const set = new Set(environments.flat().map(([name]) => name.replace(/_\d+$/, '_')));
        expect(STEP_ENVIRONMENT.map((v) => v.name).filter((name) => !set.has(name))).toEqual([]);
        // The building blocks' parts differ from the whole: the cleanup step gets none.
        expect(environments.filter((e) => e.length === 0).length).toBeGreaterThan(5);
      },
    );

    test(
      'give the same variables for configs walked from the spec, hostile text included',
      { timeout: 120_000 },
      async () => {
        const valid = GENERATED.filter((config) => validatePipeline(config).ok);
        expect(valid.length).toBeGreaterThan(GENERATED.length / 2);
        await compare(valid);
      },
    );
  },
);
