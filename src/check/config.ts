import { z } from 'zod';
import { closest } from '../model/suggest.js';
import { problemLines, readYamlSource, type Path } from '../yaml-source.js';
import type { CheckConfig } from './check.js';

/**
 * The settings file (`.jenkins-multiarch-check.yaml`): severities per rule, the registries that
 * are insecure on purpose, and the steps the project's Jenkins has beyond the catalogue: plugin
 * steps by name, shared libraries by the path of their vars/, and whether Declarative's script
 * splitting is on. A file of its own, because the pipeline config's model is strict
 * and describes what to render, not how to judge hand-written files. Loaded only when present:
 * zod and yaml cost more start-up time than checking a Jenkinsfile.
 */

const SETTINGS = ['error', 'warning', 'off'] as const;
const FIELDS = ['rules', 'insecureRegistries', 'steps', 'libraries', 'scriptSplitting', 'docsUrl'];

const DOCS_URL =
  'expected the http(s) address where the rule pages (docs/rules/) are published, e.g. https://git.example.com/platform/jenkins-multiarch/-/blob/v0.1.0/docs/rules/';

/** A Groovy method name, as a step's is. */
const STEP_NAME = /^[A-Za-z_$][\w$]*$/;

function schema(ruleIds: readonly string[]) {
  return z.strictObject(
    {
      rules: z
        .record(
          z.string().refine((id) => ruleIds.includes(id), {
            error: (issue) => {
              const suggestion = closest(String(issue.input), ruleIds);
              return `unknown rule ${JSON.stringify(issue.input)}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; rules: ${ruleIds.join(', ')}`;
            },
          }),
          z.enum(SETTINGS, {
            error: (issue) =>
              `expected one of ${SETTINGS.join(', ')}, got ${JSON.stringify(issue.input)}`,
          }),
          // Also the message of an unknown rule id's issue, which parseConfig replaces by the
          // key check's own message nested in it.
          { error: 'expected a mapping of rule ids to error, warning or off' },
        )
        .default({}),
      insecureRegistries: z
        .array(z.string({ error: 'expected a registry host[:port] as a string' }), {
          error: 'expected a list of registry hosts, e.g. ["registry.lan:5000"]',
        })
        .default([]),
      steps: z
        .array(
          z
            .string({ error: 'expected a step name as a string' })
            .regex(STEP_NAME, { error: 'expected a step name as Groovy calls it, e.g. slackSend' }),
          { error: 'expected a list of step names, e.g. [slackSend, publishHTML]' },
        )
        .default([]),
      libraries: z
        .record(
          z.string(),
          z.string({ error: "expected the path of the library's vars/ directory" }),
          // Its keys cannot be wrong: a YAML mapping's keys are strings once read.
          {
            error:
              'expected a mapping of library names to their vars/ directories, e.g. {ci-lib: ../ci-lib/vars}',
          },
        )
        .default({}),
      scriptSplitting: z
        .boolean({
          error:
            'expected true (Jenkins runs with RuntimeASTTransformer.SCRIPT_SPLITTING_TRANSFORMATION=true) or false',
        })
        .default(false),
      // The string's error is also its refinement's: zod takes a check's message from its
      // schema's error when the check gives none.
      docsUrl: z
        .string({ error: DOCS_URL })
        .refine((url) => /^https?:\/\/[^/\s]+\/\S*$/.test(url))
        .optional(),
    },
    // Also the message of the unknown fields' issue, which parseConfig replaces by one a field.
    { error: `expected a mapping with ${FIELDS.join(', ')}` },
  );
}

function unknownField(key: string): string {
  const suggestion = closest(key, FIELDS);
  return `unknown field ${JSON.stringify(key)}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; known fields: ${FIELDS.join(', ')}`;
}

export type ConfigResult = { ok: true; config: CheckConfig } | { ok: false; problems: string[] };

/** A library's step names, read from the vars/ directory at `path` by the caller, or why not. */
export type ReadVars = (
  path: string,
) => { ok: true; steps: string[] } | { ok: false; reason: string };

/**
 * Parses and validates a config file; each problem reads `file:line:col: path: message`. The
 * libraries' vars/ directories are read through `readVars`, which keeps this module free of I/O.
 */
export function parseConfig(
  source: string,
  shownAs: string,
  ruleIds: readonly string[],
  readVars: ReadVars,
): ConfigResult {
  const read = readYamlSource(source, shownAs);
  if (!read.ok) return { ok: false, problems: read.problems };
  const result = schema(ruleIds).safeParse(read.value ?? {});
  if (result.success) {
    const libraries: Record<string, string[]> = {};
    const problems = [];
    for (const [name, dir] of Object.entries(result.data.libraries)) {
      const vars = readVars(dir);
      if (vars.ok) libraries[name] = vars.steps;
      else {
        const path = ['libraries', name];
        problems.push({ place: read.valueAt(path), path, message: vars.reason });
      }
    }
    if (problems.length > 0) return { ok: false, problems: problemLines(problems) };
    return { ok: true, config: { ...result.data, libraries } };
  }
  return {
    ok: false,
    problems: problemLines(
      result.error.issues.flatMap((issue) => {
        // zod types a path's keys as PropertyKey; a value read from YAML has no symbol keys.
        const path = issue.path as Path;
        // A wrong key is reported at the key itself: each unknown field (zod gives them in one
        // issue), and a misspelt rule id with the key check's own message, which zod nests in
        // its generic one.
        if (issue.code === 'unrecognized_keys')
          return issue.keys.map((key) => ({
            place: read.keyAt([...path, key]),
            path: [...path, key],
            message: unknownField(key),
          }));
        if (issue.code === 'invalid_key')
          return [{ place: read.keyAt(path), path, message: issue.issues[0]!.message }];
        return [{ place: read.valueAt(path), path, message: issue.message }];
      }),
    ),
  };
}
