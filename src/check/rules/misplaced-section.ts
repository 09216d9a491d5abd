import {
  allowedIn,
  BLOCK_NAMES,
  GRAMMAR,
  REJECTED,
  SECTION_BLOCKS,
  stageName,
  strangers,
  type Block,
  type BlockKind,
  type Section,
} from '../declarative.js';
import type { Rule, RuleFinding } from '../rule.js';

type Problem = Omit<RuleFinding, 'start' | 'end'>;

/** The blocks where a name may stand, for "it belongs in a stage" or "in post". */
const homesOf = (name: string): BlockKind[] =>
  (Object.keys(GRAMMAR) as BlockKind[]).filter(
    (kind) => kind !== 'when-nested' && GRAMMAR[kind].has(name),
  );

/** A section the block's grammar has no place for (ModelParser's `default:` branches). */
function stranger(block: Block, section: Section, meant: string | undefined): Problem {
  const where = BLOCK_NAMES[block.kind];
  const allowed = `allowed in ${where}: ${allowedIn(block.kind)}`;
  const { name } = section;
  // ModelParser: "Not a valid section definition" (a statement that is no method call).
  if (name === undefined)
    return {
      message: `Only sections may stand in ${where}, and this statement is none (${allowed}): ${REJECTED} ("Not a valid section definition")`,
      fix: "Move the statement into a stage's steps { … }, inside script { … } if it is not a step",
    };
  const homes = homesOf(name);
  if (homes.length > 0)
    return {
      message: `"${name}" cannot stand in ${where}: it belongs in ${homes.map((kind) => BLOCK_NAMES[kind]).join(' or ')}; ${allowed}. ${REJECTED}`,
      fix: `Move "${name}" into ${BLOCK_NAMES[homes[0]!]}${name === 'steps' ? ": stages { stage('Build') { steps { … } } }" : ''}`,
    };
  return {
    message: `Unknown section "${name}" in ${where}${meant ? ` (did you mean "${meant}"?)` : ''}; ${allowed}. ${REJECTED}`,
    fix: meant
      ? `Write "${meant}"`
      : block.kind === 'stage'
        ? `If "${name}" is a step, put it in steps { … }; otherwise use one of the sections allowed in a stage`
        : `Use one of: ${allowedIn(block.kind)}`,
  };
}

const FAN_OUT = new Set(['parallel', 'matrix']);
const PER_BRANCH = new Set(['agent', 'tools']);

/** A section parseStage accepts but ModelValidatorImpl.validateElement(ModelASTStage) refuses here. */
function refusedInStage(block: Block, name: string): Problem | undefined {
  // NoNestedWithinNestedStages.
  if (block.inParallel && FAN_OUT.has(name))
    return {
      message: `"${name}" cannot stand in a stage that is itself inside a parallel or matrix: Jenkins allows one level of either ("matrix" or "parallel" cannot be nested inside another "matrix" or "parallel"). ${REJECTED}`,
      fix: 'Flatten the stages into one parallel or matrix, or run the inner fan-out sequentially with stages { … }',
    };
  // AgentInNestedStages, ToolsInNestedStages.
  if (PER_BRANCH.has(name) && block.sections.some((s) => s.name && FAN_OUT.has(s.name))) {
    const stage = stageName(block.opener)?.text;
    return {
      message: `"${name}" cannot stand in stage${stage ? ` "${stage}"` : ''}, which holds parallel or matrix stages: those stages run on agents of their own. ${REJECTED}`,
      fix: `Move "${name}" into each of the parallel stages, or into the matrix`,
    };
  }
  return undefined;
}

export const misplacedSection: Rule = {
  id: 'misplaced-section',
  severity: 'error',
  title: 'A declarative section where it may not stand, or one Jenkins does not know',
  check({ declarative }) {
    return declarative
      .filter((block) => SECTION_BLOCKS.has(block.kind))
      .flatMap((block) => {
        const unplaced = new Map(strangers(block).map(({ section, meant }) => [section, meant]));
        return block.sections.flatMap((section) => {
          const problem = unplaced.has(section)
            ? stranger(block, section, unplaced.get(section))
            : block.kind === 'stage'
              ? refusedInStage(block, section.name!)
              : undefined;
          return problem ? [{ start: section.start, end: section.end, ...problem }] : [];
        });
      });
  },
};
