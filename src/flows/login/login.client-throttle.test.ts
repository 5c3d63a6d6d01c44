// LOGIN-6: the per-client throttle is claimed atomically BEFORE a password is checked, so 100
// parallel wrong sign-ins from one client — each for another identifier, so the lockout (LOGIN-4)
// never stops them — get at most 30 evaluated, on SQLite, on PostgreSQL, and across two instances
// sharing one database. Only failures count: a right password gives its claim back.
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, listen, type TestApp } from '../../../test/support/test-app.js';
import { seedRegistered } from '../../../test/support/seed.js';
import { ENGINES } from '../../../test/support/databases.js';
import { MINUTE } from '../../security/clock.js';
import { FakeClock } from '../../../test/support/fake-clock.js';

const PASSWORD = 'Correct2026';
const LIMIT = 30;

interface Answer {
  status: number;
  code: string | undefined;
  retryAfter: string | null;
  retryAfterSeconds: number | undefined;
}

async function post(base: string, identifier: string, password: string): Promise<Answer> {
  const response = await fetch(`${base}/api/v1/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier, password }),
  });
  const body = (await response.json()) as { error?: { code: string; retryAfterSeconds?: number } };
  return { status: response.status, code: body.error?.code, retryAfter: response.headers.get('retry-after'), retryAfterSeconds: body.error?.retryAfterSeconds };
}

/** A never-seen identifier each time: an e-mail or an Employee ID, so both kinds are sprayed. */
function randomIdentifier(i: number): string {
  const hex = randomBytes(6).toString('hex');
  return i % 2 === 0 ? `spray-${hex}@example.com` : String(parseInt(hex, 16) % 9_000_000_000 + 1_000_000_000);
}

async function spray(bases: string[], count: number): Promise<Answer[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => post(bases[i % bases.length]!, randomIdentifier(i), `wrong-${i}`)));
}

function expectThrottled(answers: Answer[]): void {
  const evaluated = answers.filter((a) => a.status === 401);
  const throttled = answers.filter((a) => a.status === 429);
  expect(answers.filter((a) => a.status !== 401 && a.status !== 429)).toEqual([]);
  expect(evaluated.every((a) => a.code === 'INVALID_CREDENTIALS')).toBe(true);
  expect(evaluated.length).toBeLessThanOrEqual(LIMIT);
  expect(throttled.length).toBeGreaterThanOrEqual(answers.length - LIMIT);
  for (const answer of throttled) {
    expect(answer.code).toBe('RATE_LIMITED');
    expect(Number(answer.retryAfter)).toBeGreaterThan(0);
    expect(Number(answer.retryAfter)).toBe(answer.retryAfterSeconds);
  }
}

describe.each(ENGINES)('per-client throttle on %s', (engine) => {
  const apps: TestApp[] = [];
  afterAll(async () => Promise.all(apps.map((a) => a.close())));

  it('100 parallel wrong sign-ins from one client: at most 30 evaluated, the rest 429 with Retry-After', async () => {
    const t = await createTestApp({ engine });
    apps.push(t);
    const base = await listen(t.app);
    expectThrottled(await spray([base], 100));
    // Another client is not slowed by this one.
    const elsewhere = await t.app.inject({ method: 'POST', url: '/api/v1/login', remoteAddress: '203.0.113.9', payload: { identifier: randomIdentifier(0), password: 'wrong' } });
    expect(elsewhere.statusCode).toBe(401);
    // The window is 15 minutes.
    t.clock.advance(15 * MINUTE + 1000);
    expect((await post(base, randomIdentifier(1), 'wrong')).status).toBe(401);
  });

  it('two instances sharing one database: still at most 30 evaluated in total', async () => {
    const clock = new FakeClock();
    const first = await createTestApp({ engine, clock });
    apps.push(first);
    const second = await createTestApp({ databaseUrl: first.databaseUrl, clock });
    apps.push(second);
    expectThrottled(await spray([await listen(first.app), await listen(second.app)], 100));
  });

  it('right passwords are not counted against the client: only failures are', async () => {
    const t = await createTestApp({ engine });
    apps.push(t);
    await seedRegistered(t.deps, { employeeId: '731001', password: PASSWORD });
    const base = await listen(t.app);
    const failures = await spray([base], LIMIT - 1);
    expect(failures.map((a) => a.status)).toEqual(Array(LIMIT - 1).fill(401));
    // More right sign-ins in parallel than the limit: none is throttled by the others' claims.
    const right = await Promise.all(Array.from({ length: LIMIT + 5 }, () => post(base, '731001', PASSWORD)));
    expect(right.map((a) => a.status)).toEqual(Array(LIMIT + 5).fill(200));
    // The 30th failure is still evaluated; after it, even the right password waits for the window.
    expect((await post(base, randomIdentifier(0), 'wrong')).status).toBe(401);
    const throttled = await post(base, '731001', PASSWORD);
    expect(throttled).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    t.clock.advance(15 * MINUTE + 1000);
    expect((await post(base, '731001', PASSWORD)).status).toBe(200);
  });
});
