import { defineRule, example, type RuleContext } from '../rule.js';

const FIELD = new Set(['Field', 'groovy.transform.Field']);

/**
 * With Declarative's script splitting on (pipeline-model-definition RuntimeASTTransformer,
 * SCRIPT_SPLITTING_TRANSFORMATION=true and SCRIPT_SPLITTING_ALLOW_LOCAL_VARIABLES left false), a
 * Jenkinsfile with a `pipeline {}` and any declaration among its top-level statements
 * (`def x = …`, `String x = …`) fails before it runs: prepareClosureScopedHandles throws
 * "[JENKINS-37984] SCRIPT_SPLITTING_TRANSFORMATION … is incompatible with local variable
 * declarations inside a Jenkinsfile" (BasicModelDefTest.stages100WithOutsideVarAndFuncNotAllowed).
 * An `@Field` declaration is a field of the script class, not a statement, so it is allowed.
 * Script splitting is off in Jenkins unless set, so this rule runs only when the settings say so.
 */
export const scriptSplittingVariable = defineRule({
  meta: {
    id: 'script-splitting-variable',
    severity: 'error',
    title: 'A script-level variable in a Declarative Jenkinsfile while script splitting is on',
    docs: {
      description:
        'With `scriptSplitting: true` in the settings (Jenkins runs Declarative with `RuntimeASTTransformer.SCRIPT_SPLITTING_TRANSFORMATION=true`): a script-level declaration (`def x = …`, `String x = …`, not `@Field`) in a Jenkinsfile with `pipeline {}`, which Declarative refuses before the first stage (JENKINS-37984).',
      file: 'Jenkinsfile',
      bad: example`
        def image = 'registry.lan/app'

        pipeline {
          agent any
          stages {
            stage('Build') {
              steps { echo "Building \${image}" }
            }
          }
        }
      `,
      good: example`
        import groovy.transform.Field

        @Field def image = 'registry.lan/app'

        pipeline {
          agent any
          stages {
            stage('Build') {
              steps { echo "Building \${image}" }
            }
          }
        }
      `,
      settings: { scriptSplitting: true },
    },
    messages: {
      localVariable: {
        message:
          'script-level variable "{{name}}": with script splitting on, Declarative refuses a Jenkinsfile that declares one ("[JENKINS-37984] SCRIPT_SPLITTING_TRANSFORMATION is an experimental feature of Declarative Pipeline and is incompatible with local variable declarations inside a Jenkinsfile"), so the build fails before its first stage',
        fix: 'Put the value in environment {} or a parameter; or annotate the declaration with @Field (import groovy.transform.Field); or set SCRIPT_SPLITTING_ALLOW_LOCAL_VARIABLES=true on the controller',
      },
    },
  },
  check({ file, declarative, scriptSplitting }: RuleContext) {
    if (!scriptSplitting || declarative.length === 0) return [];
    return file.statements.flatMap((statement) =>
      statement.kind === 'declaration' && !statement.annotations.some((name) => FIELD.has(name))
        ? [
            {
              messageId: 'localVariable' as const,
              start: statement.start,
              end: statement.end,
              data: { name: statement.name },
            },
          ]
        : [],
    );
  },
});
