/**
 * Whether Jenkins parses a label expression: a transcription of jenkinsci/jenkins
 * core/src/main/antlr4/hudson/model/labels/LabelExpressionLexer.g4 and LabelExpressionParser.g4,
 * with Label.parseExpression's error listeners, which throw on any lexer or parser error. The
 * tests' oracle for the model's labelExpression grammar, written as plainly as the grammar is.
 */

type Token = 'AND' | 'OR' | 'NOT' | 'IMPLIES' | 'IFF' | 'LPAREN' | 'RPAREN' | 'ATOM' | 'STRING';

const FIXED: [string, Token][] = [
  ['&&', 'AND'],
  ['||', 'OR'],
  ['!', 'NOT'],
  ['->', 'IMPLIES'],
  ['<->', 'IFF'],
  ['(', 'LPAREN'],
  [')', 'RPAREN'],
];

/** IDENTIFIER_PART: anything but these (and "-", which ATOM takes when no ">" follows). */
const NOT_IN_ATOM = new Set(['&', '|', '!', '<', '>', '(', ')', ' ', '\t', '"', "'", '-']);

function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    // ANTLR takes the longest match; ATOM never starts with "->", so a fixed token wins there.
    const atomPart = (at: number) =>
      at < text.length && (text[at] === '-' ? text[at + 1] !== '>' : !NOT_IN_ATOM.has(text[at]!));
    if (atomPart(i)) {
      while (atomPart(i)) i++;
      tokens.push('ATOM');
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\r' || text[j] === '\n') return undefined;
        if (text[j] === '\\') {
          if (!'btnfr"\'\\'.includes(text[j + 1] ?? 'x')) return undefined;
          j++;
        }
      }
      if (j >= text.length) return undefined;
      tokens.push('STRING');
      i = j + 1;
      continue;
    }
    const fixed = FIXED.find(([spelling]) => text.startsWith(spelling, i));
    if (!fixed) return undefined;
    tokens.push(fixed[1]);
    i += fixed[0].length;
  }
  return tokens;
}

export function jenkinsParses(text: string): boolean {
  const tokens = tokenize(text);
  if (!tokens) return false;
  let at = 0;
  const accept = (token: Token) => tokens[at] === token && ++at > 0;
  // expr: term1 EOF
  const term1 = (): boolean => {
    if (!term2()) return false;
    while (accept('IFF')) if (!term2()) return false;
    return true;
  };
  // term2: term3 (IMPLIES term3)? -- no chaining
  const term2 = (): boolean => term3() && (!accept('IMPLIES') || term3());
  const term3 = (): boolean => {
    if (!term4()) return false;
    while (accept('OR')) if (!term4()) return false;
    return true;
  };
  const term4 = (): boolean => {
    if (!term5()) return false;
    while (accept('AND')) if (!term5()) return false;
    return true;
  };
  // term5: term6 | NOT term6
  const term5 = (): boolean => {
    accept('NOT');
    return term6();
  };
  // term6: LPAREN term1 RPAREN | ATOM | STRINGLITERAL
  const term6 = (): boolean => {
    if (accept('LPAREN')) return term1() && accept('RPAREN');
    return accept('ATOM') || accept('STRING');
  };
  return term1() && at === tokens.length;
}
