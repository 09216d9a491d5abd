import { BLOCK_NAMES, REJECTED, type BlockKind } from '../declarative.js';
import { defineRule, example, type RuleContext } from '../rule.js';

/**
 * Blocks where each section may stand once: ModelParser's `sectionsSeen` (Parser.MultipleOfSection)
 * in the pipeline, a stage, a matrix, an axis and input, and ModelValidatorImpl's
 * DuplicateBuildCondition in post. Stages, axes and excludes hold many of their one member.
 */
const ONCE_EACH: ReadonlySet<BlockKind> = new Set([
  'pipeline',
  'stage',
  'matrix',
  'axis',
  'exclude-axis',
  'input',
  'post',
]);

export const duplicateSection = defineRule({
  meta: {
    id: 'duplicate-section',
    severity: 'error',
    title: 'A declarative section, or post condition, written twice in one block',
    docs: {
      description:
        'Declarative: the same section twice in one block (two `steps` in a stage, two `agent`s in the pipeline), or the same `post` condition twice.',
      file: 'Jenkinsfile',
      bad: example`
        pipeline {
          agent any
          stages {
            stage('Build') {
              steps { sh 'make' }
              steps { sh 'make test' }
            }
          }
        }
      `,
      good: example`
        pipeline {
          agent any
          stages {
            stage('Build') {
              steps {
                sh 'make'
                sh 'make test'
              }
            }
          }
        }
      `,
    },
    messages: {
      // ModelParser: Parser.MultipleOfSection.
      section: {
        message: `{{block}} already has the section "{{name}}", and each may stand once (Multiple occurrences of the {{name}} section). ${REJECTED}`,
        fix: 'Merge the two "{{name}}" blocks into one',
      },
      // ModelValidatorImpl: DuplicateBuildCondition.
      condition: {
        message: `post already has the condition "{{name}}", and each may stand once (Duplicate build condition name: "{{name}}"). ${REJECTED}`,
        fix: 'Merge the two "{{name}}" blocks into one',
      },
    },
  },
  check({ declarative }: RuleContext) {
    return declarative
      .filter((block) => ONCE_EACH.has(block.kind))
      .flatMap((block) => {
        const seen = new Set<string>();
        return block.sections.flatMap((section) => {
          const { name } = section;
          if (name === undefined) return [];
          if (!seen.has(name)) {
            seen.add(name);
            return [];
          }
          return [
            {
              messageId: block.kind === 'post' ? ('condition' as const) : ('section' as const),
              start: section.start,
              end: section.end,
              data: { block: BLOCK_NAMES[block.kind], name },
            },
          ];
        });
      });
  },
});
