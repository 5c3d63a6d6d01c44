// Vitest global setup, run once for the whole suite: the suite's temp root, then a throwaway
// PostgreSQL cluster inside it. The teardown removes both and fails the run if anything the
// suite made is left in the system temp directory.
import type { TestProject } from 'vitest/node';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster.js';
import { createSuiteTempRoot } from './temp-root.js';

export default async function setup(project: TestProject): Promise<() => void> {
  const temp = createSuiteTempRoot();
  let cluster: PostgresCluster;
  try {
    cluster = await startPostgresCluster();
  } catch (error) {
    temp.finish();
    throw error;
  }
  project.provide('postgresUrl', cluster.url);
  return () => {
    try {
      cluster.destroy();
    } finally {
      const leftovers = temp.finish();
      if (leftovers.length > 0) {
        // An error thrown here is printed but does not change Vitest's exit code; this does.
        process.stderr.write(`\nThe suite left these in the temp directory (make them with suiteTempDir):\n  ${leftovers.join('\n  ')}\n`);
        process.exitCode = 1;
      }
    }
  };
}
