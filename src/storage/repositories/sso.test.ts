// LOGIN-10 repository (DESIGN rule 9: both engines): links survive races, flows are taken once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, createTestStorage } from '../../../test/support/databases.js';
import type { Storage } from '../database.js';
import { insertEmployeeWithAccount } from './employees.js';
import { findSsoLink, findUnregisteredByRosterEmail, linkSsoIdentity, saveSsoFlow, takeSsoFlow } from './sso.js';

const NOW = Date.UTC(2026, 0, 5, 12);

describe.each(ENGINES)('SSO repository on %s', (engine) => {
  let storage: Storage;
  beforeAll(async () => {
    storage = await createTestStorage(engine);
    const person = (employeeId: string) => ({ employeeId, givenName: 'A', familyName: 'B', country: 'US', status: 'active' });
    await insertEmployeeWithAccount(storage.db, person('0510001'), { passwordHash: 'x', registeredAt: NOW }, NOW);
    await insertEmployeeWithAccount(storage.db, person('0510002'), {}, NOW);
    await insertEmployeeWithAccount(storage.db, person('0510003'), {}, NOW);
    await insertEmployeeWithAccount(storage.db, person('0510004'), {}, NOW);
    const roster = (id: string, email: string) => storage.db.updateTable('employees').set({ roster_email: email }).where('employee_id', '=', id).execute();
    await roster('0510001', 'Reg@Example.com');
    await roster('0510002', 'Solo@Example.com');
    await roster('0510003', 'shared@example.com');
    await roster('0510004', 'Shared@example.com');
  });
  afterAll(() => storage.close());

  it('links a subject once: racing first sign-ins all get the link that was stored first', async () => {
    const results = await Promise.all(['0510001', '0510002', '0510003'].map((employeeId, i) => linkSsoIdentity(storage.db, { issuer: 'https://id', subject: 's1', employeeId, now: NOW + i })));
    const stored = await findSsoLink(storage.db, 'https://id', 's1');
    expect(stored).toBeDefined();
    expect(results).toEqual([stored, stored, stored]);
    expect(await findSsoLink(storage.db, 'https://other-issuer', 's1')).toBeUndefined();
    await linkSsoIdentity(storage.db, { issuer: 'https://id', subject: 's1', employeeId: '0510004', now: NOW + 1000 });
    const row = await storage.db.selectFrom('sso_identities').selectAll().where('subject', '=', 's1').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ employee_id: stored, created_at: expect.any(Number) as number });
    expect(Number(row.last_used_at)).toBe(NOW + 1000);
  });

  it('finds a never-registered employee by roster e-mail, case-insensitively, only when unique', async () => {
    expect(await findUnregisteredByRosterEmail(storage.db, 'solo@example.com')).toEqual(['0510002']);
    expect(await findUnregisteredByRosterEmail(storage.db, 'shared@example.com')).toHaveLength(2);
    expect(await findUnregisteredByRosterEmail(storage.db, 'reg@example.com')).toEqual([]);
  });

  it('gives a flow to one of many parallel takers, and never after it expired', async () => {
    await saveSsoFlow(storage.db, { idHash: 'h1', sealed: 'sealed-1', now: NOW, expiresAt: NOW + 600_000 });
    const taken = await Promise.all(Array.from({ length: 10 }, () => takeSsoFlow(storage.db, 'h1', NOW + 1)));
    expect(taken.filter((t) => t === 'sealed-1')).toHaveLength(1);
    await saveSsoFlow(storage.db, { idHash: 'h2', sealed: 'sealed-2', now: NOW, expiresAt: NOW + 600_000 });
    expect(await takeSsoFlow(storage.db, 'h2', NOW + 600_000)).toBeNull();
    expect(await takeSsoFlow(storage.db, 'h2', NOW)).toBeNull();
  });
});
