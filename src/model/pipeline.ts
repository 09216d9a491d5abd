import { z } from 'zod';
import * as grammar from './grammar.js';
import { PLATFORM_NAMES, suggestPlatform } from './platform.js';
import { closest } from './suggest.js';

/**
 * The pipeline model: what a jenkins-multiarch.yaml may say, with defaults applied.
 * Every string is checked against its grammar here, so renderers can trust what they get.
 */

const describe = (input: unknown): string =>
  input === null
    ? 'null'
    : Array.isArray(input)
      ? 'a list'
      : typeof input === 'object'
        ? 'a mapping'
        : JSON.stringify(input);

/** Messages for a value of the wrong shape, naming what was expected and what came. */
const expecting = (expected: string) => (issue: { input?: unknown; code?: string }) =>
  issue.code === 'invalid_type'
    ? issue.input === undefined
      ? `is required: ${expected}`
      : `expected ${expected}, got ${describe(issue.input)}`
    : undefined;

const text = (check: grammar.Check, expected: string) =>
  z.string({ error: expecting(expected) }).superRefine((value, ctx) => {
    const message = check(value);
    if (message) ctx.addIssue({ code: 'custom', message });
  });

/** An object that rejects unknown fields, listing the ones it knows (typos are the usual cause). */
function section<Shape extends z.ZodRawShape>(shape: Shape, expected: string) {
  const known = Object.keys(shape);
  const unknown = (key: string) => {
    const suggestion = closest(key, known);
    return `${JSON.stringify(key)}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`;
  };
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map(unknown).join(', ')}; known fields here: ${known.join(', ')}`
        : expecting(expected)(issue),
  });
}

/** A list whose entries must be distinct: a repeated platform or tag is always a mistake. */
const distinctList = <T extends z.ZodType<string>>(item: T, expected: string) =>
  z
    .array(item, { error: expecting(expected) })
    .min(1, { error: `must list at least one entry: ${expected}` })
    .superRefine((items, ctx) => {
      items.forEach((value, index) => {
        if (items.indexOf(value) !== index)
          ctx.addIssue({
            code: 'custom',
            path: [index],
            message: `${JSON.stringify(value)} is listed twice`,
          });
      });
    });

const platform = z
  .string({ error: expecting('a platform such as "linux/arm64"') })
  .superRefine((value, ctx) => {
    if (PLATFORM_NAMES.includes(value)) return;
    const suggestion = suggestPlatform(value);
    ctx.addIssue({
      code: 'custom',
      message: `unknown platform ${JSON.stringify(value)}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; known platforms: ${PLATFORM_NAMES.join(', ')}`,
    });
  });

export const ISOLATIONS = ['chroot', 'oci', 'rootless'] as const;

export const pipelineSchema = section(
  {
    agent: section(
      {
        label: text(grammar.labelExpression, 'a Jenkins label expression, e.g. "linux && podman"'),
        container: text(
          grammar.containerName,
          'a container name in the agent pod, e.g. "podman"',
        ).optional(),
      },
      'a mapping with label (and container for Kubernetes pod agents)',
    ),
    clone: section(
      {
        url: text(grammar.gitUrl, 'the git URL to clone'),
        branch: text(grammar.gitBranch, 'a branch name').default('main'),
        credentialsId: text(
          grammar.credentialsId,
          'the Jenkins credentials id for the git server',
        ).optional(),
      },
      'a mapping with url, branch and credentialsId; omit clone to use `checkout scm`',
    ).optional(),
    image: section(
      {
        name: text(grammar.imageName, 'the repository path, e.g. "acme/app"'),
        tags: distinctList(
          text(grammar.imageTag, 'a tag such as "1.0"'),
          'a list of tags, e.g. ["1.0", "latest"]',
        ),
      },
      'a mapping with name and tags',
    ),
    platforms: distinctList(platform, 'a list of platforms, e.g. ["linux/amd64", "linux/arm64"]'),
    build: section(
      {
        dockerfile: text(grammar.workspacePath, 'the Dockerfile path').default('Dockerfile'),
        context: text(grammar.workspacePath, 'the build context directory').default('.'),
        args: z
          .record(
            z.string(),
            text(
              grammar.envText,
              'the build argument value as a string (quote numbers and booleans)',
            ),
            { error: expecting('a mapping of build argument names to values') },
          )
          // Names are checked here rather than by a key schema, whose errors say only "Invalid key".
          .superRefine((args, ctx) => {
            for (const name of Object.keys(args)) {
              const message = grammar.buildArgName(name);
              if (message) ctx.addIssue({ code: 'custom', path: [name], message });
            }
          })
          .default({}),
        isolation: z
          .enum(ISOLATIONS, {
            error: (issue) =>
              `expected one of ${ISOLATIONS.join(', ')} (BUILDAH_ISOLATION; "chroot" for unprivileged containers), got ${describe(issue.input)}`,
          })
          .optional(),
      },
      'a mapping with dockerfile, context, args and isolation',
    ).prefault({}),
    registry: section(
      {
        host: text(grammar.registryHost, 'the registry host[:port], e.g. "registry.example.com"'),
        credentialsId: text(
          grammar.credentialsId,
          'the Jenkins username/password credentials id',
        ).optional(),
        tlsVerify: z.boolean({ error: expecting('true or false (unquoted)') }).default(true),
      },
      'a mapping with host, credentialsId and tlsVerify',
    ),
  },
  'a mapping with agent, image, platforms, build and registry',
);

/** What a config file says (defaults not yet applied). */
export type PipelineConfig = z.input<typeof pipelineSchema>;
/** The validated pipeline every renderer works from. */
export type Pipeline = z.output<typeof pipelineSchema>;

export interface Problem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export type Validation = { ok: true; pipeline: Pipeline } | { ok: false; problems: Problem[] };

export function validatePipeline(config: unknown): Validation {
  const result = pipelineSchema.safeParse(config);
  if (result.success) return { ok: true, pipeline: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => ({
      path: issue.path.filter((key): key is string | number => typeof key !== 'symbol'),
      message: issue.message,
    })),
  };
}

/** `platforms[1]`, `build.args.HTTP_PROXY`: the spelling users see in their config file. */
export function formatPath(path: readonly (string | number)[]): string {
  return (
    path.reduce<string>(
      (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${key}` : key),
      '',
    ) || '(config)'
  );
}
