import { z } from 'zod';
import { GRAMMARS, wholeValue, type Grammar, type GrammarName } from './grammar.js';
import { describeInput, format, quote } from './messages.js';
import { PLATFORM_NAMES, suggestPlatform } from './platform.js';
import { PIPELINE_SPEC, type FieldSpec } from './spec.js';
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
            items.forEach((item, index) => {
              if (items.indexOf(item) !== index)
                ctx.addIssue({
                  code: 'custom',
                  path: [index],
                  message: format('listedTwice', { value: quote(String(item)) }),
                });
            });
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
      schema = spec.defaultEmpty ? object.prefault({}) : object;
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
