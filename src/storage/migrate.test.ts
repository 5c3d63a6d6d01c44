import { describe, expect, it } from 'vitest';
import { ENGINES, createTestStorage } from '../../test/support/databases.js';
import { MIGRATION_NAMES, migrateDownTo, migrateToLatest, readMigrationStatus } from './migrate.js';

describe.each(ENGINES)('migrations on %s', (engine) => {
  it('creates every table and is idempotent', async () => {
    const storage = await createTestStorage(engine);
    try {
      expect(await migrateToLatest(storage.db)).toEqual([]);
      const tables = await storage.db.introspection.getTables();
      expect(tables.map((t) => t.name)).toEqual(
        expect.arrayContaining(['employees', 'accounts', 'account_roles', 'login_attempts', 'sessions', 'flows', 'audit_events']),
      );
      expect(await storage.ping()).toBe(true);
    } finally {
      await storage.close();
    }
  });

  it('every migration goes down and up again (portico migrate --to, for a rollback)', async () => {
    const storage = await createTestStorage(engine);
    try {
      const [first, ...rest] = MIGRATION_NAMES;
      expect(await migrateDownTo(storage.db, first!)).toEqual([...rest].reverse());
      expect(await readMigrationStatus(storage.db)).toEqual({ applied: [first], pending: rest, unknown: [] });
      expect(await migrateToLatest(storage.db)).toEqual(rest);
      expect((await readMigrationStatus(storage.db)).pending).toEqual([]);
    } finally {
      await storage.close();
    }
  });
});
