import { example } from '../rule.js';
import { testRule } from '../rule-tester.js';
import { unknownWhenCondition } from './unknown-when-condition.js';

testRule(unknownWhenCondition, {
  valid: [
    {
      name: 'every when condition and option',
      code: example`
        pipeline {
          agent any
          stages {
            stage('Release') {
              when {
                beforeAgent true
                beforeInput true
                beforeOptions true
                branch 'main'
                buildingTag()
                changelog '.*\\[release\\].*'
                changeset 'src/**'
                environment name: 'DEPLOY', value: 'yes'
                equals expected: 2, actual: currentBuild.number
                expression { return params.RELEASE }
                tag 'v*'
                triggeredBy 'TimerTrigger'
                not { changeRequest() }
                allOf {
                  not { isRestartedRun() }
                  anyOf { branch 'main'; branch 'release/*' }
                }
              }
              steps { sh 'make release' }
            }
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'misspelt conditions, and an option inside anyOf',
      code: example`
        pipeline {
          agent any
          stages {
            stage('Release') {
              when {
                beforeAgent true
                brnach 'main'
                anyOf {
                  tag 'v*'
                  buildingtag()
                  beforeInput true
                }
              }
              steps { sh 'make release' }
            }
          }
        }
      `,
      errors: ['7:9 misspelt', '10:11 misspelt', '11:11 unknownCondition'],
      messages: [
        'unknown when condition "brnach" (did you mean "branch"?); allowed: allOf, anyOf, branch, buildingTag, changelog, changeRequest, changeset, environment, equals, expression, isRestartedRun, not, tag, triggeredBy, beforeAgent, beforeInput, beforeOptions. Jenkins rejects the whole Jenkinsfile when it compiles it, before any stage runs',
        'unknown when condition "buildingtag" inside allOf, anyOf or not (did you mean "buildingTag"?); allowed: allOf, anyOf, branch, buildingTag, changelog, changeRequest, changeset, environment, equals, expression, isRestartedRun, not, tag, triggeredBy. Jenkins rejects the whole Jenkinsfile when it compiles it, before any stage runs',
        'unknown when condition "beforeInput" inside allOf, anyOf or not; allowed: allOf, anyOf, branch, buildingTag, changelog, changeRequest, changeset, environment, equals, expression, isRestartedRun, not, tag, triggeredBy. Jenkins rejects the whole Jenkinsfile when it compiles it, before any stage runs',
      ],
    },
    {
      name: 'a misspelt condition inside not',
      code: example`
        pipeline {
          agent any
          stages {
            stage('Release') {
              when { not { brnach 'main' } }
              steps { sh 'make release' }
            }
          }
        }
      `,
      errors: ['5:20 misspelt'],
    },
    {
      name: 'a step in when',
      code: example`
        pipeline {
          agent any
          stages {
            stage('Release') {
              when { echo 'releasing' }
              steps { sh 'make release' }
            }
          }
        }
      `,
      errors: ['5:14 unknownCondition'],
    },
    {
      name: 'a Groovy test straight in when',
      code: example`
        pipeline {
          agent any
          stages {
            stage('Release') {
              when { params.RELEASE == true }
              steps { sh 'make release' }
            }
          }
        }
      `,
      errors: ['5:14 notACondition'],
    },
  ],
});
