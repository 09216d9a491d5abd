/// <reference types="vite/client" />
/**
 * Loaded before each test file of the mutation run (vitest.mutate.config.ts): in StrykerJS's dry
 * run, every module of src/, so that what a module computes as it loads (a regex built from parts,
 * the step environment's table) is computed outside any test. StrykerJS then takes those mutants
 * for static ones and runs every test against them. Without it, a module first loaded lazily inside
 * a test (the CLI loads its commands so) had its loading counted as that test's coverage, and its
 * constants' mutants ran against that test alone: the first run over src/model reported them as
 * survivors, and each of four tried by hand fails its own test file (regex.ts's two now die in
 * Stryker too).
 *
 * Only the dry run needs it: that is where StrykerJS records coverage. A mutant's own run loads
 * what its tests import, with the mutant already active; loading all of src/ there too cost about
 * 1.6 s per test file of every mutant. StrykerJS's vitest runner provides `mode` ('dry-run' or
 * 'mutant') to each test file, as its own setup file reads it.
 */
import { inject } from 'vitest';

declare module 'vitest' {
  interface ProvidedContext {
    mode: 'dry-run' | 'mutant';
  }
}

if (inject('mode') === 'dry-run') {
  const modules = import.meta.glob([
    '../../src/**/*.ts',
    '!../../src/**/*.test.ts',
    '!../../src/check/rule-tester.ts',
  ]);
  for (const load of Object.values(modules)) await load();
}
