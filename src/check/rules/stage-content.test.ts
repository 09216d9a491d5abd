import { example } from '../rule.js';
import { testRule } from '../rule-tester.js';
import { stageContent } from './stage-content.js';

testRule(stageContent, {
  valid: [
    {
      name: 'a stage with each of steps, stages, parallel and matrix',
      code: example`
        pipeline {
          agent any
          stages {
            stage('Build') {
              steps { sh 'make' }
            }
            stage('Test') {
              stages {
                stage('Unit') { steps { sh 'make unit' } }
              }
            }
            stage('Checks') {
              parallel {
                stage('Lint') { steps { sh 'make lint' } }
                stage('Docs') { steps { sh 'make docs' } }
              }
            }
            stage('Package') {
              matrix {
                axes {
                  axis {
                    name 'OS'
                    values 'debian', 'alpine'
                  }
                }
                stages {
                  stage('Tarball') { steps { sh 'make dist' } }
                }
              }
            }
          }
        }
      `,
    },
    {
      name: 'a second steps is duplicate-section’s, not a second body',
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
    },
  ],
  invalid: [
    {
      name: 'a stage with neither steps nor stages',
      code: example`
        pipeline {
          agent any
          stages {
            stage('Build') {
              environment { GOOS = 'linux' }
            }
          }
        }
      `,
      errors: ['4:11-4:18 nothingToRun'],
    },
    {
      name: 'a stage whose name is built at run time, at its opener',
      code: example`
        pipeline {
          agent any
          stages {
            stage("Build \${OS}") {
              environment { GOOS = 'linux' }
            }
          }
        }
      `,
      errors: ['4:5-4:10 nothingToRun'],
      messages: [
        'this stage has none of "steps", "stages", "parallel", "matrix", so it has nothing to run. Jenkins rejects the whole Jenkinsfile when it compiles it, before any stage runs',
      ],
    },
    {
      name: 'a stage with both steps and stages',
      code: example`
        pipeline {
          agent any
          stages {
            stage('Test') {
              steps {
                sh 'make test'
              }
              stages {
                stage('Lint') { steps { sh 'make lint' } }
              }
            }
          }
        }
      `,
      errors: ['8:7 secondBody'],
    },
  ],
});
