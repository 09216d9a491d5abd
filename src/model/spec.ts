import type { GrammarName } from './grammar.js';

/**
 * The pipeline model as data. Both validators are generated from it: the zod schema
 * (pipeline.ts) and the Groovy checks of the shared library (render/library.ts), so the two
 * accept the same configs and report the same problems in the same words.
 */
interface Common {
  /** What the value should be, for "is required: …" and "expected …, got …". */
  readonly expected: string;
  /** One line for help pages. */
  readonly doc: string;
  /** May be left out (becomes undefined unless there is a default). */
  readonly optional?: boolean;
  /** May be given as null (meaning "none"), but not left out. */
  readonly nullable?: boolean;
}

export type FieldSpec =
  | (Common & { readonly kind: 'text'; readonly grammar: GrammarName; readonly default?: string })
  | (Common & { readonly kind: 'boolean'; readonly default?: boolean })
  | (Common & { readonly kind: 'choice'; readonly values: readonly string[] })
  | (Common & { readonly kind: 'platform' })
  /** Non-empty, entries distinct. */
  | (Common & { readonly kind: 'list'; readonly item: FieldSpec })
  /** Defaults to {}. */
  | (Common & { readonly kind: 'map'; readonly key: GrammarName; readonly value: FieldSpec })
  /** Unknown fields are errors; with `defaultEmpty`, left out means {} with its defaults. */
  | (Common & {
      readonly kind: 'section';
      readonly fields: Readonly<Record<string, FieldSpec>>;
      readonly defaultEmpty?: boolean;
    });

export type SectionSpec = Extract<FieldSpec, { kind: 'section' }>;

export const ISOLATIONS = ['chroot', 'oci', 'rootless'] as const;

export const PIPELINE_SPEC = {
  kind: 'section',
  expected: 'a mapping with agent, image, platforms, build and registry',
  doc: 'A multi-architecture image build.',
  fields: {
    agent: {
      kind: 'section',
      expected: 'a mapping with label (and container for Kubernetes pod agents)',
      doc: 'Where the build runs.',
      fields: {
        label: {
          kind: 'text',
          grammar: 'labelExpression',
          expected: 'a Jenkins label expression, e.g. "linux && podman"',
          doc: 'Label expression of agents that have podman (and qemu-user-static on the node).',
        },
        container: {
          kind: 'text',
          grammar: 'containerName',
          optional: true,
          expected: 'a container name in the agent pod, e.g. "podman"',
          doc: 'Run the steps in this container of a Kubernetes pod agent.',
        },
      },
    },
    clone: {
      kind: 'section',
      optional: true,
      expected: 'a mapping with url, branch and credentialsId; omit clone to use `checkout scm`',
      doc: 'The repository to clone; left out, the build checks out the repository of its Jenkinsfile.',
      fields: {
        url: { kind: 'text', grammar: 'gitUrl', expected: 'the git URL to clone', doc: 'Git URL.' },
        branch: {
          kind: 'text',
          grammar: 'gitBranch',
          default: 'main',
          expected: 'a branch name',
          doc: 'Branch to build.',
        },
        credentialsId: {
          kind: 'text',
          grammar: 'credentialsId',
          optional: true,
          expected: 'the Jenkins credentials id for the git server',
          doc: 'Jenkins credentials for the git server.',
        },
      },
    },
    image: {
      kind: 'section',
      expected: 'a mapping with name and tags',
      doc: 'The image to build.',
      fields: {
        name: {
          kind: 'text',
          grammar: 'imageName',
          expected: 'the repository path, e.g. "acme/app"',
          doc: 'Repository path without registry host or tag.',
        },
        tags: {
          kind: 'list',
          expected: 'a list of tags, e.g. ["1.0", "latest"]',
          doc: 'Tags to push; all point at the same index.',
          item: {
            kind: 'text',
            grammar: 'imageTag',
            expected: 'a tag such as "1.0"',
            doc: 'A tag.',
          },
        },
      },
    },
    platforms: {
      kind: 'list',
      expected: 'a list of platforms, e.g. ["linux/amd64", "linux/arm64"]',
      doc: 'Platforms to build; the base image must offer each of them.',
      item: { kind: 'platform', expected: 'a platform such as "linux/arm64"', doc: 'A platform.' },
    },
    build: {
      kind: 'section',
      defaultEmpty: true,
      expected: 'a mapping with dockerfile, context, args and isolation',
      doc: 'How to build.',
      fields: {
        dockerfile: {
          kind: 'text',
          grammar: 'workspacePath',
          default: 'Dockerfile',
          expected: 'the Dockerfile path',
          doc: 'Dockerfile path, relative to the repository root.',
        },
        context: {
          kind: 'text',
          grammar: 'workspacePath',
          default: '.',
          expected: 'the build context directory',
          doc: 'Build context directory, relative to the repository root.',
        },
        args: {
          kind: 'map',
          key: 'buildArgName',
          expected: 'a mapping of build argument names to values',
          doc: 'Build arguments; any text arrives byte for byte.',
          value: {
            kind: 'text',
            grammar: 'envText',
            expected: 'the build argument value as a string (quote numbers and booleans)',
            doc: 'A build argument value.',
          },
        },
        isolation: {
          kind: 'choice',
          values: ISOLATIONS,
          optional: true,
          expected:
            'one of chroot, oci, rootless (BUILDAH_ISOLATION; "chroot" for unprivileged containers)',
          doc: 'BUILDAH_ISOLATION for the build; unprivileged agents usually need chroot.',
        },
      },
    },
    registry: {
      kind: 'section',
      expected: 'a mapping with host, credentialsId and tlsVerify',
      doc: 'Where the image is pushed.',
      fields: {
        host: {
          kind: 'text',
          grammar: 'registryHost',
          expected: 'the registry host[:port], e.g. "registry.example.com"',
          doc: 'Registry host[:port].',
        },
        credentialsId: {
          kind: 'text',
          grammar: 'credentialsId',
          nullable: true,
          expected:
            'the Jenkins username/password credentials id, or null for a registry that needs no login',
          doc: 'Jenkins "Username with password" credentials to push with; null for no login.',
        },
        tlsVerify: {
          kind: 'boolean',
          default: true,
          expected: 'true or false (unquoted)',
          doc: 'false for a registry over plain HTTP or with a self-signed certificate.',
        },
      },
    },
  },
} as const satisfies SectionSpec;

/**
 * What leaving a field out means, as a config would write it: its default, `{}` for maps and
 * for sections whose fields all have defaults, undefined when nothing is assumed.
 */
export function defaultInput(spec: FieldSpec): unknown {
  if ('default' in spec && spec.default !== undefined) return spec.default;
  if (spec.kind === 'map' || (spec.kind === 'section' && spec.defaultEmpty)) return {};
  return undefined;
}

/** Whether a config may leave the field out: it is optional or has a default. */
export function mayBeLeftOut(spec: FieldSpec): boolean {
  return spec.optional === true || defaultInput(spec) !== undefined;
}
