import { nonCpsMethods } from '../cps.js';
import { calleeName, forEachNode, isStepCallee } from '../pipeline.js';
import type { Rule, RuleFinding } from '../rule.js';
import { STEP_CATALOGUE } from '../step-catalogue.js';

const STEPS = new Set(STEP_CATALOGUE.filter((step) => step.kind === undefined).map((s) => s.name));

/**
 * A step called from a `@NonCPS` method: a step pauses the CPS program, which plain Groovy code
 * cannot do, so the step runs but the method ends at it, returning the step's result, and the rest
 * of it never runs. workflow-cps only logs "expected to call WorkflowScript.bad but wound up
 * catching sleep" (CpsVmExecutorService.mismatchMessage) and the build succeeds
 * (CpsVmExecutorServiceTest.wrongCatcherNonCPS: its `assert false : 'never gets here'` after the
 * step never fails; wrongCatcherNonCPSStep: a step inside `.each {}` of a @NonCPS method). Steps
 * are the catalogue's; a method of the file with a step's name is the method.
 */
export const noncpsStep: Rule = {
  id: 'noncps-step',
  severity: 'error',
  title: 'A @NonCPS method calls a step',
  check({ file }) {
    const methods = new Set<string>();
    forEachNode(file.statements, (node) => {
      if (node.kind === 'method') methods.add(node.name);
    });
    const findings: RuleFinding[] = [];
    for (const method of nonCpsMethods(file.statements))
      forEachNode(method.body, (node) => {
        if (node.kind !== 'call' || !isStepCallee(node)) return;
        const name = calleeName(node);
        if (name === undefined || !STEPS.has(name) || methods.has(name)) return;
        findings.push({
          start: node.callee.start,
          end: node.callee.end,
          message: `step "${name}" in @NonCPS method "${method.name}": a step cannot run inside plain Groovy code, so the method ends here with the step's result and the rest of it never runs; Jenkins only logs "expected to call … but wound up catching ${name}" and the build goes on`,
          fix: `Call "${name}" from CPS code: drop @NonCPS from "${method.name}", or move the step out and pass its result in`,
        });
      });
    return findings;
  },
};
