import { GRAMMARS, wholeValue, type Grammar, type GrammarName } from './grammar.js';
import { describeInput, fill, format, quote } from './messages.js';
import { PLATFORM_NAMES, suggestPlatform } from './platform.js';
import { LITERAL_LIMITS, PIPELINE_SPEC, type FieldSpec, type SectionSpec } from './spec.js';
import { closest } from './suggest.js';

/**
 * The checks of a config, interpreting the spec: what a jenkins-multiarch.yaml may say, with
 * defaults applied. Every string is checked against its grammar, so renderers can trust it.
 *
 * The shared library interprets the same spec (resources/jenkins-multiarch/model.json) in
 * vars/multiarchConfig.groovy, step for step as here, so both report the same problems in the
 * same order and words; the parity and fuzz tests hold them to it.
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
  if (mistake) {
    const shown = mistake.secret ? format('hiddenValue', {}) : quote(value);
    return format('mistake', { value: shown, message: mistake.message });
  }
  if (regex(wholeValue(grammar.pattern)).test(value)) return undefined;
  for (const error of grammar.errors ?? []) {
    const match = regex(error.pattern).exec(value);
    if (match === null) continue;
    const column = String(match.index + match[0].length + 1);
    return format('syntaxError', {
      value: quote(value),
      noun: grammar.noun,
      message: fill(error.message, { column }),
    });
  }
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

type Path = (string | number)[];

/** Kinds whose value may be given as a string. */
const acceptsString = (spec: FieldSpec) =>
  spec.kind === 'text' ||
  spec.kind === 'platform' ||
  spec.kind === 'choice' ||
  spec.kind === 'either';
type Mapping = Record<string, unknown>;

const isMapping = (value: unknown): value is Mapping =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Mappings compare by content, whatever the order of their keys, as Groovy's maps do. */
function sameValue(a: unknown, b: unknown): boolean {
  if (isMapping(a) && isMapping(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((key) => Object.hasOwn(b, key) && sameValue(a[key], b[key]))
    );
  }
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  return a === b;
}

/** Sets a key of a checked mapping; `__proto__` (refused by every key grammar) would set its prototype. */
function put(out: Mapping, key: string, value: unknown): void {
  if (key !== '__proto__') out[key] = value;
}

class Checker {
  readonly problems: Problem[] = [];

  private add(path: Path, message: string, about?: Pick<Problem, 'keys' | 'stringExpected'>): void {
    this.problems.push({ path, message, ...about });
  }

  section(spec: SectionSpec, value: Mapping, path: Path): Mapping {
    const out: Mapping = {};
    for (const [name, field] of Object.entries(spec.fields)) {
      const at = [...path, name];
      if (!Object.hasOwn(value, name) || value[name] === undefined) {
        if ('default' in field && field.default !== undefined) put(out, name, field.default);
        else if (field.kind === 'section' && field.defaultEmpty)
          put(out, name, this.section(field, {}, at));
        else if (field.kind === 'map') put(out, name, {});
        else if (!field.optional) this.add(at, format('required', { expected: field.expected }));
      } else if (value[name] === null) {
        if (field.nullable) put(out, name, null);
        else
          this.add(
            at,
            format('wrongType', { expected: field.expected, got: 'null' }),
            acceptsString(field) ? { stringExpected: true } : undefined,
          );
      } else {
        put(out, name, this.value(field, value[name], at));
      }
    }
    const known = Object.keys(spec.fields);
    const unknown = Object.keys(value).filter((key) => !Object.hasOwn(spec.fields, key));
    if (unknown.length > 0) {
      const describe = (key: string) => {
        const suggestion = closest(key, known);
        return suggestion ? format('didYouMean', { value: quote(key), suggestion }) : quote(key);
      };
      this.add(
        path,
        format('unknownFields', {
          fields: unknown.length > 1 ? 'fields' : 'field',
          keys: unknown.map(describe).join(', '),
          known: known.join(', '),
        }),
        { keys: unknown },
      );
    }
    this.constraints(spec, value, path);
    return out;
  }

  /** A section's given fields with each other: `onlyWith`, `keysIn` and `exactlyOne`. */
  private constraints(spec: SectionSpec, value: Mapping, path: Path): void {
    const given = (name: string) => value[name] !== undefined && value[name] !== null;
    for (const [name, field] of Object.entries(spec.fields)) {
      const condition = field.onlyWith;
      if (!condition || !given(name)) continue;
      const sibling = value[condition.field];
      const met = condition.values
        ? typeof sibling === 'string' && condition.values.includes(sibling)
        : given(condition.field);
      if (met) continue;
      const when = condition.values
        ? format('whenFieldIs', {
            field: condition.field,
            values: condition.values.map(quote).join(' or '),
          })
        : format('withField', { field: condition.field });
      this.add([...path, name], format('onlyWith', { condition: when }));
    }
    for (const [name, field] of Object.entries(spec.fields)) {
      if (field.kind !== 'map' || field.keysIn === undefined) continue;
      const map = value[name];
      const list = value[field.keysIn];
      if (!isMapping(map) || !Array.isArray(list)) continue;
      for (const key of Object.keys(map))
        if (!list.includes(key))
          this.add(
            [...path, name, key],
            format('notListedIn', { value: quote(key), field: field.keysIn }),
          );
    }
    if (spec.exactlyOne) {
      const got = spec.exactlyOne.filter(given);
      if (got.length !== 1)
        this.add(
          path,
          format('exactlyOne', {
            fields: spec.exactlyOne.join(', '),
            got: got.length === 0 ? 'none' : got.join(' and '),
          }),
        );
    }
  }

  value(spec: FieldSpec, value: unknown, path: Path): unknown {
    const wrongType = () =>
      this.add(
        path,
        format('wrongType', { expected: spec.expected, got: describeInput(value) }),
        acceptsString(spec) && typeof value !== 'string' ? { stringExpected: true } : undefined,
      );
    switch (spec.kind) {
      case 'text': {
        if (typeof value !== 'string') return wrongType();
        const problem = grammarProblem(spec.grammar, value);
        if (problem) this.add(path, problem);
        return value;
      }
      case 'boolean':
        if (typeof value !== 'boolean') wrongType();
        return value;
      case 'integer':
        if (
          typeof value !== 'number' ||
          !Number.isInteger(value) ||
          value < spec.min ||
          value > spec.max
        )
          wrongType();
        return value;
      case 'either':
        if (typeof value === 'string') return this.value(spec.text, value, path);
        if (isMapping(value)) return this.value(spec.section, value, path);
        return wrongType();
      case 'choice':
        if (typeof value !== 'string' || !spec.values.includes(value)) wrongType();
        return value;
      case 'platform': {
        if (typeof value !== 'string') return wrongType();
        const problem = platformProblem(value);
        if (problem) this.add(path, problem);
        return value;
      }
      case 'list': {
        if (!Array.isArray(value)) return wrongType();
        const out = value.map((item, index) => this.value(spec.item, item, [...path, index]));
        if (value.length === 0) this.add(path, format('emptyList', { expected: spec.expected }));
        this.tooMany(value.length, 'list', path);
        if (!spec.repeatable) this.repeats(value, spec.distinctBy, path);
        return out;
      }
      case 'map': {
        if (!isMapping(value)) return wrongType();
        const out: Mapping = {};
        const keys = Object.keys(value);
        for (const key of keys) put(out, key, this.value(spec.value, value[key], [...path, key]));
        for (const key of keys) {
          const problem = grammarProblem(spec.key, key);
          if (problem) this.add([...path, key], problem);
        }
        this.tooMany(keys.length, 'map', path);
        return out;
      }
      case 'section':
        if (!isMapping(value)) return wrongType();
        return this.section(spec, value, path);
    }
  }

  private tooMany(count: number, kind: keyof typeof LITERAL_LIMITS, path: Path): void {
    const max = LITERAL_LIMITS[kind];
    if (count > max)
      this.add(path, format('tooManyEntries', { count: String(count), max: String(max), kind }));
  }

  /** Equal entries, and mappings sharing the `distinctBy` field, as given (before defaults). */
  private repeats(items: readonly unknown[], distinctBy: string | undefined, path: Path): void {
    items.forEach((item, index) => {
      if (isMapping(item) && distinctBy !== undefined) {
        const key = item[distinctBy];
        const first = items.findIndex((other) => isMapping(other) && other[distinctBy] === key);
        if (typeof key === 'string' && first !== index)
          this.add([...path, index, distinctBy], format('listedTwice', { value: quote(key) }));
        return;
      }
      const first = items.findIndex((other) => sameValue(other, item));
      if (first !== index)
        this.add(
          [...path, index],
          isMapping(item)
            ? format('repeatsEntry', { index: String(first) })
            : format('listedTwice', { value: quote(String(item)) }),
        );
    });
  }
}

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
  /** The unknown fields of the mapping at `path`, so a reader with positions can point at them. */
  readonly keys?: readonly string[];
  /** A string was expected and something else came: a file format may have read it as a number. */
  readonly stringExpected?: true;
}

export type Validation = { ok: true; pipeline: Pipeline } | { ok: false; problems: Problem[] };

export function validatePipeline(config: unknown): Validation {
  const checker = new Checker();
  const pipeline = checker.value(PIPELINE_SPEC, config, []);
  if (checker.problems.length === 0) return { ok: true, pipeline: pipeline as Pipeline };
  return { ok: false, problems: checker.problems };
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
