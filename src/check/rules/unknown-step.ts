import { closest, editDistance } from '../../model/suggest.js';
import type { Arg, Expr, Statement } from '../groovy-parser.js';
import { forEachNode, literalString, type CallExpr } from '../pipeline.js';
import { defineRule, example, type RuleContext } from '../rule.js';
import { STEP_CATALOGUE } from '../step-catalogue.js';

/**
 * A call in step position whose name nothing defines, and that is a likely typo of one that is:
 * workflow-cps' CpsScript.invokeMethod looks a bare call up in the script's own methods, its
 * binding's variables, the global variables (libraries' vars/ among them), and then the steps;
 * DSL.invokeMethod fails the build with "No such DSL method 'shh' found among steps" when none
 * has it, only when the line runs (workflow-cps plugin/src/main/java/org/jenkinsci/plugins/
 * workflow/cps/CpsScript.java, DSL.java).
 *
 * Conservative by design: only bare calls where a step may stand (statements of steps, script,
 * post conditions, of block steps' bodies, of methods and of a scripted file's top level), never
 * method calls on objects or calls inside a library var's closure (which may delegate elsewhere);
 * names a file defines (methods, parameters, variables) and Groovy's own methods are known; a
 * file that loads a library the settings do not describe is skipped; and a name is reported only
 * when it is close to a known one: a name far from all is more likely a step of a plugin the
 * catalogue does not list than a typo.
 */

const CATALOGUE = new Map(STEP_CATALOGUE.map((step) => [step.name, step]));

/**
 * Methods every pipeline script has: Groovy's Script and DefaultGroovyMethods (CpsScript sends
 * println, print, printf and sleep to the echo and sleep steps), and `steps`, the binding variable
 * that holds the DSL (CpsScript.STEPS_VAR).
 */
const GROOVY_METHODS = new Set([
  'addShutdownHook',
  'any',
  'collect',
  'dump',
  'each',
  'eachWithIndex',
  'equals',
  'evaluate',
  'every',
  'find',
  'findAll',
  'getBinding',
  'getClass',
  'getMetaClass',
  'getProperty',
  'hashCode',
  'hasProperty',
  'identity',
  'inspect',
  'invokeMethod',
  'is',
  'iterator',
  'print',
  'printf',
  'println',
  'respondsTo',
  'run',
  'setBinding',
  'setMetaClass',
  'setProperty',
  'sprintf',
  'steps',
  'tap',
  'toString',
  'use',
  'with',
]);

/**
 * Methods on objects whose closure runs as ordinary script code, so its statements are in step
 * position: Groovy's iteration, and docker-workflow's Docker.groovy (`docker.image(…).inside {}`).
 * Any other method's closure (a builder's, a `with`'s) may resolve names elsewhere.
 */
const BODY_METHODS = new Set([
  'each',
  'eachWithIndex',
  'times',
  'inside',
  'withRun',
  'withRegistry',
  'withServer',
  'withTool',
]);

/**
 * Declarative's sections that hold stages, and those whose statements are steps
 * (pipeline-model-definition's ModelParser). Every other section (agent, environment, options,
 * when, …) holds directives, not steps.
 */
const STAGE_SECTIONS = new Set(['stages', 'stage', 'parallel', 'matrix']);

const isTypeDeclaration = (source: string, statement: Statement) =>
  /^(?:class|interface|enum|trait)\b/.test(source.slice(statement.start, statement.start + 9));

/** A call of a name, not of an object's method: `sh 'make'`, `lock('x') { … }`. */
interface BareCall {
  readonly name: string;
  readonly call: CallExpr;
}

/** The bare calls of a file that stand where a step may, and the libraries they load. */
class StepPositions {
  readonly calls: BareCall[] = [];
  /** By `library 'x'` or declarative's `libraries { lib('x') }`; undefined where not written out. */
  readonly libraries: (string | undefined)[] = [];

  constructor(
    private readonly source: string,
    /** Names whose closures hold steps: block steps and the file's own methods. */
    private readonly runsBody: (name: string) => boolean,
  ) {}

  statements(statements: readonly Statement[]): void {
    for (const statement of statements) {
      switch (statement.kind) {
        case 'expression':
          this.expression(statement.expr);
          break;
        case 'declaration':
          if (statement.init) this.expression(statement.init);
          break;
        case 'method':
          this.statements(statement.body);
          break;
        case 'compound':
          // A class's methods call steps through an object (`steps.sh`), never bare.
          if (!isTypeDeclaration(this.source, statement))
            statement.blocks.forEach((block) => this.statements(block));
      }
    }
  }

  /**
   * A statement's expression; both sides of an operator, which Groovy evaluates:
   * `v += readFile(…)`, `ok && sh(…)`, `x = sh(…)`, `branches[a] = { … }` (an assignment's left
   * side holds a call only where a chain heads with one, which Groovy calls too).
   */
  private expression(expr: Expr): void {
    if (expr.kind === 'binary') {
      this.expression(expr.left);
      return this.expression(expr.right);
    }
    if (expr.kind === 'closure') return this.statements(expr.body);
    // The call that heads a chain: `readJSON(text: t).version`, `docker.image(i).inside { … }`.
    let node: Expr = expr;
    for (;;) {
      if (node.kind === 'call' && node.callee.kind === 'name')
        return this.call({ name: node.callee.name, call: node });
      if (node.kind === 'call' && node.callee.kind === 'property') {
        if (BODY_METHODS.has(node.callee.name)) this.closures(node.closures);
        node = node.callee.object;
      } else if (node.kind === 'property' || node.kind === 'index') node = node.object;
      else return;
    }
  }

  private call(bare: BareCall): void {
    this.calls.push(bare);
    const { name, call } = bare;
    if (name === 'library') {
      const arg = call.args.find((a) => a.name === 'identifier') ?? call.args.find((a) => !a.name);
      this.libraries.push(arg && libraryName(arg.value));
    }
    if (name === 'pipeline') return call.closures.forEach((c) => this.declarative(c.body));
    if (!this.runsBody(name)) return;
    this.closures(call.closures);
    // parallel's branches: `parallel a: { … }, b: { … }`, `parallel([a: { … }])`.
    for (const arg of call.args) this.closures(passed(arg));
  }

  private closures(closures: readonly Expr[]): void {
    for (const closure of closures) if (closure.kind === 'closure') this.statements(closure.body);
  }

  private declarative(statements: readonly Statement[]): void {
    for (const statement of statements) {
      if (statement.kind !== 'expression' || statement.expr.kind !== 'call') continue;
      const section = statement.expr;
      if (section.callee.kind !== 'name') continue;
      const name = section.callee.name;
      const body = section.closures.flatMap((c) => c.body);
      if (STAGE_SECTIONS.has(name)) this.declarative(body);
      else if (name === 'steps') this.closures(section.closures);
      // post { always { … } failure { … } }: each condition's block holds steps.
      else if (name === 'post') this.closures(body.flatMap(callClosures));
      // libraries { lib('x@1.0') }: ModelParser.parseLibraries takes one value per lib call.
      else if (name === 'libraries')
        for (const lib of body)
          if (lib.kind === 'expression' && lib.expr.kind === 'call' && lib.expr.args[0])
            this.libraries.push(libraryName(lib.expr.args[0].value));
    }
  }
}

const callClosures = (statement: Statement): readonly Expr[] =>
  statement.kind === 'expression' && statement.expr.kind === 'call' ? statement.expr.closures : [];

/** What an argument passes, of which closures() keeps the closures: a map's values, or itself. */
const passed = ({ value }: Arg): readonly Expr[] =>
  value.kind === 'map' ? value.entries.map((entry) => entry.value) : [value];

/**
 * The name of a library a `@Library` or `library` argument loads (`'lib@1.0'` → `lib`); undefined
 * when it is not written out. `"lib@${BRANCH}"` still names `lib`.
 */
function libraryName(expr: Expr): string | undefined {
  if (expr.kind !== 'string') return undefined;
  const literal = literalString(expr);
  if (literal !== undefined) return literal.split('@')[0];
  const first = expr.literal.parts[0];
  return first?.kind === 'text' && first.text.text.includes('@')
    ? first.text.text.split('@')[0]
    : undefined;
}

/** The libraries of `@Library('a')`, `@Library(['a', 'b@2'])`, `@Library(value = 'a')`. */
function annotatedLibraries(args: readonly Arg[]): (string | undefined)[] {
  return args.flatMap((arg) => {
    const value = arg.value.kind === 'binary' && arg.value.op === '=' ? arg.value.right : arg.value;
    return value.kind === 'list' ? value.items.map(libraryName) : [libraryName(value)];
  });
}

/** Every name the file defines: methods, their and closures' parameters, variables. */
function definedNames(statements: readonly Statement[]): Set<string> {
  const names = new Set<string>();
  forEachNode(statements, (node) => {
    if (node.kind === 'method') [node.name, ...node.params].forEach((n) => names.add(n));
    else if (node.kind === 'closure') node.params.forEach((n) => names.add(n));
    else if (node.kind === 'declaration') names.add(node.name);
    else if (node.kind === 'binary' && node.op === '=' && node.left.kind === 'name')
      names.add(node.left.name);
  });
  return names;
}

/** How far a typo may be from the name it meant: one edit in a short name, two in a longer. */
const withinReach = (name: string, known: string) =>
  editDistance(name, known) <= (name.length <= 4 ? 1 : 2);

function unknownSteps({ source, file, extraSteps, libraries }: RuleContext) {
  const methods = new Set<string>();
  forEachNode(file.statements, (node) => {
    if (node.kind === 'method') methods.add(node.name);
  });
  const positions = new StepPositions(
    source,
    (name) => methods.has(name) || (CATALOGUE.has(name) && CATALOGUE.get(name)!.kind === undefined),
  );
  positions.statements(file.statements);

  const loaded = [
    ...file.annotations
      .filter((annotation) => /^(?:\w+\.)*Library$/.test(annotation.name))
      .flatMap((annotation) => annotatedLibraries(annotation.args)),
    ...positions.libraries,
  ];
  // A library the settings do not describe may define any name.
  if (loaded.some((name) => name === undefined || libraries[name] === undefined)) return [];

  const callable = [
    ...CATALOGUE.keys(),
    ...extraSteps,
    ...loaded.flatMap((name) => libraries[name!]!),
    ...methods,
  ];
  const known = new Set([...callable, ...definedNames(file.statements), ...GROOVY_METHODS]);
  return positions.calls.flatMap(({ name, call: { callee } }) => {
    if (known.has(name)) return [];
    const suggestion = closest(name, callable);
    if (suggestion === undefined || !withinReach(name, suggestion)) return [];
    return [
      {
        messageId: 'typo' as const,
        start: callee.start,
        end: callee.end,
        data: { name, suggestion },
      },
    ];
  });
}

export const unknownStep = defineRule({
  meta: {
    id: 'unknown-step',
    severity: 'error',
    title: 'A step call whose name no plugin, library or method defines: a likely typo',
    docs: {
      description:
        "A step call no plugin, library or method of the file defines, close to one that is: `shh 'make'` → did you mean `sh`? (Jenkins fails with \"No such DSL method\" when the line runs). Steps of 40 common plugins are known (`src/check/step-catalogue.ts`, read from their sources), with the file's own methods, variables and parameters; a library's `vars/` where `@Library`/`library` loads it. Only bare calls where a step stands are checked; a file that loads a library the settings do not describe is skipped.",
      file: 'Jenkinsfile',
      bad: example`
        node('podman') {
          shh 'make'
        }
      `,
      good: example`
        node('podman') {
          sh 'make'
        }
      `,
    },
    messages: {
      typo: {
        message:
          'unknown step "{{name}}" (did you mean "{{suggestion}}"?): no step, library var or method of this file has that name, so Jenkins fails the build when it reaches this line ("No such DSL method \'{{name}}\' found among steps")',
        fix: 'Write "{{suggestion}}"; if "{{name}}" is a step of a plugin or library this check does not know, add it under steps (or its library\'s vars/ under libraries) in .jenkins-multiarch-check.yaml',
      },
    },
  },
  check: unknownSteps,
});
