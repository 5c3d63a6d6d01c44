// LOGIN-4: failures are counted atomically, so a burst never evaluates more than 3 guesses — on
// SQLite, on PostgreSQL, and across two instances sharing one PostgreSQL database.
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, listen, type TestApp } from '../../../test/support/test-app.js';
import { seedRegistered } from '../../../test/support/seed.js';
import { MINUTE } from '../../security/clock.js';
import { FakeClock } from '../../../test/support/fake-clock.js';
import { ENGINES } from '../../../test/support/databases.js';

const PASSWORD = 'Correct2026';

async function post(base: string, identifier: string, password: string): Promise<number> {
  const response = await fetch(`${base}/api/v1/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier, password }),
  });
  await response.arrayBuffer();
  return response.status;
}

async function burst(bases: string[], identifier: string, count: number): Promise<number[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => post(bases[i % bases.length]!, identifier, `wrong-${i}`)));
}

function tally(statuses: number[]) {
  return { 401: statuses.filter((s) => s === 401).length, 423: statuses.filter((s) => s === 423).length, other: statuses.filter((s) => s !== 401 && s !== 423) };
}

describe.each(ENGINES)('lockout burst on %s', (engine) => {
  const apps: TestApp[] = [];
  afterAll(async () => Promise.all(apps.map((a) => a.close())));

  it('50 parallel wrong passwords: at most 3 evaluated, then locked for 15 minutes', async () => {
    const testApp = await createTestApp({ engine, env: { PORTICO_CLIENT_FAILURE_LIMIT: '1000' } });
    apps.push(testApp);
    await seedRegistered(testApp.deps, { employeeId: '123456', password: PASSWORD });
    const base = await listen(testApp.app);

    const counts = tally(await burst([base], '123456', 50));
    expect(counts.other).toEqual([]);
    expect(counts[401]).toBeLessThanOrEqual(3);
    expect(counts[423]).toBeGreaterThanOrEqual(47);

    expect(await post(base, '123456', PASSWORD)).toBe(423);
    testApp.clock.advance(14 * MINUTE);
    expect(await post(base, '123456', PASSWORD)).toBe(423);
    testApp.clock.advance(1 * MINUTE + 1000);
    expect(await post(base, '123456', PASSWORD)).toBe(200);
  });
});

describe('lockout burst across two instances sharing PostgreSQL', () => {
  const apps: TestApp[] = [];
  afterAll(async () => Promise.all(apps.map((a) => a.close())));

  it('requests alternating between instances still evaluate at most 3 guesses', async () => {
    const clock = new FakeClock();
    const first = await createTestApp({ engine: 'postgres', clock, env: { PORTICO_CLIENT_FAILURE_LIMIT: '1000' } });
    apps.push(first);
    const second = await createTestApp({ databaseUrl: first.databaseUrl, clock, env: { PORTICO_CLIENT_FAILURE_LIMIT: '1000' } });
    apps.push(second);
    await seedRegistered(first.deps, { employeeId: '654321', password: PASSWORD });
    const bases = [await listen(first.app), await listen(second.app)];

    const counts = tally(await burst(bases, '654321', 50));
    expect(counts.other).toEqual([]);
    expect(counts[401]).toBeLessThanOrEqual(3);
    expect(counts[423]).toBeGreaterThanOrEqual(47);

    expect(await post(bases[1]!, '654321', PASSWORD)).toBe(423);
    clock.advance(15 * MINUTE + 1000);
    expect(await post(bases[0]!, '654321', PASSWORD)).toBe(200);
  });
});

describe('lockout sequence', () => {
  it('3 consecutive failures lock; a success resets the count', async () => {
    const testApp = await createTestApp();
    try {
      await seedRegistered(testApp.deps, { employeeId: '223344', password: PASSWORD });
      const base = await listen(testApp.app);
      expect(await post(base, '223344', 'nope-1')).toBe(401);
      expect(await post(base, '223344', 'nope-2')).toBe(401);
      expect(await post(base, '223344', PASSWORD)).toBe(200);
      expect(await post(base, '223344', 'nope-3')).toBe(401);
      expect(await post(base, '223344', 'nope-4')).toBe(401);
      expect(await post(base, '223344', 'nope-5')).toBe(401);
      const locked = await fetch(`${base}/api/v1/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ identifier: '223344', password: PASSWORD }),
      });
      expect(locked.status).toBe(423);
      const body = (await locked.json()) as { error: { code: string; retryAfterSeconds: number; message: string } };
      expect(body.error.code).toBe('ACCOUNT_LOCKED');
      expect(body.error.retryAfterSeconds).toBe(15 * 60);
      expect(body.error.message).toMatch(/temporarily locked.*15 minutes/);
      expect(locked.headers.get('retry-after')).toBe('900');
    } finally {
      await testApp.close();
    }
  });
});
