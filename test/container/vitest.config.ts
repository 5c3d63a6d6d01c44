// `npm run test:container`: builds the Dockerfile and runs the image (image.test.ts). Not part of
// `npm test` (the root configuration leaves test/container/ out); `.ci/run` runs it after it.
// The suite's global setup gives it the same throwaway PostgreSQL cluster and temp root.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export default defineConfig({
  test: {
    root,
    name: 'container',
    globalSetup: ['test/support/global-setup.ts'],
    include: ['test/container/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 40 * 60_000,
    pool: 'forks',
  },
});
