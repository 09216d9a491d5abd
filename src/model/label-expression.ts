import type { Grammar } from './grammar.js';
import { ANY_SPACE, END } from './regex.js';

/**
 * Jenkins' label expressions (agent.label), as Jenkins itself parses them: jenkinsci/jenkins
 * core/src/main/antlr4/hudson/model/labels/LabelExpressionLexer.g4 and LabelExpressionParser.g4.
 * Label.parseExpression throws on any syntax error, and Jenkins.getLabel then takes the whole
 * text as one label, which no agent has, so the build would wait for ever: what we accept parses.
 *
 * From the loosest binding: `<->` (chains: a <-> b <-> c), `->` (does not chain: a -> b -> c is
 * an error), `||`, `&&`, and `!`, which takes one label or a parenthesised expression (so `!!a`
 * is an error). Only spaces and tabs separate tokens; any other character belongs to a label, so
 * "linux\n&& podman" would ask for a label "linux\n".
 *
 * Stricter than Jenkins, as every grammar here is: labels are letters, digits, "_", ".", ":" and
 * "-" (Jenkins takes any character but & | ! < > ( ) " ' space and tab), labels are not quoted,
 * parentheses nest at most MAX_DEPTH deep and the whole has at most MAX_LENGTH characters. The
 * bounds make the language regular, so one regex describes it (for the JSON Schema too) and a
 * regex for each kind of error finds where a value goes wrong.
 */

const MAX_DEPTH = 8;
const MAX_LENGTH = 512;

/** What Jenkins skips between tokens: space and tab, nothing else. */
const GAP = '[ \\t]';
/** A label character: "-" only where it does not start "->", as in Jenkins' ATOM rule. */
const LABEL_CHAR = '(?:[A-Za-z0-9_.:]|-(?!>))';
/**
 * A whole label: it ends where no label character follows. Without that, the regex could split
 * "aaaa" into labels in exponentially many ways before rejecting "aaaa;".
 */
const LABEL = `${LABEL_CHAR}+(?!${LABEL_CHAR})`;
const BINARY = '(?:&&|\\|\\||<->|->)';
const LEVEL_END = `(?:\\)|${END})`;

/** Text whose parentheses are balanced and nest at most `depth` deep. */
function balanced(depth: number): string {
  return depth === 0 ? '[^()]*' : `(?:[^()]|\\(${balanced(depth - 1)}\\))*`;
}

/**
 * The rest of one nesting level up to its next `<->`, `->` or `)`: what follows an `->` that
 * must not meet a second one. Groups inside may nest `depth` deep.
 */
function restOfLevel(depth: number): string {
  const group = depth === 0 ? '' : `|\\(${balanced(depth - 1)}\\)`;
  return `(?:[^()<-]|-(?!>)${group})*`;
}

/**
 * An expression whose groups may nest `depth` deep. Written as a loop of operand and operator,
 * so each level holds the one below once and the regex grows linearly with the depth: an operator
 * must be followed by more than the end of its level, and an operand by an operator or that end.
 * An `->` must not meet another before the level's next `<->` or its end.
 */
function expression(depth: number): string {
  const group = depth === 0 ? '' : `|\\(${expression(depth - 1)}\\)`;
  const operand = `(?:!${GAP}*)?(?:${LABEL}${group})`;
  const operator = `(?:&&|\\|\\||<->|->(?!${restOfLevel(depth)}->))`;
  return `${GAP}*(?:${operand}${GAP}*(?:${operator}${GAP}*(?!${LEVEL_END})|(?=${LEVEL_END})))+`;
}

/** The first "(" nested deeper than MAX_DEPTH: the match descends into groups that go too deep. */
function tooDeep(): string {
  let levels = '';
  for (let depth = MAX_DEPTH - 1; depth >= 0; depth--)
    levels += `(?:[^()]|\\(${balanced(depth)}\\))*\\(`;
  return `^${levels}[^()]*(?=\\()`;
}

const LABELS = 'labels are letters, digits, "_", ".", ":" and "-"';

export const LABEL_EXPRESSION = {
  noun: 'a label expression',
  expected:
    'labels of letters, digits, "_", ".", ":" and "-" combined with &&, ||, !, ->, <-> and parentheses, e.g. "linux && podman"',
  pattern: `(?=[\\s\\S]{1,${MAX_LENGTH}}${END})${expression(MAX_DEPTH)}`,
  errors: [
    {
      pattern: `^(?=[\\s\\S]{${MAX_LENGTH + 1}})`,
      message: `it has more than ${MAX_LENGTH} characters`,
    },
    {
      pattern: '(?=")',
      message: `a quoted label at column {column}; jenkins-multiarch takes labels unquoted: ${LABELS}`,
    },
    {
      pattern: `(?![ \\t])(?=${ANY_SPACE})`,
      message:
        'a line break or other whitespace at column {column}; Jenkins separates labels by spaces and tabs only, and would take it as part of a label',
    },
    {
      // A character of neither labels nor operators, or an operator cut short: a single "&" or
      // "|" after any pairs, "<" without "->", ">" without "-".
      pattern: [
        '(?=[^A-Za-z0-9_.:&|!<>() \\t-])',
        '(?<!&)(?:&&)*(?=&(?!&))',
        '(?<!\\|)(?:\\|\\|)*(?=\\|(?!\\|))',
        '(?=<(?!->))',
        '(?<!-)(?=>)',
      ].join('|'),
      message: `unexpected character at column {column}; ${LABELS}, combined with &&, ||, !, ->, <-> and parentheses`,
    },
    { pattern: tooDeep(), message: `more than ${MAX_DEPTH} nested parentheses at column {column}` },
    {
      pattern: `^(?:[^()]|\\(${balanced(MAX_DEPTH - 1)}\\))*(?=\\))`,
      message: 'the ")" at column {column} closes nothing',
    },
    {
      pattern: `(?=\\((?!${balanced(MAX_DEPTH - 1)}\\)))`,
      message: 'the "(" at column {column} is never closed',
    },
    {
      pattern: `!${GAP}*(?=!|${BINARY}|${LEVEL_END})`,
      message:
        'expected a label or "(" at column {column}; "!" applies to one label or a parenthesised expression',
    },
    {
      pattern: `(?:^|\\(|&&|\\|\\||->)${GAP}*(?=${BINARY}|${LEVEL_END})`,
      message: 'expected a label, "!" or "(" at column {column}',
    },
    {
      pattern: `(?:${LABEL_CHAR}|\\))(?:${GAP}*(?=[(!])|${GAP}+(?=${LABEL_CHAR}))|\\)(?=${LABEL_CHAR})`,
      message: 'expected an operator (&&, ||, -> or <->) at column {column}',
    },
    {
      pattern: `->${restOfLevel(MAX_DEPTH)}(?=->)`,
      message:
        'a second "->" at column {column}; Jenkins does not chain "->", so put one side in parentheses, e.g. "(a -> b) -> c"',
    },
  ],
} as const satisfies Grammar;
