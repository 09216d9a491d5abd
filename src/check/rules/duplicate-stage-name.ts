import { REJECTED, stageName } from '../declarative.js';
import { defineRule, example, type RuleContext } from '../rule.js';

export const duplicateStageName = defineRule({
  meta: {
    id: 'duplicate-stage-name',
    severity: 'error',
    title: 'Two stages of one stages or parallel block share a name',
    docs: {
      description:
        'Declarative: two stages of one `stages` or `parallel` block with the same name.',
      file: 'Jenkinsfile',
      bad: example`
        pipeline {
          agent any
          stages {
            stage('Build') { steps { sh 'make' } }
            stage('Build') { steps { sh 'make test' } }
          }
        }
      `,
      good: example`
        pipeline {
          agent any
          stages {
            stage('Build') { steps { sh 'make' } }
            stage('Test') { steps { sh 'make test' } }
          }
        }
      `,
    },
    messages: {
      duplicateName: {
        message: `A stage named "{{name}}" already stands in this {{block}} block (Duplicate stage name: "{{name}}"). ${REJECTED}`,
        fix: 'Give each stage of the block its own name',
      },
    },
  },
  check({ declarative }: RuleContext) {
    // ModelValidatorImpl.validateElement(ModelASTStages), for stages and parallel alike:
    // DuplicateStageName. Names are compared as written; one built at run time is left alone.
    return declarative
      .filter((block) => block.kind === 'stages' || block.kind === 'parallel')
      .flatMap((block) => {
        const seen = new Set<string>();
        return block.sections.flatMap((section) => {
          const name = section.name === 'stage' ? stageName(section) : undefined;
          if (name === undefined) return [];
          if (!seen.has(name.text)) {
            seen.add(name.text);
            return [];
          }
          return [
            {
              messageId: 'duplicateName' as const,
              start: name.start,
              end: name.end,
              data: { name: name.text, block: block.kind },
            },
          ];
        });
      });
  },
});
