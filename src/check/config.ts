import { isNode, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { formatPath } from '../model/pipeline.js';
import { closest } from '../model/suggest.js';
import type { CheckConfig } from './check.js';

/**
 * The settings file (`.jenkins-multiarch-check.yaml`): severities per rule and the registries
 * that are insecure on purpose. A file of its own, because the pipeline config's model is strict
 * and describes what to render, not how to judge hand-written files. Loaded only when present:
 * zod and yaml cost more start-up time than checking a Jenkinsfile.
 */

const SETTINGS = ['error', 'warning', 'off'] as const;

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
          { error: 'expected a mapping of rule ids to error, warning or off' },
        )
        .default({}),
      insecureRegistries: z
        .array(z.string({ error: 'expected a registry host[:port] as a string' }), {
          error: 'expected a list of registry hosts, e.g. ["registry.lan:5000"]',
        })
        .default([]),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `unknown field ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}; known fields: rules, insecureRegistries`
          : 'expected a mapping with rules and insecureRegistries',
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
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${shownAs}:${line}:${col}`;
  };
  if (document.errors.length > 0)
    return {
      ok: false,
      problems: document.errors.map(
        (e) => `${at(e.pos[0])}: invalid YAML: ${e.message.split('\n')[0]}`,
      ),
    };
  const result = schema(ruleIds).safeParse(document.toJS() ?? {});
  if (result.success) return { ok: true, config: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => {
      const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
      // A bad key is reported at the key; anything else at the deepest node that exists.
      let keys: unknown[] = [...path];
      let node = document.getIn(keys, true);
      while (!isNode(node) && keys.length > 0) {
        keys = keys.slice(0, -1);
        node = keys.length > 0 ? document.getIn(keys, true) : document.contents;
      }
      const where = isNode(node) && node.range ? at(node.range[0]) : shownAs;
      return `${where}: ${formatPath(path)}: ${issue.message}`;
    }),
  };
}
