/**
 * Pieces of regular expressions that mean the same in JavaScript and Java, for the grammars that
 * both the TypeScript model and the Groovy shared library interpret.
 */

/** End of input, in both languages (Java's `$` also matches before a final newline). */
export const END = '(?![\\s\\S])';

/**
 * Whitespace is spelt out, never `\s`: JavaScript's `\s` also matches Unicode spaces such as
 * U+00A0 and Java's does not, so the model and the shared library would judge the same value
 * differently. ANY_SPACE (JavaScript's `\s`) is what messages call whitespace. (`\S` after an
 * ANY_SPACE mistake is safe: what is left agrees.)
 */
export const ANY_SPACE =
  '[ \\t\\n\\u000b\\f\\r\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]';
