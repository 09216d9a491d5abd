import { GRAMMARS, nowhere, wholeValue, type Grammar, type GrammarName } from './grammar.js';
import { format } from './messages.js';
import { PLATFORM_NAMES } from './platform.js';
import {
  defaultInput,
  LITERAL_LIMITS,
  mayBeLeftOut,
  PIPELINE_SPEC,
  type FieldSpec,
} from './spec.js';

/**
 * The config as a JSON Schema, for editors: a jenkins-multiarch.yaml whose first line is
 * `# yaml-language-server: $schema=…` gets completion, hover docs and inline errors. Interpreted
 * from the same spec and grammars as the model's checks (pipeline.ts); a test holds the two to
 * accepting and rejecting the same configs.
 *
 * Draft-07: the newest draft that yaml-language-server (VS Code's YAML extension, and the other
 * editors built on it) and IntelliJ support fully; this schema needs nothing from later ones.
 */

export type JsonSchema = { readonly [keyword: string]: unknown };

/** Names the schema. A URN, since no URL serves it; without a version, so it changes only with the model. */
export const SCHEMA_ID = 'urn:jenkins-multiarch:config';

/** What messages call the value in an editor, which shows them next to it. */
const THIS = 'This';

/**
 * A string that matches a grammar. Every pattern has a `patternErrorMessage`, which editors on
 * yaml-language-server and vscode-json-languageservice show in place of the regex; that is why a
 * mistake is a `nowhere` pattern and not `not: { pattern }`, whose failure they can only report
 * as "Matches a schema that is not allowed".
 */
export function grammarJsonSchema(name: GrammarName): JsonSchema {
  const grammar: Grammar = GRAMMARS[name];
  const mistakes = grammar.mistakes ?? [];
  return {
    type: 'string',
    pattern: wholeValue(grammar.pattern),
    patternErrorMessage: format('notGrammar', {
      value: THIS,
      noun: grammar.noun,
      expected: grammar.expected,
    }),
    ...(mistakes.length > 0 && {
      allOf: mistakes.map((mistake) => ({
        pattern: nowhere(mistake.pattern),
        patternErrorMessage: format('mistake', { value: THIS, message: mistake.message }),
      })),
    }),
  };
}

/** A field's own keywords, before what every field has (docs, null, default). */
function shapeOf(spec: FieldSpec): JsonSchema {
  switch (spec.kind) {
    case 'text':
      return grammarJsonSchema(spec.grammar);
    case 'boolean':
      return { type: 'boolean' };
    case 'integer':
      return { type: 'integer', minimum: spec.min, maximum: spec.max };
    case 'either':
      return { anyOf: [fieldSchema(spec.text), fieldSchema(spec.section)] };
    case 'choice':
      return { type: 'string', enum: spec.values };
    case 'platform':
      return { type: 'string', enum: PLATFORM_NAMES };
    case 'list':
      // uniqueItems catches equal entries; `distinctBy` (registries sharing a host) has no
      // draft-07 keyword, so only the model and the library check it.
      return {
        type: 'array',
        items: fieldSchema(spec.item),
        minItems: 1,
        maxItems: LITERAL_LIMITS.list,
        uniqueItems: spec.repeatable !== true,
      };
    case 'map':
      // `keysIn` (native's platforms among platforms) has no draft-07 keyword either.
      return {
        type: 'object',
        propertyNames: grammarJsonSchema(spec.key),
        additionalProperties: fieldSchema(spec.value),
        maxProperties: LITERAL_LIMITS.map,
      };
    case 'section': {
      const fields = Object.entries(spec.fields);
      const required = fields.filter(([, field]) => !mayBeLeftOut(field)).map(([name]) => name);
      const conditional = fields.flatMap(([name, field]) =>
        field.onlyWith ? [[name, field.onlyWith] as const] : [],
      );
      return {
        type: 'object',
        properties: Object.fromEntries(fields.map(([name, field]) => [name, fieldSchema(field)])),
        ...(required.length > 0 && { required }),
        additionalProperties: false,
        ...(spec.exactlyOne && { oneOf: spec.exactlyOne.map((name) => ({ required: [name] })) }),
        ...(conditional.length > 0 && {
          dependencies: Object.fromEntries(
            conditional.map(([name, { field, values }]) => [
              name,
              {
                required: [field],
                ...(values && { properties: { [field]: { enum: values } } }),
              },
            ]),
          ),
        }),
      };
    }
  }
}

function fieldSchema(spec: FieldSpec): JsonSchema {
  const shape = shapeOf(spec);
  const fallback = defaultInput(spec);
  return {
    description: spec.doc,
    ...shape,
    // Nullable: null besides the type's values (an enum must list it too).
    ...(spec.nullable && {
      type: [shape.type, 'null'],
      ...(Array.isArray(shape.enum) && { enum: [...shape.enum, null] }),
    }),
    ...(fallback !== undefined && { default: fallback }),
  };
}

export function pipelineJsonSchema(): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_ID,
    title: 'jenkins-multiarch configuration',
    ...fieldSchema(PIPELINE_SPEC),
  };
}
