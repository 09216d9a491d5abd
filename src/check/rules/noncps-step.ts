import { nonCpsMethods } from '../cps.js';
import { calleeName, forEachNode, isStepCallee } from '../pipeline.js';
import { defineRule, example, type Report, type RuleContext } from '../rule.js';
import { STEP_CATALOGUE } from '../step-catalogue.js';

/** The steps that pause the program: all but variables and the synchronous few (`echo`, `pwd`, …). */
const STEPS = new Set(
  STEP_CATALOGUE.filter((step) => step.kind === undefined && !step.synchronous).map((s) => s.name),
);

/**
 * A step called from a `@NonCPS` method: a step pauses the CPS program, which plain Groovy code
 * cannot do, so the step runs but the method ends at it, returning the step's result, and the rest
 * of it never runs. workflow-cps only logs "expected to call WorkflowScript.bad but wound up
 * catching sleep" (CpsVmExecutorService.mismatchMessage) and the build succeeds
 * (CpsVmExecutorServiceTest.wrongCatcherNonCPS: its `assert false : 'never gets here'` after the
 * step never fails; wrongCatcherNonCPSStep: a step inside `.each {}` of a @NonCPS method). Steps
 * are the catalogue's; a method of the file with a step's name is the method. A synchronous step
 * (`echo`, `error`, `isUnix`, `pwd`, `unstable`, `getContext`) does not pause the program: DSL
 * returns its result at once, so it runs and the method goes on (CpsFlowDefinition2Test calls a
 * @NonCPS method from `echo`, IteratorHackTest `echo`s beside one), and it is not reported.
 */
export const noncpsStep = defineRule({
  meta: {
    id: 'noncps-step',
    severity: 'error',
    title: 'A @NonCPS method calls a step',
    docs: {
      description:
        'A step (`sh`, `readFile`, `node`, … of the catalogue) called in a `@NonCPS` method, closures included: the step runs, then the method ends there and the rest never runs; Jenkins only logs "expected to call … but wound up catching …". The synchronous steps (`echo`, `error`, `isUnix`, `pwd`, `unstable`) return at once and are not reported.',
      file: 'Jenkinsfile',
      bad: example`
        @NonCPS
        def parseVersions(String text) {
          def versions = text.readLines().findAll { it }
          writeFile file: 'versions.count', text: "\${versions.size()}"
          return versions
        }

        node {
          parseVersions(readFile('versions.txt'))
        }
      `,
      good: example`
        @NonCPS
        def parseVersions(String text) {
          text.readLines().findAll { it }
        }

        node {
          def versions = parseVersions(readFile('versions.txt'))
          writeFile file: 'versions.count', text: "\${versions.size()}"
        }
      `,
    },
    messages: {
      stepInNonCps: {
        message:
          'step "{{step}}" in @NonCPS method "{{method}}": a step cannot run inside plain Groovy code, so the method ends here with the step\'s result and the rest of it never runs; Jenkins only logs "expected to call … but wound up catching {{step}}" and the build goes on',
        fix: 'Call "{{step}}" from CPS code: drop @NonCPS from "{{method}}", or move the step out and pass its result in',
      },
    },
  },
  check({ file }: RuleContext) {
    const methods = new Set<string>();
    forEachNode(file.statements, (node) => {
      if (node.kind === 'method') methods.add(node.name);
    });
    const reports: Report<'stepInNonCps'>[] = [];
    for (const method of nonCpsMethods(file.statements))
      forEachNode(method.body, (node) => {
        if (node.kind !== 'call' || !isStepCallee(node)) return;
        // A step's callee is a name or a property, so it has a name.
        const name = calleeName(node)!;
        if (!STEPS.has(name) || methods.has(name)) return;
        reports.push({
          messageId: 'stepInNonCps',
          start: node.callee.start,
          end: node.callee.end,
          data: { step: name, method: method.name },
        });
      });
    return reports;
  },
});
