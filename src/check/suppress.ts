import type { RuleFinding, RuleInfo } from './rule.js';
import type { LineIndex } from './source.js';

/**
 * Inline suppressions: `// jenkins-multiarch-ignore RULE[,RULE] reason` in Groovy, or
 * `# jenkins-multiarch-ignore RULE reason` inside a shell script. On a line of its own it covers
 * the next line with code; after code, its own line. A reason is required, so a reviewer sees
 * why the finding does not apply.
 */

export interface SourceComment {
  readonly start: number;
  readonly end: number;
  readonly body: string;
}

export interface Reported {
  readonly rule: RuleInfo;
  readonly finding: RuleFinding;
}

interface Directive {
  readonly comment: SourceComment;
  readonly rules: readonly string[];
  readonly line: number;
  used: boolean;
}

const DIRECTIVE = /^[\s*]*jenkins-multiarch-ignore(?:\s+(\S+))?(?:\s+(.*?))?[\s*]*$/;

export function applySuppressions(
  reported: readonly Reported[],
  comments: readonly SourceComment[],
  lines: LineIndex,
  source: string,
  rules: ReadonlyMap<string, RuleInfo>,
  badSuppression: RuleInfo,
): Reported[] {
  const problems: Reported[] = [];
  const problem = (comment: SourceComment, message: string, fix: string) =>
    problems.push({
      rule: badSuppression,
      finding: { start: comment.start, end: comment.end, message, fix },
    });
  const directives: Directive[] = [];
  for (const comment of comments) {
    const match = DIRECTIVE.exec(comment.body);
    if (!match) continue;
    const ids = (match[1] ?? '').split(',').filter((id) => id !== '');
    const unknown = ids.filter((id) => !rules.has(id));
    if (ids.length === 0 || unknown.length > 0) {
      problem(
        comment,
        `this suppression names ${ids.length === 0 ? 'no rule' : `unknown rule ${unknown.join(', ')}`}, so it suppresses nothing`,
        `Name the rule id shown with the finding, then a reason: // jenkins-multiarch-ignore RULE reason; ids: ${[...rules.keys()].join(', ')}`,
      );
      continue;
    }
    if (!match[2]) {
      problem(
        comment,
        'this suppression gives no reason, so it suppresses nothing: the next reader cannot tell a deliberate exception from a silenced bug',
        `Say why after the rule id: // jenkins-multiarch-ignore ${ids.join(',')} the registry is on the build network only`,
      );
      continue;
    }
    directives.push({ comment, rules: ids, line: targetLine(comment, lines, source), used: false });
  }
  const kept = reported.filter(({ rule, finding }) => {
    const line = lines.position(finding.start).line;
    const directive = directives.find((d) => d.line === line && d.rules.includes(rule.id));
    if (directive) directive.used = true;
    return directive === undefined;
  });
  for (const directive of directives.filter((d) => !d.used))
    problem(
      directive.comment,
      `nothing to suppress: no ${directive.rules.join(' or ')} finding on line ${directive.line}`,
      'Remove the comment, or move it to the line before the finding',
    );
  return [...kept, ...problems];
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
