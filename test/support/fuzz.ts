import fc from 'fast-check';
import { GRAMMARS, type GrammarName } from '../../src/model/grammar.js';
import { grammarProblem } from '../../src/model/pipeline.js';
import { PLATFORM_NAMES } from '../../src/model/platform.js';
import { mayBeLeftOut, type FieldSpec } from '../../src/model/spec.js';

/**
 * Hostile strings for property-based tests. The seed is fixed so CI sees the same values on
 * every run; set JMA_FUZZ_SEED to explore others (a failure names the value, rerun with its seed).
 */
export const FUZZ_SEED = Number(process.env.JMA_FUZZ_SEED ?? 20240604);

/** Pieces that have broken out of strings before: quotes, interpolation, escapes, line ends, unicode. */
const HOSTILE_PIECES = [
  "'",
  "''",
  "'''",
  '"',
  '"""',
  '\\',
  '\\\\',
  "\\'",
  '\\u0027',
  '\\n',
  '$',
  '$$',
  '${',
  '}',
  '$HOME',
  '${HOME}',
  '$$HOME',
  '${x}',
  '$(id)',
  '`id`',
  ';',
  '&&',
  '|',
  '#',
  '*',
  '~',
  '=',
  '%s',
  '/*',
  '//',
  '\n',
  '\r\n',
  '\t',
  '\u0000',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u2028',
  '\ufeff',
  '\uffff',
  'é',
  '中',
  '🎉',
  '𝄞',
  '\ud800',
  '\udfff',
  '\udd1e\ud834',
];

/** Any single UTF-16 unit, unpaired surrogates included (fast-check's own units never split a pair). */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));

const hostileUnit = fc.oneof(
  fc.constantFrom(...HOSTILE_PIECES),
  codeUnit,
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }),
);

/** Fully arbitrary text, mostly made of hostile pieces: the rejection side. */
export const hostileText = fc.string({ unit: hostileUnit, maxLength: 12 });

/**
 * A regex source without its lookarounds, for fc.stringMatching, which cannot generate them:
 * what it matches is a superset of the grammar (e.g. without length limits).
 */
function withoutLookarounds(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    if (!/^\(\?<?[=!]/.test(source.slice(i))) {
      // Copy escapes and character classes whole, so their parentheses are not counted.
      const token = /^(?:\\.|\[(?:\\.|[^\]\\])*\]|[\s\S])/.exec(source.slice(i))![0];
      out += token;
      i += token.length - 1;
      continue;
    }
    for (let depth = 0; ; i++) {
      const token = /^(?:\\.|\[(?:\\.|[^\]\\])*\]|[\s\S])/.exec(source.slice(i))![0];
      if (token === '(') depth++;
      if (token === ')' && --depth === 0) break;
      i += token.length - 1;
    }
  }
  return out;
}

/**
 * Label expressions built from Jenkins' grammar, spaced in every way, valid or (when `->` chains,
 * `!` doubles or groups nest too deep) not. fc.stringMatching cannot make them from the pattern:
 * that nests a whole expression in each group, eight deep, so its text grows exponentially.
 */
export const labelExpressionText: fc.Arbitrary<string> = (() => {
  const gap = fc.constantFrom('', ' ', '\t', '  ');
  return fc.letrec<{ expr: string }>((tie) => ({
    expr: fc.oneof(
      { depthSize: 'small' },
      fc.constantFrom('a', 'b-c', 'x.1:y', '-'),
      fc
        .tuple(tie('expr'), gap, fc.constantFrom('&&', '||', '->', '<->'), gap, tie('expr'))
        .map((parts) => parts.join('')),
      fc.tuple(gap, tie('expr'), gap).map(([l, e, r]) => `(${l}${e}${r})`),
      fc.tuple(gap, tie('expr')).map(([g, e]) => `!${g}${e}`),
    ),
  })).expr;
})();

/** Text shaped by a grammar: its pattern, generated, or what stands in for it. */
function shapeOf(name: GrammarName): fc.Arbitrary<string> {
  if (name === 'labelExpression') return labelExpressionText;
  return fc.stringMatching(new RegExp(`^(?:${withoutLookarounds(GRAMMARS[name].pattern)})$`));
}

/**
 * Text shaped by a grammar with hostile pieces inserted now and then: the acceptance side, where
 * values pass the model and must be emitted safely.
 */
export function grammarText(name: GrammarName): fc.Arbitrary<string> {
  const shape = shapeOf(name);
  const insertion = fc.tuple(fc.nat(), hostileUnit);
  return fc.tuple(shape, fc.array(insertion, { maxLength: 2 })).map(([text, insertions]) =>
    insertions.reduce((out, [at, piece]) => {
      const cut = at % (out.length + 1);
      return out.slice(0, cut) + piece + out.slice(cut);
    }, text),
  );
}

/** A value for a field of this grammar: mostly grammar-shaped, a quarter fully arbitrary. */
export const fieldText = (name: GrammarName): fc.Arbitrary<string> =>
  fc.oneof({ arbitrary: grammarText(name), weight: 3 }, { arbitrary: hostileText, weight: 1 });

/**
 * Input for a field of the spec, walked from the spec itself, so a field added to the model is
 * generated too: optional fields present or not, grammar-shaped text with hostile pieces that its
 * grammar accepts, null where the field may be null, lists of up to three distinct entries.
 * Mostly valid: a section keeps one of its `exactlyOne` fields and drops fields whose `onlyWith`
 * sibling is not there; a map whose keys must be in a sibling list (`keysIn`) stays empty. What
 * the spec's other rules refuse is the caller's to filter out (validatePipeline).
 */
export function specInput(spec: FieldSpec): fc.Arbitrary<unknown> {
  const value = specValue(spec);
  return spec.nullable ? fc.oneof(fc.constant(null), value) : value;
}

function specValue(spec: FieldSpec): fc.Arbitrary<unknown> {
  switch (spec.kind) {
    case 'text':
      return acceptedText(spec.grammar);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: spec.min, max: spec.max });
    case 'choice':
      return fc.constantFrom(...spec.values);
    case 'platform':
      return fc.constantFrom(...PLATFORM_NAMES);
    case 'either':
      return fc.oneof(specInput(spec.text), specInput(spec.section));
    case 'list': {
      const { distinctBy } = spec;
      return fc.uniqueArray(specInput(spec.item), {
        minLength: 1,
        maxLength: 3,
        selector: (item) =>
          JSON.stringify(
            distinctBy === undefined ? item : (item as Record<string, unknown>)[distinctBy],
          ),
      });
    }
    case 'map':
      return spec.keysIn === undefined
        ? fc.dictionary(acceptedText(spec.key), specInput(spec.value), { maxKeys: 3 })
        : fc.constant({});
    case 'section': {
      const fields = Object.entries(spec.fields);
      const record = fc.record(
        Object.fromEntries(fields.map(([name, field]) => [name, specInput(field)])),
        {
          requiredKeys: fields
            .filter(([name, field]) => !mayBeLeftOut(field) || spec.exactlyOne?.includes(name))
            .map(([name]) => name),
        },
      );
      return fc.tuple(record, fc.nat()).map(([given, pick]) => {
        const out: Record<string, unknown> = { ...given };
        const one = spec.exactlyOne ?? [];
        for (const name of one) if (name !== one[pick % one.length]) delete out[name];
        for (const [name, field] of fields) {
          const condition = field.onlyWith;
          if (condition === undefined || !(name in out)) continue;
          const sibling = out[condition.field];
          const met = condition.values
            ? condition.values.includes(sibling as string)
            : sibling !== undefined && sibling !== null;
          if (!met) delete out[name];
        }
        return out;
      });
    }
  }
}

/** Grammar-shaped text, hostile pieces included, that the grammar accepts. */
const acceptedText = (name: GrammarName) =>
  grammarText(name).filter((text) => grammarProblem(name, text) === undefined);
