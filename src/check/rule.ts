import type { CheckConfig } from './check.js';
import type { Block } from './declarative.js';
import type { Dockerfile } from './dockerfile.js';
import type { GroovyFile } from './groovy-parser.js';
import type { PipelineAnalysis, ScriptStep } from './pipeline.js';
import type { ContainerCommand } from './podman.js';
import type { Directive } from './suppress.js';

/**
 * A rule is defined as eslint and hadolint define theirs: metadata that the reports, the README's
 * rule table and the rule's page (docs/rules/<id>.md) are generated from, and a check that
 * returns reports naming one of the rule's messages. So what a rule says is readable in one place,
 * and the docs cannot drift from what it reports.
 */

export type Severity = 'error' | 'warning';

/**
 * What a rule says about one kind of mistake: what goes wrong at run time, and the fix. Both are
 * templates: `{{name}}` stands for the report's `data.name`.
 */
export interface MessageTemplate {
  readonly message: string;
  readonly fix: string;
}

export interface RuleDocs {
  /** What the rule catches, in Markdown: the README table's cell and the page's first paragraph. */
  readonly description: string;
  /** The name the examples are checked under, which picks the rules: Jenkinsfile, Dockerfile, vars/x.groovy. */
  readonly file: string;
  /** The smallest file that shows the mistake; its page shows it with what check reports. */
  readonly bad: string;
  /** The same file, fixed: check reports nothing in it. */
  readonly good: string;
  /** Settings the rule needs to run at all (script splitting, say); the page names them. */
  readonly settings?: Partial<CheckConfig>;
}

export interface RuleMeta<M extends string = string> {
  readonly id: string;
  readonly severity: Severity;
  /** One line naming the problem, for listings and SARIF. */
  readonly title: string;
  readonly docs: RuleDocs;
  readonly messages: Readonly<Record<M, MessageTemplate>>;
}

/** One finding as a rule reports it: where (source offsets), and which message, with its data. */
export interface Report<M extends string = string> {
  readonly messageId: M;
  readonly start: number;
  readonly end: number;
  readonly data?: Readonly<Record<string, string | number>>;
}

/** A report naming one of `messages`' keys: for a callback whose reports differ in their data. */
export type ReportOf<Messages> = Report<Extract<keyof Messages, string>>;

export interface Rule<C, M extends string = string> {
  readonly meta: RuleMeta<M>;
  check(context: C): readonly Report<M>[];
}

/** Types a rule, so that its reports may name only its own messages. */
export const defineRule = <C, M extends string>(rule: {
  readonly meta: RuleMeta<M>;
  check(context: C): readonly Report<NoInfer<M>>[];
}): Rule<C, M> => rule;

/** A rule of any kind, as the reports and the docs see it. */
export type AnyRule = Rule<never>;

const PLACEHOLDER = /\{\{(\w+)\}\}/g;

/**
 * The message and fix a report names, with its data in place. A placeholder without data is the
 * rule's own bug, so it throws rather than print `{{name}}` to a user.
 */
export function formatReport(meta: RuleMeta, report: Report): MessageTemplate {
  const template = meta.messages[report.messageId];
  if (template === undefined) throw new Error(`${meta.id}: no message ${report.messageId}`);
  const fill = (text: string) =>
    text.replace(PLACEHOLDER, (_, name: string) => {
      const value = report.data?.[name];
      if (value === undefined) throw new Error(`${meta.id}.${report.messageId}: no {{${name}}}`);
      return String(value);
    });
  return { message: fill(template.message), fix: fill(template.fix) };
}

/**
 * A file's text written indented in a template literal: the first line break and the common
 * indentation go, so examples and test cases read as the file does, lines and columns included.
 * The text is the literal's cooked value: Groovy's `\${X}` is written `\\\${X}`, its `${X}` `\${X}`.
 */
export function example(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = strings
    .reduce((all, part, i) => all + String(values[i - 1]) + part)
    .replace(/^\n/, '');
  const lines = text.split('\n');
  const indent = Math.min(
    ...lines.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)![0].length),
  );
  return lines
    .map((line) => line.slice(indent))
    .join('\n')
    .replace(/[ \t]*$/, '');
}

export interface SourceContext {
  readonly source: string;
  readonly file: GroovyFile;
}

export interface StepCommand {
  readonly step: ScriptStep;
  readonly command: ContainerCommand;
}

export interface RuleContext {
  readonly source: string;
  readonly pipeline: PipelineAnalysis;
  /** Every podman/docker/buildah/skopeo command in the file's sh steps, in source order. */
  readonly commands: readonly StepCommand[];
  /** Registries the pipeline's owners declared insecure on purpose (config file or comment). */
  readonly insecureRegistries: readonly string[];
  /** The parsed file, for rules that read its structure. */
  readonly file: GroovyFile;
  /** Steps the catalogue lacks: the settings' own, and for a vars/ file its library's vars. */
  readonly extraSteps: readonly string[];
  /** Shared libraries by name, each as the step names of its vars/. */
  readonly libraries: Readonly<Record<string, readonly string[]>>;
  /** Whether the file is a step of a library's vars/, which may run in the sandbox. */
  readonly libraryVar: boolean;
  /** Whether Declarative's script splitting is on (CheckConfig.scriptSplitting). */
  readonly scriptSplitting: boolean;
  /** The blocks of the file's top-level declarative pipeline; empty for any other file. */
  readonly declarative: readonly Block[];
}

export interface DockerfileContext {
  readonly source: string;
  readonly dockerfile: Dockerfile;
}

export interface SuppressionContext {
  /** The file's ignore comments, each as read, and whether it suppressed a finding. */
  readonly directives: readonly Directive[];
  /** Every rule id, for a comment that names none of them. */
  readonly ruleIds: readonly string[];
}
