import { allowedIn, REJECTED, strangers } from '../declarative.js';
import {
  defineRule,
  example,
  type MessageTemplate,
  type ReportOf,
  type RuleContext,
} from '../rule.js';

// ModelValidatorImpl: InvalidBuildCondition, with BuildCondition.getOrderedConditionNames.
const ALLOWED = `allowed: ${allowedIn('post')}. ${REJECTED}`;
const IN_A_CONDITION =
  'Put the steps in a condition block: post { always { … } }, or failure { … }, …';

const messages = {
  misspelt: {
    message: `unknown post condition "{{name}}" (did you mean "{{meant}}"?); ${ALLOWED}`,
    fix: 'Write "{{meant}}"',
  },
  unknownCondition: {
    message: `unknown post condition "{{name}}"; ${ALLOWED}`,
    fix: IN_A_CONDITION,
  },
  notACondition: {
    message: `unknown post condition a statement; ${ALLOWED}`,
    fix: IN_A_CONDITION,
  },
} satisfies Record<string, MessageTemplate>;

export const unknownPostCondition = defineRule({
  meta: {
    id: 'unknown-post-condition',
    severity: 'error',
    title: 'A post block holds something other than a build condition',
    docs: {
      description:
        'Declarative: `post { sucess { … } }`, or a step straight in `post`. Says what was meant and lists the conditions: always, changed, fixed, regression, aborted, success, unsuccessful, unstable, failure, notBuilt, cleanup.',
      file: 'Jenkinsfile',
      bad: example`
        pipeline {
          agent any
          stages {
            stage('Build') { steps { sh 'make' } }
          }
          post {
            sucess { echo 'built' }
          }
        }
      `,
      good: example`
        pipeline {
          agent any
          stages {
            stage('Build') { steps { sh 'make' } }
          }
          post {
            success { echo 'built' }
          }
        }
      `,
    },
    messages,
  },
  check({ declarative }: RuleContext) {
    return declarative
      .filter((block) => block.kind === 'post')
      .flatMap(strangers)
      .map(({ section: { name, start, end }, meant }): ReportOf<typeof messages> => {
        if (name === undefined) return { messageId: 'notACondition', start, end };
        if (meant) return { messageId: 'misspelt', start, end, data: { name, meant } };
        return { messageId: 'unknownCondition', start, end, data: { name } };
      });
  },
});
