import type { SourceComment } from './suppress.js';

/**
 * A Dockerfile (or Containerfile) as check's Dockerfile rules read it: its stages, each with its
 * FROM's platform and its RUN instructions, every part located by source offset. Lines are read as
 * the builders' parser reads them (openshift/imagebuilder's dockerfile/parser/parser.go, which
 * podman's buildah uses, and moby/buildkit's frontend/dockerfile/parser/parser.go, both Parse):
 * an instruction continues over lines ending in a backslash; comment lines and blank (or
 * only-whitespace) lines are left out, inside a continuation too (isEmptyContinuationLine: the
 * builder warns of an empty continuation line, then reads on), and an instruction still continued
 * at the end of the file ends there; only a line's final CR is dropped (bufio.ScanLines' dropCR,
 * buildkit's trimNewline), one inside the line is kept.
 */

export interface Instruction {
  /** The keyword, upper-cased: FROM, RUN, ARG, … */
  readonly keyword: string;
  /**
   * What follows the keyword, trimmed; a continued instruction's lines joined as the builder joins
   * them, each without its backslash and nothing added (parser.go: `line += continuationLine`).
   */
  readonly args: string;
  /** Offset of the keyword. */
  readonly start: number;
}

export interface Stage {
  readonly from: Instruction;
  /** FROM's --platform value as written, `$BUILDPLATFORM` say; undefined without one. */
  readonly platform?: string;
  /** Where `--platform=…` is in the source. */
  readonly platformStart?: number;
  readonly platformEnd?: number;
  readonly runs: readonly Instruction[];
}

export interface Dockerfile {
  readonly stages: readonly Stage[];
  readonly comments: readonly SourceComment[];
}

export function parseDockerfile(source: string): Dockerfile {
  const comments: SourceComment[] = [];
  const instructions: Instruction[] = [];
  let pending: { keyword: string; start: number; parts: string[] } | undefined;
  const finish = ({ keyword, start, parts }: NonNullable<typeof pending>) =>
    instructions.push({ keyword, args: parts.join('').trim(), start });
  let offset = 0;
  for (const line of source.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    const text = line.replace(/\r$/, '');
    const trimmed = text.trim();
    if (trimmed.startsWith('#')) {
      const at = start + text.indexOf('#');
      comments.push({
        start: at,
        end: start + text.length,
        body: text.slice(text.indexOf('#') + 1),
      });
      continue;
    }
    if (trimmed === '') continue;
    const continued = /\\\s*$/.test(text);
    const content = continued ? text.replace(/\\\s*$/, '') : text;
    if (pending === undefined) {
      // `s`: a CR inside the line is part of it, which `.` alone does not match.
      const match = /^(\s*)(\S+)\s*(.*)$/s.exec(content);
      if (!match) continue;
      pending = {
        keyword: match[2]!.toUpperCase(),
        start: start + match[1]!.length,
        parts: [match[3]!],
      };
    } else {
      pending.parts.push(content);
    }
    if (!continued) {
      finish(pending);
      pending = undefined;
    }
  }
  if (pending) finish(pending);
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      stages.push({ from: instruction, ...platformOf(source, instruction), runs: [] });
    } else if (instruction.keyword === 'RUN' && stages.length > 0) {
      (stages.at(-1)!.runs as Instruction[]).push(instruction);
    }
  }
  return { stages, comments };
}

/** A FROM's --platform value and where it is in the source; nothing for a FROM without one. */
function platformOf(
  source: string,
  from: Instruction,
): Pick<Stage, 'platform' | 'platformStart' | 'platformEnd'> {
  const flag = /--platform=(\S+)/.exec(from.args);
  if (!flag) return {};
  const at = source.indexOf(flag[0], from.start);
  return { platform: flag[1]!, platformStart: at, platformEnd: at + flag[0].length };
}
