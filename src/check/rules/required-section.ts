import {
  BLOCK_NAMES,
  GRAMMAR,
  REJECTED,
  SECTION_BLOCKS,
  type Block,
  type BlockKind,
} from '../declarative.js';
import {
  defineRule,
  example,
  type MessageTemplate,
  type ReportOf,
  type RuleContext,
} from '../rule.js';

/** ModelValidatorImpl's RequiredSection checks, and MissingInputMessage for input. */
const REQUIRED: Partial<Record<BlockKind, readonly string[]>> = {
  pipeline: ['agent', 'stages'],
  matrix: ['axes', 'stages'],
  axis: ['name', 'values'],
  'exclude-axis': ['name'],
  input: ['message'],
};

/**
 * Sections that need a block with something in it, and what that something is: ModelParser's
 * ExpectedBlockFor and ExpectedBlock; ModelValidatorImpl's NoStages, NoAxes, NoExcludes,
 * NoSteps, NoEnvVars, NoTools, EmptyWhen and EmptySection. A stage is stage-content's.
 */
const HOLDS: Readonly<Record<string, string>> = {
  stages: 'stage',
  parallel: 'stage',
  matrix: 'section (axes and stages)',
  axes: 'axis',
  axis: 'name and values',
  excludes: 'exclude',
  exclude: 'axis',
  steps: 'step',
  post: 'condition (always { … }, failure { … }, …)',
  when: 'condition',
  input: "message 'text'",
  environment: 'variable',
  options: 'option',
  parameters: 'parameter',
  triggers: 'trigger',
  tools: 'tool',
  libraries: "lib('name@version')",
};

const EXAMPLES: Readonly<Record<string, string>> = {
  agent: "agent { label 'podman' } (or agent none, with an agent in each stage)",
  stages: "stages { stage('Build') { steps { … } } }",
  axes: "axes { axis { name 'PLATFORM'; values 'linux/amd64', 'linux/arm64' } }",
  name: "name 'PLATFORM'",
  values: "values 'linux/amd64', 'linux/arm64'",
  message: "message 'Deploy to production?'",
};

const messages = {
  missingSection: {
    message: `{{block}} has no "{{name}}" section, which it requires (Missing required section "{{name}}"). ${REJECTED}`,
    fix: 'Add {{example}}',
  },
  emptyBlock: {
    message: `{{name}} is empty: it needs at least one {{member}}. ${REJECTED}`,
    fix: 'Add at least one {{memberName}}, or remove the empty {{name}} block',
  },
  noBlock: {
    message: `{{name}} needs a block { … } holding at least one {{member}}. ${REJECTED}`,
    fix: 'Write {{name}} { … } with its content inside',
  },
} satisfies Record<string, MessageTemplate>;

type Found = ReportOf<typeof messages>;

function missing(block: Block): Found[] {
  const present = new Set(block.sections.map((section) => section.name));
  const required: Found[] = (REQUIRED[block.kind] ?? [])
    .filter((name) => !present.has(name))
    .map((name) => ({
      messageId: 'missingSection',
      start: block.opener.start,
      end: block.opener.end,
      data: { block: BLOCK_NAMES[block.kind], name, example: EXAMPLES[name]! },
    }));
  // Only where the grammar reads sections (`environment` in when is a condition, not a block),
  // and not in input, whose `parameters` ModelParser.parseInput merges without validating them.
  if (!SECTION_BLOCKS.has(block.kind) || block.kind === 'input') return required;
  const empty = block.sections.flatMap((section): Found[] => {
    const { name, call } = section;
    if (name === undefined || !GRAMMAR[block.kind].has(name)) return [];
    const member = HOLDS[name];
    const closure = call?.closures.at(-1);
    if (member === undefined || (closure && closure.body.length > 0)) return [];
    // An empty block with required sections gets those reported when it is read as a block.
    const opens = GRAMMAR[block.kind].get(name);
    if (closure && opens && REQUIRED[opens]) return [];
    return [
      {
        messageId: closure ? 'emptyBlock' : 'noBlock',
        start: section.start,
        end: section.end,
        data: { name, member, memberName: member.replace(/ \(.*/, '') },
      },
    ];
  });
  return [...required, ...empty];
}

export const requiredSection = defineRule({
  meta: {
    id: 'required-section',
    severity: 'error',
    title: 'A declarative section lacks what it requires: a section, its block, or anything in it',
    docs: {
      description:
        "Declarative: `pipeline` without `agent` or `stages`, `matrix` without `axes` or `stages`, an `axis` without `name` or `values`, `input` without `message`; a section without its block (`stages 'x'`) or with an empty one (`steps { }`, `post { }`, `when { }`, `environment { }`, …).",
      file: 'Jenkinsfile',
      bad: example`
        pipeline {
          stages {
            stage('Build') { steps { sh 'make' } }
          }
        }
      `,
      good: example`
        pipeline {
          agent any
          stages {
            stage('Build') { steps { sh 'make' } }
          }
        }
      `,
    },
    messages,
  },
  check: ({ declarative }: RuleContext) => declarative.flatMap(missing),
});
