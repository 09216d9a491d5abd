import { wordValue, type ScriptStep } from './pipeline.js';
import { isSubcommand } from './podman.js';
import type { RuleContext } from './rule.js';
import type { Word } from './shell.js';

/**
 * Local manifest lists outlive a build: they stay in the agent's image store. These helpers say
 * which list a word names and whether the pipeline clears it before the next build reuses it.
 */

/** How list names compare: the known value, else the text with quotes and braces removed. */
export function listKey(step: ScriptStep, word: Word): string {
  return (
    wordValue(step, word)?.text ??
    word.raw.replace(/["']/g, '').replace(/\$\{(\w+)\}/g, (_, name: string) => `$${name}`)
  );
}

/** A name made unique per build (`app:$BUILD_NUMBER`) is never reused by a later build. */
export function isPerBuild(context: RuleContext, word: Word): boolean {
  return /BUILD_(?:NUMBER|ID|TAG)|\$\$|\$\(\s*(?:mktemp|uuidgen|date)/.test(
    context.source.slice(word.start, word.end),
  );
}

/** Lists the pipeline removes (`manifest rm`) or tests for (`manifest exists`) anywhere. */
export function guardedLists(context: RuleContext): Set<string> {
  const keys = new Set<string>();
  for (const { step, command } of context.commands)
    if (isSubcommand(command, 'manifest', 'rm') || isSubcommand(command, 'manifest', 'exists'))
      for (const operand of command.operands) keys.add(listKey(step, operand));
  return keys;
}
