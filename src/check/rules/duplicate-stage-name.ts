import { REJECTED, stageName } from '../declarative.js';
import type { Rule } from '../rule.js';

export const duplicateStageName: Rule = {
  id: 'duplicate-stage-name',
  severity: 'error',
  title: 'Two stages of one stages or parallel block share a name',
  check({ declarative }) {
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
              start: name.start,
              end: name.end,
              message: `A stage named "${name.text}" already stands in this ${block.kind} block (Duplicate stage name: "${name.text}"). ${REJECTED}`,
              fix: 'Give each stage of the block its own name',
            },
          ];
        });
      });
  },
};
