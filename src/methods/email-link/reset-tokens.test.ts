// RECOV-2 on SQLite and PostgreSQL: ≥128-bit tokens stored only as keyed hashes, 30 minutes, one
// use (of 20 parallel consumes exactly one wins), void when a newer one is issued or all are voided,
// tied to the password they were sent for; links built from the public URL alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, createTestStorage } from '../../../test/support/databases.js';
import type { Storage } from '../../storage/database.js';
import { insertEmployeeWithAccount } from '../../storage/repositories/employees.js';
import { MINUTE } from '../../security/clock.js';
import {
  consumeResetToken,
  issueResetToken,
  passwordStamp,
  peekResetToken,
  resetLinkUrl,
  stampMatches,
  RESET_TOKEN_LIFETIME_MS,
} from './reset-tokens.js';
import { voidResetTokens } from '../../storage/repositories/reset-tokens.js';

const SECRET = Buffer.from('reset-token-test-secret-0123456789abcdef');
const NOW = Date.UTC(2026, 3, 1, 9);
const HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA';

describe.each(ENGINES)('reset tokens on %s', (engine) => {
  let storage: Storage;
  beforeAll(async () => {
    storage = await createTestStorage(engine);
    for (const employeeId of ['0460001', '0460002', '0460003']) {
      await insertEmployeeWithAccount(
        storage.db,
        { employeeId, givenName: 'Uma', familyName: 'Test', country: 'US', status: 'active' },
        { passwordHash: HASH, registeredAt: NOW },
        NOW,
      );
    }
  });
  afterAll(() => storage.close());

  it('issues 256-bit tokens stored only as keyed hashes, usable once, for 30 minutes', async () => {
    const token = await issueResetToken(storage.db, SECRET, { employeeId: '0460001', passwordHash: HASH }, NOW);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const rows = await storage.db.selectFrom('reset_tokens').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(await peekResetToken(storage.db, SECRET, token, NOW + RESET_TOKEN_LIFETIME_MS - 1)).not.toBeNull();
    expect(await consumeResetToken(storage.db, SECRET, token, NOW + RESET_TOKEN_LIFETIME_MS)).toBeNull();
    const claim = await consumeResetToken(storage.db, SECRET, token, NOW + 29 * MINUTE);
    expect(claim).toEqual({ employeeId: '0460001', passwordStamp: passwordStamp(SECRET, HASH) });
    expect(await consumeResetToken(storage.db, SECRET, token, NOW + 29 * MINUTE)).toBeNull();
    expect(await consumeResetToken(storage.db, SECRET, '', NOW)).toBeNull();
    expect(await consumeResetToken(storage.db, SECRET, 'x'.repeat(500), NOW)).toBeNull();
  });

  it('lets exactly one of 20 parallel consumes win', async () => {
    const token = await issueResetToken(storage.db, SECRET, { employeeId: '0460002', passwordHash: HASH }, NOW);
    const claims = await Promise.all(Array.from({ length: 20 }, () => consumeResetToken(storage.db, SECRET, token, NOW + 1000)));
    expect(claims.filter((c) => c !== null)).toHaveLength(1);
  });

  it('voids older tokens when a newer one is issued, and all of them on demand', async () => {
    const first = await issueResetToken(storage.db, SECRET, { employeeId: '0460003', passwordHash: HASH }, NOW);
    const second = await issueResetToken(storage.db, SECRET, { employeeId: '0460003', passwordHash: HASH }, NOW + 1);
    expect(await peekResetToken(storage.db, SECRET, first, NOW + 2)).toBeNull();
    expect(await peekResetToken(storage.db, SECRET, second, NOW + 2)).not.toBeNull();
    await voidResetTokens(storage.db, '0460003', NOW + 3);
    expect(await consumeResetToken(storage.db, SECRET, second, NOW + 4)).toBeNull();
  });
});

describe('reset link helpers', () => {
  it('ties a token to the password hash it was sent for', () => {
    const claim = { employeeId: '1', passwordStamp: passwordStamp(SECRET, HASH) };
    expect(stampMatches(SECRET, claim, HASH)).toBe(true);
    expect(stampMatches(SECRET, claim, `${HASH}x`)).toBe(false);
    expect(stampMatches(SECRET, claim, null)).toBe(false);
  });

  it('builds the link from the public URL, keeping a path prefix', () => {
    expect(resetLinkUrl(new URL('https://portal.example.com'), 'abc-_1')).toBe('https://portal.example.com/recovery/link?token=abc-_1');
    expect(resetLinkUrl(new URL('https://example.com/portico/'), 'abc')).toBe('https://example.com/portico/recovery/link?token=abc');
  });
});
