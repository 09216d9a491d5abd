import {
  BLOCK_NAMES,
  GRAMMAR,
  REJECTED,
  SECTION_BLOCKS,
  type Block,
  type BlockKind,
} from '../declarative.js';
import type { Rule, RuleFinding } from '../rule.js';

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

function missing(block: Block): RuleFinding[] {
  const present = new Set(block.sections.map((section) => section.name));
  const required: RuleFinding[] = (REQUIRED[block.kind] ?? [])
    .filter((name) => !present.has(name))
    .map((name) => ({
      start: block.opener.start,
      end: block.opener.end,
      message: `${BLOCK_NAMES[block.kind]} has no "${name}" section, which it requires (Missing required section "${name}"). ${REJECTED}`,
      fix: `Add ${EXAMPLES[name]}`,
    }));
  // Only where the grammar reads sections (`environment` in when is a condition, not a block),
  // and not in input, whose `parameters` ModelParser.parseInput merges without validating them.
  if (!SECTION_BLOCKS.has(block.kind) || block.kind === 'input') return required;
  const empty = block.sections.flatMap((section): RuleFinding[] => {
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
        start: section.start,
        end: section.end,
        message: closure
          ? `${name} is empty: it needs at least one ${member}. ${REJECTED}`
          : `${name} needs a block { … } holding at least one ${member}. ${REJECTED}`,
        fix: closure
          ? `Add at least one ${member.replace(/ \(.*/, '')}, or remove the empty ${name} block`
          : `Write ${name} { … } with its content inside`,
      },
    ];
  });
  return [...required, ...empty];
}

export const requiredSection: Rule = {
  id: 'required-section',
  severity: 'error',
  title: 'A declarative section lacks what it requires: a section, its block, or anything in it',
  check({ declarative }) {
    return declarative.flatMap(missing);
  },
};
