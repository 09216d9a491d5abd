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
import {
  defineRule,
  example,
  type MessageTemplate,
  type ReportOf,
  type RuleContext,
} from '../rule.js';

const ALLOWED = 'allowed in {{block}}: {{allowed}}';

const messages = {
  // ModelParser: "Not a valid section definition" (a statement that is no method call).
  notASection: {
    message: `Only sections may stand in {{block}}, and this statement is none (${ALLOWED}): ${REJECTED} ("Not a valid section definition")`,
    fix: "Move the statement into a stage's steps { … }, inside script { … } if it is not a step",
  },
  belongsElsewhere: {
    message: `"{{name}}" cannot stand in {{block}}: it belongs in {{homes}}; ${ALLOWED}. ${REJECTED}`,
    fix: 'Move "{{name}}" into {{home}}{{example}}',
  },
  misspelt: {
    message: `Unknown section "{{name}}" in {{block}} (did you mean "{{meant}}"?); ${ALLOWED}. ${REJECTED}`,
    fix: 'Write "{{meant}}"',
  },
  unknownInStage: {
    message: `Unknown section "{{name}}" in {{block}}; ${ALLOWED}. ${REJECTED}`,
    fix: 'If "{{name}}" is a step, put it in steps { … }; otherwise use one of the sections allowed in a stage',
  },
  unknownSection: {
    message: `Unknown section "{{name}}" in {{block}}; ${ALLOWED}. ${REJECTED}`,
    fix: 'Use one of: {{allowed}}',
  },
  // NoNestedWithinNestedStages.
  nestedFanOut: {
    message: `"{{name}}" cannot stand in a stage that is itself inside a parallel or matrix: Jenkins allows one level of either ("matrix" or "parallel" cannot be nested inside another "matrix" or "parallel"). ${REJECTED}`,
    fix: 'Flatten the stages into one parallel or matrix, or run the inner fan-out sequentially with stages { … }',
  },
  // AgentInNestedStages, ToolsInNestedStages.
  besideFanOut: {
    message: `"{{name}}" cannot stand in stage{{stage}}, which holds parallel or matrix stages: those stages run on agents of their own. ${REJECTED}`,
    fix: 'Move "{{name}}" into each of the parallel stages, or into the matrix',
  },
} satisfies Record<string, MessageTemplate>;

type Problem = Omit<ReportOf<typeof messages>, 'start' | 'end'>;

/** The blocks where a name may stand, for "it belongs in a stage" or "in post". */
const homesOf = (name: string): BlockKind[] =>
  (Object.keys(GRAMMAR) as BlockKind[]).filter(
    (kind) => kind !== 'when-nested' && GRAMMAR[kind].has(name),
  );

/** A section the block's grammar has no place for (ModelParser's `default:` branches). */
function stranger(block: Block, section: Section, meant: string | undefined): Problem {
  const where = { block: BLOCK_NAMES[block.kind], allowed: allowedIn(block.kind) };
  const { name } = section;
  if (name === undefined) return { messageId: 'notASection', data: where };
  const homes = homesOf(name);
  if (homes.length > 0)
    return {
      messageId: 'belongsElsewhere',
      data: {
        ...where,
        name,
        homes: homes.map((kind) => BLOCK_NAMES[kind]).join(' or '),
        home: BLOCK_NAMES[homes[0]!],
        example: name === 'steps' ? ": stages { stage('Build') { steps { … } } }" : '',
      },
    };
  if (meant) return { messageId: 'misspelt', data: { ...where, name, meant } };
  return {
    messageId: block.kind === 'stage' ? 'unknownInStage' : 'unknownSection',
    data: { ...where, name },
  };
}

const FAN_OUT = new Set(['parallel', 'matrix']);
const PER_BRANCH = new Set(['agent', 'tools']);

/** A section parseStage accepts but ModelValidatorImpl.validateElement(ModelASTStage) refuses here. */
function refusedInStage(block: Block, name: string): Problem | undefined {
  if (block.inParallel && FAN_OUT.has(name)) return { messageId: 'nestedFanOut', data: { name } };
  if (PER_BRANCH.has(name) && block.sections.some((s) => s.name && FAN_OUT.has(s.name))) {
    const stage = stageName(block.opener)?.text;
    return { messageId: 'besideFanOut', data: { name, stage: stage ? ` "${stage}"` : '' } };
  }
  return undefined;
}

export const misplacedSection = defineRule({
  meta: {
    id: 'misplaced-section',
    severity: 'error',
    title: 'A declarative section where it may not stand, or one Jenkins does not know',
    docs: {
      description:
        'Declarative: a section where it may not stand (`steps` outside a stage, `when` in `stages`, a step straight in a stage, `parallel` inside a parallel or matrix, `agent` beside parallel stages), or one Jenkins does not know (`stpes`, with a did-you-mean and the sections allowed there).',
      file: 'Jenkinsfile',
      bad: example`
        pipeline {
          agent any
          stages {
            stage('Build') {
              stpes { sh 'make' }
            }
          }
        }
      `,
      good: example`
        pipeline {
          agent any
          stages {
            stage('Build') {
              steps { sh 'make' }
            }
          }
        }
      `,
    },
    messages,
  },
  check({ declarative }: RuleContext) {
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
          return problem ? [{ ...problem, start: section.start, end: section.end }] : [];
        });
      });
  },
});
