import type { SourceComment } from './suppress.js';

/**
 * A Dockerfile (or Containerfile) as check's Dockerfile rules read it: its stages, each with its
 * FROM's platform and its RUN instructions, every part located by source offset. Instructions
 * continue over lines ending in a backslash; comment lines, inside a continuation too, are left
 * out, as the builder does.
 */

export interface Instruction {
  /** The keyword, upper-cased: FROM, RUN, ARG, … */
  readonly keyword: string;
  /** What follows the keyword, continuations joined with a space. */
  readonly args: string;
  /** Offsets of the keyword and of the end of the instruction's last line. */
  readonly start: number;
  readonly end: number;
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
    if (trimmed === '' && pending === undefined) continue;
    const continued = /\\\s*$/.test(text);
    const content = continued ? text.replace(/\\\s*$/, '') : text;
    if (pending === undefined) {
      const match = /^(\s*)(\S+)\s*(.*)$/.exec(content);
      if (!match) continue;
      pending = {
        keyword: match[2]!.toUpperCase(),
        start: start + match[1]!.length,
        parts: [match[3]!],
      };
    } else {
      pending.parts.push(content.trim());
    }
    if (!continued) {
      instructions.push({
        keyword: pending.keyword,
        args: pending.parts.join(' ').trim(),
        start: pending.start,
        end: start + text.length,
      });
      pending = undefined;
    }
  }
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const flag = /--platform=(\S+)/.exec(instruction.args);
      const at = flag ? source.indexOf(flag[0], instruction.start) : -1;
      stages.push({
        from: instruction,
        ...(flag && { platform: flag[1]!, platformStart: at, platformEnd: at + flag[0].length }),
        runs: [],
      });
    } else if (instruction.keyword === 'RUN' && stages.length > 0) {
      (stages.at(-1)!.runs as Instruction[]).push(instruction);
    }
  }
  return { stages, comments };
}
