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
  listedTwice: '{value} is listed twice',
  unknownPlatform: 'unknown platform {value}; known platforms: {known}',
  mistake: '{value} {message}',
  notGrammar: '{value} is not {noun}; expected {expected}',
} as const;

export type MessageName = keyof typeof MESSAGES;

export function format(name: MessageName, values: Record<string, string>): string {
  return MESSAGES[name].replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? `{${key}}`);
}

/** A value as messages show it: strings double-quoted with JSON escapes. */
export function quote(value: string): string {
  return JSON.stringify(value);
}

/** What came instead of the expected value. */
export function describeInput(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a mapping';
  return typeof input === 'string' ? quote(input) : String(input);
}
