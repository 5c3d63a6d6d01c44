import { defineConfig } from 'vitest/config';

const TIMING = ['src/**/*.timing.test.ts'];

export default defineConfig({
  test: {
    globalSetup: ['test/support/postgres-cluster.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'main', include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'], exclude: TIMING },
      },
      {
        // Timing measurements run after everything else, one file at a time.
        extends: true,
        test: { name: 'timing', include: TIMING, fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
