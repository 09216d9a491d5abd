import { defineConfig } from 'vitest/config';

/**
 * `npm run fidelity`: what we emit against Jenkins' own CPS compiler and groovy-sandbox, built
 * from clones of Jenkins' repositories (README, "Jenkins' own compiler and sandbox"). For
 * development machines that have them; CI cannot fetch them, so `npm test` leaves this out.
 */
export default defineConfig({
  test: {
    include: ['test/fidelity/**/*.fidelity.ts'],
    testTimeout: 120_000,
  },
});
