import Handlebars from 'handlebars';
import { GRAMMARS } from '../model/grammar.js';
import { MESSAGES, QUOTE_LIMIT } from '../model/messages.js';
import { validatePipeline, type Pipeline, type PipelineConfig } from '../model/pipeline.js';
import { PLATFORM_ALIASES, PLATFORM_NAMES } from '../model/platform.js';
import { LITERAL_LIMITS, mayBeLeftOut, PIPELINE_SPEC, type FieldSpec } from '../model/spec.js';
import { STEP_ENVIRONMENT } from '../model/step-environment.js';
import { groovyCall } from './groovy.js';

/**
 * The Jenkins shared library that `jenkins-multiarch library` writes (this repository is one):
 * the hand-written steps (vars/*.groovy) and files of the runtime (resources/jenkins-multiarch/)
 * as the package has them, and what is generated from the model: resources/jenkins-multiarch/
 * model.json, which the steps check their arguments with, and the help pages vars/*.txt.
 */

type Section = keyof typeof PIPELINE_SPEC.fields;

export interface LibraryStep {
  readonly summary: string;
  /** The config sections the step takes, in this order. */
  readonly fields: readonly Section[];
  /**
   * Of those, the sections a config may leave out (the build ignores them) but this step cannot
   * do without: its arguments must give them.
   */
  readonly requires?: readonly Section[];
}

/** The steps users call; vars/<name>.groovy must exist for each (a test checks). */
export const LIBRARY_STEPS = {
  multiarchPipeline: {
    summary:
      'The whole build (Clone, Preflight, Build, Push, Verify with its smoke run of every platform, Cleanup) from the fields of a jenkins-multiarch.yaml, on the agent it names.',
    // Every field of a jenkins-multiarch.yaml; `library` is there so that the two are checked
    // alike, and says nothing to the step.
    fields: Object.keys(PIPELINE_SPEC.fields) as Section[],
  },
  multiarchPreflight: {
    summary:
      'Logs in to the registries, then checks podman, skopeo, rootless storage (subordinate ids, /dev/fuse, BUILDAH_ISOLATION), QEMU for every foreign platform, that each registry answers with TLS as configured and accepts the login, and that every base image of the Dockerfile (read from its registry, not pulled) has every platform; one OK, WARNING or ERROR line per check, each ERROR with its fix. Call it after the checkout.',
    fields: ['image', 'platforms', 'build', 'registries'],
  },
  multiarchBuild: {
    summary:
      "Logs in to the registries, computes the tags from git and builds every platform into this build's own local manifest list.",
    fields: ['image', 'platforms', 'build', 'registries'],
  },
  multiarchPush: {
    summary:
      'Pushes the manifest list built by multiarchBuild, with every image in it, to each tag in each registry.',
    fields: ['image', 'registries', 'push'],
  },
  multiarchVerify: {
    summary:
      "Reads each pushed tag's index back and fails unless it lists exactly the requested platforms, each once; then, unless smoke.enabled is false, runs the pushed index on each platform this agent can run (natively or under QEMU) and fails unless each runs its own architecture.",
    fields: ['image', 'platforms', 'registries', 'smoke'],
  },
  multiarchCleanup: {
    summary:
      'Removes the local manifest list and the workspace registry logins; call it in post { always }.',
    fields: [],
  },
  multiarchMirror: {
    summary:
      "Copies base images into registries of your own, for a scheduled job that keeps them fresh: logs in to the registries, then copies each of mirror.images from its source to its destination with skopeo, whole (the index keeps its digest) or with only mirror.platforms (a new index of exactly those, with a digest of its own), verifies that the destination lists those platforms with the source's digests, and removes the logins and this workspace's jenkins-multiarch state, as multiarchCleanup does, whatever happened: so call it in a job of its own, or before a build's steps, not between them. registries gives the credentialsId and tlsVerify of every registry it reads from or writes to, sources and destinations alike; a registry not listed there is read without a login, over TLS. A platform that a source lacks fails the build, naming the platforms it has.",
    fields: ['mirror', 'registries'],
    requires: ['mirror'],
  },
} as const satisfies Record<string, LibraryStep>;

export type LibraryStepName = keyof typeof LIBRARY_STEPS;

/** The help pages of the library's internal steps, which users do not call. */
const INTERNAL_STEPS = {
  multiarchConfig:
    'internal to the multiarch* steps, each of which first calls multiarchConfig.prepare(step, args): it checks the arguments against resources/jenkins-multiarch/model.json (the rules the CLI checks a jenkins-multiarch.yaml with), applies the defaults, fails the build on any problem, and loads the files the step runs. Not for pipelines: call those steps instead.',
  multiarchRuntime:
    'internal to the multiarch* steps: their stages, written once (the standalone Jenkinsfile that `jenkins-multiarch render` writes carries this file). Call those steps instead.',
} as const;

export interface LibraryFiles {
  /** vars/*.groovy of the package, by file name. */
  readonly vars: ReadonlyMap<string, string>;
  /** resources/jenkins-multiarch/ of the package but model.json, by file name. */
  readonly resources: ReadonlyMap<string, string>;
  /** The help page template (HTML). */
  readonly help: string;
}

export interface LibraryContext {
  readonly version: string;
}

/** The pipeline the help pages' examples are taken from. */
const HELP_EXAMPLE: PipelineConfig = {
  agent: { label: 'podman' },
  image: { name: 'acme/hello', tags: ['1.0.0', { from: 'git-sha' }, { from: 'latest' }] },
  platforms: ['linux/amd64', 'linux/arm64', 'linux/mips64le'],
  build: { args: { BASE_IMAGE: 'registry.example.com/mirror/busybox:1.36' }, isolation: 'chroot' },
  registries: [{ host: 'registry.example.com', credentialsId: 'registry-push' }],
};

/**
 * The sections a pipeline ignores, for the examples of the steps that require them only: the base
 * image of HELP_EXAMPLE's build, copied from Docker Hub with the platforms it builds.
 */
const HELP_EXAMPLE_REQUIRED: Partial<PipelineConfig> = {
  mirror: {
    images: [
      {
        source: 'docker.io/library/busybox:1.36',
        destination: 'registry.example.com/mirror/busybox:1.36',
      },
    ],
    platforms: ['linux/amd64', 'linux/arm64', 'linux/mips64le'],
  },
};

function helpExample(step: LibraryStep): Pipeline {
  const required = (step.requires ?? []).map((section) => [
    section,
    HELP_EXAMPLE_REQUIRED[section],
  ]);
  const validation = validatePipeline({ ...HELP_EXAMPLE, ...Object.fromEntries(required) });
  if (!validation.ok)
    throw new Error(`the help example is invalid: ${JSON.stringify(validation.problems)}`);
  return validation.pipeline;
}

/**
 * The spec without its docs. A section's fields are a list of specs with their names, because
 * order matters (problems are reported in it) and the JSON reader the sandbox allows (JsonSlurper)
 * keeps no key order.
 */
function specData(spec: FieldSpec): unknown {
  const { doc: _doc, ...rest } = spec;
  if (rest.kind === 'section')
    return {
      ...rest,
      fields: Object.entries(rest.fields).map(([name, field]) => ({
        name,
        ...(specData(field) as object),
      })),
    };
  if (rest.kind === 'list') return { ...rest, item: specData(rest.item) };
  if (rest.kind === 'map') return { ...rest, value: specData(rest.value) };
  if (rest.kind === 'either')
    return { ...rest, text: specData(rest.text), section: specData(rest.section) };
  return rest;
}

interface HelpField {
  path: string;
  type: string;
  requirement: string;
  doc: string;
}

function typeName(spec: FieldSpec): string {
  switch (spec.kind) {
    case 'text':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'integer':
      return `whole number from ${spec.min} to ${spec.max}`;
    case 'either':
      return 'string or map';
    case 'choice':
      return `one of ${spec.values.join(', ')}`;
    case 'platform':
      return 'platform';
    case 'list':
      // The entries' kind, plural: 'string or map' -> 'strings or maps'.
      return `non-empty list of ${spec.repeatable ? '' : 'distinct '}${typeName(spec.item)
        .split(' or ')
        .map((kind) => `${kind}s`)
        .join(' or ')}`;
    case 'map':
      return `map of name to ${typeName(spec.value)}`;
    case 'section':
      return 'map';
  }
}

function requirement(spec: FieldSpec): string {
  if ('default' in spec && spec.default !== undefined)
    return `default ${JSON.stringify(spec.default)}`;
  if (spec.nullable) return 'required, null for none';
  if (mayBeLeftOut(spec)) return 'optional';
  return 'required';
}

/**
 * The sections a step takes, each as the step checks it: a section it requires is required,
 * whatever a config may do (multiarchConfig.groovy applies `requires` from model.json alike).
 */
function stepSections(step: LibraryStep): [Section, FieldSpec][] {
  return step.fields.map((section) => {
    const spec: FieldSpec = PIPELINE_SPEC.fields[section];
    return [section, step.requires?.includes(section) ? { ...spec, optional: false } : spec];
  });
}

/** Every field of the sections a step takes, depth first, for its help page. */
function helpFields(step: LibraryStep): HelpField[] {
  const walkEntry = (path: string, item: FieldSpec): HelpField[] => {
    const section = item.kind === 'either' ? item.section : item.kind === 'section' ? item : null;
    return section
      ? Object.entries(section.fields).flatMap(([k, v]) => walk(`${path}.${k}`, v))
      : [];
  };
  const walk = (path: string, spec: FieldSpec): HelpField[] => [
    { path, type: typeName(spec), requirement: requirement(spec), doc: spec.doc },
    ...(spec.kind === 'section'
      ? Object.entries(spec.fields).flatMap(([k, v]) => walk(`${path}.${k}`, v))
      : []),
    // The fields of a list's mapping entries, as `registries[].host`.
    ...(spec.kind === 'list' ? walkEntry(`${path}[]`, spec.item) : []),
  ];
  return stepSections(step).flatMap(([section, spec]) => walk(section, spec));
}

/**
 * model.json: the spec without its docs, the grammars and messages, the platforms, the literal
 * limits and each step's sections and those it requires (what vars/multiarchConfig.groovy checks
 * with), the files
 * multiarchConfig.prepare loads for the runtime, and the table of the shell steps' environment
 * (what vars/multiarchRuntime.groovy gives them).
 */
function libraryModel(resources: Iterable<string>, context: LibraryContext): string {
  const model = {
    $comment: `Generated by jenkins-multiarch ${context.version} (\`jenkins-multiarch library\`) from its model (src/model); edit the model, not this file.`,
    spec: specData(PIPELINE_SPEC),
    grammars: GRAMMARS,
    messages: MESSAGES,
    platforms: PLATFORM_NAMES,
    platformAliases: PLATFORM_ALIASES,
    literalLimits: LITERAL_LIMITS,
    quoteLimit: QUOTE_LIMIT,
    steps: Object.fromEntries(
      Object.entries(LIBRARY_STEPS).map(([name, step]: [string, LibraryStep]) => [
        name,
        { fields: step.fields, requires: step.requires ?? [] },
      ]),
    ),
    resources: [...resources],
    stepEnvironment: STEP_ENVIRONMENT,
  };
  return `${JSON.stringify(model, null, 2)}\n`;
}

/** Relative path -> content of every file of the library. */
export function composeLibrary(files: LibraryFiles, context: LibraryContext): Map<string, string> {
  const header = `Generated by jenkins-multiarch ${context.version} (\`jenkins-multiarch library\`) from its pipeline model; edit the model, not this file.`;
  // Help pages are HTML: Handlebars' own escaping is right there.
  const help = Handlebars.create().compile(files.help, { strict: true });
  const out = new Map<string, string>();
  for (const [name, content] of files.vars) out.set(`vars/${name}`, content);
  for (const [name, content] of files.resources)
    out.set(`resources/jenkins-multiarch/${name}`, content);
  out.set('resources/jenkins-multiarch/model.json', libraryModel(files.resources.keys(), context));
  for (const [name, step] of Object.entries(LIBRARY_STEPS) as [string, LibraryStep][]) {
    const example = helpExample(step);
    const exampleArgs = Object.fromEntries(step.fields.map((field) => [field, example[field]]));
    out.set(
      `vars/${name}.txt`,
      help({
        header,
        name,
        summary: step.summary,
        fields: helpFields(step),
        example: groovyCall(name, exampleArgs),
      }),
    );
  }
  for (const [name, summary] of Object.entries(INTERNAL_STEPS))
    out.set(
      `vars/${name}.txt`,
      `<!-- ${header} -->\n<p><strong>${name}</strong>: ${summary}</p>\n`,
    );
  return out;
}
