import { defineConfig } from 'vitest/config';

/**
 * `npm run bench -- --build`: the build benchmark (test/bench/), which takes minutes and measures
 * rather than tests, so `npm test` leaves it out.
 */
export default defineConfig({
  test: {
    include: ['test/bench/**/*.measure.ts'],
    hookTimeout: 300_000,
  },
});
