/**
 * Text with a source offset for every character. Groovy strings are unescaped, concatenated and
 * interpolated before the shell sees them, so a shell finding can only point at the Jenkinsfile
 * through such a map.
 */
export interface MappedText {
  readonly text: string;
  /** offsets[i] is where text[i] came from; offsets[text.length] is where the text ends. */
  readonly offsets: readonly number[];
  /** Ranges of text that stand for a Groovy value unknown before run time (e.g. `${PASS}`). */
  readonly unknown: readonly TextRange[];
}

export interface TextRange {
  readonly start: number;
  readonly end: number;
}

export function concatText(parts: readonly MappedText[]): MappedText {
  let text = '';
  const offsets: number[] = [];
  const unknown: TextRange[] = [];
  for (const part of parts) {
    const shift = text.length;
    text += part.text;
    for (let i = 0; i < part.text.length; i++) offsets.push(part.offsets[i]!);
    for (const range of part.unknown)
      unknown.push({ start: range.start + shift, end: range.end + shift });
  }
  offsets.push(parts.length > 0 ? parts[parts.length - 1]!.offsets.at(-1)! : 0);
  return { text, offsets, unknown };
}

/**
 * A stand-in for a value Groovy computes at run time: same length as its source, so columns keep
 * lining up, and made of a letter so the shell reads it as part of a word.
 */
export function unknownText(start: number, end: number): MappedText {
  const length = Math.max(end - start, 1);
  return { ...spreadText('X'.repeat(length), start, end), unknown: [{ start: 0, end: length }] };
}

/**
 * Text no source holds as such, e.g. the `docker build -t …` a docker-workflow call runs: its
 * characters map onto [start, end] of the call, so findings about it point there.
 */
export function spreadText(text: string, start: number, end: number): MappedText {
  const offsets = Array.from({ length: text.length + 1 }, (_, i) => Math.min(start + i, end));
  return { text, offsets, unknown: [] };
}

/** Where a source offset is, 1-based, columns counted in UTF-16 units as editors and SARIF do. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

export class LineIndex {
  private readonly starts: number[] = [0];
  private readonly length: number;

  constructor(text: string) {
    this.length = text.length;
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.starts.push(i + 1);
  }

  position(offset: number): Position {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.starts[low]! + 1 };
  }

  /** Offset of the first character of a 1-based line; the text's length past the last line. */
  lineStart(line: number): number {
    return this.starts[line - 1] ?? this.length;
  }
}

/** text[from, to) with its offsets; unknown ranges are kept where they overlap. */
export function sliceText(source: MappedText, from: number, to = source.text.length): MappedText {
  return {
    text: source.text.slice(from, to),
    offsets: source.offsets.slice(from, to + 1),
    unknown: source.unknown
      .filter((range) => range.start < to && from < range.end)
      .map((range) => ({
        start: Math.max(range.start, from) - from,
        end: Math.min(range.end, to) - from,
      })),
  };
}
