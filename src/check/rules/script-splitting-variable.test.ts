import { example } from '../rule.js';
import { testRule } from '../rule-tester.js';
import { scriptSplittingVariable } from './script-splitting-variable.js';

/** The declarative pipeline the cases declare their variables for. */
const PIPELINE = example`
  pipeline {
    agent any
    stages {
      stage('Build') {
        steps { echo "Building \${describe()}" }
      }
    }
  }
`;

testRule(scriptSplittingVariable, {
  valid: [
    {
      name: '@Field declarations, written short, in full, and on the line before',
      code:
        example`
        import groovy.transform.Field

        @Field def image = 'registry.lan/app'
        @Field
        String tag = 'latest'
        @groovy.transform.Field def registry = 'registry.lan'

        def describe() {
          def local = "\${registry}/\${image}:\${tag}"
          return local
        }
      ` + PIPELINE,
    },
    {
      name: 'script splitting off, as it is in Jenkins unless set',
      code:
        example`
        def image = 'registry.lan/app'
        def describe() { image }
      ` + PIPELINE,
      settings: { scriptSplitting: false },
    },
    {
      name: 'a scripted Jenkinsfile, which Declarative does not transform',
      code: example`
        def image = 'app'
        node {
          echo image
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'a def and a typed declaration, beside an @Field one',
      code:
        example`
        import groovy.transform.Field

        def image = 'registry.lan/app'
        String tag = 'latest'
        @Field def registry = 'registry.lan'

        def describe() {
          def local = "\${registry}/\${image}:\${tag}"
          return local
        }
      ` + PIPELINE,
      errors: ['3:1 localVariable', '4:1 localVariable'],
    },
  ],
});
