import type { Expr } from '../groovy-parser.js';
import { forEachNode } from '../pipeline.js';
import {
  defineRule,
  example,
  type MessageTemplate,
  type ReportOf,
  type RuleContext,
} from '../rule.js';
import { SANDBOX_REFUSED, signature, type Instead, type RefusedCall } from '../sandbox-refused.js';

/**
 * Packages every library script sees without an import: Groovy's defaults, and those workflow-cps
 * adds (CpsGroovyShellFactory: ic.addStarImports("hudson.model", "jenkins.model")). A class of
 * another package is found only when written out in full; an explicit import is not followed.
 */
const IMPORTED = new Set([
  'java.lang',
  'java.util',
  'java.io',
  'java.net',
  'groovy.lang',
  'groovy.util',
  'hudson.model',
  'jenkins.model',
]);

const BY_SIGNATURE = new Map(SANDBOX_REFUSED.map((call) => [signature(call), call]));

/** The class a name stands for: `File` (imported by default) or `java.io.File` written out. */
function className(written: string): string[] {
  if (written.includes('.')) return [written];
  return [...IMPORTED].map((pkg) => `${pkg}.${written}`);
}

/**
 * `System` or `java.io.File` as written: a name, or names joined by dots; undefined for any other
 * expression. Whether it names a class is the lookup's to say: it knows only classes, by their
 * full names or by capitalized names of the default packages, so `env.HOME` finds nothing.
 */
function writtenClass(expr: Expr): string | undefined {
  const names: string[] = [];
  let node = expr;
  for (; node.kind === 'property'; node = node.object) names.unshift(node.name);
  return node.kind === 'name' ? [node.name, ...names].join('.') : undefined;
}

const getter = (property: string) => `get${property[0]!.toUpperCase()}${property.slice(1)}`;

function refused(kind: RefusedCall['kind'], written: string, member = ''): RefusedCall | undefined {
  for (const type of className(written)) {
    const call = BY_SIGNATURE.get(signature({ kind, type, member }));
    if (call) return call;
  }
  return undefined;
}

const REFUSED =
  '{{signature}} is not in script-security\'s generic-whitelist: where this library runs untrusted (loaded by library identifier: …, retriever: …, or a folder\'s library), the sandbox stops the build at this line ("Scripts not permitted to use {{signature}}") until an administrator approves it';

/** One message per way out, which is the fix. */
const messages = {
  fileSteps: {
    message: REFUSED,
    fix: "Use readFile, writeFile or fileExists, which work on the agent's workspace (java.io runs on the controller)",
  },
  shStep: { message: REFUSED, fix: 'Use the sh step' },
  envVariable: { message: REFUSED, fix: 'Use env.NAME' },
  parameterOrEnv: { message: REFUSED, fix: 'Use a parameter or env.NAME' },
  errorStep: { message: REFUSED, fix: 'Use the error step' },
  echoStep: { message: REFUSED, fix: 'Use the echo step' },
  sleepStep: { message: REFUSED, fix: 'Use the sleep step' },
  namedClass: { message: REFUSED, fix: 'Import the class and name it' },
  nodeName: { message: REFUSED, fix: "Use env.NODE_NAME, or sh 'hostname' on the agent" },
  trustedCode: {
    message: REFUSED,
    fix: "Keep Jenkins' own objects out of a library that may run untrusted: such code belongs in a global trusted library or a plugin",
  },
} satisfies Record<Instead, MessageTemplate>;

/**
 * In a library's vars/, a Java constructor, static method or static field that script-security's
 * generic-whitelist does not list (sandbox-refused.ts): the library may run in the sandbox, which
 * refuses it (RejectedAccessException, "Scripts not permitted to use …"). A warning: a global
 * trusted library is not sandboxed.
 */
export const sandboxRefusedCall = defineRule({
  meta: {
    id: 'sandbox-refused-call',
    severity: 'warning',
    title: "A library step calls Java that script-security's sandbox refuses",
    docs: {
      description:
        "In a library's `vars/`: Java that script-security's generic-whitelist does not list and libraries often call (`new File(…)`, `System.getenv`, `System.out`, `Jenkins.instance`, `Thread.sleep`, …; `src/check/sandbox-refused.ts`), which the sandbox refuses where the library runs untrusted; says which step to use instead.",
      file: 'vars/buildImage.groovy',
      bad: example`
        def call(Map config = [:]) {
          def home = System.getenv('HOME')
          echo "building in \${home}"
        }
      `,
      good: example`
        def call(Map config = [:]) {
          def home = env.HOME
          echo "building in \${home}"
        }
      `,
    },
    messages,
  },
  check({ file, libraryVar }: RuleContext) {
    if (!libraryVar) return [];
    const reports: ReportOf<typeof messages>[] = [];
    const callees = new Set<Expr>();
    const report = (node: Expr, call: RefusedCall) =>
      reports.push({
        messageId: call.instead,
        start: node.start,
        end: node.end,
        data: { signature: signature(call) },
      });
    forEachNode(file.statements, (node) => {
      if (node.kind === 'other' && node.constructs !== undefined) {
        const call = refused('new', node.constructs);
        if (call) report(node, call);
      } else if (node.kind === 'call' && node.callee.kind === 'property') {
        callees.add(node.callee);
        const type = writtenClass(node.callee.object);
        const call = type && refused('staticMethod', type, node.callee.name);
        if (call) report(node.callee, call);
      } else if (node.kind === 'property' && !callees.has(node)) {
        const type = writtenClass(node.object);
        const call =
          type &&
          (refused('staticField', type, node.name) ??
            refused('staticMethod', type, getter(node.name)));
        if (call) report(node, call);
      }
    });
    return reports;
  },
});
