import type { Pipeline } from './pipeline.js';

/**
 * The environment of the shell steps (resources/jenkins-multiarch/*.sh): the whole interface
 * between a config and the scripts, as data. Two interpreters read it: the shared library's runtime
 * (stepEnvironment in vars/multiarchRuntime.groovy, from model.json, where `jenkins-multiarch
 * library` writes it; a standalone Jenkinsfile carries it too) for every shell step of a build,
 * and stepEnvironment below, for `doctor` to run the same scripts with the same environment.
 *
 * Each entry is one variable (or, `numbered`, one family of them), in the order both give them:
 * - name: the variable; for `numbered`, the prefix of its names.
 * - path: where its value is in the config, key by key. A value that is not there (a section a
 *   step was not given, an optional field left out) gives no variable.
 * - form, what the value becomes:
 *   - text: a string, number or boolean, as text (true -> "true", 45 -> "45").
 *   - joined: a list's items, or each item's `field` when set, joined with `separator`; with
 *     `where`, only the items whose fields have those values. An empty result is still set, empty
 *     (withEnv then unsets the variable: EnvStepTest in workflow-basic-steps).
 *   - rules: a list of fixed values and rules, joined with `separator`: a string as itself, a rule
 *     (a mapping) as `@` and its `rule` field, then `:` and the first of its `arguments` fields it
 *     has, if any. No fixed value starts with @ (the grammar of tags forbids it).
 *   - pairs: a list's items that have a `field`, each as KEY=FIELD (its `key` field, `=`, its
 *     `field`), joined with `separator`.
 *   - items: a list, one variable per item, NAME1=item, NAME2=…: an item may hold spaces.
 *   - numbered: a map, one variable per entry, NAME1=key=value, NAME2=…, in the map's order: keys
 *     such as label keys have dots, which variable names cannot.
 *   - constant: `value`, whenever the path has a value.
 * A new variable is one more line below; a new form needs both interpreters (and the test of
 * both, test/step-environment.test.ts).
 */
export type StepVariable = { readonly name: string; readonly path: readonly string[] } & (
  | { readonly form: 'text' }
  | {
      readonly form: 'joined';
      readonly separator: string;
      readonly field?: string;
      readonly where?: Readonly<Record<string, string | boolean>>;
    }
  | {
      readonly form: 'rules';
      readonly separator: string;
      readonly rule: string;
      readonly arguments: readonly string[];
    }
  | {
      readonly form: 'pairs';
      readonly separator: string;
      readonly key: string;
      readonly field: string;
    }
  | { readonly form: 'items' }
  | { readonly form: 'numbered' }
  | { readonly form: 'constant'; readonly value: string }
);

// prettier-ignore
export const STEP_ENVIRONMENT: readonly StepVariable[] = [
  { name: 'MULTIARCH_REGISTRIES', path: ['registries'], form: 'joined', separator: ' ', field: 'host' },
  { name: 'MULTIARCH_INSECURE_REGISTRIES', path: ['registries'], form: 'joined', separator: ' ', field: 'host', where: { tlsVerify: false } },
  // For the messages of login and preflight: the model's registryHost and credentialsId grammars
  // allow neither = nor a space.
  { name: 'MULTIARCH_REGISTRY_CREDENTIALS', path: ['registries'], form: 'pairs', separator: ' ', key: 'host', field: 'credentialsId' },
  { name: 'MULTIARCH_IMAGE', path: ['image', 'name'], form: 'text' },
  { name: 'MULTIARCH_TAGS', path: ['image', 'tags'], form: 'rules', separator: ' ', rule: 'from', arguments: ['pattern', 'branch'] },
  { name: 'MULTIARCH_LABEL_', path: ['image', 'labels'], form: 'numbered' },
  { name: 'MULTIARCH_PLATFORMS', path: ['platforms'], form: 'joined', separator: ',' },
  // The pod's own skopeo container (resources/jenkins-multiarch/pod.yaml), where Verify runs.
  { name: 'MULTIARCH_VERIFY_CONTAINER', path: ['agent', 'kubernetes'], form: 'constant', value: 'skopeo' },
  { name: 'MULTIARCH_DOCKERFILE', path: ['build', 'dockerfile'], form: 'text' },
  { name: 'MULTIARCH_CONTEXT', path: ['build', 'context'], form: 'text' },
  { name: 'MULTIARCH_BUILD_ARG_', path: ['build', 'args'], form: 'numbered' },
  { name: 'MULTIARCH_TARGET', path: ['build', 'target'], form: 'text' },
  { name: 'MULTIARCH_PULL', path: ['build', 'pull'], form: 'text' },
  { name: 'MULTIARCH_NO_CACHE', path: ['build', 'noCache'], form: 'text' },
  { name: 'MULTIARCH_TIMEOUT_MINUTES', path: ['build', 'timeoutMinutes'], form: 'text' },
  { name: 'MULTIARCH_EXTRA_ARGS', path: ['build', 'extraArgs'], form: 'joined', separator: ' ' },
  { name: 'MULTIARCH_CACHE', path: ['build', 'cache'], form: 'text' },
  { name: 'BUILDAH_ISOLATION', path: ['build', 'isolation'], form: 'text' },
  { name: 'MULTIARCH_PUSH_RETRIES', path: ['push', 'retries'], form: 'text' },
  { name: 'MULTIARCH_PUSH_TIMEOUT_SECONDS', path: ['push', 'timeoutSeconds'], form: 'text' },
  { name: 'MULTIARCH_SMOKE_COMMAND_', path: ['smoke', 'command'], form: 'items' },
  // The model's imageReference grammar allows neither = nor a space.
  { name: 'MULTIARCH_MIRROR_IMAGES', path: ['mirror', 'images'], form: 'pairs', separator: ' ', key: 'source', field: 'destination' },
  { name: 'MULTIARCH_MIRROR_PLATFORMS', path: ['mirror', 'platforms'], form: 'joined', separator: ',' },
  { name: 'MULTIARCH_MIRROR_FORMAT', path: ['mirror', 'format'], form: 'text' },
];

/** A validated pipeline, or the sections of one that a library step takes. */
export type StepConfig = Partial<Pipeline>;

type Item = Readonly<Record<string, unknown>>;

/**
 * The step environment of a config, [name, value] in order, as the runtime gives every shell step
 * (before the values a step adds itself, such as a parallel branch's platforms).
 */
export function stepEnvironment(config: StepConfig): Array<[string, string]> {
  const environment: Array<[string, string]> = [];
  for (const variable of STEP_ENVIRONMENT) {
    const value = variable.path.reduce<unknown>(
      (parent, key) => (isItem(parent) ? parent[key] : undefined),
      config,
    );
    if (value === undefined || value === null) continue;
    switch (variable.form) {
      case 'text':
        environment.push([variable.name, String(value)]);
        break;
      case 'joined': {
        const { field, where = {} } = variable;
        const items = (value as readonly unknown[]).filter((item) =>
          Object.entries(where).every(([key, wanted]) => (item as Item)[key] === wanted),
        );
        const texts = items.map((item) => (field === undefined ? item : (item as Item)[field]));
        environment.push([variable.name, texts.join(variable.separator)]);
        break;
      }
      case 'rules': {
        const texts = (value as readonly (string | Item)[]).map((item) => {
          if (typeof item === 'string') return item;
          const argument = variable.arguments
            .map((name) => item[name])
            .find((given) => given !== undefined && given !== null);
          return `@${item[variable.rule]}${argument === undefined ? '' : `:${argument}`}`;
        });
        environment.push([variable.name, texts.join(variable.separator)]);
        break;
      }
      case 'pairs': {
        const { key, field } = variable;
        const items = (value as readonly Item[]).filter(
          (item) => item[field] !== undefined && item[field] !== null,
        );
        const texts = items.map((item) => `${item[key]}=${item[field]}`);
        environment.push([variable.name, texts.join(variable.separator)]);
        break;
      }
      case 'items':
        (value as readonly unknown[]).forEach((item, index) =>
          environment.push([`${variable.name}${index + 1}`, String(item)]),
        );
        break;
      case 'numbered':
        Object.entries(value as Item).forEach(([key, entry], index) =>
          environment.push([`${variable.name}${index + 1}`, `${key}=${entry}`]),
        );
        break;
      case 'constant':
        environment.push([variable.name, variable.value]);
        break;
    }
  }
  return environment;
}

const isItem = (value: unknown): value is Item =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
