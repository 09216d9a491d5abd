import {
  isAlias,
  isCollection,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  Scalar,
  type Alias,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
} from 'yaml';
import { formatPath } from './model/pipeline.js';

/**
 * A YAML (or JSON, which is YAML) file read with positions, so every problem found in its value
 * can be reported as `file:line:col`. Pure: text in, positions out. Shared by the pipeline config
 * and check's settings file.
 */
export type Path = readonly (string | number)[];

/**
 * How large a config may be, as written and with its aliases expanded. A real config is a few KB:
 * the model caps every list at 250 entries and every mapping at 125 (Jenkins' CPS compiler refuses
 * longer literals), so even a config at those limits stays far below this. Refusing more before
 * parsing keeps a mistaken file (a log, a build output) from taking seconds to parse and from
 * rendering a Jenkinsfile of megabytes; bounding the expansion refuses an alias bomb ("billion
 * laughs") in milliseconds.
 */
export const MAX_CONFIG_SIZE = 256 * 1024;

/** A position in the file: `at` is `file:line:col`; `offset` orders positions. */
export interface Place {
  readonly offset: number;
  readonly at: string;
}

/** A plain scalar YAML read as something other than a string. */
export interface Unquoted {
  readonly text: string;
  readonly readAs: string;
}

/** Problems as `file:line:col: field.path: message` lines, in the order of the file. */
export function problemLines(
  problems: readonly { place: Place; path: Path; message: string }[],
): string[] {
  return [...problems]
    .sort((a, b) => a.place.offset - b.place.offset)
    .map(({ place, path, message }) => `${place.at}: ${formatPath(path)}: ${message}`);
}

export type YamlSource =
  | {
      ok: true;
      value: unknown;
      /** The file holds no value at all: nothing, or only comments. */
      empty: boolean;
      /** The value at a path, or its nearest existing parent. */
      valueAt(path: Path): Place;
      /** The key that ends a path (falls back to valueAt). */
      keyAt(path: Path): Place;
      /** The value at a path when it is unquoted text that YAML read as a number, boolean or null. */
      unquotedAt(path: Path): Unquoted | undefined;
    }
  | { ok: false; problems: string[] };

export function readYamlSource(
  source: string,
  shownAs: string,
  language: 'YAML' | 'JSON' = 'YAML',
): YamlSource {
  const lineCounter = new LineCounter();
  const document = parseDocument(source, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    // YAML 1.1's merge keys (`<<: *defaults`), which configs use to share registry settings.
    // JSON has no aliases to merge, and a JSON key "<<" is just a key.
    merge: language === 'YAML',
  });
  const place = (offset: number): Place => {
    const { line, col } = lineCounter.linePos(offset);
    return { offset, at: `${shownAs}:${line}:${col}` };
  };
  const invalid = (offset: number, message: string) =>
    `${place(offset).at}: invalid ${language}: ${message}`;
  if (language === 'JSON') {
    const comments = jsonComments(source);
    if (comments.length > 0)
      return {
        ok: false,
        problems: comments.map((offset) =>
          invalid(
            offset,
            'JSON does not allow comments; remove them, or write the config as YAML, where comments start with #',
          ),
        ),
      };
  }
  if (document.errors.length > 0) {
    return {
      ok: false,
      problems: document.errors.map((e) => invalid(e.pos[0], e.message.split('\n')[0]!)),
    };
  }
  const aliasProblem = findAliasProblem(document);
  if (aliasProblem) {
    return {
      ok: false,
      problems: [invalid(aliasProblem.node.range?.[0] ?? 0, aliasProblem.message)],
    };
  }
  let value: unknown;
  try {
    // findAliasProblem bounds the expansion, so the library's own alias count limit (100 uses)
    // need not also refuse a config that merges one registry's settings into many.
    value = document.toJS({ maxAliasCount: -1 });
  } catch (error) {
    // A net for whatever else the library refuses while expanding: a message, never a stack.
    return { ok: false, problems: [invalid(0, (error as Error).message)] };
  }

  const contents = document.contents;
  const start = contents?.range?.[0] ?? 0;
  /** The nodes a path goes through, as far as they exist: [key, value] of each step. */
  const walk = (path: Path) => {
    const steps: { key?: Node; value: Node }[] = [];
    let node: unknown = contents;
    for (const key of path) {
      const step = child(document, node, key);
      if (!step) break;
      steps.push(step);
      node = step.value;
    }
    return { steps, complete: steps.length === path.length };
  };
  const valueAt = (path: Path) => place(walk(path).steps.at(-1)?.value.range?.[0] ?? start);
  return {
    ok: true,
    value,
    empty: contents === null || contents.range?.[0] === contents.range?.[1],
    valueAt,
    keyAt: (path) => {
      const { steps, complete } = walk(path);
      const key = complete ? steps.at(-1)?.key : undefined;
      return key?.range ? place(key.range[0]) : valueAt(path);
    },
    unquotedAt: (path) => {
      const { steps, complete } = walk(path);
      // The empty path is the whole document, as in valueAt.
      const node = complete ? resolve(document, steps.at(-1)?.value ?? contents) : undefined;
      if (!isScalar(node) || node.type !== Scalar.PLAIN || !node.range) return undefined;
      const readAs =
        typeof node.value === 'number'
          ? 'a number'
          : typeof node.value === 'boolean'
            ? 'a boolean'
            : node.value === null
              ? 'null'
              : undefined;
      const text = source.slice(node.range[0], node.range[1]);
      return readAs && text ? { text, readAs } : undefined;
    },
  };
}

const resolve = (document: Document, node: unknown): unknown =>
  isAlias(node) ? node.resolve(document) : node;

/** A `<<` key: with merge keys on, YAML resolves it to a symbol, which no other key can be. */
const isMergePair = (pair: Pair): boolean =>
  isScalar(pair.key) && typeof pair.key.value === 'symbol';

/** One step of a path, as the value reads it: through aliases, and into merged mappings. */
function child(
  document: Document,
  parent: unknown,
  key: string | number,
): { key?: Node; value: Node } | undefined {
  const node = resolve(document, parent);
  if (isSeq(node) && typeof key === 'number') {
    const item = node.items[key];
    return isNode(item) ? { value: item } : undefined;
  }
  if (!isMap(node)) return undefined;
  const pair = pairOf(document, node, String(key));
  return pair && isScalar(pair.key) && isNode(pair.value)
    ? { key: pair.key, value: pair.value }
    : undefined;
}

/** A mapping's pair for a key: its own, else the first merged mapping's (as YAML merges). */
function pairOf(document: Document, map: YAMLMap, key: string): Pair | undefined {
  const own = map.items.find(
    (pair) => !isMergePair(pair) && isScalar(pair.key) && String(pair.key.value) === key,
  );
  if (own) return own;
  for (const merge of map.items.filter(isMergePair)) {
    for (const source of mergeSources(document, merge)) {
      const target = resolve(document, source);
      const found = isMap(target) ? pairOf(document, target, key) : undefined;
      if (found) return found;
    }
  }
  return undefined;
}

/** What a `<<` merges: one mapping, or a list of them; either may be given as an alias. */
function mergeSources(document: Document, merge: Pair): unknown[] {
  const value = resolve(document, merge.value);
  return isSeq(value) ? value.items : [value];
}

/**
 * What would make expanding the document fail or explode: an alias without its anchor, an alias
 * inside the node it names (an infinite value), a merge of something other than mappings, or
 * aliases that expand the document beyond MAX_CONFIG_SIZE. Each node's expanded length (its
 * scalars' source text) is computed once, so this takes linear time however deep the aliases nest.
 */
function findAliasProblem(document: Document): { node: Node; message: string } | undefined {
  class Found {
    constructor(
      readonly node: Node,
      readonly message: string,
    ) {}
  }
  const lengths = new Map<unknown, number>();
  const open = new Set<unknown>();
  const target = (alias: Alias) => {
    const node = alias.resolve(document);
    if (node === undefined)
      throw new Found(alias, `alias *${alias.source} has no anchor &${alias.source} before it`);
    if (open.has(node))
      throw new Found(
        alias,
        `alias *${alias.source} is inside the value it names, which would make that value infinite`,
      );
    return node;
  };
  const lengthOf = (node: unknown): number => {
    if (isAlias(node)) return lengthOf(target(node));
    if (isScalar(node)) return node.range ? node.range[1] - node.range[0] : 0;
    if (isPair(node)) return lengthOf(node.key) + lengthOf(node.value);
    if (!isCollection(node)) return 0;
    let length = lengths.get(node);
    if (length === undefined) {
      open.add(node);
      length = (node.items as unknown[]).reduce<number>((sum, item) => sum + lengthOf(item), 0);
      open.delete(node);
      lengths.set(node, length);
    }
    return length;
  };
  // Walks the document as written, adding each alias's expansion, to name the alias that
  // crosses the limit.
  let total = 0;
  const visit = (node: unknown): void => {
    if (isAlias(node)) {
      total += lengthOf(node);
      if (total > MAX_CONFIG_SIZE)
        throw new Found(
          node,
          `aliases expand the document beyond ${MAX_CONFIG_SIZE / 1024} KB here, more than any config needs; write the values out instead`,
        );
    } else if (isScalar(node)) {
      total += lengthOf(node);
    } else if (isPair(node)) {
      visit(node.key);
      visit(node.value);
      if (isMergePair(node))
        for (const source of mergeSources(document, node))
          if (!isMap(resolve(document, source)))
            throw new Found(
              isNode(source) ? source : (node.key as Node),
              '`<<` merges mappings: write `<<: *name` with the anchor of a mapping, or a list of such aliases',
            );
    } else if (isCollection(node)) {
      open.add(node);
      for (const item of node.items) visit(item);
      open.delete(node);
    }
  };
  try {
    visit(document.contents);
  } catch (error) {
    if (error instanceof Found) return error;
    throw error;
  }
  return undefined;
}

/** Offsets of the comments (`//` and `/*`) outside strings of a JSON text. */
function jsonComments(source: string): number[] {
  const offsets: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '"') {
      for (i++; i < source.length && source[i] !== '"' && source[i] !== '\n'; i++)
        if (source[i] === '\\') i++;
    } else if (char === '/' && (source[i + 1] === '/' || source[i + 1] === '*')) {
      offsets.push(i);
      const end = source[i + 1] === '/' ? source.indexOf('\n', i) : source.indexOf('*/', i + 2) + 1;
      if (end <= 0) break;
      i = end;
    }
  }
  return offsets;
}
