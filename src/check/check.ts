import { declarativeBlocks } from './declarative.js';
import { parseDockerfile } from './dockerfile.js';
import { parseGroovy } from './groovy-parser.js';
import { analysePipeline, wordValue } from './pipeline.js';
import { containerCommand } from './podman.js';
import { formatReport, type Rule, type Severity, type StepCommand } from './rule.js';
import {
  ALL_RULES,
  DOCKERFILE_RULES,
  PIPELINE_RULES,
  SOURCE_RULES,
  SUPPRESSION_RULES,
} from './rules/index.js';
import { LineIndex } from './source.js';
import {
  declaredInsecureRegistries,
  readDirectives,
  unsuppressed,
  type Reported,
  type SourceComment,
} from './suppress.js';

/** One finding, located by 1-based line and column (UTF-16 units), ready for any report. */
export interface Finding {
  readonly rule: string;
  /** Which of the rule's messages this is (its meta.messages key). */
  readonly messageId: string;
  readonly severity: Severity;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly message: string;
  readonly fix: string;
}

export type RuleSetting = Severity | 'off';

/**
 * How findings are judged: severities per rule id, registries that are insecure on purpose, and
 * what the project's Jenkins has beyond the step catalogue.
 */
export interface CheckConfig {
  readonly rules: Readonly<Record<string, RuleSetting>>;
  readonly insecureRegistries: readonly string[];
  /** Step names of plugins (or implicitly loaded libraries) the catalogue does not list. */
  readonly steps: readonly string[];
  /** Shared libraries by the name `@Library` gives, each as the step names of its vars/. */
  readonly libraries: Readonly<Record<string, readonly string[]>>;
  /**
   * Whether the Jenkins runs Declarative with script splitting
   * (`-Dorg.jenkinsci.plugins.pipeline.modeldefinition.parser.RuntimeASTTransformer.SCRIPT_SPLITTING_TRANSFORMATION=true`),
   * which refuses script-level variables. Off, as in Jenkins.
   */
  readonly scriptSplitting: boolean;
  /**
   * Where the project publishes the rule pages (docs/rules/ of the release it uses), for SARIF's
   * helpUri; this package has no public address of its own to point at.
   */
  readonly docsUrl?: string;
}

export const DEFAULT_CONFIG: CheckConfig = {
  rules: {},
  insecureRegistries: [],
  steps: [],
  libraries: {},
  scriptSplitting: false,
};

const RULE_IDS = ALL_RULES.map((rule) => rule.meta.id);
const KNOWN_IDS = new Set(RULE_IDS);

/** What each rule reports in one context, each report with its rule. */
function run<C>(rules: readonly Rule<C>[], context: C): Reported[] {
  return rules.flatMap((rule) => rule.check(context).map((report) => ({ rule, report })));
}

/**
 * Checks one file's text: parse, analyse, run the rules, apply settings and suppressions. A
 * Dockerfile (kind 'dockerfile') gets the Dockerfile rules; anything else is Groovy. For a file of
 * a library's vars/, `librarySteps` are that library's step names, which it may call bare;
 * undefined for any other file.
 */
export function checkSource(
  source: string,
  config: CheckConfig,
  kind: 'groovy' | 'dockerfile' = 'groovy',
  librarySteps?: readonly string[],
): Finding[] {
  const lines = new LineIndex(source);
  if (kind === 'dockerfile') {
    const dockerfile = parseDockerfile(source);
    const reported = run(DOCKERFILE_RULES, { source, dockerfile });
    return judged(reported, dockerfile.comments, source, lines, config);
  }
  const describe = (offset: number) => {
    const { line, column } = lines.position(offset);
    return `${line}:${column}`;
  };
  const file = parseGroovy(source, describe);
  const comments: SourceComment[] = [...file.comments];
  const pipeline = analysePipeline(file);
  const commands: StepCommand[] = pipeline.steps.flatMap((step) =>
    (step.shell?.commands ?? []).flatMap((shellCommand) => {
      // What is known of a variable's value up to its first unknown part, as for a word
      // written out: `TLS="--tls-verify=${params.X}"` makes `$TLS` an option, not an operand.
      const command = containerCommand(shellCommand, (word) => {
        const value = wordValue(step, word);
        return value?.text.slice(0, value.unknown[0]?.start);
      });
      return command ? [{ step, command }] : [];
    }),
  );
  // A script shared by several steps (a top-level def) has its comments once.
  const shellComments = new Map(
    pipeline.steps.flatMap((step) => step.shell?.comments ?? []).map((c) => [c.start, c]),
  );
  comments.push(...shellComments.values());
  // A file that does not parse has no statements (parseGroovy keeps none), so it has no pipeline
  // for these rules to find anything in: its syntax error stands alone.
  const reported = [
    ...run(SOURCE_RULES, { source, file }),
    ...run(PIPELINE_RULES, {
      source,
      pipeline,
      commands,
      insecureRegistries: [...config.insecureRegistries, ...declaredInsecureRegistries(comments)],
      file,
      extraSteps: [...config.steps, ...(librarySteps ?? [])],
      libraries: config.libraries,
      libraryVar: librarySteps !== undefined,
      scriptSplitting: config.scriptSplitting,
      declarative: declarativeBlocks(file),
    }),
  ];
  return judged(reported, comments, source, lines, config);
}

/**
 * The findings as the settings and the suppression comments leave them, with what the
 * suppression rules say of the comments; located and sorted.
 */
function judged(
  reported: readonly Reported[],
  comments: readonly SourceComment[],
  source: string,
  lines: LineIndex,
  config: CheckConfig,
): Finding[] {
  const enabled = (found: readonly Reported[]) =>
    found.filter(({ rule }) => config.rules[rule.meta.id] !== 'off');
  const directives = readDirectives(comments, KNOWN_IDS, lines, source);
  const kept = unsuppressed(enabled(reported), directives, lines);
  kept.push(...enabled(run(SUPPRESSION_RULES, { directives, ruleIds: RULE_IDS })));
  const findings = kept.map(({ rule, report }): Finding => {
    const { meta } = rule;
    const start = lines.position(report.start);
    const end = lines.position(Math.max(report.end, report.start));
    const setting = config.rules[meta.id];
    return {
      rule: meta.id,
      messageId: report.messageId,
      severity: setting === 'error' || setting === 'warning' ? setting : meta.severity,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      ...formatReport(meta, report),
    };
  });
  // A script several steps run is read once for each, so its findings come once for each: the
  // same finding at the same place is one problem to fix.
  const distinct = new Map(findings.map((finding) => [JSON.stringify(finding), finding]));
  return [...distinct.values()].sort(
    (a, b) => a.line - b.line || a.column - b.column || byCodePoint(a.rule, b.rule),
  );
}

/**
 * Rule ids are lowercase ASCII and hyphens, which code-point order sorts as localeCompare does;
 * localeCompare's first call loads ICU collation data, about 10 ms of a pre-commit hook's start.
 */
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
