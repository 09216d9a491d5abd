import Handlebars from 'handlebars';
import { GRAMMARS } from '../model/grammar.js';
import { MESSAGES } from '../model/messages.js';
import { validatePipeline, type Pipeline, type PipelineConfig } from '../model/pipeline.js';
import { PLATFORM_ALIASES, PLATFORM_NAMES } from '../model/platform.js';
import { mayBeLeftOut, PIPELINE_SPEC, type FieldSpec } from '../model/spec.js';
import { groovyCall, groovyLiteral, groovyString } from './groovy.js';
import { SCRIPT_LABELS, SCRIPT_NAMES, type Scripts, type StepScript } from './scripts.js';
import { POD_TEMPLATE } from './pod-template.js';
import { EMULATION, LOGIN_ENVIRONMENT, STEP_ENVIRONMENT } from './step-environment.js';

/**
 * The Jenkins shared library: vars/ steps and their help pages, rendered from the same model as
 * the Jenkinsfile, plus the shell steps they load with libraryResource.
 */

type Section = keyof typeof PIPELINE_SPEC.fields;

interface LibraryStep {
  readonly summary: string;
  /** The config sections the step takes, in this order. */
  readonly fields: readonly Section[];
  /** The shell steps it runs, in order; `login` runs inside withCredentials. */
  readonly scripts: readonly StepScript[];
}

export const LIBRARY_STEPS = {
  multiarchPipeline: {
    summary:
      'The whole pipeline (Preflight, Clone, Build, Push, Verify, cleanup) from the fields of a jenkins-multiarch.yaml.',
    fields: Object.keys(PIPELINE_SPEC.fields) as Section[],
    scripts: [],
  },
  multiarchPreflight: {
    summary: 'Checks that podman works and that QEMU can run every foreign platform on this agent.',
    fields: ['platforms'],
    scripts: ['preflight'],
  },
  multiarchBuild: {
    summary:
      "Logs in to the registries, computes the tags from git and builds every platform into this build's own local manifest list.",
    fields: ['image', 'platforms', 'build', 'registries'],
    scripts: ['login', 'tags', 'build'],
  },
  multiarchPush: {
    summary:
      'Pushes the manifest list built by multiarchBuild, with every image in it, to each tag in each registry.',
    fields: ['image', 'registries', 'push'],
    scripts: ['push'],
  },
  multiarchVerify: {
    summary:
      'Reads each pushed tag back and fails unless it lists exactly the requested platforms, each once.',
    fields: ['image', 'platforms', 'registries'],
    scripts: ['verify'],
  },
  multiarchCleanup: {
    summary:
      'Removes the local manifest list and the workspace registry logins; call it in post { always }.',
    fields: [],
    scripts: ['cleanup'],
  },
} as const satisfies Record<string, LibraryStep>;

export type LibraryStepName = keyof typeof LIBRARY_STEPS;

export interface LibraryTemplates {
  readonly config: string;
  readonly step: string;
  readonly pipeline: string;
  readonly help: string;
  readonly scripts: Scripts;
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

function helpExample(): Pipeline {
  const validation = validatePipeline(HELP_EXAMPLE);
  if (!validation.ok)
    throw new Error(`the help example is invalid: ${JSON.stringify(validation.problems)}`);
  return validation.pipeline;
}

/** The spec without its docs: what the Groovy checks need. */
function specData(spec: FieldSpec): unknown {
  const { doc: _doc, ...rest } = spec;
  if (rest.kind === 'section')
    return {
      ...rest,
      fields: Object.fromEntries(Object.entries(rest.fields).map(([k, v]) => [k, specData(v)])),
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
      return `non-empty list of distinct ${{ platform: 'platforms', section: 'maps', either: 'strings or maps' }[spec.item.kind as string] ?? 'strings'}`;
    case 'map':
      return 'map of name to string';
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

/** Every field of the sections a step takes, depth first, for its help page. */
function helpFields(sections: readonly Section[]): HelpField[] {
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
    ...(spec.kind === 'list' && spec.item.kind !== 'platform'
      ? walkEntry(`${path}[]`, spec.item)
      : []),
  ];
  return sections.flatMap((section) => walk(section, PIPELINE_SPEC.fields[section]));
}

/** Relative path -> content of every file of the library. */
export function renderLibrary(
  templates: LibraryTemplates,
  context: LibraryContext,
): Map<string, string> {
  const header = `Generated by jenkins-multiarch ${context.version} (\`jenkins-multiarch library\`) from its pipeline model; edit the model, not this file.`;
  const groovy = Handlebars.create();
  const compile = (template: string) => groovy.compile(template, { noEscape: true, strict: true });
  // Help pages are HTML: Handlebars' own escaping is right there.
  const help = Handlebars.create().compile(templates.help, { strict: true });
  const files = new Map<string, string>();
  const example = helpExample();

  files.set(
    'vars/multiarchConfig.groovy',
    compile(templates.config)({
      header,
      spec: groovyLiteral(specData(PIPELINE_SPEC)),
      grammars: groovyLiteral(GRAMMARS),
      messages: groovyLiteral(MESSAGES),
      platforms: groovyLiteral(PLATFORM_NAMES),
      platformAliases: groovyLiteral(PLATFORM_ALIASES),
      emulation: groovyLiteral(EMULATION),
      stepEnvironment: groovyLiteral(STEP_ENVIRONMENT),
      loginEnvironment: groovyLiteral(LOGIN_ENVIRONMENT),
      podTemplate: groovyLiteral(POD_TEMPLATE),
      steps: groovyLiteral(
        Object.fromEntries(
          Object.entries(LIBRARY_STEPS).map(([name, s]) => [
            name,
            { fields: s.fields, scripts: s.scripts },
          ]),
        ),
      ),
      labels: groovyLiteral(SCRIPT_LABELS),
    }),
  );
  files.set(
    'vars/multiarchConfig.txt',
    `<!-- ${header} -->\n<p><strong>multiarchConfig</strong>: internal to the multiarch* steps (argument checks and the environment of the shell steps); call those steps instead.</p>\n`,
  );
  for (const [name, step] of Object.entries(LIBRARY_STEPS)) {
    const summary = step.summary;
    const template = name === 'multiarchPipeline' ? templates.pipeline : templates.step;
    files.set(
      `vars/${name}.groovy`,
      compile(template)({ header, summary, name, nameLiteral: groovyString(name) }),
    );
    const exampleArgs = Object.fromEntries(step.fields.map((field) => [field, example[field]]));
    files.set(
      `vars/${name}.txt`,
      help({
        header,
        name,
        summary,
        fields: helpFields(step.fields),
        example: groovyCall(name, exampleArgs),
      }),
    );
  }
  for (const name of SCRIPT_NAMES)
    files.set(`resources/jenkins-multiarch/${name}.sh`, templates.scripts[name]);
  return files;
}
