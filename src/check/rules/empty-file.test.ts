import { example } from '../rule.js';
import { testRule } from '../rule-tester.js';
import { emptyFile } from './empty-file.js';

testRule(emptyFile, {
  valid: [
    "node { sh 'make' }",
    { name: 'a file that does not parse is groovy-syntax’s', code: 'node {' },
  ],
  invalid: [
    { name: 'nothing at all', code: '', errors: ['1:1 empty'] },
    {
      name: 'comments and blank lines only',
      code: example`
        /* the pipeline moved to ci/Jenkinsfile */

        // TODO
      `,
      errors: ['1:1 empty'],
    },
  ],
});
