import { z } from 'zod';
import { closest } from '../model/suggest.js';
import { problemLines, readYamlSource } from '../yaml-source.js';
import type { CheckConfig } from './check.js';

/**
 * The settings file (`.jenkins-multiarch-check.yaml`): severities per rule and the registries
 * that are insecure on purpose. A file of its own, because the pipeline config's model is strict
 * and describes what to render, not how to judge hand-written files. Loaded only when present:
 * zod and yaml cost more start-up time than checking a Jenkinsfile.
 */

const SETTINGS = ['error', 'warning', 'off'] as const;
const FIELDS = ['rules', 'insecureRegistries'];

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
          {
            error: (issue) =>
              issue.code === 'invalid_type'
                ? 'expected a mapping of rule ids to error, warning or off'
                : undefined,
          },
        )
        .default({}),
      insecureRegistries: z
        .array(z.string({ error: 'expected a registry host[:port] as a string' }), {
          error: 'expected a list of registry hosts, e.g. ["registry.lan:5000"]',
        })
        .default([]),
    },
    {
      error: (issue) => {
        if (issue.code !== 'unrecognized_keys')
          return 'expected a mapping with rules and insecureRegistries';
        const key = issue.keys[0]!;
        const suggestion = closest(key, FIELDS);
        return `unknown field ${JSON.stringify(key)}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; known fields: ${FIELDS.join(', ')}`;
      },
    },
  );
}

export type ConfigResult = { ok: true; config: CheckConfig } | { ok: false; problems: string[] };

/** Parses and validates a config file; each problem reads `file:line:col: path: message`. */
export function parseConfig(
  source: string,
  shownAs: string,
  ruleIds: readonly string[],
): ConfigResult {
  const read = readYamlSource(source, shownAs);
  if (!read.ok) return { ok: false, problems: read.problems };
  const result = schema(ruleIds).safeParse(read.value ?? {});
  if (result.success) return { ok: true, config: result.data };
  return {
    ok: false,
    problems: problemLines(
      result.error.issues.map((issue) => {
        const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
        // A wrong key (an unknown field, a misspelt rule id) is reported at the key itself.
        const key =
          issue.code === 'unrecognized_keys'
            ? [...path, issue.keys[0]!]
            : issue.code === 'invalid_key'
              ? path
              : undefined;
        // A record key's own message (the rule-id check) is nested inside zod's generic one.
        const message = (issue.code === 'invalid_key' && issue.issues[0]?.message) || issue.message;
        return { place: key ? read.keyAt(key) : read.valueAt(path), path: key ?? path, message };
      }),
    ),
  };
}
