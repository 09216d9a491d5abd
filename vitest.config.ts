import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    // The e2e files build images under QEMU; the rest finish in milliseconds.
    testTimeout: 20_000,
    hookTimeout: 120_000,
  },
});
