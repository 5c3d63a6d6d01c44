// A real Portico app on a real database (SQLite temp file or a fresh PostgreSQL database), with a
// fake clock. `listen()` gives a real HTTP server for browser and burst tests.
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app/build-app.js';
import { createDeps } from '../../src/app/create-deps.js';
import type { AppDeps } from '../../src/core/deps.js';
import { loadConfig } from '../../src/config/load.js';
import type { Engine, StorageOptions } from '../../src/storage/database.js';
import { FakeClock } from './fake-clock.js';
import { createTestStorage } from './databases.js';

export const TEST_SECRET = 'test-secret-0123456789-abcdefghijklmnop';

export interface TestApp {
  app: FastifyInstance;
  deps: AppDeps;
  clock: FakeClock;
  databaseUrl: string;
  close(): Promise<void>;
}

export async function createTestApp(
  options: { engine?: Engine; env?: Record<string, string>; databaseUrl?: string; clock?: FakeClock; demo?: boolean; logStream?: NodeJS.WritableStream; storage?: StorageOptions } = {},
): Promise<TestApp> {
  const engine = options.engine ?? 'sqlite';
  const storage = options.databaseUrl
    ? await (async () => {
        const { openStorage } = await import('../../src/storage/database.js');
        const { migrateToLatest } = await import('../../src/storage/migrate.js');
        const opened = openStorage(options.databaseUrl!);
        await migrateToLatest(opened.db);
        return Object.assign(opened, { url: options.databaseUrl! });
      })()
    : await createTestStorage(engine, options.storage);
  const config = loadConfig({
    env: { PORTICO_SECRET: TEST_SECRET, PORTICO_LOG_LEVEL: 'silent', PORTICO_DATABASE_URL: storage.url, ...options.env },
    cwd: process.cwd(),
    demo: options.demo ?? false,
  });
  const clock = options.clock ?? new FakeClock();
  const deps = createDeps(config, storage, clock);
  const app = await buildApp(deps, options.logStream ? { logStream: options.logStream } : { logger: false });
  await app.ready();
  return {
    app,
    deps,
    clock,
    databaseUrl: storage.url,
    async close() {
      await app.close();
      await storage.close();
    },
  };
}

/** Starts listening on a free loopback port; returns the base URL. */
export async function listen(app: FastifyInstance): Promise<string> {
  return app.listen({ host: '127.0.0.1', port: 0 });
}
