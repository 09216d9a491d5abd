/**
 * Every validation message, as templates shared by the TypeScript model and the Groovy shared
 * library, so both name a problem in the same words. `{name}` is replaced by `format`.
 */
export const MESSAGES = {
  required: 'is required: {expected}',
  wrongType: 'expected {expected}, got {got}',
  unknownFields: 'unknown {fields} {keys}; known fields here: {known}',
  didYouMean: '{value} (did you mean "{suggestion}"?)',
  emptyList: 'must list at least one entry: {expected}',
  tooManyEntries:
    "has {count} entries, more than the {max} that Jenkins' CPS compiler accepts in one {kind} literal (CpsTransformer)",
  listedTwice: '{value} is listed twice',
  notListedIn: '{value} is not in {field}: list it there too, or leave it out here',
  repeatsEntry: 'repeats entry {index}',
  exactlyOne: 'needs exactly one of {fields}, got {got}',
  onlyWith: 'applies only {condition}',
  withField: 'with {field}',
  whenFieldIs: 'when {field} is {values}',
  unknownPlatform: 'unknown platform {value}; known platforms: {known}',
  mistake: '{value} {message}',
  hiddenValue: 'the value (not shown: it holds a secret)',
  cutValue: '{start}... ({length} characters)',
  notGrammar: '{value} is not {noun}; expected {expected}',
  syntaxError: '{value} is not {noun}: {message}',
} as const;

export type MessageName = keyof typeof MESSAGES;

export function format(name: MessageName, values: Record<string, string>): string {
  return fill(MESSAGES[name], values);
}

/** Replaces each `{name}` in a template; names without a value stay as written. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/**
 * How much of a value messages show: a 100 KB value would otherwise print itself into the
 * terminal or the build log, once per problem. model.json carries it to the Groovy library.
 */
export const QUOTE_LIMIT = 60;

/** A value as messages show it: double-quoted with JSON escapes, cut after QUOTE_LIMIT units. */
export function quote(value: string): string {
  if (value.length <= QUOTE_LIMIT) return JSON.stringify(value);
  return format('cutValue', {
    start: JSON.stringify(value.slice(0, QUOTE_LIMIT)),
    length: String(value.length),
  });
}

/** What came instead of the expected value. */
export function describeInput(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a mapping';
  return typeof input === 'string' ? quote(input) : String(input);
}
