import type { GrammarName } from './grammar.js';

/**
 * The pipeline model as data. Two interpreters check configs with it: the CLI's (pipeline.ts) and
 * the shared library's (vars/multiarchConfig.groovy, reading it as model.json), so the two accept
 * the same configs and report the same problems in the same words. The JSON Schema for editors is
 * generated from it too (json-schema.ts).
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
  /**
   * May be given only next to this sibling field (when `values` is set: only when the sibling
   * has one of them). A field with a condition has no default, so absent means not given.
   */
  readonly onlyWith?: { readonly field: string; readonly values?: readonly string[] };
}

export type TextSpec = Common & {
  readonly kind: 'text';
  readonly grammar: GrammarName;
  readonly default?: string;
};

export type FieldSpec =
  | TextSpec
  | (Common & { readonly kind: 'boolean'; readonly default?: boolean })
  /** A whole number from min to max. */
  | (Common & {
      readonly kind: 'integer';
      readonly min: number;
      readonly max: number;
      readonly default?: number;
    })
  | (Common & { readonly kind: 'choice'; readonly values: readonly string[] })
  | (Common & { readonly kind: 'platform' })
  /**
   * Non-empty, entries distinct: equal entries are an error, and so are mappings that share the
   * field named by `distinctBy`; with `repeatable`, a sequence whose entries may repeat (a
   * command's words).
   */
  | (Common & {
      readonly kind: 'list';
      readonly item: FieldSpec;
      readonly distinctBy?: string;
      readonly repeatable?: boolean;
    })
  /**
   * Defaults to {}. With `keysIn`, every key must also be an entry of that sibling list field (as
   * native's platforms must be some of platforms).
   */
  | (Common & {
      readonly kind: 'map';
      readonly key: GrammarName;
      readonly value: FieldSpec;
      readonly keysIn?: string;
    })
  /**
   * Unknown fields are errors; with `defaultEmpty`, left out means {} with its defaults; with
   * `exactlyOne`, exactly one of those fields must be given.
   */
  | SectionSpec
  /** A string checked as `text`, or a mapping checked as `section`. */
  | (Common & { readonly kind: 'either'; readonly text: TextSpec; readonly section: SectionSpec });

export type SectionSpec = Common & {
  readonly kind: 'section';
  readonly fields: Readonly<Record<string, FieldSpec>>;
  readonly defaultEmpty?: boolean;
  readonly exactlyOne?: readonly string[];
};

/**
 * Jenkins' CPS compiler refuses a list literal of more than 250 elements and a map literal of more
 * than 125 entries (workflow-cps CpsTransformer, CpsTransformerTest.excessiveListElements and
 * excessiveMapElements). Every list and map of a config becomes such a literal in the Jenkinsfile,
 * so the model refuses more.
 */
export const LITERAL_LIMITS = { list: 250, map: 125 } as const;

export const ISOLATIONS = ['chroot', 'oci', 'rootless'] as const;
export const PULL_POLICIES = ['always', 'missing', 'never', 'newer'] as const;
export const TAG_SOURCES = ['git-sha', 'branch', 'semver', 'latest'] as const;

/** An agent: a label, or a Kubernetes pod made for the build. */
const AGENT = {
  kind: 'section',
  exactlyOne: ['label', 'kubernetes'],
  expected: 'a mapping with label (and container), or with kubernetes',
  doc: 'Where the build runs: agents with a label, or a Kubernetes pod made for this build.',
  fields: {
    label: {
      kind: 'text',
      grammar: 'labelExpression',
      optional: true,
      expected: 'a Jenkins label expression, e.g. "linux && podman"',
      doc: 'Label expression of agents that have podman (and qemu-user-static on the node).',
    },
    container: {
      kind: 'text',
      grammar: 'containerName',
      optional: true,
      onlyWith: { field: 'label' },
      expected: 'a container name in the agent pod, e.g. "podman"',
      doc: 'Run the steps in this container of a pod agent that the label selects.',
    },
    kubernetes: {
      kind: 'section',
      optional: true,
      expected: 'a mapping with image, container, skopeoImage, seLinuxType, cloud and namespace',
      doc: 'Run in a pod made for this build, whose podman container builds rootless and unprivileged.',
      fields: {
        image: {
          kind: 'text',
          grammar: 'imageReference',
          default: 'quay.io/podman/stable:v4.3.1',
          expected: 'the podman image to run, e.g. "quay.io/podman/stable:v4.3.1"',
          doc: 'Image of the podman container; it must have podman and run as uid 1000.',
        },
        container: {
          kind: 'text',
          grammar: 'podContainerName',
          default: 'podman',
          expected: 'a container name, e.g. "podman"',
          doc: 'Name of the podman container in the pod.',
        },
        skopeoImage: {
          kind: 'text',
          grammar: 'imageReference',
          default: 'quay.io/skopeo/stable:v1',
          expected: 'the skopeo image to run, e.g. "quay.io/skopeo/stable:v1"',
          doc: "Image of the pod's skopeo container, in which Verify reads the pushed index back.",
        },
        seLinuxType: {
          kind: 'text',
          grammar: 'seLinuxType',
          optional: true,
          expected: 'an SELinux type that allows nested containers, e.g. "container_engine_t"',
          doc: 'SELinux type of the podman container (seLinuxOptions.type), for SELinux-enforcing nodes such as CRI-O on RHEL, CoreOS or OpenShift.',
        },
        cloud: {
          kind: 'text',
          grammar: 'kubernetesCloud',
          optional: true,
          expected: 'the name of a Kubernetes cloud configured in Jenkins',
          doc: "Jenkins' Kubernetes cloud to start the pod in; left out, the default cloud.",
        },
        namespace: {
          kind: 'text',
          grammar: 'kubernetesName',
          optional: true,
          expected: 'a Kubernetes namespace, e.g. "ci"',
          doc: "Namespace of the pod; left out, the cloud's namespace.",
        },
      },
    },
  },
} as const satisfies SectionSpec;

export const PIPELINE_SPEC = {
  kind: 'section',
  expected: 'a mapping with agent, image, platforms, build and registries',
  doc: 'A multi-architecture image build.',
  fields: {
    library: {
      kind: 'text',
      grammar: 'libraryRef',
      optional: true,
      expected:
        'the shared library as configured in Jenkins, NAME or NAME@VERSION, e.g. "jenkins-multiarch@v1.0.0"',
      doc: 'The shared library the Jenkinsfile loads: `render` then writes a short Jenkinsfile that calls it; left out, a standalone Jenkinsfile that carries the whole runtime. multiarchPipeline itself ignores it.',
    },
    agent: AGENT,
    clone: {
      kind: 'section',
      optional: true,
      expected: 'a mapping with url, branch and credentialsId; omit clone to use `checkout scm`',
      doc: 'The repository to clone; left out, the build checks out the repository of its Jenkinsfile.',
      fields: {
        url: {
          kind: 'text',
          grammar: 'gitUrl',
          expected: 'the git URL to clone',
          doc: 'Git URL, without credentials: name them in credentialsId.',
        },
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
      expected: 'a mapping with name, tags and labels',
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
          expected: 'a list of tags, e.g. ["1.0", {from: git-sha}]',
          doc: 'Tags to push, fixed or computed from git at build time; all point at the same index.',
          item: {
            kind: 'either',
            expected: 'a tag such as "1.0", or a mapping such as {from: git-sha}',
            doc: 'A tag, or a rule that computes tags from git.',
            text: {
              kind: 'text',
              grammar: 'imageTag',
              expected: 'a tag such as "1.0"',
              doc: 'A fixed tag, pushed by every build.',
            },
            section: {
              kind: 'section',
              expected: 'a mapping with from (and pattern or branch)',
              doc: 'Tags computed from git at build time.',
              fields: {
                from: {
                  kind: 'choice',
                  values: TAG_SOURCES,
                  expected: 'one of git-sha, branch, semver, latest',
                  doc: 'git-sha: the short commit; branch: the branch name as a tag; semver: a release tag vX.Y.Z through pattern; latest: "latest" on the default branch or a release tag.',
                },
                pattern: {
                  kind: 'text',
                  grammar: 'semverPattern',
                  optional: true,
                  onlyWith: { field: 'from', values: ['semver'] },
                  expected:
                    'a tag with {{version}}, {{major}}, {{minor}} or {{patch}}, e.g. "{{major}}.{{minor}}"',
                  doc: 'For semver: the tag to make of the release, default "{{version}}"; pre-releases get only patterns with {{version}}.',
                },
                branch: {
                  kind: 'text',
                  grammar: 'gitBranch',
                  optional: true,
                  onlyWith: { field: 'from', values: ['latest'] },
                  expected: 'the default branch, e.g. "main"',
                  doc: 'For latest: the default branch, default "main".',
                },
              },
            },
          },
        },
        labels: {
          kind: 'map',
          key: 'labelKey',
          expected: 'a mapping of label keys to values',
          doc: 'Labels on every image, besides the org.opencontainers.image.* labels from git (a key here wins).',
          value: {
            kind: 'text',
            grammar: 'envText',
            expected: 'the label value as a string (quote numbers and booleans)',
            doc: 'A label value.',
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
    native: {
      kind: 'map',
      key: 'platformName',
      keysIn: 'platforms',
      expected: 'a mapping of platforms to their agents, e.g. {"linux/arm64": {label: arm64}}',
      doc: 'Platforms built natively, each in a parallel branch on an agent of its own architecture, and pushed by digest; every other platform is built under emulation on the default agent.',
      value: {
        ...AGENT,
        expected:
          'the agent that builds this platform natively: a mapping with label (and container), or with kubernetes',
        doc: 'Agents of this architecture: a label, or a pod on a node of it (nodeSelector kubernetes.io/arch).',
      },
    },
    build: {
      kind: 'section',
      defaultEmpty: true,
      expected:
        'a mapping with dockerfile, context, args, target, pull, noCache, timeoutMinutes, extraArgs, cache and isolation',
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
        target: {
          kind: 'text',
          grammar: 'stageName',
          optional: true,
          expected: 'the name of a stage in the Dockerfile (FROM … AS name)',
          doc: 'Build this stage of a multi-stage Dockerfile instead of the last one.',
        },
        pull: {
          kind: 'choice',
          values: PULL_POLICIES,
          optional: true,
          expected: 'one of always, missing, never, newer',
          doc: "When to pull base images (podman build --pull); left out, podman's default.",
        },
        noCache: {
          kind: 'boolean',
          default: false,
          expected: 'true or false (unquoted)',
          doc: 'true to build every layer anew (podman build --no-cache).',
        },
        timeoutMinutes: {
          kind: 'integer',
          min: 1,
          max: 1440,
          optional: true,
          expected: 'a whole number of minutes from 1 to 1440',
          doc: 'Fail the build of all platforms when it takes longer than this.',
        },
        extraArgs: {
          kind: 'list',
          optional: true,
          expected: 'a list of podman build flags, e.g. ["--squash", "--layers=false"]',
          doc: 'More podman build flags, from an allow-list of those that are safe for multi-platform builds.',
          item: {
            kind: 'text',
            grammar: 'podmanBuildFlag',
            expected: 'a podman build flag such as "--squash"',
            doc: 'A flag.',
          },
        },
        cache: {
          kind: 'text',
          grammar: 'cacheRepository',
          optional: true,
          expected:
            'a repository for the layer cache, host[:port]/path, e.g. "harbor.example.com/acme/app-cache"',
          doc: 'A repository that keeps the layer cache in a registry (podman build --layers --cache-to and --cache-from), for agents that start without one, such as pods made per build; its host needs a login in registries if it asks for one.',
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
    registries: {
      kind: 'list',
      distinctBy: 'host',
      expected:
        'a list of registries, e.g. [{host: registry.example.com, credentialsId: registry-push}]',
      doc: 'Where the image is pushed: every tag to every registry (for multiarchMirror, every registry it reads from or writes to).',
      item: {
        kind: 'section',
        expected: 'a mapping with host, credentialsId and tlsVerify',
        doc: 'A registry.',
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
            doc: 'Jenkins "Username with password" credentials to log in with; null for no login.',
          },
          tlsVerify: {
            kind: 'boolean',
            default: true,
            expected: 'true or false (unquoted)',
            doc: 'false for a registry over plain HTTP or with a self-signed certificate (pulls during the build then skip TLS verification too).',
          },
        },
      },
    },
    push: {
      kind: 'section',
      defaultEmpty: true,
      expected: 'a mapping with retries and timeoutSeconds',
      doc: 'How to push.',
      fields: {
        retries: {
          kind: 'integer',
          min: 0,
          max: 10,
          default: 2,
          expected: 'a whole number from 0 to 10',
          doc: 'How often to retry a failed push of a tag, waiting 5, 10, 15… seconds between tries.',
        },
        timeoutSeconds: {
          kind: 'integer',
          min: 10,
          max: 86400,
          default: 1800,
          expected: 'a whole number of seconds from 10 to 86400',
          doc: 'How long one try of pushing a tag may take: a try that takes longer, as against a registry that stops answering, is stopped and counts as failed.',
        },
      },
    },
    smoke: {
      kind: 'section',
      defaultEmpty: true,
      expected: 'a mapping with enabled and command',
      doc: 'After Verify, the pushed index, by its digest, pulled and run once for each platform, without network, on the agent of Verify; a platform that agent runs neither natively nor under QEMU is skipped with a warning.',
      fields: {
        enabled: {
          kind: 'boolean',
          default: true,
          expected: 'true or false (unquoted)',
          doc: 'false to skip the run.',
        },
        command: {
          kind: 'list',
          repeatable: true,
          optional: true,
          expected: 'a list of words, e.g. ["/app", "--version"]',
          doc: "The command to run in each platform's image, one argument per word (no shell), which must exit 0; left out, `uname -m`, which must print the platform's machine name (aarch64 for linux/arm64).",
          item: {
            kind: 'text',
            grammar: 'commandWord',
            expected: 'a word such as "--version"',
            doc: 'A word.',
          },
        },
      },
    },
    mirror: {
      kind: 'section',
      optional: true,
      expected: 'a mapping with images, platforms and format',
      doc: 'Base images that the multiarchMirror step copies into registries of your own, each index whole or with some of its platforms; the pipeline itself ignores this section.',
      fields: {
        images: {
          kind: 'list',
          distinctBy: 'destination',
          expected:
            'a list of images, e.g. [{source: docker.io/library/debian:bookworm, destination: registry.example.com/base/debian:bookworm}]',
          doc: 'What to copy where.',
          item: {
            kind: 'section',
            expected: 'a mapping with source and destination',
            doc: 'An image to copy.',
            fields: {
              source: {
                kind: 'text',
                grammar: 'imageReference',
                expected: 'the image to copy, e.g. "docker.io/library/debian:bookworm"',
                doc: 'The image to copy: an index, or a single image.',
              },
              destination: {
                kind: 'text',
                grammar: 'imageReference',
                expected: 'where to copy it, e.g. "registry.example.com/base/debian:bookworm"',
                doc: 'Where to copy it, tag included.',
              },
            },
          },
        },
        platforms: {
          kind: 'list',
          optional: true,
          expected: 'a list of platforms, e.g. ["linux/amd64", "linux/arm64"]',
          doc: 'The platforms to copy, each of which every source must have; left out, all of them, and each index keeps its digest.',
          item: {
            kind: 'platform',
            expected: 'a platform such as "linux/arm64"',
            doc: 'A platform.',
          },
        },
        format: {
          kind: 'choice',
          values: ['oci', 'v2s2'],
          optional: true,
          expected: 'one of oci, v2s2',
          doc: "The manifest format to write, for registries that take only one; left out, the source's own, digests kept.",
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
