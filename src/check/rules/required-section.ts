import { BLOCK_NAMES, REJECTED, type Block, type BlockKind } from '../declarative.js';
import type { Rule, RuleFinding } from '../rule.js';

/** ModelValidatorImpl's RequiredSection checks, for the pipeline, a matrix and its axes. */
const REQUIRED: Partial<Record<BlockKind, readonly string[]>> = {
  pipeline: ['agent', 'stages'],
  matrix: ['axes', 'stages'],
  axis: ['name', 'values'],
};

/** Blocks that must not be empty: ModelValidatorImpl's NoStages (stages, parallel) and NoAxes. */
const NOT_EMPTY: Partial<Record<BlockKind, string>> = {
  stages: 'stage',
  parallel: 'stage',
  axes: 'axis',
};

const EXAMPLES: Readonly<Record<string, string>> = {
  agent: "agent { label 'podman' } (or agent none, with an agent in each stage)",
  stages: "stages { stage('Build') { steps { … } } }",
  axes: "axes { axis { name 'PLATFORM'; values 'linux/amd64', 'linux/arm64' } }",
  name: "name 'PLATFORM'",
  values: "values 'linux/amd64', 'linux/arm64'",
};

function missing(block: Block): RuleFinding[] {
  const at = { start: block.opener.start, end: block.opener.end };
  const present = new Set(block.sections.map((section) => section.name));
  const findings: RuleFinding[] = (REQUIRED[block.kind] ?? [])
    .filter((name) => !present.has(name))
    .map((name) => ({
      ...at,
      message: `${BLOCK_NAMES[block.kind]} has no "${name}" section, which it requires (Missing required section "${name}"). ${REJECTED}`,
      fix: `Add ${EXAMPLES[name]}`,
    }));
  const member = NOT_EMPTY[block.kind];
  if (member !== undefined && block.sections.length === 0)
    findings.push({
      ...at,
      message: `${block.kind} is empty: it needs at least one ${member}. ${REJECTED}`,
      fix: `Add a ${member}, or remove the empty ${block.kind} block`,
    });
  return findings;
}

export const requiredSection: Rule = {
  id: 'required-section',
  severity: 'error',
  title: 'A declarative block lacks a section it requires, or is empty',
  check({ declarative }) {
    return declarative.flatMap(missing);
  },
};
