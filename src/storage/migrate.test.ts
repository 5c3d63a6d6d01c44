import { describe, expect, it } from 'vitest';
import { ENGINES, createTestStorage } from '../../test/support/databases.js';
import { migrateToLatest } from './migrate.js';

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
});
