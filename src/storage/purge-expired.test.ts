// Housekeeping on SQLite and PostgreSQL: only rows that can no longer be used are deleted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, createTestStorage } from '../../test/support/databases.js';
import type { Storage } from './database.js';
import { insertEmployeeWithAccount } from './repositories/employees.js';
import { PURGE_BATCH, PURGE_GRACE_MS, deleteExpiredOidcPayloads, purgeExpired } from './purge-expired.js';

const NOW = Date.UTC(2026, 10, 22, 12);
const IDLE = 30 * 60_000;
const POLICY = { sessionIdleMs: IDLE, lockoutMs: 15 * 60_000, clientWindowMs: 15 * 60_000 };

describe.each(ENGINES)('purgeExpired on %s', (engine) => {
  let storage: Storage;
  beforeAll(async () => {
    storage = await createTestStorage(engine);
    await insertEmployeeWithAccount(storage.db, { employeeId: '300300', givenName: 'Ida', familyName: 'Vale', country: 'US', status: 'active' }, { passwordHash: 'x' }, NOW);
  });
  afterAll(() => storage.close());

  it('deletes dead sessions, flows, tokens and old windows, and keeps everything still usable or still counting', async () => {
    const db = storage.db;
    const session = (id: string, lastSeen: number, expires: number) => ({ id_hash: id, employee_id: '300300', created_at: NOW - 3_600_000, last_seen_at: lastSeen, expires_at: expires, auth_at: NOW - 3_600_000, second_factor_at: null, ip: '127.0.0.1', user_agent: 'test' });
    await db.insertInto('sessions').values([session('live', NOW - 60_000, NOW + 3_600_000), session('idle', NOW - IDLE - 1, NOW + 3_600_000), session('over', NOW - 1, NOW - 1)]).execute();
    const flow = (id: string, expires: number) => ({ id_hash: id, kind: 'login_code', employee_id: '300300', state: '{}', created_at: NOW - 60_000, expires_at: expires });
    await db.insertInto('flows').values([flow('live', NOW + 1), flow('dead', NOW - 1)]).execute();
    const challenge = (id: string, expires: number) => ({ id_hash: id, client_hash: 'c', purpose: 'login', employee_id: null, challenge: 'x', parent_hash: null, created_at: NOW - 60_000, expires_at: expires });
    await db.insertInto('passkey_challenges').values([challenge('live', NOW + 1), challenge('dead', NOW - 1)]).execute();
    const recovery = (id: string, expires: number) => ({ id_hash: id, identifier_hash: 'h', employee_id: null, proof: null, proven_at: null, code_channel: null, code_issued_at: null, code_attempts: 0, state: '{}', created_at: NOW - 60_000, expires_at: expires });
    await db.insertInto('recovery_flows').values([recovery('live', NOW + 1), recovery('dead', NOW - 1)]).execute();
    const token = (hash: string, expires: number) => ({ token_hash: hash, employee_id: '300300', password_stamp: 's', created_at: NOW - 60_000, expires_at: expires, used_at: null });
    await db.insertInto('reset_tokens').values([token('live', NOW + 1), token('dead', NOW - 1)]).execute();
    const code = (hash: string, expires: number) => ({ employee_id: '300300', purpose: 'login', channel: 'email', destination: 'ida@example.com', code_hash: hash, attempts: 0, created_at: expires - 600_000, expires_at: expires, consumed_at: null });
    // Expired an hour ago: still counts toward the hourly send limits, so it stays.
    await db.insertInto('verification_codes').values([code('recent', NOW - 3_600_000), code('ancient', NOW - PURGE_GRACE_MS - 1)]).execute();
    await db.insertInto('recovery_send_slots').values([{ key: 'k', slot: 1, used_at: NOW - 3_600_000 }, { key: 'k', slot: 2, used_at: NOW - PURGE_GRACE_MS - 1 }]).execute();
    await db.insertInto('client_failures').values([{ client_key: 'recent', window_start: NOW - 60_000, failures: 2 }, { client_key: 'ancient', window_start: NOW - PURGE_GRACE_MS - 1, failures: 9 }]).execute();
    await db.insertInto('help_request_clients').values([{ client_key: 'ancient', window_start: NOW - PURGE_GRACE_MS - 1, submits: 3 }]).execute();
    const counter = (key: string, failures: number, updated: number, lockedUntil: number | null = null) => ({ key, failures, locked_until: lockedUntil, updated_at: updated });
    await db
      .insertInto('login_attempts')
      .values([
        counter('account:quiet', 2, NOW - 30 * PURGE_GRACE_MS),
        counter('account:lock-over', 3, NOW - PURGE_GRACE_MS - 1, NOW - PURGE_GRACE_MS + 15 * 60_000),
        counter('account:recent', 2, NOW - 3_600_000),
        // A lock still in force is kept however long ago it was written.
        counter('account:locked', 3, NOW - 2 * PURGE_GRACE_MS, NOW + 60_000),
      ])
      .execute();
    const answers = (key: string, failures: number, updated: number, lockedAt: number | null = null) => ({ key, failures, locked_at: lockedAt, updated_at: updated });
    await db
      .insertInto('recovery_answer_attempts')
      .values([
        answers('identifier:quiet', 2, NOW - PURGE_GRACE_MS - 1),
        answers('account:recent', 1, NOW - 3_600_000),
        // RECOV-7's lock, and a decoy that answers like one (RECOV-1): kept.
        answers('account:300300', 3, NOW - 30 * PURGE_GRACE_MS, NOW - 30 * PURGE_GRACE_MS),
        answers('decoy:300301', 3, NOW - 30 * PURGE_GRACE_MS),
      ])
      .execute();
    // Issue 16: the identity provider's rows (an expired code, a live one, one without expiry) and signing keys (retired long ago, lately, never).
    const payload = (id: string, expires: number | null) => ({ kind: 'AuthorizationCode', id, payload: '{}', grant_id: null, user_code: null, uid: null, client_id: null, account_id: null, expires_at: expires, consumed_at: null });
    await db.insertInto('oidc_payloads').values([payload('dead', NOW - 1), payload('live', NOW + 1), payload('lasting', null)]).execute();
    const key = (kid: string, retired: number | null) => ({ kid, alg: 'RS256', sealed_jwk: 'v1.x', created_at: NOW - 30 * PURGE_GRACE_MS, retired_at: retired });
    await db.insertInto('oidc_keys').values([key('old', NOW - 2 * PURGE_GRACE_MS), key('recent', NOW - 3_600_000), key('current', null)]).execute();

    expect(await purgeExpired(db, NOW, POLICY)).toEqual({
      sessions: 2,
      flows: 2,
      recoveryFlows: 1,
      resetTokens: 1,
      verificationCodes: 1,
      sendSlots: 1,
      clientWindows: 2,
      loginCounters: 2,
      answerCounters: 1,
      oidc: 2,
    });
    expect((await db.selectFrom('oidc_payloads').select('id').orderBy('id').execute()).map((r) => r.id)).toEqual(['lasting', 'live']);
    expect((await db.selectFrom('oidc_keys').select('kid').orderBy('kid').execute()).map((r) => r.kid)).toEqual(['current', 'recent']);
    expect((await db.selectFrom('sessions').select('id_hash').execute()).map((r) => r.id_hash)).toEqual(['live']);
    expect((await db.selectFrom('flows').select('id_hash').execute()).map((r) => r.id_hash)).toEqual(['live']);
    expect((await db.selectFrom('passkey_challenges').select('id_hash').execute()).map((r) => r.id_hash)).toEqual(['live']);
    expect((await db.selectFrom('recovery_flows').select('id_hash').execute()).map((r) => r.id_hash)).toEqual(['live']);
    expect((await db.selectFrom('reset_tokens').select('token_hash').execute()).map((r) => r.token_hash)).toEqual(['live']);
    expect((await db.selectFrom('verification_codes').select('code_hash').execute()).map((r) => r.code_hash)).toEqual(['recent']);
    expect((await db.selectFrom('recovery_send_slots').select('slot').execute()).map((r) => r.slot)).toEqual([1]);
    expect((await db.selectFrom('client_failures').select('client_key').execute()).map((r) => r.client_key)).toEqual(['recent']);
    expect((await db.selectFrom('login_attempts').select('key').orderBy('key').execute()).map((r) => r.key)).toEqual(['account:locked', 'account:recent']);
    expect((await db.selectFrom('recovery_answer_attempts').select('key').orderBy('key').execute()).map((r) => r.key)).toEqual(['account:300300', 'account:recent', 'decoy:300301']);
    expect(await purgeExpired(db, NOW, POLICY)).toEqual({
      sessions: 0,
      flows: 0,
      recoveryFlows: 0,
      resetTokens: 0,
      verificationCodes: 0,
      sendSlots: 0,
      clientWindows: 0,
      loginCounters: 0,
      answerCounters: 0,
      oidc: 0,
    });
  });

  it('purges more stale counters than one batch holds, and keeps the fresh one among them', async () => {
    const db = storage.db;
    await db.deleteFrom('login_attempts').execute();
    const stale = 2 * PURGE_BATCH + 7;
    const keys = Array.from({ length: stale }, (_, i) => `identifier:${String(i).padStart(6, '0')}`);
    for (let i = 0; i < keys.length; i += 2000) {
      await db.insertInto('login_attempts').values(keys.slice(i, i + 2000).map((key) => ({ key, failures: 1, locked_until: null, updated_at: NOW - PURGE_GRACE_MS - 1 }))).execute();
    }
    await db.insertInto('login_attempts').values({ key: 'identifier:fresh', failures: 1, locked_until: null, updated_at: NOW }).execute();
    expect((await purgeExpired(db, NOW, POLICY)).loginCounters).toBe(stale);
    expect(await db.selectFrom('login_attempts').select('key').execute()).toEqual([{ key: 'identifier:fresh' }]);
  });

  it('purges the identity provider’s expired rows a batch at a time (unauthenticated /oidc/auth leaves an Interaction each), keeping live ones', async () => {
    const db = storage.db;
    await db.deleteFrom('oidc_payloads').execute();
    const expired = 2 * PURGE_BATCH + 7;
    const row = (kind: string, id: string, expires: number | null) => ({ kind, id, payload: '{}', grant_id: null, user_code: null, uid: id, client_id: null, account_id: null, expires_at: expires, consumed_at: null });
    const rows = Array.from({ length: expired }, (_, i) => row('Interaction', `i${String(i).padStart(6, '0')}`, NOW - 1 - i));
    for (let i = 0; i < rows.length; i += 1000) await db.insertInto('oidc_payloads').values(rows.slice(i, i + 1000)).execute();
    // The same id under another kind, live: the batch is chosen by (kind, id).
    await db.insertInto('oidc_payloads').values([row('Session', 'i000000', NOW + 60_000), row('Interaction', 'fresh', NOW + 60_000), row('Grant', 'lasting', null)]).execute();
    expect(await deleteExpiredOidcPayloads(db, NOW)).toBe(PURGE_BATCH);
    expect((await purgeExpired(db, NOW, POLICY)).oidc).toBe(expired - PURGE_BATCH);
    expect((await db.selectFrom('oidc_payloads').select(['kind', 'id']).orderBy('kind').orderBy('id').execute())).toEqual([
      { kind: 'Grant', id: 'lasting' },
      { kind: 'Interaction', id: 'fresh' },
      { kind: 'Session', id: 'i000000' },
    ]);
  });
});
