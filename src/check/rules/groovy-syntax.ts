import type { SyntaxError } from '../groovy-parser.js';
import type { RuleFinding, RuleInfo } from '../rule.js';

export const groovySyntax: RuleInfo = {
  id: 'groovy-syntax',
  severity: 'error',
  title: 'The file is not valid Groovy, so Jenkins runs none of it',
};

export function syntaxFinding(error: SyntaxError): RuleFinding {
  return {
    start: error.offset,
    end: error.offset + 1,
    message: `Jenkins cannot compile this file and fails the build before any stage runs: ${error.message}`,
    fix: 'Correct the Groovy at this spot; once it compiles, check looks at the rest of the pipeline.',
  };
}
