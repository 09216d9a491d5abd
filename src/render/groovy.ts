/**
 * The one place where values become Groovy source. Everything we emit is a single-quoted Groovy
 * string (never a GString), so `$` is inert to Groovy; we only have to escape what single-quoted
 * strings give meaning to: `\`, `'`, and characters that are not plain printable ASCII.
 * The emitted files are pure ASCII, so no reader's default encoding can change a value.
 */

function escapeChar(char: string, next: string | undefined, multiline: boolean): string {
  switch (char) {
    case '\\':
      return '\\\\';
    case "'":
      // Inside ''' only a quote that could start the closing ''' needs escaping: one followed by
      // another quote, or the last one. Escaping only those keeps scripts readable.
      return multiline && next !== "'" && next !== undefined ? "'" : "\\'";
    case '\n':
      return multiline ? '\n' : '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return multiline ? '\t' : '\\t';
  }
  const code = char.charCodeAt(0);
  return code < 0x20 || code > 0x7e ? `\\u${code.toString(16).padStart(4, '0')}` : char;
}

/** Escapes per UTF-16 unit, so astral characters become surrogate-pair escapes Java reads back. */
function escape(value: string, multiline: boolean): string {
  let out = '';
  for (let i = 0; i < value.length; i++) out += escapeChar(value[i]!, value[i + 1], multiline);
  return out;
}

/** A single-line Groovy string literal, e.g. `'it\'s'`. */
export function groovyString(value: string): string {
  return `'${escape(value, false)}'`;
}

/** A triple-single-quoted Groovy literal for shell scripts, keeping newlines and quotes readable. */
export function groovyMultilineString(value: string): string {
  return `'''${escape(value, true)}'''`;
}

/**
 * One `NAME=value` entry for `withEnv`. Jenkins expands `$NAME` and `${NAME}` in withEnv values
 * (EnvVars.overrideExpandingAll) and reads `$$` as a literal `$`, so every `$` is doubled to
 * arrive unchanged.
 */
export function withEnvEntry(name: string, value: string): string {
  return groovyString(`${name}=${value.replace(/\$/g, () => '$$')}`);
}
