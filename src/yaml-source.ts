import { isMap, isNode, isScalar, LineCounter, parseDocument } from 'yaml';

/**
 * A YAML (or JSON, which is YAML) file read with positions, so every problem found in its value
 * can be reported as `file:line:col`. Pure: text in, positions out. Shared by the pipeline config
 * and check's settings file.
 */
export type Path = readonly (string | number)[];

export type YamlSource =
  | {
      ok: true;
      value: unknown;
      /** `file:line:col` of the value at a path, or of its nearest existing parent. */
      valueAt(path: Path): string;
      /** `file:line:col` of the key that ends a path (falls back to valueAt). */
      keyAt(path: Path): string;
    }
  | { ok: false; problems: string[] };

export function readYamlSource(
  source: string,
  shownAs: string,
  language: 'YAML' | 'JSON' = 'YAML',
): YamlSource {
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined) => {
    if (offset === undefined) return shownAs;
    const { line, col } = lineCounter.linePos(offset);
    return `${shownAs}:${line}:${col}`;
  };
  if (document.errors.length > 0) {
    return {
      ok: false,
      problems: document.errors.map(
        (e) => `${at(e.pos[0])}: invalid ${language}: ${e.message.split('\n')[0]}`,
      ),
    };
  }
  const valueOffset = (path: Path): number | undefined => {
    for (let keys = [...path]; ; keys = keys.slice(0, -1)) {
      const node = keys.length > 0 ? document.getIn(keys, true) : document.contents;
      if (isNode(node) && node.range) return node.range[0];
      if (keys.length === 0) return undefined;
    }
  };
  return {
    ok: true,
    value: document.toJS(),
    valueAt: (path) => at(valueOffset(path)),
    keyAt: (path) => {
      const parent = path.length > 1 ? document.getIn(path.slice(0, -1), true) : document.contents;
      const pair = isMap(parent)
        ? parent.items.find((item) => isScalar(item.key) && item.key.value === path.at(-1))
        : undefined;
      return at(isScalar(pair?.key) && pair.key.range ? pair.key.range[0] : valueOffset(path));
    },
  };
}
