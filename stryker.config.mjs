// `npm run mutate` (not part of CI): StrykerJS mutates src/ and runs the fast tests that exercise
// it in-process (vitest.mutate.config.ts), two at a time. `--incremental` keeps the results in
// reports/stryker-incremental.json, so a later run retests only mutants whose code or tests
// changed. A part (one comma-separated list: a second --mutate replaces the first):
// `npx stryker run --mutate 'src/model/**/*.ts,src/check/rules/**/*.ts'`.
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts' },
  // Not the rules' case tables beside them, nor their tester: they are tests.
  mutate: ['src/**/*.ts', '!src/**/*.test.ts', '!src/check/rule-tester.ts'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  // render.test.ts compiles Jenkinsfiles in a Groovy JVM: a mutant may take its seconds too.
  timeoutMS: 30_000,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
