// DESIGN §2 and RECOV-12 on SQLite and PostgreSQL: one store for every flow kind. A flow is found
// only by its kind, unexpired, from the client that started it; its state comes back typed, and a
// stored state that does not parse as its kind's is no flow at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, createTestStorage } from '../../test/support/databases.js';
import type { Storage } from '../storage/database.js';
import { insertEmployeeWithAccount } from '../storage/repositories/employees.js';
import { saveFlowState } from '../storage/repositories/flows.js';
import { findFlow, startFlow } from './flow-store.js';

const SECRET = Buffer.from('flow-store-test-secret-0123456789abcdef');
const NOW = Date.UTC(2026, 0, 5, 12);
const CLIENT = 'c'.repeat(43);
const OTHER = 'd'.repeat(43);

describe.each(ENGINES)('the flow store on %s', (engine) => {
  let storage: Storage;
  beforeAll(async () => {
    storage = await createTestStorage(engine);
    await insertEmployeeWithAccount(storage.db, { employeeId: '0009001', givenName: 'Ana', familyName: 'Ruiz', country: 'PR', status: 'active', language: 'es-PR' }, { passwordHash: '$argon2id$fake', registeredAt: NOW }, NOW);
  });
  afterAll(() => storage.close());

  const start = <K extends 'registration' | 'login_code'>(kind: K, state: Parameters<typeof startFlow<K>>[2]['state']) =>
    startFlow(storage.db, SECRET, { kind, employeeId: '0009001', now: NOW, lifetimeMs: 60_000, client: CLIENT, state });

  it('finds an unexpired flow of the right kind, for the client that started it only (RECOV-12)', async () => {
    const id = await start('registration', { termsOnly: true });
    expect((await findFlow(storage.db, SECRET, id, 'registration', NOW + 1, CLIENT))?.state).toEqual({ termsOnly: true, secondFactor: false });
    expect(await findFlow(storage.db, SECRET, id, 'registration', NOW + 1, OTHER)).toBeNull();
    expect(await findFlow(storage.db, SECRET, id, 'registration', NOW + 1, '')).toBeNull();
    expect(await findFlow(storage.db, SECRET, id, 'set_password', NOW + 1, CLIENT)).toBeNull();
    expect(await findFlow(storage.db, SECRET, id, 'registration', NOW + 60_000, CLIENT)).toBeNull();
  });

  it('reads a stored state back only when it parses as its kind’s', async () => {
    const id = await start('login_code', { channel: 'sms', method: 'helpdesk_pin' });
    const flow = await findFlow(storage.db, SECRET, id, 'login_code', NOW + 1, CLIENT);
    expect(flow?.state).toEqual({ channel: 'sms', method: 'helpdesk_pin' });
    for (const stored of ['{"channel":"fax","method":"password"}', '{"channel":"sms"}', '[]', 'not json']) {
      await saveFlowState(storage.db, flow!.idHash, stored);
      expect(await findFlow(storage.db, SECRET, id, 'login_code', NOW + 1, CLIENT), stored).toBeNull();
    }
  });

  it('keeps recovery flows, for any identifier, through the same store and binding', async () => {
    const state = { identifierHash: 'h', proofs: ['email_link' as const], codeChannel: null, codeIssuedAt: null, codeAttempts: 0, codeSends: [] };
    const id = await startFlow(storage.db, SECRET, { kind: 'recovery', employeeId: null, now: NOW, lifetimeMs: 60_000, client: CLIENT, state });
    expect(await findFlow(storage.db, SECRET, id, 'recovery', NOW + 1, CLIENT)).toMatchObject({ kind: 'recovery', employeeId: null, state });
    expect(await findFlow(storage.db, SECRET, id, 'recovery', NOW + 1, OTHER)).toBeNull();
    expect(await findFlow(storage.db, SECRET, id, 'registration', NOW + 1, CLIENT)).toBeNull();
  });
});
