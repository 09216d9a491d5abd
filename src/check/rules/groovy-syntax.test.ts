import { example } from '../rule.js';
import { testRule } from '../rule-tester.js';
import { groovySyntax } from './groovy-syntax.js';

testRule(groovySyntax, {
  valid: [
    example`
      node {
        sh "echo \\$(date +%F) \\$?"
      }
    `,
    { name: 'an empty file is empty-file’s', code: '' },
  ],
  invalid: [
    {
      name: '$( in a GString',
      code: example`
        node {
          sh "podman build --build-arg BUILD_DATE=$(date +%F) ."
        }
      `,
      errors: ['2:43-2:44 syntax'],
    },
    { name: 'an unterminated string', code: "node {\n  sh 'make\n}\n", errors: ['2:6 syntax'] },
    {
      name: 'a block never closed, at its brace',
      code: 'node {\n  sh "make"\n',
      errors: ['1:6 syntax'],
    },
  ],
});
