import { wordValue, type ScriptStep } from './pipeline.js';
import { findOptions, isSubcommand, type ContainerCommand } from './podman.js';
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

/**
 * A push that removes the list once it succeeds: docker's `manifest push --purge` (`-p`; docker/cli
 * cli/command/manifest/push.go removes it from the manifest store), podman's and buildah's
 * `manifest push --rm`. podman 4.4 and later take docker's `--purge` and `-p` as --rm
 * (containers/podman#16466, cmd/podman/manifest/push.go); buildah has no `-p`, so there it is an
 * unknown flag and the push fails. The words that may name the list: `-p` reads as a value
 * option, so it holds the list.
 */
function purgedBy(command: ContainerCommand): readonly Word[] {
  if (!isSubcommand(command, 'manifest', 'push')) return [];
  const purges = findOptions(
    command,
    '--purge',
    '--rm',
    ...(command.tool === 'buildah' ? [] : ['-p']),
  );
  if (purges.length === 0) return [];
  return [...command.operands, ...purges.flatMap((option) => (option.value ? [option.value] : []))];
}

/** Lists the pipeline removes (`manifest rm`, a purging push) or tests for (`manifest exists`). */
function guardedLists(context: RuleContext): Set<string> {
  const keys = new Set<string>();
  for (const { step, command } of context.commands) {
    const removed =
      isSubcommand(command, 'manifest', 'rm') || isSubcommand(command, 'manifest', 'exists')
        ? command.operands
        : purgedBy(command);
    for (const word of removed) keys.add(listKey(step, word));
  }
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
