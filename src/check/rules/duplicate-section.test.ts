import { example } from '../rule.js';
import { testRule } from '../rule-tester.js';
import { duplicateSection } from './duplicate-section.js';

testRule(duplicateSection, {
  valid: [
    {
      name: 'stages, axes and excludes hold many of their one member',
      code: example`
        pipeline {
          agent any
          stages {
            stage('Build') {
              matrix {
                axes {
                  axis { name 'OS'; values 'debian', 'alpine' }
                  axis { name 'VARIANT'; values 'slim', 'full' }
                }
                excludes {
                  exclude { axis { name 'OS'; values 'alpine' } }
                  exclude { axis { name 'VARIANT'; values 'full' } }
                }
                stages {
                  stage('Compile') { steps { sh 'make' } }
                  stage('Test') { steps { sh 'make test' } }
                }
              }
            }
          }
        }
      `,
    },
    {
      name: 'different post conditions',
      code: example`
        pipeline {
          agent any
          stages {
            stage('Build') { steps { sh 'make' } }
          }
          post {
            always { echo 'done' }
            failure { echo 'failed' }
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'two steps in a stage',
      code: example`
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
      errors: ['6:7 section'],
    },
    {
      name: 'two agents in the pipeline, the second after its stages',
      code: example`
        pipeline {
          agent any
          stages {
            stage('Build') { steps { sh 'make' } }
          }
          agent { label 'linux' }
        }
      `,
      errors: ['6:3 section'],
    },
    {
      name: 'the same post condition twice',
      code: example`
        pipeline {
          agent any
          stages {
            stage('Build') { steps { sh 'make' } }
          }
          post {
            always { echo 'done' }
            always { deleteDir() }
          }
        }
      `,
      errors: ['8:5 condition'],
    },
    {
      name: 'the same section twice in an axis',
      code: example`
        pipeline {
          agent any
          stages {
            stage('Build') {
              matrix {
                axes {
                  axis {
                    name 'OS'
                    name 'ARCH'
                    values 'debian', 'alpine'
                  }
                }
                stages {
                  stage('Compile') { steps { sh 'make' } }
                }
              }
            }
          }
        }
      `,
      errors: ['9:13 section'],
    },
  ],
});
