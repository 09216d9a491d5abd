import { BLOCK_NAMES, REJECTED, type BlockKind } from '../declarative.js';
import type { Rule } from '../rule.js';

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

export const duplicateSection: Rule = {
  id: 'duplicate-section',
  severity: 'error',
  title: 'A declarative section, or post condition, written twice in one block',
  check({ declarative }) {
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
          // ModelValidatorImpl: DuplicateBuildCondition; ModelParser: Parser.MultipleOfSection.
          const [what, jenkins] =
            block.kind === 'post'
              ? ['condition', `Duplicate build condition name: "${name}"`]
              : ['section', `Multiple occurrences of the ${name} section`];
          return [
            {
              start: section.start,
              end: section.end,
              message: `${BLOCK_NAMES[block.kind]} already has the ${what} "${name}", and each may stand once (${jenkins}). ${REJECTED}`,
              fix: `Merge the two "${name}" blocks into one`,
            },
          ];
        });
      });
  },
};
