/// <reference types="vite/client" />
/**
 * Loaded before each test file of the mutation run (vitest.mutate.config.ts): every module of src/,
 * so that what a module computes as it loads (a regex built from parts, the step environment's
 * table) is computed outside any test. StrykerJS then takes those mutants for static ones and runs
 * every test against them. Without it, a module first loaded lazily inside a test (the CLI loads
 * its commands so) had its loading counted as that test's coverage, and its constants' mutants ran
 * against that test alone: the first run over src/model reported them as survivors, and each of
 * four tried by hand fails its own test file (regex.ts's two now die in Stryker too).
 */
import.meta.glob(
  ['../../src/**/*.ts', '!../../src/**/*.test.ts', '!../../src/check/rule-tester.ts'],
  {
    eager: true,
  },
);
