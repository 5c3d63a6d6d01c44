// DESIGN rule 9: every repository runs against SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, createTestStorage } from '../../../test/support/databases.js';
import type { Storage } from '../database.js';
import { insertEmployeeWithAccount, countEmployees } from './employees.js';
import { findCandidateByEmailKey, findCandidateByEmployeeId, findProfile } from './accounts.js';
import { grantRole, revokeRole } from './roles.js';
import { claimLoginAttempt, recordLoginFailure, recordLoginSuccess, tryClaimAttempt } from '../../security/lockout.js';
import { claimClientAttempt, clientRetryAfterMs, settleClientClaim } from '../../security/client-throttle.js';
import { FakeClock } from '../../../test/support/fake-clock.js';

const NOW = Date.UTC(2026, 0, 5, 12);

describe.each(ENGINES)('repositories on %s', (engine) => {
  let storage: Storage;
  beforeAll(async () => {
    storage = await createTestStorage(engine);
    await insertEmployeeWithAccount(
      storage.db,
      { employeeId: '0007001', givenName: 'Zoë', familyName: 'Ng', country: 'CA', status: 'active', language: 'fr-CA' },
      { passwordHash: '$argon2id$fake', registeredAt: NOW, email: { value: 'Zoe.Ng@example.com', key: 'zoe.ng@example.com' } },
      NOW,
    );
  });
  afterAll(() => storage.close());

  it('finds a sign-in candidate by Employee ID and by e-mail key, with the roster facts', async () => {
    const byId = await findCandidateByEmployeeId(storage.db, '0007001');
    expect(byId).toMatchObject({ employeeId: '0007001', givenName: 'Zoë', country: 'CA', status: 'active', language: 'fr-CA', mfa: 'off' });
    expect(await findCandidateByEmailKey(storage.db, 'zoe.ng@example.com')).toEqual(byId);
    expect(await findCandidateByEmployeeId(storage.db, '7001')).toBeUndefined();
    expect(await countEmployees(storage.db)).toBe(1);
  });

  it('keeps e-mail keys unique among accounts', async () => {
    await expect(
      insertEmployeeWithAccount(
        storage.db,
        { employeeId: '0007002', givenName: 'A', familyName: 'B', country: 'US', status: 'active' },
        { email: { value: 'ZOE.NG@example.com', key: 'zoe.ng@example.com' } },
        NOW,
      ),
    ).rejects.toThrow();
    // The transaction left no half-written employee behind.
    expect(await countEmployees(storage.db)).toBe(1);
  });

  it('grants and revokes roles; the profile lists them', async () => {
    expect(await grantRole(storage.db, '0007001', 'helpdesk', NOW)).toBe(true);
    expect(await grantRole(storage.db, '0007001', 'helpdesk', NOW)).toBe(true);
    expect(await grantRole(storage.db, '9999999', 'admin', NOW)).toBe(false);
    expect((await findProfile(storage.db, '0007001'))?.roles).toEqual(['helpdesk']);
    expect(await revokeRole(storage.db, '0007001', 'helpdesk')).toBe(true);
    expect((await findProfile(storage.db, '0007001'))?.roles).toEqual([]);
  });

  it('claims at most the allowed attempts under 40 parallel claims; a claim in flight is not a failure', async () => {
    const policy = { maxAttempts: 3, lockMs: 900_000 };
    const claims = await Promise.all(Array.from({ length: 40 }, () => tryClaimAttempt(storage.db, 'account:burst', NOW, policy)));
    expect(claims.filter((c) => c.outcome === 'claimed')).toHaveLength(3);
    // The rest are busy, not locked: the three in flight may all be right.
    expect(claims.filter((c) => c.outcome === 'busy')).toHaveLength(37);
    // A waiting claim gets its slot as soon as one in flight succeeds.
    const waiting = claimLoginAttempt(storage.db, 'account:burst', new FakeClock(NOW), policy);
    await recordLoginSuccess(storage.db, 'account:burst', NOW);
    expect(await waiting).toEqual({ allowed: true });
    await Promise.all([1, 2, 3].map(() => recordLoginFailure(storage.db, 'account:burst', NOW, policy)));
    expect(await tryClaimAttempt(storage.db, 'account:burst', NOW + 899_000, policy)).toEqual({ outcome: 'locked', retryAfterMs: 1000 });
    expect(await tryClaimAttempt(storage.db, 'account:burst', NOW + 900_000, policy)).toEqual({ outcome: 'claimed' });
    await recordLoginSuccess(storage.db, 'account:burst', NOW + 900_000);
    expect(await storage.db.selectFrom('login_attempts').selectAll().where('key', '=', 'account:burst').execute()).toEqual([]);
  });

  it('claims at most the client limit under parallel claims; only failures stay counted', async () => {
    const policy = { limit: 3, windowMs: 60_000 };
    const clock = new FakeClock(NOW);
    const claims = await Promise.all(Array.from({ length: 3 }, () => claimClientAttempt(storage.db, '203.0.113.7', clock, policy)));
    expect(claims.every((c) => c.allowed)).toBe(true);
    const windowStart = claims[0]!.allowed ? claims[0]!.windowStart : 0;
    // All three places are in flight: a fourth waits until one is given back.
    const fourth = claimClientAttempt(storage.db, '203.0.113.7', clock, policy);
    await settleClientClaim(storage.db, '203.0.113.7', windowStart, false);
    expect(await fourth).toEqual({ allowed: true, windowStart });
    await Promise.all([1, 2, 3].map(() => settleClientClaim(storage.db, '203.0.113.7', windowStart, true)));
    expect(await claimClientAttempt(storage.db, '203.0.113.7', clock, policy)).toEqual({ allowed: false, reason: 'throttled', retryAfterMs: 60_000 });
    clock.advance(60_000);
    expect(await claimClientAttempt(storage.db, '203.0.113.7', clock, policy)).toEqual({ allowed: true, windowStart: NOW + 60_000 });
  });

  it('counts client failures in a window', async () => {
    const policy = { limit: 2, windowMs: 60_000 };
    const fail = async (at: number) => {
      const claim = await claimClientAttempt(storage.db, '203.0.113.1', new FakeClock(at), policy);
      if (claim.allowed) await settleClientClaim(storage.db, '203.0.113.1', claim.windowStart, true);
    };
    await fail(NOW);
    expect(await clientRetryAfterMs(storage.db, '203.0.113.1', NOW, policy)).toBe(0);
    await fail(NOW + 1000);
    expect(await clientRetryAfterMs(storage.db, '203.0.113.1', NOW + 1000, policy)).toBe(59_000);
    expect(await clientRetryAfterMs(storage.db, '203.0.113.1', NOW + 60_000, policy)).toBe(0);
    await fail(NOW + 60_000);
    expect(await clientRetryAfterMs(storage.db, '203.0.113.1', NOW + 60_000, policy)).toBe(0);
  });

});
