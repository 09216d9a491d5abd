import { allowedIn, REJECTED, strangers } from '../declarative.js';
import type { Rule } from '../rule.js';

export const unknownPostCondition: Rule = {
  id: 'unknown-post-condition',
  severity: 'error',
  title: 'A post block holds something other than a build condition',
  check({ declarative }) {
    return declarative
      .filter((block) => block.kind === 'post')
      .flatMap(strangers)
      .map(({ section, meant }) => {
        const what = section.name === undefined ? 'a statement' : `"${section.name}"`;
        // ModelValidatorImpl: InvalidBuildCondition, with BuildCondition.getOrderedConditionNames.
        return {
          start: section.start,
          end: section.end,
          message: `unknown post condition ${what}${meant ? ` (did you mean "${meant}"?)` : ''}; allowed: ${allowedIn('post')}. ${REJECTED}`,
          fix: meant
            ? `Write "${meant}"`
            : 'Put the steps in a condition block: post { always { … } }, or failure { … }, …',
        };
      });
  },
};
