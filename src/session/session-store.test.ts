// DESIGN rule 9: the session store on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, createTestStorage } from '../../test/support/databases.js';
import type { Storage } from '../storage/database.js';
import { insertEmployeeWithAccount } from '../storage/repositories/employees.js';
import { createSession, endAllSessions } from './session-store.js';
import { findSignedIn } from './find-signed-in.js';

const SECRET = Buffer.from('session-store-test-secret-0123456789abcdef');
const NOW = Date.UTC(2026, 0, 5, 12);

describe.each(ENGINES)('session store on %s', (engine) => {
  let storage: Storage;
  beforeAll(async () => {
    storage = await createTestStorage(engine);
    await insertEmployeeWithAccount(
      storage.db,
      { employeeId: '0007001', givenName: 'Zoë', familyName: 'Ng', country: 'CA', status: 'active', language: 'fr-CA' },
      { passwordHash: '$argon2id$fake', registeredAt: NOW },
      NOW,
    );
  });
  afterAll(() => storage.close());

  it('stores sessions by hash and ends them all', async () => {
    const timeouts = { idleMs: 60_000, absoluteMs: 3_600_000 };
    const input = { employeeId: '0007001', now: NOW, ip: '127.0.0.1', userAgent: 'test', secondFactor: false, via: 'password' as const };
    const a = await createSession(storage.db, SECRET, input, timeouts);
    const b = await createSession(storage.db, SECRET, input, timeouts);
    expect((await findSignedIn(storage, SECRET, a, NOW + 1000, timeouts))?.session.employeeId).toBe('0007001');
    expect(await findSignedIn(storage, SECRET, a, NOW + 61_000, timeouts)).toBeNull();
    const bRow = await findSignedIn(storage, SECRET, b, NOW + 30_000, timeouts);
    expect(await endAllSessions(storage.db, { employeeId: '0007001', exceptIdHash: bRow!.session.idHash, secret: SECRET, now: NOW })).toBe(0);
    expect(await endAllSessions(storage.db, { employeeId: '0007001', secret: SECRET, now: NOW })).toBe(1);
    expect(await findSignedIn(storage, SECRET, b, NOW + 30_000, timeouts)).toBeNull();
  });
});
