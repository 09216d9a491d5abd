import type { Statement } from './groovy-parser.js';
import { forEachNode } from './pipeline.js';

/**
 * Which code Jenkins' CPS transformer leaves alone. A method annotated `@NonCPS` runs as plain
 * Groovy: workflow-cps's CpsTransformer does not transform it (com.cloudbees.groovy.cps.NonCPS,
 * which CpsGroovyShellFactory imports into every script), so its limits do not apply there, and
 * neither does a step's way of pausing the program.
 */

const NON_CPS = new Set(['NonCPS', 'com.cloudbees.groovy.cps.NonCPS']);

type Method = Extract<Statement, { kind: 'method' }>;

/** Every `@NonCPS` method of the file, classes' included. */
export function nonCpsMethods(statements: readonly Statement[]): Method[] {
  const methods: Method[] = [];
  forEachNode(statements, (node) => {
    if (node.kind === 'method' && node.annotations.some((name) => NON_CPS.has(name)))
      methods.push(node);
  });
  return methods;
}
