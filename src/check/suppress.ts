import type { AnyRule, Report } from './rule.js';
import type { LineIndex } from './source.js';

/**
 * Inline suppressions: `// jenkins-multiarch-ignore RULE[,RULE] reason` in Groovy, or
 * `# jenkins-multiarch-ignore RULE reason` inside a shell script. On a line of its own it covers
 * the next line with code; after code, its own line. A reason is required, so a reviewer sees
 * why the finding does not apply. A comment that does not suppress is the bad-suppression rule's.
 */

export interface SourceComment {
  readonly start: number;
  readonly end: number;
  readonly body: string;
}

export interface Reported {
  readonly rule: AnyRule;
  readonly report: Report;
}

/** An ignore comment as read: the rule ids it names, those unknown, its reason, its target line. */
export interface Directive {
  readonly comment: SourceComment;
  readonly rules: readonly string[];
  readonly unknown: readonly string[];
  readonly reason: string;
  readonly line: number;
  /** Set once a finding of one of its rules on its line is suppressed. */
  used: boolean;
}

const DIRECTIVE = /^[\s*]*jenkins-multiarch-ignore(?:\s+(\S+))?(?:\s+(.*?))?[\s*]*$/;

/** The ignore comments among a file's comments. */
export function readDirectives(
  comments: readonly SourceComment[],
  ruleIds: ReadonlySet<string>,
  lines: LineIndex,
  source: string,
): Directive[] {
  return comments.flatMap((comment) => {
    const match = DIRECTIVE.exec(comment.body);
    if (!match) return [];
    const rules = (match[1] ?? '').split(',').filter((id) => id !== '');
    return [
      {
        comment,
        rules,
        unknown: rules.filter((id) => !ruleIds.has(id)),
        reason: match[2] ?? '',
        line: targetLine(comment, lines, source),
        used: false,
      },
    ];
  });
}

/**
 * Whether a directive may suppress: every rule it names is known, and it says why. One that names
 * no rule passes, but matches no finding's rule in unsuppressed.
 */
const effective = (directive: Directive) =>
  directive.unknown.length === 0 && directive.reason !== '';

/** The findings no effective directive covers; each directive that covered one is marked used. */
export function unsuppressed(
  reported: readonly Reported[],
  directives: readonly Directive[],
  lines: LineIndex,
): Reported[] {
  const active = directives.filter(effective);
  return reported.filter(({ rule, report }) => {
    const line = lines.position(report.start).line;
    const directive = active.find((d) => d.line === line && d.rules.includes(rule.meta.id));
    if (directive) directive.used = true;
    return directive === undefined;
  });
}

/** The comment's own line when code precedes it there, else the next line that has code. */
function targetLine(comment: SourceComment, lines: LineIndex, source: string): number {
  const { line } = lines.position(comment.start);
  if (source.slice(lines.lineStart(line), comment.start).trim() !== '') return line;
  let next = lines.position(comment.end).line + 1;
  while (lines.lineStart(next) < source.length) {
    const start = lines.lineStart(next);
    const end = source.indexOf('\n', start);
    if (source.slice(start, end < 0 ? undefined : end).trim() !== '') break;
    next++;
  }
  return next;
}

const INSECURE_REGISTRY = /^\s*jenkins-multiarch-insecure-registry:\s*(.+?)\s*$/;

/**
 * Registries a Jenkinsfile declares insecure on purpose, the other way to silence
 * insecure-registry: `// jenkins-multiarch-insecure-registry: registry.lan:5000`.
 */
export function declaredInsecureRegistries(comments: readonly SourceComment[]): string[] {
  return comments.flatMap((comment) => {
    const match = INSECURE_REGISTRY.exec(comment.body);
    return match ? match[1]!.split(/[\s,]+/).filter((host) => host !== '') : [];
  });
}
