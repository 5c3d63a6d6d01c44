// Bounded growth on SQLite and PostgreSQL: a spray of random identifiers from many clients leaves
// a failure counter per identifier (LOGIN-5), a throttle window per client (LOGIN-6) and an answer
// counter per recovery decoy (RECOV-1); once their window has passed, housekeeping leaves none
// behind. What must stay does: a lock in force (LOGIN-4), recent counters (LOGIN-4 stays exact),
// and a decoy's questions lock, which answers like a real help-desk lock (RECOV-7).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../support/databases.js';
import { tempDataDir } from '../support/outbox.js';
import { seedRegistered } from '../support/seed.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { DAY, HOUR, MINUTE } from '../../src/security/clock.js';
import { purgeExpired, purgePolicy } from '../../src/storage/purge-expired.js';

const PASSWORD = 'Harbor2026';
const SPRAYED = 500;
const CLIENTS = 50;

describe.each(ENGINES)('bounded growth of lockout and throttle rows on %s', (engine) => {
  let t: TestApp;
  let cookies: Record<string, string> = {};

  const post = async (url: string, payload: object, client: string) => {
    const cookie = Object.entries(cookies).map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await t.app.inject({ method: 'POST', url, payload, headers: { 'x-forwarded-for': client, ...(cookie ? { cookie } : {}) } });
    for (const c of response.cookies as { name: string; value: string }[]) cookies[c.name] = c.value;
    return response;
  };
  const signIn = (identifier: string, password: string, client = '198.51.100.200') => post('/api/v1/login', { identifier, password }, client);
  /** A recovery by questions with made-up answers; the status of the answer. */
  const wrongAnswers = async (identifier: string, client: string) => {
    cookies = {};
    const started = await post('/api/v1/recovery', { identifier }, client);
    const { flowId } = started.json<{ flowId: string }>();
    const cookie = Object.entries(cookies).map(([name, value]) => `${name}=${value}`).join('; ');
    const questions = await t.app.inject({ method: 'GET', url: `/api/v1/recovery/${flowId}/questions`, headers: { 'x-forwarded-for': client, cookie } });
    const answers = questions.json<{ items: { id: string }[] }>().items.map((q) => ({ questionId: q.id, answer: 'not the answer' }));
    return (await post(`/api/v1/recovery/${flowId}/questions`, { answers }, client)).statusCode;
  };
  const rows = async () => {
    const { db } = t.deps.storage;
    const n = async (table: 'login_attempts' | 'client_failures' | 'recovery_answer_attempts') =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    return { loginCounters: await n('login_attempts'), clientWindows: await n('client_failures'), answerCounters: await n('recovery_answer_attempts') };
  };
  const housekeeping = () => purgeExpired(t.deps.storage.db, t.clock.now(), purgePolicy(t.deps.config));

  beforeAll(async () => {
    t = await createTestApp({
      engine,
      // Cheap hashes: this is about rows, not about hashing.
      env: { PORTICO_DATA_DIR: tempDataDir(), PORTICO_TRUSTED_PROXIES: '127.0.0.1', PORTICO_ARGON2_MEMORY_KIB: '1024', PORTICO_ARGON2_TIME: '1' },
    });
    await seedRegistered(t.deps, { employeeId: '0581001', givenName: 'Lola', password: PASSWORD, email: 'lola@example.com' });
    await seedRegistered(t.deps, { employeeId: '0581002', givenName: 'Paco', password: PASSWORD, email: 'paco@example.com' });
  });
  afterAll(async () => t?.close());

  it('leaves no counter or window of a spray behind once its window has passed, and keeps the decoy questions lock', async () => {
    const identifiers = Array.from({ length: SPRAYED }, (_, i) => (i % 2 === 0 ? `${randomBytes(6).readUIntBE(0, 6)}`.slice(0, 12).padStart(8, '1') : `${randomBytes(5).toString('hex')}@example.com`));
    for (let start = 0; start < SPRAYED; start += 25) {
      const answers = await Promise.all(identifiers.slice(start, start + 25).map((identifier, i) => signIn(identifier, 'Guess2026', `203.0.113.${((start + i) % CLIENTS) + 1}`)));
      expect(answers.map((a) => a.statusCode).every((status) => status === 401)).toBe(true);
    }
    for (let i = 0; i < 20; i++) expect(await wrongAnswers(`${randomBytes(4).toString('hex')}@example.org`, `203.0.113.${101 + i}`)).toBe(401);
    // A decoy whose answers locked it: three wrong sets, then 423 like a real account (RECOV-1/7).
    const decoy = 'nobody-here@example.org';
    for (let i = 0; i < 3; i++) await wrongAnswers(decoy, '203.0.113.150');
    expect(await wrongAnswers(decoy, '203.0.113.151')).toBe(423);

    const sprayed = await rows();
    expect(sprayed.loginCounters).toBeGreaterThanOrEqual(SPRAYED);
    expect(sprayed.clientWindows).toBeGreaterThanOrEqual(CLIENTS);
    expect(sprayed.answerCounters).toBe(21);

    // Within the day nothing a limit still counts goes.
    t.clock.advance(HOUR);
    await housekeeping();
    expect(await rows()).toEqual(sprayed);

    t.clock.advance(DAY);
    await housekeeping();
    expect(await rows()).toEqual({ loginCounters: 0, clientWindows: 0, answerCounters: 1 });
    expect(await wrongAnswers(decoy, '203.0.113.152')).toBe(423);
  });

  it('keeps a lock in force and recent failures, so LOGIN-4 answers as before', async () => {
    for (let i = 0; i < 3; i++) expect((await signIn('0581001', 'Wrong2026x')).statusCode).toBe(401);
    expect((await signIn('0581002', 'Wrong2026x')).statusCode).toBe(401);
    expect((await signIn('0581002', 'Wrong2026x')).statusCode).toBe(401);

    t.clock.advance(MINUTE);
    await housekeeping();
    // The lock in force still refuses the right password; the two recent failures still count.
    expect((await signIn('0581001', PASSWORD)).statusCode).toBe(423);
    expect((await signIn('0581002', 'Wrong2026x')).statusCode).toBe(401);
    expect((await signIn('0581002', PASSWORD)).statusCode).toBe(423);

    // Once the lock is over the right password gets in, and a day later no counter is left.
    t.clock.advance(15 * MINUTE);
    expect((await signIn('0581001', PASSWORD)).json()).toMatchObject({ next: 'home' });
    t.clock.advance(DAY + MINUTE);
    await housekeeping();
    expect((await rows()).loginCounters).toBe(0);
  });
});
