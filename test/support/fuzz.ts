import fc from 'fast-check';
import { GRAMMARS, type GrammarName } from '../../src/model/grammar.js';

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
