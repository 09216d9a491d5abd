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

/**
 * Groovy needs JAVA_HOME: the environment's if valid, else the Debian JDK scripts/test-env.sh
 * installs (machines may carry newer JDKs that Groovy 2.4 predates), else the java on PATH.
 */
export function javaHome(): string {
  const fromEnv = process.env.JAVA_HOME;
  if (fromEnv && existsSync(path.join(fromEnv, 'bin', 'java'))) return fromEnv;
  const debianArch = execaSync('dpkg', ['--print-architecture'], { reject: false }).stdout?.trim();
  const debianJdk = `/usr/lib/jvm/java-17-openjdk-${debianArch}`;
  if (existsSync(path.join(debianJdk, 'bin', 'java'))) return debianJdk;
  const java = execaSync('sh', ['-c', 'command -v java'], { reject: false }).stdout.trim();
  if (!java) throw new Error('no java on PATH: run scripts/test-env.sh');
  return path.dirname(path.dirname(realpathSync(java)));
}

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');
export const harnessDir = path.join(repoRoot, 'test', 'harness');
