// DESIGN rule 9 on both engines: the reads and writes that moved here from the app, the console,
// delivery and the demo when Kysely became storage's alone (issue 11).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, createTestStorage } from '../../../test/support/databases.js';
import type { Storage } from '../database.js';
import { findAccountLanguage, listAccountSummaries } from './accounts.js';
import { findRosterEmployeeIds, insertEmployeeWithAccount, listActiveEmployeesByIdPrefix } from './employees.js';
import { countUnclaimedFailure, listLoginLocks } from './login-attempts.js';
import { claimDueMessageRows, countUndeliveredMessages, insertMessage, listMessagesWithStatus, settleClaimedMessage } from './messages.js';
import { isContentRefStored } from './content/refs.js';
import { saveNews } from './content/news.js';

const NOW = Date.UTC(2026, 2, 2, 9);

describe.each(ENGINES)('moved repository functions on %s', (engine) => {
  let storage: Storage;
  beforeAll(async () => {
    storage = await createTestStorage(engine);
    const person = (employeeId: string, status: string, language = 'en') => ({ employeeId, givenName: 'A', familyName: 'B', country: 'US', status, language });
    await insertEmployeeWithAccount(storage.db, person('310001', 'active', 'es-PR'), { registeredAt: NOW, mfa: 'totp' }, NOW);
    await insertEmployeeWithAccount(storage.db, person('310002', 'separated'), {}, NOW);
    await insertEmployeeWithAccount(storage.db, person('410001', 'active'), {}, NOW);
  });
  afterAll(() => storage.close());

  it('reads accounts for the session cookie and the help queue', async () => {
    expect(await findAccountLanguage(storage.db, '310001')).toBe('es-PR');
    expect(await findAccountLanguage(storage.db, '999999')).toBeUndefined();
    const summaries = await listAccountSummaries(storage.db, ['310001', '310002', '999999']);
    expect(summaries.sort((a, b) => a.employeeId.localeCompare(b.employeeId))).toMatchObject([
      { employeeId: '310001', registeredAt: NOW, disabledAt: null, helpdeskLockedAt: null, mfa: 'totp', language: 'es-PR' },
      { employeeId: '310002', registeredAt: null, mfa: 'off', language: 'en' },
    ]);
  });

  it('lists the temporary locks of the keys asked for', async () => {
    await countUnclaimedFailure(storage.db, 'account:310001', NOW, { maxAttempts: 1, lockUntil: NOW + 1000, lockNow: NOW + 1000 });
    await countUnclaimedFailure(storage.db, 'account:410001', NOW, { maxAttempts: 5, lockUntil: NOW + 1000, lockNow: null });
    const locks = await listLoginLocks(storage.db, ['account:310001', 'account:410001', 'account:310002']);
    expect(locks.sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { key: 'account:310001', lockedUntil: NOW + 1000 },
      { key: 'account:410001', lockedUntil: null },
    ]);
  });

  it('finds roster employees by ID, in chunks, and the active ones of a prefix in order', async () => {
    const many = [...Array.from({ length: 700 }, (_, i) => `5${String(i).padStart(5, '0')}`), '410001', '310002'];
    expect([...(await findRosterEmployeeIds(storage.db, many))].sort()).toEqual(['310002', '410001']);
    expect(await listActiveEmployeesByIdPrefix(storage.db, '3')).toEqual([{ employeeId: '310001', country: 'US' }]);
  });

  it('queues, claims, settles and lists messages', async () => {
    const message = { channel: 'email' as const, recipient: 'a@example.com', template: 't', language: 'en', data: 'sealed', now: NOW };
    const first = await insertMessage(storage.db, message);
    const second = await insertMessage(storage.db, { ...message, now: NOW + 10_000 });
    expect(await countUndeliveredMessages(storage.db)).toBe(2);
    const claimed = await claimDueMessageRows(storage, NOW + 1, 10, NOW + 60_000);
    expect(claimed.map((row) => [row.id, row.attempts])).toEqual([[first, 1]]);
    await settleClaimedMessage(storage.db, { id: first, claimedUntil: NOW + 1 }, { status: 'sent', at: NOW + 2 });
    expect(await listMessagesWithStatus(storage.db, 'sending', 10)).toHaveLength(1);
    await settleClaimedMessage(storage.db, { id: first, claimedUntil: NOW + 60_000 }, { status: 'sent', at: NOW + 2 });
    const sent = await listMessagesWithStatus(storage.db, 'sent', 10);
    expect(sent).toMatchObject([{ id: first, sent_at: NOW + 2, attempts: 1 }]);
    expect(sent[0]).not.toHaveProperty('data');
    expect((await listMessagesWithStatus(storage.db, 'pending', 10)).map((row) => row.id)).toEqual([second]);
    expect(await countUndeliveredMessages(storage.db)).toBe(1);
  });

  it('knows which content refs are stored', async () => {
    await saveNews(storage.db, { ref: 'spring-news', publishedAt: NOW, translations: [{ language: 'en', title: 'T', body: 'B' }] }, NOW);
    expect(await isContentRefStored(storage.db, 'news', 'spring-news')).toBe(true);
    expect(await isContentRefStored(storage.db, 'news', 'other')).toBe(false);
    expect(await isContentRefStored(storage.db, 'tasks', 'spring-news')).toBe(false);
  });
});
