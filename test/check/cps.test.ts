import { describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/check/check.js';
import { parseConfig } from '../../src/check/config.js';
import { ALL_RULES } from '../../src/check/rules/index.js';
import { sandboxRefusedCall } from '../../src/check/rules/sandbox-refused-call.js';
import { scriptSplittingVariable } from '../../src/check/rules/script-splitting-variable.js';
import { check, spots } from './support.js';

/** Beyond the rules' case tables: where the CPS and sandbox rules must stay silent, and their setting. */

const splitting = { ...DEFAULT_CONFIG, scriptSplitting: true };

describe('script-splitting-variable', () => {
  const source = scriptSplittingVariable.meta.docs.bad;

  test('is silent while script splitting is off, as it is in Jenkins unless set', () => {
    expect(spots(check(source), 'script-splitting-variable')).toEqual([]);
  });

  test('is silent in a scripted Jenkinsfile, which Declarative does not transform', () => {
    const scripted = "def image = 'app'\nnode {\n  echo image\n}\n";
    expect(spots(check(scripted, splitting), 'script-splitting-variable')).toEqual([]);
  });

  test('the setting is read from the settings file, and a wrong value is named', () => {
    const ids = ALL_RULES.map((rule) => rule.meta.id);
    const readVars = () => ({ ok: true as const, steps: [] });
    const on = parseConfig('scriptSplitting: true\n', 'c.yaml', ids, readVars);
    expect(on.ok && on.config.scriptSplitting).toBe(true);
    const off = parseConfig('steps: [pmd]\n', 'c.yaml', ids, readVars);
    expect(off.ok && off.config.scriptSplitting).toBe(false);
    expect(parseConfig('scriptSplitting: yes please\n', 'c.yaml', ids, readVars)).toEqual({
      ok: false,
      problems: [
        'c.yaml:1:18: scriptSplitting: expected true (Jenkins runs with RuntimeASTTransformer.SCRIPT_SPLITTING_TRANSFORMATION=true) or false',
      ],
    });
  });
});

describe('noncps-step', () => {
  test('knows @NonCPS written in full and on the line before, and the file’s own methods', () => {
    const source = [
      '@com.cloudbees.groovy.cps.NonCPS',
      'def a() { sh "make" }',
      '@NonCPS',
      '',
      'def b() { node { } }',
      '@NonCPS',
      'def c() { build() }',
      'def build() { echo "x" }',
      'node { a(); b(); c() }',
      '',
    ].join('\n');
    expect(spots(check(source), 'noncps-step')).toEqual(['2:11 noncps-step', '5:11 noncps-step']);
  });
});

describe('sandbox-refused-call', () => {
  const source = sandboxRefusedCall.meta.docs.bad;

  test('is silent outside a library’s vars/: a Jenkinsfile says nothing about how it is loaded', () => {
    expect(spots(check(source), 'sandbox-refused-call')).toEqual([]);
  });

  test("reads a class written out in full, not an object's method or a class of another package", () => {
    const library = [
      'def call() {',
      '  def a = java.lang.System.getenv("HOME")',
      '  def b = com.acme.File.open()',
      '  def c = env.getenv("HOME")',
      '  echo "${a}${b}${c}"',
      '}',
      '',
    ].join('\n');
    expect(
      spots(check(library, DEFAULT_CONFIG, 'groovy', ['call']), 'sandbox-refused-call'),
    ).toEqual(['2:11 sandbox-refused-call']);
  });
});
