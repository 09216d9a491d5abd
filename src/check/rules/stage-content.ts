import { REJECTED, stageName } from '../declarative.js';
import type { Rule, RuleFinding } from '../rule.js';

/**
 * What a stage does: exactly one of these (ModelValidatorImpl.validateElement(ModelASTStage):
 * NothingForStage, TwoOfStepsStagesParallel).
 */
const BODIES = ['steps', 'stages', 'parallel', 'matrix'];
const LISTED = BODIES.map((name) => `"${name}"`).join(', ');

export const stageContent: Rule = {
  id: 'stage-content',
  severity: 'error',
  title: 'A stage has none, or more than one, of steps, stages, parallel and matrix',
  check({ declarative }) {
    return declarative
      .filter((block) => block.kind === 'stage')
      .flatMap((block): RuleFinding[] => {
        const name = stageName(block.opener);
        const called = name ? `stage "${name.text}"` : 'this stage';
        // A second `steps` is duplicate-section's to report; here each kind counts once.
        const bodies = block.sections.filter(
          (s, i, all) =>
            s.name !== undefined &&
            BODIES.includes(s.name) &&
            all.findIndex((other) => other.name === s.name) === i,
        );
        if (bodies.length === 0)
          return [
            {
              start: name?.start ?? block.opener.start,
              end: name?.end ?? block.opener.end,
              message: `${called} has none of ${LISTED}, so it has nothing to run. ${REJECTED}`,
              fix: "Put the stage's steps in steps { … }, or its inner stages in stages { … }",
            },
          ];
        return bodies.slice(1).map((extra) => ({
          start: extra.start,
          end: extra.end,
          message: `${called} already has "${bodies[0]!.name}"; a stage has exactly one of ${LISTED}. ${REJECTED}`,
          fix: `Move "${extra.name}" into a stage of its own, or its steps into the stage's "${bodies[0]!.name}"`,
        }));
      });
  },
};
