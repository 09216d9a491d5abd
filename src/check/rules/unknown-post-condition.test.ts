import { example } from '../rule.js';
import { testRule } from '../rule-tester.js';
import { unknownPostCondition } from './unknown-post-condition.js';

testRule(unknownPostCondition, {
  valid: [
    {
      name: 'every build condition',
      code: example`
        pipeline {
          agent any
          stages {
            stage('Build') {
              steps { sh 'make' }
              post {
                success { echo 'built' }
              }
            }
          }
          post {
            always { echo 'always' }
            changed { echo 'changed' }
            fixed { echo 'fixed' }
            regression { echo 'regression' }
            aborted { echo 'aborted' }
            success { echo 'success' }
            unsuccessful { echo 'unsuccessful' }
            unstable { echo 'unstable' }
            failure { echo 'failure' }
            notBuilt { echo 'not built' }
            cleanup { deleteDir() }
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'misspelt conditions, in a stage and in the pipeline',
      code: example`
        pipeline {
          agent any
          stages {
            stage('Build') {
              steps { sh 'make' }
              post {
                sucess { echo 'built' }
              }
            }
          }
          post {
            always { echo 'done' }
            unstabel { echo 'unstable' }
          }
        }
      `,
      errors: ['7:9 misspelt', '13:5 misspelt'],
    },
    {
      name: 'a step straight in post',
      code: example`
        pipeline {
          agent any
          stages {
            stage('Build') { steps { sh 'make' } }
          }
          post {
            always { echo 'done' }
            echo 'no condition'
          }
        }
      `,
      errors: ['8:5 unknownCondition'],
    },
    {
      name: 'a statement that is no call in post',
      code: example`
        pipeline {
          agent any
          stages {
            stage('Build') { steps { sh 'make' } }
          }
          post {
            done = true
          }
        }
      `,
      errors: ['7:5 notACondition'],
    },
  ],
});
