import { allowedIn, REJECTED, strangers } from '../declarative.js';
import {
  defineRule,
  example,
  type MessageTemplate,
  type ReportOf,
  type RuleContext,
} from '../rule.js';

// ModelValidatorImpl: UnknownWhenConditional; ModelParser.parseWhen: ExpectedWhen.
const ALLOWED = `allowed: {{allowed}}. ${REJECTED}`;
const AS_A_CONDITION = 'Write the test as a condition; any Groovy test fits in expression { … }';

const messages = {
  misspelt: {
    message: `unknown when condition "{{name}}"{{nested}} (did you mean "{{meant}}"?); ${ALLOWED}`,
    fix: 'Write "{{meant}}"',
  },
  unknownCondition: {
    message: `unknown when condition "{{name}}"{{nested}}; ${ALLOWED}`,
    fix: AS_A_CONDITION,
  },
  notACondition: {
    message: `unknown when condition a statement{{nested}}; ${ALLOWED}`,
    fix: AS_A_CONDITION,
  },
} satisfies Record<string, MessageTemplate>;

export const unknownWhenCondition = defineRule({
  meta: {
    id: 'unknown-when-condition',
    severity: 'error',
    title: 'A when block holds something other than a when condition',
    docs: {
      description:
        "Declarative: `when { brnach 'main' }`. Says what was meant and lists the conditions (branch, buildingTag, changelog, changeset, changeRequest, environment, equals, expression, tag, triggeredBy, isRestartedRun, not, allOf, anyOf; beforeAgent, beforeInput, beforeOptions).",
      file: 'Jenkinsfile',
      bad: example`
        pipeline {
          agent any
          stages {
            stage('Release') {
              when { brnach 'main' }
              steps { sh 'make release' }
            }
          }
        }
      `,
      good: example`
        pipeline {
          agent any
          stages {
            stage('Release') {
              when { branch 'main' }
              steps { sh 'make release' }
            }
          }
        }
      `,
    },
    messages,
  },
  check({ declarative }: RuleContext) {
    return declarative
      .filter((block) => block.kind === 'when' || block.kind === 'when-nested')
      .flatMap((block) => {
        const where = {
          nested: block.kind === 'when-nested' ? ' inside allOf, anyOf or not' : '',
          allowed: allowedIn(block.kind),
        };
        return strangers(block).map(
          ({ section: { name, start, end }, meant }): ReportOf<typeof messages> => {
            if (name === undefined) return { messageId: 'notACondition', start, end, data: where };
            if (meant)
              return { messageId: 'misspelt', start, end, data: { ...where, name, meant } };
            return { messageId: 'unknownCondition', start, end, data: { ...where, name } };
          },
        );
      });
  },
});
