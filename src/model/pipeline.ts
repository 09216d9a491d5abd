import { z } from 'zod';
import { GRAMMARS, wholeValue, type Grammar, type GrammarName } from './grammar.js';
import { describeInput, format, quote } from './messages.js';
import { PLATFORM_NAMES, suggestPlatform } from './platform.js';
import { PIPELINE_SPEC, type FieldSpec, type SectionSpec } from './spec.js';
import { closest } from './suggest.js';

/**
 * The zod schema of a pipeline, generated from the spec: what a jenkins-multiarch.yaml may say,
 * with defaults applied. Every string is checked against its grammar, so renderers can trust it.
 */

/** Each regex compiled once: validation runs the grammars' regexes on every value. */
const compiled = new Map<string, RegExp>();
function regex(source: string): RegExp {
  let cached = compiled.get(source);
  if (cached === undefined) compiled.set(source, (cached = new RegExp(source)));
  return cached;
}

export function grammarProblem(name: GrammarName, value: string): string | undefined {
  const grammar: Grammar = GRAMMARS[name];
  const mistake = grammar.mistakes?.find((m) => regex(m.pattern).test(value));
  if (mistake) return format('mistake', { value: quote(value), message: mistake.message });
  if (regex(wholeValue(grammar.pattern)).test(value)) return undefined;
  return format('notGrammar', {
    value: quote(value),
    noun: grammar.noun,
    expected: grammar.expected,
  });
}

export function platformProblem(value: string): string | undefined {
  if (PLATFORM_NAMES.includes(value)) return undefined;
  const suggestion = suggestPlatform(value);
  return format('unknownPlatform', {
    value: suggestion ? format('didYouMean', { value: quote(value), suggestion }) : quote(value),
    known: PLATFORM_NAMES.join(', '),
  });
}

/** The message for a missing value or one of the wrong type. */
const shapeError =
  (expected: string) =>
  (issue: { code?: string; input?: unknown }): string | undefined =>
    issue.code === 'invalid_type' || issue.code === 'invalid_value'
      ? issue.input === undefined
        ? format('required', { expected })
        : format('wrongType', { expected, got: describeInput(issue.input) })
      : undefined;

function refined<T extends z.ZodType>(
  schema: T,
  problem: (value: z.output<T>) => string | undefined,
) {
  return schema.superRefine((value, ctx) => {
    const message = problem(value);
    if (message) ctx.addIssue({ code: 'custom', message });
  });
}

const isMapping = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const PROTO = '__proto__';

/** Mappings compare by content, whatever the order of their keys, as Groovy's maps do. */
function sameValue(a: unknown, b: unknown): boolean {
  if (isMapping(a) && isMapping(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((key) => Object.hasOwn(b, key) && sameValue(a[key as never], b[key as never]))
    );
  }
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  return a === b;
}

/** The problems of one list's repeated entries, as [index, field?] paths with messages. */
function repeatedEntries(
  items: readonly unknown[],
  distinctBy: string | undefined,
): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  items.forEach((item, index) => {
    if (isMapping(item) && distinctBy !== undefined) {
      const key = (item as Record<string, unknown>)[distinctBy];
      const first = items.findIndex(
        (other) => isMapping(other) && (other as Record<string, unknown>)[distinctBy] === key,
      );
      if (typeof key === 'string' && first !== index)
        problems.push({
          path: [index, distinctBy],
          message: format('listedTwice', { value: quote(key) }),
        });
      return;
    }
    const first = items.findIndex((other) => sameValue(other, item));
    if (first === index) return;
    problems.push({
      path: [index],
      message: isMapping(item)
        ? format('repeatsEntry', { index: String(first) })
        : format('listedTwice', { value: quote(String(item)) }),
    });
  });
  return problems;
}

/** Problems of a section's given fields with each other: `onlyWith` and `exactlyOne`. */
function sectionProblems(
  spec: SectionSpec,
  given: Record<string, unknown>,
): { path: string[]; message: string }[] {
  const present = (name: string) => given[name] !== undefined && given[name] !== null;
  const problems: { path: string[]; message: string }[] = [];
  for (const [name, field] of Object.entries(spec.fields)) {
    const condition = field.onlyWith;
    if (!condition || !present(name)) continue;
    const sibling = given[condition.field];
    const met = condition.values
      ? typeof sibling === 'string' && condition.values.includes(sibling)
      : present(condition.field);
    if (!met) problems.push({ path: [name], message: onlyWithMessage(condition) });
  }
  if (spec.exactlyOne) {
    const got = spec.exactlyOne.filter(present);
    if (got.length !== 1)
      problems.push({
        path: [],
        message: format('exactlyOne', {
          fields: spec.exactlyOne.join(', '),
          got: got.length === 0 ? 'none' : got.join(' and '),
        }),
      });
  }
  return problems;
}

function onlyWithMessage(condition: NonNullable<FieldSpec['onlyWith']>): string {
  return format('onlyWith', {
    condition: condition.values
      ? format('whenFieldIs', {
          field: condition.field,
          values: condition.values.map(quote).join(' or '),
        })
      : format('withField', { field: condition.field }),
  });
}

function schemaOf(spec: FieldSpec): z.ZodType {
  const error = shapeError(spec.expected);
  let schema: z.ZodType;
  switch (spec.kind) {
    case 'text':
      schema = refined(z.string({ error }), (value) => grammarProblem(spec.grammar, value));
      break;
    case 'boolean':
      schema = z.boolean({ error });
      break;
    case 'integer':
      schema = refined(z.number({ error }), (value) =>
        Number.isInteger(value) && value >= spec.min && value <= spec.max
          ? undefined
          : format('wrongType', { expected: spec.expected, got: describeInput(value) }),
      );
      break;
    case 'either': {
      const text = schemaOf(spec.text);
      const section = schemaOf(spec.section);
      // Chosen by the value's type, so a problem is reported by the one that applies.
      schema = z.any().transform((input, ctx) => {
        const chosen = typeof input === 'string' ? text : isMapping(input) ? section : undefined;
        const result = chosen?.safeParse(input);
        if (result?.success) return result.data;
        const wrongType = format('wrongType', {
          expected: spec.expected,
          got: describeInput(input),
        });
        for (const issue of result?.error.issues ?? [{ path: [], message: wrongType }])
          ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message, input });
        // The input stays the value, so the list's check for repeats sees what was given.
        return input;
      });
      break;
    }
    case 'choice':
      schema = z.enum(spec.values as [string, ...string[]], { error });
      break;
    case 'platform':
      schema = refined(z.string({ error }), platformProblem);
      break;
    case 'list':
      schema = z
        .array(schemaOf(spec.item), { error })
        .min(1, { error: format('emptyList', { expected: spec.expected }) })
        // `when`: report repeats even when some entries are invalid, as the Groovy checks do.
        .superRefine(
          (items, ctx) => {
            for (const problem of repeatedEntries(items, spec.distinctBy))
              ctx.addIssue({ code: 'custom', ...problem });
          },
          { when: (payload) => Array.isArray(payload.value) },
        );
      break;
    case 'map':
      // zod drops a key named __proto__ without a word (assigning it would replace the output's
      // prototype), so that key is checked on the input, where key grammars reject it. Its
      // problem then stands alone: zod checks nothing after a failed step.
      schema = z
        .any()
        .superRefine((input, ctx) => {
          const message =
            isMapping(input) && Object.hasOwn(input, PROTO) && grammarProblem(spec.key, PROTO);
          if (message) ctx.addIssue({ code: 'custom', path: [PROTO], message });
        })
        .pipe(
          z
            .record(z.string(), schemaOf(spec.value), { error })
            // Keys are checked here rather than by a key schema, whose errors say only "Invalid key".
            .superRefine(
              (map, ctx) => {
                for (const key of Object.keys(map)) {
                  const message = grammarProblem(spec.key, key);
                  if (message) ctx.addIssue({ code: 'custom', path: [key], message });
                }
              },
              { when: (payload) => isMapping(payload.value) },
            ),
        )
        .default({});
      break;
    case 'section': {
      const known = Object.keys(spec.fields);
      const unknown = (key: string) => {
        const suggestion = closest(key, known);
        return suggestion ? format('didYouMean', { value: quote(key), suggestion }) : quote(key);
      };
      const object = z.strictObject(
        Object.fromEntries(
          Object.entries(spec.fields).map(([name, field]) => [name, schemaOf(field)]),
        ),
        {
          error: (issue) =>
            issue.code === 'unrecognized_keys'
              ? format('unknownFields', {
                  fields: issue.keys.length > 1 ? 'fields' : 'field',
                  keys: issue.keys.map(unknown).join(', '),
                  known: known.join(', '),
                })
              : error(issue),
        },
      );
      // `when`: fields that fail keep their input value here, so presence is judged as given.
      const constrained = object.superRefine(
        (given, ctx) => {
          for (const problem of sectionProblems(spec, given))
            ctx.addIssue({ code: 'custom', ...problem });
        },
        { when: (payload) => isMapping(payload.value) },
      );
      schema = spec.defaultEmpty ? constrained.prefault({}) : constrained;
      break;
    }
  }
  if (spec.nullable) schema = schema.nullable();
  if ('default' in spec && spec.default !== undefined) return schema.default(spec.default as never);
  return spec.optional ? schema.optional() : schema;
}

export const pipelineSchema = schemaOf(PIPELINE_SPEC);

// ---- static types, inferred from the same spec

type Fields = typeof PIPELINE_SPEC.fields;
type Scalar<F> = F extends { kind: 'text' | 'platform' }
  ? string
  : F extends { kind: 'boolean' }
    ? boolean
    : F extends { kind: 'integer' }
      ? number
      : F extends { kind: 'choice'; values: readonly (infer V)[] }
        ? V
        : never;
type OrNull<F> = F extends { nullable: true } ? null : never;
/** Input: a field may be left out when it is optional or has a default. */
type MayBeLeftOut<F> = F extends
  { optional: true } | { default: unknown } | { defaultEmpty: true } | { kind: 'map' }
  ? true
  : false;
/** Output: only optional fields without a default can be absent. */
type MayBeAbsent<F> = F extends { optional: true } ? true : false;
type Shape<Fs, Absent extends 'input' | 'output'> = {
  [
    K in keyof Fs as (
      Absent extends 'input' ? MayBeLeftOut<Fs[K]> : MayBeAbsent<Fs[K]>
    ) extends true
      ? never
      : K
  ]: Value<Fs[K], Absent> | OrNull<Fs[K]>;
} & {
  [
    K in keyof Fs as (
      Absent extends 'input' ? MayBeLeftOut<Fs[K]> : MayBeAbsent<Fs[K]>
    ) extends true
      ? K
      : never
  ]?: Value<Fs[K], Absent> | OrNull<Fs[K]>;
};
type Value<F, Absent extends 'input' | 'output'> = F extends { kind: 'section'; fields: infer Fs }
  ? Shape<Fs, Absent>
  : F extends { kind: 'list'; item: infer I }
    ? Value<I, Absent>[]
    : F extends { kind: 'map'; value: infer V }
      ? Record<string, Value<V, Absent>>
      : F extends { kind: 'either'; text: infer T; section: infer S }
        ? Value<T, Absent> | Value<S, Absent>
        : Scalar<F>;

/** What a config file may say (defaults not yet applied). */
export type PipelineConfig = Shape<Fields, 'input'>;
/** The validated pipeline every renderer works from, defaults applied. */
export type Pipeline = Shape<Fields, 'output'>;

export interface Problem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export type Validation = { ok: true; pipeline: Pipeline } | { ok: false; problems: Problem[] };

export function validatePipeline(config: unknown): Validation {
  const result = pipelineSchema.safeParse(config);
  if (result.success) return { ok: true, pipeline: result.data as Pipeline };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => ({
      path: issue.path.filter((key): key is string | number => typeof key !== 'symbol'),
      message: issue.message,
    })),
  };
}

/** `platforms[1]`, `build.args.HTTP_PROXY`: the spelling users see in their config file. */
export function formatPath(path: readonly (string | number)[]): string {
  return (
    path.reduce<string>(
      (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${key}` : key),
      '',
    ) || '(config)'
  );
}
