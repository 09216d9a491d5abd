import { execaSync } from 'execa';
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';

/**
 * The real tools the suite drives (installed by scripts/test-env.sh). A developer without them
 * gets skipped tests; CI (CI=true) gets a failure instead, so a missing install step cannot pass.
 */
export const inCI = process.env.CI === 'true';

export function hasCommand(command: string): boolean {
  return execaSync('sh', ['-c', `command -v ${command}`], { reject: false }).exitCode === 0;
}

export function missingTools(commands: string[]): string[] {
  return commands.filter((command) => !hasCommand(command));
}

/** Use in a describe block: skips locally, fails in CI, when a tool is missing. */
export function requireTools(commands: string[]): { skip: boolean } {
  const missing = missingTools(commands);
  if (missing.length > 0 && inCI) {
    throw new Error(`CI must have ${missing.join(', ')}: run scripts/test-env.sh as root first`);
  }
  return { skip: missing.length > 0 };
}

/** Groovy needs JAVA_HOME; take it from the environment or from the java on PATH. */
export function javaHome(): string {
  const fromEnv = process.env.JAVA_HOME;
  if (fromEnv && existsSync(path.join(fromEnv, 'bin', 'java'))) return fromEnv;
  const java = execaSync('sh', ['-c', 'command -v java'], { reject: false }).stdout.trim();
  if (!java) throw new Error('no java on PATH: run scripts/test-env.sh');
  return path.dirname(path.dirname(realpathSync(java)));
}

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');
export const harnessDir = path.join(repoRoot, 'test', 'harness');
