import type { Arg, Expr, GroovyFile, Statement } from './groovy-parser.js';
import { concatText, sliceText, spreadText, unknownText, type MappedText } from './source.js';
import { parseShell, type Assignment, type ShellScript, type Word } from './shell.js';

/**
 * What a Jenkinsfile does, as the rules need it: every script step with the full text its shell
 * will run (literals, top-level variables and concatenations resolved), the secrets and
 * environment in force around it, and the strings and named arguments elsewhere.
 */

export type CallExpr = Extract<Expr, { kind: 'call' }>;
export type StringExpr = Extract<Expr, { kind: 'string' }>;

/** A Groovy value interpolated into a script: `${PASS}` in `sh "… ${PASS}"`. */
export interface Interpolation {
  readonly value: Expr;
  readonly start: number;
  readonly end: number;
}

export interface Scope {
  /** Variables holding secrets: bound by withCredentials or `credentials()`, password parameters. */
  readonly secrets: ReadonlySet<string>;
  /**
   * Of those, the ones credentials-binding bound, whose values Jenkins masks in the log:
   * BindingStep installs a console log filter over every secret value it bound
   * (credentials-binding-plugin BindingStep.Filter -> SecretPatterns.MaskingOutputStream).
   */
  readonly masked: ReadonlySet<string>;
  /**
   * Variables holding the path of a secret file that withCredentials wrote: file()'s variable,
   * sshUserPrivateKey's keyFileVariable, certificate's keystoreVariable. The path is no secret,
   * but credentials-binding binds it as one (FileBinding via AbstractOnDiskBinding.bindSingle,
   * SSHUserPrivateKeyBinding and CertificateMultiBinding put it among their secret values).
   */
  readonly secretFiles: ReadonlySet<string>;
  /** Environment entries from withEnv, `environment {}` and `env.X = …`, by name. */
  readonly env: ReadonlyMap<string, MappedText>;
}

export interface ScriptStep {
  /**
   * sh, bat, powershell or pwsh; or the docker-workflow call whose command line is read as one:
   * `docker.build` (which runs sh), or `withDockerContainer` for `docker.image(…).inside(args)`.
   */
  readonly step: string;
  readonly call: CallExpr;
  readonly script: MappedText;
  readonly interpolations: readonly Interpolation[];
  /** For sh steps: the script as the shell reads it; undefined without the shell parser. */
  readonly shell?: ShellScript;
  readonly scope: Scope;
}

/** What a Groovy file runs and says, as the rules read it (not the model's Pipeline, a config). */
export interface PipelineAnalysis {
  readonly steps: readonly ScriptStep[];
  /** String literals that are not part of a script: pod YAML, agent args, withEnv entries. */
  readonly otherStrings: readonly StringExpr[];
  /** Every named argument and map entry, e.g. `privileged: true`. */
  readonly namedArgs: readonly Arg[];
  /** The agent labels the file names, as written: `label 'arm64'`, `node('podman && arm64')`. */
  readonly agentLabels: readonly string[];
}

const SCRIPT_STEPS = new Set(['sh', 'bat', 'powershell', 'pwsh']);
/**
 * The step `docker.image(…).inside(args)` runs: it starts `docker run` itself, not through sh, so
 * nothing traces its command line, and its args are among the other strings as a docker agent's are.
 */
export const DOCKER_CONTAINER_STEP = 'withDockerContainer';
/** Receivers of a step call in shared-library classes: `steps.sh …`, `script.sh …`. */
const STEP_RECEIVERS = new Set(['steps', 'script']);
/** String methods that leave the text a shell sees unchanged for our purposes. */
const TEXT_METHODS = new Set(['stripIndent', 'trim', 'stripMargin', 'toString']);
/** withCredentials keys whose variable holds a user name or an alias, not the secret itself. */
const NON_SECRET_KEYS = new Set(['usernameVariable', 'aliasVariable', 'accessKeyVariable']);
/**
 * withCredentials keys whose variable holds the path of a file with the secret in it
 * (credentials-binding SSHUserPrivateKeyBinding.keyFileVariable,
 * CertificateMultiBinding.keystoreVariable); file()'s and zip()'s `variable` hold one too.
 */
const FILE_KEYS = new Set(['keyFileVariable', 'keystoreVariable']);
const FILE_BINDINGS = new Set(['file', 'zip']);

/** `env.*PASSWORD*`-like names: secrets by convention even when nothing here binds them. */
function looksSecret(name: string): boolean {
  return /PASSWORD|PASSWD|SECRET|TOKEN|PASSPHRASE|PRIVATE_?KEY|API_?KEY|(?:^|_)(?:PASS|PSW)(?:_|$)/i.test(
    name,
  );
}

/**
 * Whether a step is a Jenkins script step, which Jenkins checks for interpolated secrets; a
 * docker-workflow call gets its arguments as plain Strings (Docker.groovy), so nothing warns.
 */
export function isScriptStep(step: ScriptStep): boolean {
  return SCRIPT_STEPS.has(step.step);
}

export function isSecret(name: string, scope: Scope): boolean {
  return scope.secrets.has(name) || looksSecret(name);
}

/** The literal value of an expression that is a plain string with no interpolation. */
export function literalString(expr: Expr | undefined): string | undefined {
  if (expr?.kind !== 'string' || expr.values.length > 0) return undefined;
  return expr.literal.parts.map((part) => (part.kind === 'text' ? part.text.text : '')).join('');
}

export function calleeName(call: CallExpr): string | undefined {
  const { callee } = call;
  if (callee.kind === 'name') return callee.name;
  if (callee.kind === 'property') return callee.name;
  return undefined;
}

function children(node: Expr | Statement): (Expr | Statement)[] {
  switch (node.kind) {
    case 'string':
      return [...node.values];
    case 'property':
      return [node.object];
    case 'index':
      return [node.object, ...node.index];
    case 'call':
      return [node.callee, ...node.args.map((arg) => arg.value), ...node.closures];
    case 'binary':
      return [node.left, node.right];
    case 'list':
      return [...node.items];
    case 'map':
      return node.entries.map((entry) => entry.value);
    case 'closure':
    case 'method':
      return [...node.body];
    case 'other':
      return [...node.children];
    case 'expression':
      return [node.expr];
    case 'declaration':
      return node.init ? [node.init] : [];
    case 'compound':
      return [...node.exprs, ...node.blocks.flat()];
    default:
      return [];
  }
}

export function forEachNode(
  nodes: readonly (Expr | Statement)[],
  visit: (node: Expr | Statement) => void,
) {
  for (const node of nodes) {
    visit(node);
    forEachNode(children(node), visit);
  }
}

interface Declaration {
  readonly start: number;
  readonly init: Expr;
}

class Analyzer {
  private readonly declarations = new Map<string, Declaration[]>();
  private readonly steps: ScriptStep[] = [];
  private readonly strings: StringExpr[] = [];
  private readonly scriptStrings = new Set<Expr>();
  private readonly namedArgs: Arg[] = [];
  private readonly agentLabels: string[] = [];

  run(file: GroovyFile): PipelineAnalysis {
    const secrets = new Set<string>();
    const env = new Map<string, MappedText>();
    forEachNode(file.statements, (node) => {
      if (node.kind === 'declaration' && node.init) this.declare(node.name, node.start, node.init);
      if (node.kind === 'binary' && node.op === '=') {
        if (node.left.kind === 'name') this.declare(node.left.name, node.start, node.right);
        // `env.X = …` in a script block holds for the rest of the build.
        if (node.left.kind === 'property' && isName(node.left.object, 'env'))
          env.set(node.left.name, this.text(node.right));
      }
      if (node.kind === 'call' && calleeName(node) === 'password') {
        const name = literalString(node.args.find((arg) => arg.name === 'name')?.value);
        if (name) secrets.add(name);
      }
    });
    this.block(file.statements, { secrets, masked: new Set(), secretFiles: new Set(), env });
    return {
      steps: this.steps,
      otherStrings: this.strings.filter((s) => !this.scriptStrings.has(s)),
      namedArgs: this.namedArgs,
      agentLabels: this.agentLabels,
    };
  }

  private declare(name: string, start: number, init: Expr): void {
    const list = this.declarations.get(name) ?? [];
    list.push({ start, init });
    this.declarations.set(name, list);
  }

  /** The declaration a use most likely sees: the last one before it, else the first after. */
  private declarationOf(name: string, at: number): Declaration | undefined {
    const list = this.declarations.get(name);
    return list?.filter((d) => d.start < at).at(-1) ?? list?.[0];
  }

  /**
   * The text an expression evaluates to, with values unknown before run time as stand-ins.
   * Strings used on the way are recorded in `used`, interpolations in `interpolations`.
   */
  private text(
    expr: Expr,
    interpolations: Interpolation[] = [],
    used?: Set<Expr>,
    seen: ReadonlySet<string> = new Set(),
  ): MappedText {
    switch (expr.kind) {
      case 'string': {
        used?.add(expr);
        let value = 0;
        return concatText(
          expr.literal.parts.map((part) => {
            if (part.kind === 'text') return part.text;
            interpolations.push({ value: expr.values[value++]!, start: part.start, end: part.end });
            return unknownText(part.start, part.end);
          }),
        );
      }
      case 'name': {
        const declaration = this.declarationOf(expr.name, expr.start);
        if (declaration && !seen.has(expr.name))
          return this.text(declaration.init, interpolations, used, new Set([...seen, expr.name]));
        break;
      }
      case 'binary':
        if (expr.op === '+')
          return concatText([
            this.text(expr.left, interpolations, used, seen),
            this.text(expr.right, interpolations, used, seen),
          ]);
        break;
      case 'call':
        if (
          expr.callee.kind === 'property' &&
          TEXT_METHODS.has(expr.callee.name) &&
          expr.args.length === 0
        )
          return this.text(expr.callee.object, interpolations, used, seen);
        break;
    }
    return unknownText(expr.start, expr.end);
  }

  /** The items of a list literal, or of the list a variable was declared with. */
  private listItems(expr: Expr | undefined): readonly Expr[] {
    if (expr?.kind === 'list') return expr.items;
    if (expr?.kind === 'name') {
      const init = this.declarationOf(expr.name, expr.start)?.init;
      if (init?.kind === 'list') return init.items;
    }
    return [];
  }

  private block(statements: readonly Statement[], outer: Scope): void {
    // Declarative `environment { … }` holds for the block it stands in (pipeline or stage).
    let scope = outer;
    for (const statement of statements) {
      if (statement.kind !== 'expression' || statement.expr.kind !== 'call') continue;
      const call = statement.expr;
      if (calleeName(call) !== 'environment') continue;
      for (const entry of call.closures.flatMap((closure) => closure.body)) {
        if (entry.kind !== 'expression' || entry.expr.kind !== 'binary') continue;
        const { left, right } = entry.expr;
        if (left.kind !== 'name') continue;
        scope =
          right.kind === 'call' && calleeName(right) === 'credentials'
            ? withSecrets(scope, [left.name, `${left.name}_PSW`], [])
            : withEnv(scope, [[left.name, this.text(right)]]);
      }
    }
    for (const statement of statements) this.visit(statement, scope);
  }

  /**
   * A call's closures are blocks (block() reads their `environment {}`); any other node's children
   * are visited in the scope around it: `environment {}` is a section of pipeline and stage only.
   */
  private visit(node: Expr | Statement, scope: Scope): void {
    switch (node.kind) {
      case 'call':
        return this.call(node, scope);
      case 'string':
        this.strings.push(node);
        break;
      case 'map':
        this.namedArgs.push(...node.entries.filter((entry) => entry.name !== undefined));
        break;
    }
    for (const child of children(node)) this.visit(child, scope);
  }

  private call(call: CallExpr, scope: Scope): void {
    const name = calleeName(call);
    this.visit(call.callee, scope);
    for (const arg of call.args) {
      if (arg.name !== undefined) this.namedArgs.push(arg);
      this.visit(arg.value, scope);
    }
    if (name !== undefined && SCRIPT_STEPS.has(name) && isStepCallee(call))
      this.step(call, name, scope);
    if (name === 'label' || name === 'node') {
      const label = literalString(call.args.find((a) => !a.name || a.name === 'label')?.value);
      if (label !== undefined) this.agentLabels.push(label);
    }
    this.dockerWorkflow(call, scope);
    let inner = scope;
    if (name === 'withCredentials') {
      const { secrets, files } = this.credentialVariables(call);
      inner = withSecrets(scope, secrets, files);
    }
    if (name === 'withEnv') inner = withEnv(scope, this.envEntries(call.args[0]?.value));
    for (const closure of call.closures) this.block(closure.body, inner);
  }

  private step(call: CallExpr, step: string, scope: Scope): void {
    const arg = call.args.find((a) => a.name === 'script') ?? call.args.find((a) => !a.name);
    if (arg === undefined) return;
    const interpolations: Interpolation[] = [];
    const script = this.text(arg.value, interpolations, this.scriptStrings);
    this.addStep(call, step, script, interpolations, scope, step === 'sh');
  }

  private addStep(
    call: CallExpr,
    step: string,
    script: MappedText,
    interpolations: readonly Interpolation[],
    scope: Scope,
    isShell: boolean,
  ): void {
    const shell = isShell ? parseShell(script) : undefined;
    this.steps.push({ step, call, script, interpolations, ...(shell ? { shell } : {}), scope });
  }

  /**
   * docker-workflow's global `docker` turns its string arguments into command lines
   * (docker-workflow-plugin Docker.groovy): `docker.build(image, args = '.')` runs
   * sh 'docker build -t "$JD_IMAGE" ' + args, with JD_IMAGE set to the image by withEnv;
   * `docker.image(…).inside(args)` hands args to withDockerContainer, which adds them, split into
   * words, to its `docker run` (DockerClient.run). Both become steps whose script is that line.
   */
  private dockerWorkflow(call: CallExpr, scope: Scope): void {
    const { callee } = call;
    if (callee.kind !== 'property') return;
    const [first, second] = call.args.filter((arg) => arg.name === undefined);
    const interpolations: Interpolation[] = [];
    const at = (line: string) => spreadText(line, callee.end - callee.name.length, callee.end);
    if (callee.name === 'build' && isName(callee.object, 'docker') && first) {
      const args = second
        ? this.text(second.value, interpolations, this.scriptStrings)
        : spreadText('.', call.end, call.end);
      const script = concatText([at('docker build -t "$JD_IMAGE" '), args]);
      const env = withEnv(scope, [['JD_IMAGE', this.text(first.value)]]);
      this.addStep(call, 'docker.build', script, interpolations, env, true);
    }
    if (callee.name === 'inside' && this.isDockerImage(callee.object) && first) {
      const script = concatText([at('docker run '), this.text(first.value, interpolations)]);
      this.addStep(call, DOCKER_CONTAINER_STEP, script, interpolations, scope, true);
    }
  }

  /** `docker.image(…)`, `docker.build(…)`, or a variable declared as one. */
  private isDockerImage(expr: Expr, depth = 0): boolean {
    if (expr.kind === 'name') {
      const init = this.declarationOf(expr.name, expr.start)?.init;
      return init !== undefined && depth < 8 && this.isDockerImage(init, depth + 1);
    }
    return (
      expr.kind === 'call' &&
      expr.callee.kind === 'property' &&
      ['image', 'build'].includes(expr.callee.name) &&
      isName(expr.callee.object, 'docker')
    );
  }

  /** The variables a withCredentials binds: those holding secrets, and those holding paths. */
  private credentialVariables(call: CallExpr): { secrets: string[]; files: string[] } {
    const secrets: string[] = [];
    const files: string[] = [];
    for (const binding of this.listItems(call.args[0]?.value)) {
      const entries =
        binding.kind === 'call' ? binding.args : binding.kind === 'map' ? binding.entries : [];
      // file(credentialsId, variable) binds the path of a file, not its content.
      const isFile =
        (binding.kind === 'call' && FILE_BINDINGS.has(calleeName(binding) ?? '')) ||
        /File/.test(literalString(entries.find((e) => e.name === '$class')?.value) ?? '');
      for (const { name, value } of entries) {
        if (name === undefined || !/[vV]ariable$/.test(name) || NON_SECRET_KEYS.has(name)) continue;
        const variable = literalString(value);
        if (variable === undefined) continue;
        if (FILE_KEYS.has(name) || (name === 'variable' && isFile)) files.push(variable);
        else secrets.push(variable);
      }
    }
    return { secrets, files };
  }

  /** `['NAME=value', …]` as name and value text, for withEnv. */
  private envEntries(list: Expr | undefined): [string, MappedText][] {
    return this.listItems(list).flatMap((item): [string, MappedText][] => {
      const text = this.text(item);
      const equals = text.text.indexOf('=');
      if (equals <= 0 || text.unknown.some((range) => range.start < equals)) return [];
      return [[text.text.slice(0, equals), sliceText(text, equals + 1)]];
    });
  }
}

function isName(expr: Expr, name: string): boolean {
  return expr.kind === 'name' && expr.name === name;
}

/** A call a step may be: `sh …`, `this.sh …`, or through the DSL object, `steps.sh …`. */
export function isStepCallee(call: CallExpr): boolean {
  const { callee } = call;
  if (callee.kind === 'name') return true;
  if (callee.kind !== 'property') return false;
  const { object } = callee;
  // The parser reads `this` as a literal, like `true` and `null`.
  return object.kind === 'name'
    ? STEP_RECEIVERS.has(object.name)
    : object.kind === 'literal' && object.text === 'this';
}

/** A scope with variables credentials-binding bound: secrets it masks, and secret files' paths. */
function withSecrets(scope: Scope, names: readonly string[], files: readonly string[]): Scope {
  return {
    ...scope,
    secrets: new Set([...scope.secrets, ...names]),
    masked: new Set([...scope.masked, ...names]),
    secretFiles: new Set([...scope.secretFiles, ...files]),
  };
}

function withEnv(scope: Scope, entries: readonly [string, MappedText][]): Scope {
  return { ...scope, env: new Map([...scope.env, ...entries]) };
}

export function analysePipeline(file: GroovyFile): PipelineAnalysis {
  return new Analyzer().run(file);
}

/**
 * The variable a word is when it is nothing else, a lone `$X` / `"${X}"`, with the assignments of
 * it the step's script makes before the word, in order.
 */
export function loneVariable(
  step: ScriptStep,
  word: Word,
): { name: string; setBefore: readonly Assignment[] } | undefined {
  const only = word.parts.length === 1 ? word.parts[0] : undefined;
  if (only?.kind !== 'variable' || !only.plain) return undefined;
  // The word is one of the step's shell words, so the step has a shell script.
  const setBefore = step.shell!.assignments.get(only.name)?.filter((a) => a.start < word.start);
  return { name: only.name, setBefore: setBefore ?? [] };
}

/**
 * The value of a shell word when it is known before run time: a literal, or a lone `$X` /
 * `"${X}"` whose X was assigned a known value earlier in the same script or comes from the
 * step's environment.
 */
export function wordValue(step: ScriptStep, word: Word, depth = 0): MappedText | undefined {
  if (word.literal) return word.literal;
  const variable = loneVariable(step, word);
  if (variable === undefined || depth > 8) return undefined;
  const assignment = variable.setBefore.at(-1);
  if (assignment) return assignment.value && wordValue(step, assignment.value, depth + 1);
  return step.scope.env.get(variable.name);
}
