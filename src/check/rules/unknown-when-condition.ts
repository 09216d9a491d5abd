import { allowedIn, REJECTED, strangers } from '../declarative.js';
import type { Rule } from '../rule.js';

export const unknownWhenCondition: Rule = {
  id: 'unknown-when-condition',
  severity: 'error',
  title: 'A when block holds something other than a when condition',
  check({ declarative }) {
    return declarative
      .filter((block) => block.kind === 'when' || block.kind === 'when-nested')
      .flatMap((block) =>
        strangers(block).map(({ section, meant }) => {
          const what = section.name === undefined ? 'a statement' : `"${section.name}"`;
          const nested = block.kind === 'when-nested' ? ' inside allOf, anyOf or not' : '';
          // ModelValidatorImpl: UnknownWhenConditional; ModelParser.parseWhen: ExpectedWhen.
          return {
            start: section.start,
            end: section.end,
            message: `unknown when condition ${what}${nested}${meant ? ` (did you mean "${meant}"?)` : ''}; allowed: ${allowedIn(block.kind)}. ${REJECTED}`,
            fix: meant
              ? `Write "${meant}"`
              : 'Write the test as a condition; any Groovy test fits in expression { … }',
          };
        }),
      );
  },
};
