import { example } from '../rule.js';
import { testRule } from '../rule-tester.js';
import { literalTooLarge } from './literal-too-large.js';

/** `'t0', 't1', …`: a list literal's elements. */
const elements = (count: number) => Array.from({ length: count }, (_, i) => `'t${i}'`).join(', ');
/** `k0: 'v', k1: 'v', …`: a map literal's entries. */
const entries = (count: number) => Array.from({ length: count }, (_, i) => `k${i}: 'v'`).join(', ');

testRule(literalTooLarge, {
  valid: [
    {
      name: 'as many elements and entries as the CPS compiler takes, and no more',
      code: example`
        def targets = [${elements(250)}]
        def labels = [${entries(125)}]
        node {
          echo "\${targets.size()} targets, \${labels.size()} labels"
        }
      `,
    },
    {
      name: 'a @NonCPS method is not transformed, so it may hold more',
      code: example`
        @NonCPS
        def allTargets() {
          return [${elements(300)}]
        }
        @com.cloudbees.groovy.cps.NonCPS
        def allLabels() {
          return [${entries(200)}]
        }
        node {
          echo "\${allTargets().size()} targets, \${allLabels().size()} labels"
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'a list literal of 251 elements',
      code: example`
        def targets = [${elements(251)}]
        node {
          echo "\${targets.size()} targets"
        }
      `,
      errors: ['1:15-1:16 tooManyElements'],
    },
    {
      name: 'a map literal of 126 entries',
      code: example`
        def labels = [${entries(126)}]
        node {
          echo "\${labels.size()} labels"
        }
      `,
      errors: ['1:14-1:15 tooManyEntries'],
    },
    {
      name: 'in a method that is not @NonCPS, and in a declarative script block',
      code: example`
        def allTargets() {
          return [${elements(251)}]
        }
        pipeline {
          agent any
          stages {
            stage('Build') {
              steps {
                script {
                  def labels = [${entries(126)}]
                  echo "\${allTargets().size()} targets, \${labels.size()} labels"
                }
              }
            }
          }
        }
      `,
      errors: ['2:10 tooManyElements', '10:24 tooManyEntries'],
    },
    {
      name: 'before and after a @NonCPS method, which covers only its own body',
      code: example`
        def targets = [${elements(251)}]
        @NonCPS
        def allTargets() {
          return [${elements(300)}]
        }
        def labels = [${entries(126)}]
        node {
          echo "\${targets.size()} \${allTargets().size()} targets, \${labels.size()} labels"
        }
      `,
      errors: ['1:15 tooManyElements', '6:14 tooManyEntries'],
    },
  ],
});
