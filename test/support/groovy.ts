import { execa } from 'execa';
import path from 'node:path';
import { harnessDir, javaHome } from './tools.js';

export interface ParseResult {
  file: string;
  ok: boolean;
  errors: { line: number; column: number; message: string }[];
  /** Each statement at script level: `call NAME`, `declaration NAME`, or its class. */
  topLevel: string[];
}

/** Compiles files with the Groovy that Jenkins bundles (2.4), in one JVM. */
export async function parseGroovy(files: string[]): Promise<ParseResult[]> {
  // The harness directory supplies what Jenkins imports implicitly (@Library, @NonCPS).
  const result = await execa(
    'groovy',
    ['-cp', harnessDir, path.join(harnessDir, 'parse.groovy'), ...files],
    {
      env: { JAVA_HOME: javaHome() },
    },
  );
  return result.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as ParseResult);
}

/** What a Groovy file calls outside itself, as test/harness/calls.groovy finds it in its syntax tree. */
export interface GroovyCalls {
  file: string;
  /** Java constructors, static methods and fields, as script-security's whitelists name them. */
  java: string[];
  /** Calls without a receiver of methods the file does not declare: pipeline steps. */
  steps: string[];
  /** Names read without a declaration: `scm`, `POD_LABEL`, a library's global variables. */
  globals: string[];
  /** Annotations on declarations and imports, without package: `Library`, `NonCPS`. */
  annotations: string[];
}

/** Walks each file's syntax tree, with the Groovy that Jenkins bundles (2.4), in one JVM. */
export async function groovyCalls(files: string[]): Promise<GroovyCalls[]> {
  const result = await execa(
    'groovy',
    ['-cp', harnessDir, path.join(harnessDir, 'calls.groovy'), ...files],
    { env: { JAVA_HOME: javaHome() } },
  );
  return result.stdout.split('\n').map((line) => JSON.parse(line) as GroovyCalls);
}

/** Evaluates a Groovy script and returns its standard output. */
export async function runGroovy(script: string, args: string[] = []): Promise<string> {
  const result = await execa('groovy', ['-e', script, ...args], { env: { JAVA_HOME: javaHome() } });
  return result.stdout;
}

/** The Groovy code of Groovy source with every single-quoted literal and comment removed. */
export function groovyCodeOutsideLiterals(jenkinsfile: string): string {
  return jenkinsfile
    .replace(/'''(?:\\.|[^\\])*?'''/gs, "''")
    .replace(/'(?:\\.|[^\\'\n])*'/g, "''")
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '');
}

/** UTF-16 code units as hex, so values compare exactly whatever the console encoding. */
export const utf16Units = (value: string) =>
  Array.from({ length: value.length }, (_, i) =>
    value.charCodeAt(i).toString(16).padStart(4, '0'),
  ).join(' ');
