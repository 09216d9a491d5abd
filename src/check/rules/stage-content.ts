import { REJECTED, stageName } from '../declarative.js';
import {
  defineRule,
  example,
  type ReportOf,
  type MessageTemplate,
  type RuleContext,
} from '../rule.js';

/**
 * What a stage does: exactly one of these (ModelValidatorImpl.validateElement(ModelASTStage):
 * NothingForStage, TwoOfStepsStagesParallel).
 */
const BODIES = ['steps', 'stages', 'parallel', 'matrix'];
const LISTED = BODIES.map((name) => `"${name}"`).join(', ');

const messages = {
  nothingToRun: {
    message: `{{stage}} has none of ${LISTED}, so it has nothing to run. ${REJECTED}`,
    fix: "Put the stage's steps in steps { … }, or its inner stages in stages { … }",
  },
  secondBody: {
    message: `{{stage}} already has "{{first}}"; a stage has exactly one of ${LISTED}. ${REJECTED}`,
    fix: 'Move "{{extra}}" into a stage of its own, or its steps into the stage\'s "{{first}}"',
  },
} satisfies Record<string, MessageTemplate>;

export const stageContent = defineRule({
  meta: {
    id: 'stage-content',
    severity: 'error',
    title: 'A stage has none, or more than one, of steps, stages, parallel and matrix',
    docs: {
      description:
        'Declarative: a stage with none, or more than one, of `steps`, `stages`, `parallel` and `matrix`.',
      file: 'Jenkinsfile',
      bad: example`
        pipeline {
          agent any
          stages {
            stage('Build') {
              environment { GOOS = 'linux' }
            }
          }
        }
      `,
      good: example`
        pipeline {
          agent any
          stages {
            stage('Build') {
              environment { GOOS = 'linux' }
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
      .filter((block) => block.kind === 'stage')
      .flatMap((block): ReportOf<typeof messages>[] => {
        const name = stageName(block.opener);
        const stage = name ? `stage "${name.text}"` : 'this stage';
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
              messageId: 'nothingToRun',
              start: name?.start ?? block.opener.start,
              end: name?.end ?? block.opener.end,
              data: { stage },
            },
          ];
        return bodies.slice(1).map((extra) => ({
          messageId: 'secondBody',
          start: extra.start,
          end: extra.end,
          data: { stage, first: bodies[0]!.name!, extra: extra.name! },
        }));
      });
  },
});
