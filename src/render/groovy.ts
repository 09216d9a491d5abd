/**
 * The one place where values become Groovy source. Everything we emit is a single-quoted Groovy
 * string (never a GString), so `$` is inert to Groovy; we only have to escape what single-quoted
 * strings give meaning to: `\`, `'`, and characters that are not plain printable ASCII.
 * The emitted files are pure ASCII, so no reader's default encoding can change a value.
 * One character cannot be written at all: Groovy 2.4 reads U+FFFF, escaped or not, as the end of
 * the file, so the model rejects it in every value that could hold it.
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
 * One `NAME=value` entry for `withEnv`, which passes values verbatim: workflow-basic-steps'
 * EnvStep installs EnvironmentExpander.constant (no `$NAME` expansion), and durable-task escapes
 * `$` before its launcher expands (FileMonitoringTask.escape, JENKINS-40734).
 */
export function withEnvEntry(name: string, value: string): string {
  return groovyString(`${name}=${value}`);
}

const GROOVY_KEYWORDS = new Set(
  'as assert break case catch class const continue def default do else enum extends false finally for goto if implements import in instanceof interface new null package return super switch this throw throws trait true try var while'.split(
    ' ',
  ),
);

/** A map key: bare when it is a plain identifier (as in named arguments), else a string. */
function groovyKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) && !GROOVY_KEYWORDS.has(key)
    ? key
    : groovyString(key);
}

/**
 * JSON-like data as a Groovy literal: strings single-quoted, lists `[a, b]`, maps `[key: value]`.
 * Collections that fit in `width` stay on one line; longer ones get one entry per line.
 */
export function groovyLiteral(value: unknown, indent = '', width = 100): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return groovyString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const inner = `${indent}  `;
  const [entries, empty] = Array.isArray(value)
    ? [value.map((item) => groovyLiteral(item, inner, width)), '[]']
    : [
        Object.entries(value as object).map(
          ([k, v]) => `${groovyKey(k)}: ${groovyLiteral(v, inner, width)}`,
        ),
        '[:]',
      ];
  if (entries.length === 0) return empty;
  const oneLine = `[${entries.join(', ')}]`;
  if (!oneLine.includes('\n') && indent.length + oneLine.length <= width) return oneLine;
  return `[\n${entries.map((entry) => `${inner}${entry}`).join(',\n')},\n${indent}]`;
}

/** `name(key: value, …)` over several lines, for examples and the short Jenkinsfile. */
export function groovyCall(name: string, args: Record<string, unknown>): string {
  const entries = Object.entries(args).filter(([, value]) => value !== undefined);
  if (entries.length === 0) return `${name}()`;
  return `${name}(\n${entries.map(([key, value]) => `  ${key}: ${groovyLiteral(value, '  ')}`).join(',\n')}\n)`;
}
