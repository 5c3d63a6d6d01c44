import { defineConfig } from 'vitest/config';

const TIMING = ['src/**/*.timing.test.ts'];
// Built and run by `npm run test:container` (test/container/vitest.config.ts), not by `npm test`.
const CONTAINER = ['test/container/**'];

// Shared by both projects. The projects do not `extends: true` the root, because a project that
// extends it runs the global setup again (three PostgreSQL clusters and temp roots instead of one).
const shared = { testTimeout: 60_000, hookTimeout: 120_000, pool: 'forks' } as const;

export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    ...shared,
    // Two test files at a time on a 2-core machine (Vitest's default is one fewer than the cores):
    // most files wait on PostgreSQL, Chromium, argon2's threads or a child process much of the time.
    // The whole suite took 18 minutes with one and 11 with two.
    maxWorkers: 2,
    projects: [
      { test: { ...shared, name: 'main', include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'], exclude: [...TIMING, ...CONTAINER] } },
      {
        // Timing measurements run after everything else, one file at a time.
        test: { ...shared, name: 'timing', include: TIMING, fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
