import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The tests Stryker runs against each mutant of src/ (stryker.config.mjs): the fast ones that
 * exercise src/ in-process. Left out are the tests of the shell and Groovy runtime (mutated as
 * text by scripts/mutate-text.mjs), the e2e, registry, preflight, mirror and harness tests (real podman, fixed
 * ports, the shared agent user, a Groovy JVM per run), and the fuzz runs, each of which takes longer than all the rest.
 */
export default mergeConfig(
  base,
  defineConfig({
    test: {
      setupFiles: ['test/support/mutate-preload.ts'],
      // A mutant that only render.test.ts's file snapshot notices is not caught by a test of
      // behaviour (issue 17): in the sandbox, a snapshot that differs is written, not failed.
      update: true,
      exclude: [
        'test/e2e*.test.ts',
        'test/registry-tls.test.ts',
        'test/pod-template.test.ts',
        'test/harness.test.ts',
        'test/runtime-behaviour.test.ts',
        'test/preflight.test.ts',
        'test/base-images.test.ts',
        'test/smoke.test.ts',
        'test/install.test.ts',
        'test/mirror.test.ts',
        'test/mirror-advice.test.ts',
        'test/mirror-step.test.ts',
        'test/runtime.test.ts',
        'test/check/podman-facts.test.ts',
        'test/fuzz.test.ts',
        'test/scripts.test.ts',
        'test/library.test.ts',
        'test/sandbox.test.ts',
        'test/readme.test.ts',
        'test/package.test.ts',
        // It mocks shell.js, which the dry run's preload has loaded before the mock applies;
        // re-loading the CLI inside the test instead ties every module's load-time values to it.
        'test/check/cli-parser-missing.test.ts',
        // These run the built CLI as a process, which Stryker's sandbox does not have.
        'test/launcher.test.ts',
        'test/bad-input.test.ts',
        'test/killed-writes.test.ts',
      ],
    },
  }),
);
