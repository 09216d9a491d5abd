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
function isPerBuild(context: RuleContext, word: Word): boolean {
  return /BUILD_(?:NUMBER|ID|TAG)|\$\$|\$\(\s*(?:mktemp|uuidgen|date)/.test(
    context.source.slice(word.start, word.end),
  );
}

/** Lists the pipeline removes (`manifest rm`) or tests for (`manifest exists`) anywhere. */
function guardedLists(context: RuleContext): Set<string> {
  const keys = new Set<string>();
  for (const { step, command } of context.commands)
    if (isSubcommand(command, 'manifest', 'rm') || isSubcommand(command, 'manifest', 'exists'))
      for (const operand of command.operands) keys.add(listKey(step, operand));
  return keys;
}

/**
 * Whether the list a word names would still be there when the job runs again on the same agent:
 * nothing in the pipeline removes or tests for it, and its name is not unique per build.
 */
export function leftoverLists(context: RuleContext): (step: ScriptStep, list: Word) => boolean {
  const guarded = guardedLists(context);
  return (step, list) => !guarded.has(listKey(step, list)) && !isPerBuild(context, list);
}
