import { createRequire } from 'node:module';
import type TreeSitter from 'tree-sitter';
import type { MappedText, TextRange } from './source.js';

/**
 * The shell inside an `sh` step, parsed with tree-sitter-bash so rules see commands, arguments
 * and expansions rather than substrings. Every position is an offset in the Jenkinsfile.
 */

export type WordPart =
  | { readonly kind: 'text'; readonly text: MappedText }
  | {
      readonly kind: 'variable';
      readonly name: string;
      /** `$X` or `${X}`; false for `${X:-default}` and friends, whose value is not X's. */
      readonly plain: boolean;
      readonly start: number;
      readonly end: number;
    }
  /** Command substitution, arithmetic, a Groovy value: known only at run time. */
  | { readonly kind: 'dynamic'; readonly start: number; readonly end: number };

export interface Word {
  readonly start: number;
  readonly end: number;
  /** The word as written in the script, for messages. */
  readonly raw: string;
  readonly parts: readonly WordPart[];
  /** The word's value after quote removal, when it has no expansion. */
  readonly literal?: MappedText;
}

export interface Assignment {
  readonly name: string;
  readonly start: number;
  readonly value?: Word;
}

export interface Command {
  readonly start: number;
  readonly end: number;
  /** Undefined for a bare assignment such as `platform=linux/amd64`. */
  readonly name?: Word;
  readonly args: readonly Word[];
  readonly assignments: readonly Assignment[];
  /** Whether `set -x` is in force when the command runs, so Jenkins' log shows it expanded. */
  readonly traced: boolean;
}

export interface ShellComment {
  readonly start: number;
  readonly end: number;
  readonly body: string;
}

export interface ShellScript {
  /** Every simple command and assignment, nested ones included, in the order they run. */
  readonly commands: readonly Command[];
  /** Every assignment by variable name, in the order they run. */
  readonly assignments: ReadonlyMap<string, readonly Assignment[]>;
  /** Every word anywhere in the script (tests, loops, case patterns included). */
  readonly words: readonly Word[];
  readonly comments: readonly ShellComment[];
}

/**
 * A syntax node copied out of tree-sitter. Reading nodes through the native binding crosses into
 * C++ on every property; one cursor walk that copies the tree is several times faster, and
 * start-up time is what a pre-commit hook is judged by.
 */
interface Node {
  readonly type: string;
  readonly field: string | null;
  readonly startIndex: number;
  readonly endIndex: number;
  /** Named children only. */
  readonly children: Node[];
}

function copyTree(tree: TreeSitter.Tree): Node {
  const cursor = tree.walk();
  // Anonymous nodes (quotes, `$`, `export`) are skipped: their parent's text says all we need.
  const node = (): Node => ({
    type: cursor.nodeType,
    field: cursor.currentFieldName ?? null,
    startIndex: cursor.startIndex,
    endIndex: cursor.endIndex,
    children: [],
  });
  const root = node();
  const path = [root];
  const enter = (): void => {
    const child = node();
    path.at(-1)!.children.push(child);
    path.push(child);
  };
  for (;;) {
    if (cursor.gotoFirstChild()) {
      if (cursor.nodeIsNamed) enter();
      else path.push(path.at(-1)!);
      continue;
    }
    for (;;) {
      path.pop();
      if (cursor.gotoNextSibling()) {
        if (cursor.nodeIsNamed) enter();
        else path.push(path.at(-1)!);
        break;
      }
      if (!cursor.gotoParent()) return root;
    }
  }
}

const field = (node: Node, name: string) => node.children.find((child) => child.field === name);

let parser: TreeSitter | undefined;
/** Why the parser could not be loaded, once that was tried and failed. */
let parserMissing: string | undefined;

/**
 * Loaded on first use: the native binding costs a few milliseconds only files with steps pay.
 * Undefined when tree-sitter's native part is missing (installed with --ignore-scripts, or a
 * platform without a prebuilt binary): check then goes on without shell analysis.
 */
function bashParser(): TreeSitter | undefined {
  if (parser === undefined && parserMissing === undefined) {
    try {
      const require = createRequire(import.meta.url);
      const Parser = require('tree-sitter') as typeof TreeSitter;
      const bash = require('tree-sitter-bash');
      // Its node types (node-types.json) only feed the SyntaxNode subclasses with field getters
      // that setLanguage compiles, one per type: 5 ms of start-up for nodes copyTree never creates.
      delete bash.nodeTypeInfo;
      parser = new Parser();
      parser.setLanguage(bash);
    } catch (error) {
      parserMissing = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    }
  }
  return parser;
}

/** Why sh steps went without shell analysis in this process, if one did: the loader's error. */
export function shellParserMissing(): string | undefined {
  return parserMissing;
}

/** Escapes a backslash keeps inside double quotes; before anything else it stays literal. */
const DOUBLE_QUOTE_ESCAPES = new Set(['"', '\\', '$', '`', '\n']);

class WordBuilder {
  readonly parts: WordPart[] = [];
  private text = '';
  private offsets: number[] = [];

  constructor(
    private readonly at: (index: number) => number,
    /** The Groovy value a script index stands for, if any: it becomes a dynamic part. */
    private readonly unknownAt: (index: number) => TextRange | undefined,
  ) {}

  /** Adds source[from, to), decoding backslashes as the quoting demands (none for '…'). */
  add(source: string, from: number, to: number, quoting: 'none' | 'double' | 'single'): void {
    for (let i = from; i < to; i++) {
      const unknown = this.unknownAt(i);
      if (unknown) {
        this.push({ kind: 'dynamic', start: this.at(unknown.start), end: this.at(unknown.end) }, i);
        i = Math.min(unknown.end, to) - 1;
        continue;
      }
      const c = source[i]!;
      const next = source[i + 1];
      const escapes =
        quoting === 'none' || (quoting === 'double' && DOUBLE_QUOTE_ESCAPES.has(next ?? ''));
      if (c === '\\' && i + 1 < to && escapes) {
        if (next !== '\n') this.char(next!, i + 1);
        i++;
      } else this.char(c, i);
    }
  }

  private char(value: string, index: number): void {
    this.text += value;
    this.offsets.push(this.at(index));
  }

  flush(end: number): void {
    if (this.text === '') return;
    this.parts.push({
      kind: 'text',
      text: { text: this.text, offsets: [...this.offsets, this.at(end)], unknown: [] },
    });
    this.text = '';
    this.offsets = [];
  }

  push(part: WordPart, end: number): void {
    this.flush(end);
    this.parts.push(part);
  }
}

class ScriptReader {
  readonly commands: Command[] = [];
  readonly words: Word[] = [];
  readonly comments: ShellComment[] = [];
  private traced: boolean;

  constructor(private readonly script: MappedText) {
    // Jenkins runs a script with `sh -xe` unless it names its own interpreter with #!, at its very
    // start: durable-task's BourneShellScript tests `script.startsWith("#!")` on the text the sh
    // step was given, which ShellStep keeps as it is. After a blank line, #! is a comment.
    this.traced = !script.text.startsWith('#!');
  }

  private text(node: Node): string {
    return this.script.text.slice(node.startIndex, node.endIndex);
  }

  /**
   * Source offset of a script index. tree-sitter's indices count UTF-16 code units, as the
   * script's text does, and end at its length at most, where offsets has its last entry.
   */
  at = (index: number): number => this.script.offsets[index]!;

  private unknownAt = (index: number): TextRange | undefined =>
    this.script.unknown.find((range) => range.start <= index && index < range.end);

  /** A word that is plain text, such as the `export` of `export A=1`. */
  private literalWord(from: number, to: number): Word {
    const builder = new WordBuilder(this.at, this.unknownAt);
    builder.add(this.script.text, from, to, 'none');
    builder.flush(to);
    return makeWord(this.at(from), this.at(to), this.script.text.slice(from, to), builder.parts);
  }

  word(node: Node): Word {
    const builder = new WordBuilder(this.at, this.unknownAt);
    this.wordParts(node, builder);
    builder.flush(node.endIndex);
    const word = makeWord(
      this.at(node.startIndex),
      this.at(node.endIndex),
      this.text(node),
      builder.parts,
    );
    this.words.push(word);
    return word;
  }

  /**
   * Where a node's own text starts. Inside double quotes, tree-sitter-bash puts the blanks
   * between one expansion and the next into the second one's `$` token (`"$A $B"` gives
   * ` $B`), though the shell reads them as the string's text.
   */
  private contentStart(node: Node): number {
    if (node.type !== 'simple_expansion' && node.type !== 'expansion') return node.startIndex;
    return node.startIndex + this.text(node).indexOf('$');
  }

  private wordParts(node: Node, builder: WordBuilder): void {
    const source = this.script.text;
    const from = this.contentStart(node);
    const to = node.endIndex;
    const dynamic = () =>
      builder.push({ kind: 'dynamic', start: this.at(from), end: this.at(to) }, from);
    switch (node.type) {
      case 'word':
      case 'number':
        return builder.add(source, from, to, 'none');
      case 'string_content':
        return builder.add(source, from, to, 'double');
      case 'raw_string':
        return builder.add(source, from + 1, to - 1, 'single');
      case 'simple_expansion':
      case 'expansion': {
        const name = node.children.find((child) => child.type === 'variable_name');
        if (name === undefined) return dynamic();
        const plain =
          node.type === 'simple_expansion' ||
          source.slice(from, to) === `${'${'}${this.text(name)}}`;
        return builder.push(
          {
            kind: 'variable',
            name: this.text(name),
            plain,
            start: this.at(from),
            end: this.at(to),
          },
          from,
        );
      }
      case 'string':
      case 'concatenation': {
        // Text between children (e.g. `"a$b c"`) is content too; quotes are not.
        const quoted = node.type === 'string';
        const quoting = quoted ? 'double' : 'none';
        let cursor = quoted ? from + 1 : from;
        for (const child of node.children) {
          const start = this.contentStart(child);
          if (start > cursor) builder.add(source, cursor, start, quoting);
          this.wordParts(child, builder);
          cursor = child.endIndex;
        }
        const stop = quoted ? to - 1 : to;
        if (stop > cursor) builder.add(source, cursor, stop, quoting);
        return;
      }
      default:
        return dynamic();
    }
  }

  /** Walks the tree in the order the shell runs it, collecting commands and the trace state. */
  visit(node: Node): void {
    switch (node.type) {
      case 'comment':
        this.comments.push({
          start: this.at(node.startIndex),
          end: this.at(node.endIndex),
          body: this.text(node).slice(1),
        });
        return;
      case 'command':
        return this.command(node);
      case 'subshell':
      case 'function_definition':
        return this.apart(node);
      case 'declaration_command': {
        const keyword = /^\S+/.exec(this.text(node))![0];
        const assignments = node.children
          .filter((child) => child.type === 'variable_assignment')
          .map((child) => this.assignment(child));
        this.commands.push({
          start: this.at(node.startIndex),
          end: this.at(node.endIndex),
          name: this.literalWord(node.startIndex, node.startIndex + keyword.length),
          args: [],
          assignments,
          traced: this.traced,
        });
        return;
      }
      case 'variable_assignment':
        this.commands.push({
          start: this.at(node.startIndex),
          end: this.at(node.endIndex),
          args: [],
          assignments: [this.assignment(node)],
          traced: this.traced,
        });
        return;
    }
    if (WORD_NODES.has(node.type)) {
      this.nested(node);
      this.word(node);
      return;
    }
    for (const child of node.children) this.visit(child);
  }

  private assignment(node: Node): Assignment {
    const name = field(node, 'name');
    const value = field(node, 'value');
    // The value may hold command substitutions with commands of their own.
    if (value) this.nested(value);
    return {
      name: name ? this.text(name) : '',
      start: this.at(node.startIndex),
      ...(value ? { value: this.word(value) } : {}),
    };
  }

  /** Commands inside a word: `$(podman …)`, `"$(…)"`. */
  private nested(node: Node): void {
    if (node.type === 'command_substitution' || node.type === 'process_substitution')
      this.apart(node);
    else for (const child of node.children) this.nested(child);
  }

  /** A subshell, or a function body that runs only when called: its `set` does not leak out. */
  private apart(node: Node): void {
    const traced = this.traced;
    for (const child of node.children) this.visit(child);
    this.traced = traced;
  }

  private command(node: Node): void {
    const assignments = node.children
      .filter((child) => child.type === 'variable_assignment')
      .map((child) => this.assignment(child));
    const nameNode = field(node, 'name');
    const argNodes = node.children.filter((child) => child.field === 'argument');
    for (const child of [nameNode, ...argNodes]) if (child) this.nested(child);
    const name = nameNode ? this.word(nameNode.children[0] ?? nameNode) : undefined;
    const args = argNodes.map((arg) => this.word(arg));
    this.commands.push({
      start: this.at(node.startIndex),
      end: this.at(node.endIndex),
      ...(name ? { name } : {}),
      args,
      assignments,
      traced: this.traced,
    });
    if (name?.literal?.text === 'set') this.traced = traceAfterSet(args, this.traced);
  }
}

function makeWord(start: number, end: number, raw: string, parts: readonly WordPart[]): Word {
  const only = parts[0];
  const literal =
    parts.length === 0
      ? { text: '', offsets: [end], unknown: [] }
      : parts.length === 1 && only?.kind === 'text'
        ? only.text
        : undefined;
  return { start, end, raw, parts, ...(literal ? { literal } : {}) };
}

const WORD_NODES = new Set([
  'word',
  'string',
  'raw_string',
  'concatenation',
  'simple_expansion',
  'expansion',
  'number',
]);

/**
 * `set -x`, `set +x`, `set -Eeux`, `set -o xtrace`, `set +o xtrace`. Options end at `--` or at the
 * first operand, and `set -` ends them turning -x off: measured with bash and dash, `set -- +x`
 * and `set a +x` leave tracing on (they set $1, $2), and `set -` turns it off.
 */
function traceAfterSet(args: readonly Word[], traced: boolean): boolean {
  let result = traced;
  for (let i = 0; i < args.length; i++) {
    const value = args[i]!.literal?.text ?? '';
    if (value === '-') return false;
    if (!/^[-+][a-zA-Z]+$/.test(value)) break;
    const on = value.startsWith('-');
    if (value.includes('x')) result = on;
    // `-o NAME`, also closing a group (`-eo pipefail`): the next word is the option's name.
    if (value.endsWith('o') && args[++i]?.literal?.text === 'xtrace') result = on;
  }
  return result;
}

/**
 * Syntax trees by script text. Generated Jenkinsfiles share their scripts (values arrive through
 * the environment, not the text), so checking many of them parses each script once.
 */
const trees = new Map<string, Node>();
const MAX_TREES = 500;

function syntaxTree(text: string): Node | undefined {
  let tree = trees.get(text);
  if (tree === undefined) {
    const bash = bashParser();
    if (bash === undefined) return undefined;
    if (trees.size >= MAX_TREES) trees.clear();
    tree = copyTree(bash.parse(text));
    trees.set(text, tree);
  }
  return tree;
}

/** The script's commands, words and comments; undefined without the parser (see bashParser). */
export function parseShell(script: MappedText): ShellScript | undefined {
  const tree = syntaxTree(script.text);
  if (tree === undefined) return undefined;
  const reader = new ScriptReader(script);
  reader.visit(tree);
  const assignments = new Map<string, Assignment[]>();
  for (const assignment of reader.commands.flatMap((command) => command.assignments))
    assignments.set(assignment.name, [...(assignments.get(assignment.name) ?? []), assignment]);
  return { commands: reader.commands, assignments, words: reader.words, comments: reader.comments };
}

/** The value part of `--flag=value`, as a word of its own. */
export function valueAfterEquals(word: Word): Word | undefined {
  const first = word.parts[0];
  if (first?.kind !== 'text') return undefined;
  const equals = first.text.text.indexOf('=');
  if (equals < 0) return undefined;
  const rest = first.text.text.slice(equals + 1);
  const text: MappedText = {
    text: rest,
    offsets: first.text.offsets.slice(equals + 1),
    unknown: [],
  };
  const parts: WordPart[] = [
    ...(rest ? [{ kind: 'text' as const, text }] : []),
    ...word.parts.slice(1),
  ];
  const start = first.text.offsets[equals + 1] ?? word.end;
  return makeWord(start, word.end, word.raw.slice(word.raw.indexOf('=') + 1), parts);
}
