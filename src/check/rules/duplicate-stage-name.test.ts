import { example } from '../rule.js';
import { testRule } from '../rule-tester.js';
import { duplicateStageName } from './duplicate-stage-name.js';

testRule(duplicateStageName, {
  valid: [
    {
      name: 'the same name in another stages block is another stage',
      code: example`
        pipeline {
          agent any
          stages {
            stage('Build') { steps { sh 'make' } }
            stage('Cross') {
              stages {
                stage('Build') { steps { sh 'make cross' } }
              }
            }
          }
        }
      `,
    },
    {
      name: 'a name built at run time is left alone',
      code: example`
        pipeline {
          agent any
          stages {
            stage("Deploy \${env.BRANCH_NAME}") { steps { sh 'make deploy' } }
            stage("Deploy \${env.BRANCH_NAME}") { steps { sh 'make again' } }
          }
        }
      `,
    },
    {
      // parseStage reads argument 0, which Groovy makes the map of named arguments: Jenkins
      // refuses these stages for want of a string name, not as duplicates.
      name: 'stages with named arguments, which have no name',
      code: example`
        pipeline {
          agent any
          stages {
            stage(name: 'Build') { steps { sh 'make' } }
            stage(name: 'Build') { steps { sh 'make again' } }
            stage('Test', failFast: true) { steps { sh 'make test' } }
            stage('Test', failFast: true) { steps { sh 'make test again' } }
          }
        }
      `,
    },
    {
      name: 'a stage still being written, without its name or block',
      code: example`
        pipeline {
          agent any
          stages {
            stage
            stage('Build') { steps { sh 'make' } }
          }
        }
      `,
    },
    {
      name: 'a scripted pipeline, whose stages may share a name',
      code: example`
        node {
          stage('Build') { sh 'make' }
          stage('Build') { sh 'make again' }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'two stages of one stages block',
      code: example`
        pipeline {
          agent any
          stages {
            stage('Build') { steps { sh 'make' } }
            stage('Test') { steps { sh 'make test' } }
            stage('Build') { steps { sh 'make again' } }
          }
        }
      `,
      errors: ['6:11 duplicateName'],
    },
    {
      name: 'two stages of one parallel block',
      code: example`
        pipeline {
          agent any
          stages {
            stage('Test') {
              parallel {
                stage('Unit') { steps { sh 'make unit' } }
                stage('Unit') { steps { sh 'make unit-slow' } }
              }
            }
          }
        }
      `,
      errors: ['7:15 duplicateName'],
    },
  ],
});
