import { closest } from '../model/suggest.js';
import type { GroovyFile, Statement } from './groovy-parser.js';
import { literalString, type CallExpr } from './pipeline.js';

/**
 * The block structure of a declarative pipeline, read without a JVM: which section stands in which
 * block. What may stand where is pipeline-model-definition's grammar, read from its source (the
 * plugin's main branch, November 2025):
 *  - pipeline-model-definition/…/parser/ModelParser.groovy: the `switch (name)` of each block
 *    (parsePipelineStep, parseStage, parseMatrix, parseAxis, parseExcludeAxis, parseInput),
 *    `stages`/`parallel` holding only `stage`, and parseWhen's `beforeAgent`/`beforeInput`/
 *    `beforeOptions`;
 *  - …/model/conditions/*.groovy: the post conditions' @Symbol names, in the order of their
 *    @Extension ordinals, which BuildCondition.getOrderedConditionNames lists them in;
 *  - …/when/impl/*Conditional.java: the when conditions' @Symbol names; AllOf, AnyOf and Not
 *    (AbstractConditionalWithChildren) hold further conditions.
 * Only a `pipeline { … }` at the top of the file is read: a scripted pipeline, or a library step
 * that defines one inside `call`, is not checked here.
 */

/** A statement in a block: a section `name …` / `name(…) { … }`, or (no name) something else. */
export interface Section {
  readonly name?: string;
  /** The section's name in the source, or the whole statement when it has none. */
  readonly start: number;
  readonly end: number;
  readonly call?: CallExpr;
}

export type BlockKind =
  | 'pipeline'
  | 'stages'
  | 'parallel'
  | 'stage'
  | 'matrix'
  | 'axes'
  | 'axis'
  | 'excludes'
  | 'exclude'
  | 'exclude-axis'
  | 'input'
  | 'post'
  | 'when'
  | 'when-nested';

export interface Block {
  readonly kind: BlockKind;
  /** The section whose block this is: `pipeline`, `stage('Build')`, `post`, … */
  readonly opener: Section;
  readonly sections: readonly Section[];
  /**
   * Inside a parallel or matrix, at any depth: ModelASTParallel and ModelASTMatrix validate
   * their stages, and ModelASTStages passes the flag on, with isWithinParallel.
   */
  readonly inParallel: boolean;
}

/** Ordered as BuildCondition.getOrderedConditionNames lists them (highest ordinal first). */
const POST_CONDITIONS = [
  'always',
  'changed',
  'fixed',
  'regression',
  'aborted',
  'success',
  'unsuccessful',
  'unstable',
  'failure',
  'notBuilt',
  'cleanup',
] as const;

/** The when conditions, by @Symbol; allOf, anyOf and not hold conditions of their own. */
const WHEN_CONDITIONS = [
  'allOf',
  'anyOf',
  'branch',
  'buildingTag',
  'changelog',
  'changeRequest',
  'changeset',
  'environment',
  'equals',
  'expression',
  'isRestartedRun',
  'not',
  'tag',
  'triggeredBy',
] as const;

/** parseWhen's options, allowed at the top of `when` only. */
const WHEN_OPTIONS = ['beforeAgent', 'beforeInput', 'beforeOptions'] as const;

/** What a section's block is read as; null: its content is not read here (steps, agent, …). */
type Contents = BlockKind | null;

/** The sections parseStage and parseMatrix both accept, besides `stages`. */
const STAGE_AND_MATRIX = {
  agent: null,
  when: 'when',
  post: 'post',
  options: null,
  input: 'input',
  tools: null,
  environment: null,
} as const;

/** Names whose blocks, if any, are not read here. */
const unread = (names: readonly string[]) => names.map((name) => [name, null] as const);
const NESTING_WHEN = [
  ['allOf', 'when-nested'],
  ['anyOf', 'when-nested'],
  ['not', 'when-nested'],
] as const;

/**
 * For each kind of block, the names that may stand in it and what their blocks are read as
 * (Maps, so that a section named `constructor` or `toString` is no one's).
 */
export const GRAMMAR: Readonly<Record<BlockKind, ReadonlyMap<string, Contents>>> = {
  pipeline: new Map(
    Object.entries({
      agent: null,
      environment: null,
      options: null,
      parameters: null,
      triggers: null,
      tools: null,
      libraries: null,
      stages: 'stages',
      post: 'post',
    } as const),
  ),
  stages: new Map([['stage', 'stage']]),
  parallel: new Map([['stage', 'stage']]),
  stage: new Map(
    Object.entries({
      // What the stage does first, as messages list them; a did-you-mean tie goes to the first.
      steps: null,
      stages: 'stages',
      parallel: 'parallel',
      matrix: 'matrix',
      ...STAGE_AND_MATRIX,
      failFast: null,
    } as const),
  ),
  matrix: new Map(
    Object.entries({
      axes: 'axes',
      excludes: 'excludes',
      stages: 'stages',
      ...STAGE_AND_MATRIX,
    } as const),
  ),
  axes: new Map([['axis', 'axis']]),
  axis: new Map(unread(['name', 'values'])),
  excludes: new Map([['exclude', 'exclude']]),
  exclude: new Map([['axis', 'exclude-axis']]),
  'exclude-axis': new Map(unread(['name', 'values', 'notValues'])),
  input: new Map(unread(['message', 'id', 'ok', 'submitter', 'submitterParameter', 'parameters'])),
  post: new Map(unread(POST_CONDITIONS)),
  when: new Map<string, Contents>([
    ...unread(WHEN_CONDITIONS),
    ...NESTING_WHEN,
    ...unread(WHEN_OPTIONS),
  ]),
  'when-nested': new Map<string, Contents>([...unread(WHEN_CONDITIONS), ...NESTING_WHEN]),
};

/** The blocks made of sections, as opposed to post and when, made of conditions. */
export const SECTION_BLOCKS: ReadonlySet<BlockKind> = new Set(
  (Object.keys(GRAMMAR) as BlockKind[]).filter(
    (kind) => kind !== 'post' && kind !== 'when' && kind !== 'when-nested',
  ),
);

/**
 * ModelParser reads a section only from a call of a plain name (ASTParserUtils.matchMethodCall and
 * matchMethodName): a bare name (`failFast`) or a call on an object (`docker.withRegistry(…) { … }`)
 * is no section, and Jenkins refuses it.
 */
function sectionOf(statement: Statement): Section {
  if (statement.kind === 'expression') {
    const { expr } = statement;
    if (expr.kind === 'call' && expr.callee.kind === 'name')
      return { name: expr.callee.name, start: expr.callee.start, end: expr.callee.end, call: expr };
  }
  return { start: statement.start, end: statement.end };
}

/** The statements of a section's block, `name(…) { … }`; undefined when it has none. */
const blockOf = (section: Section) => section.call?.closures.at(-1)?.body;

/**
 * A stage's name as written, `stage('Build')`, when it is a plain string. ModelParser.parseStage
 * takes its argument 0 as the name, through parseStringLiteral. Groovy passes a call's named
 * arguments, wherever they stand, as one map ahead of the others (Groovy's documentation, "Mixing
 * named arguments with other argument(s)"), so in `stage(name: 'Build')` or
 * `stage('Build', failFast: true)` argument 0 is that map: Jenkins refuses the stage ("Expected
 * string literal"), and it has no name.
 */
export function stageName(
  stage: Section,
): { text: string; start: number; end: number } | undefined {
  const args = stage.call?.args;
  const arg = args?.some((a) => a.name !== undefined) ? undefined : args?.[0];
  const text = literalString(arg?.value);
  return arg && text !== undefined
    ? { text, start: arg.value.start, end: arg.value.end }
    : undefined;
}

/**
 * Every block of the file's top-level declarative pipeline, outermost first; empty when the file
 * has none. A section that may not stand where it is is not descended into.
 */
export function declarativeBlocks(file: GroovyFile): Block[] {
  const pipeline = file.statements
    .map(sectionOf)
    .find((section) => section.name === 'pipeline' && blockOf(section));
  const body = pipeline && blockOf(pipeline);
  if (!body) return [];
  const blocks: Block[] = [];
  const visit = (
    kind: BlockKind,
    opener: Section,
    statements: readonly Statement[],
    inParallel: boolean,
  ) => {
    const sections = statements.map(sectionOf);
    blocks.push({ kind, opener, sections, inParallel });
    const grammar = GRAMMAR[kind];
    for (const section of sections) {
      const contents = section.name !== undefined ? grammar.get(section.name) : undefined;
      const inner = blockOf(section);
      if (contents && inner)
        visit(
          contents,
          section,
          inner,
          inParallel || contents === 'parallel' || contents === 'matrix',
        );
    }
  };
  visit('pipeline', pipeline, body, false);
  return blocks;
}

/** The sections that may not stand in a block, each with the allowed name it most likely meant. */
export function strangers(block: Block): { section: Section; meant?: string }[] {
  const grammar = GRAMMAR[block.kind];
  return block.sections
    .filter((section) => section.name === undefined || !grammar.has(section.name))
    .map((section) => ({
      section,
      meant: section.name && closest(section.name, [...grammar.keys()]),
    }));
}

/** How messages name a kind of block. */
export const BLOCK_NAMES: Readonly<Record<BlockKind, string>> = {
  pipeline: 'pipeline',
  stages: 'stages',
  parallel: 'parallel',
  stage: 'a stage',
  matrix: 'matrix',
  axes: 'axes',
  axis: 'an axis',
  excludes: 'excludes',
  exclude: 'an exclude',
  'exclude-axis': "an exclude's axis",
  input: 'input',
  post: 'post',
  when: 'when',
  'when-nested': 'allOf, anyOf or not',
};

/** The names that may stand in a kind of block, for messages: "always, changed, …". */
export const allowedIn = (kind: BlockKind) => [...GRAMMAR[kind].keys()].join(', ');

/** The common Jenkins outcome of every structure mistake, for the rules' messages. */
export const REJECTED =
  'Jenkins rejects the whole Jenkinsfile when it compiles it, before any stage runs';
