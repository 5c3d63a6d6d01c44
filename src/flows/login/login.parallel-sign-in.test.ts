// LOGIN-4 without false lock messages: an attempt claims its guess before the password is checked,
// but a claim still in flight is not a failure. Parallel sign-ins with the RIGHT password all get
// in (the ones beyond the budget wait for the others), never "locked after too many failed
// attempts" — on SQLite, on PostgreSQL and across two instances. Wrong ones stay exact (at most 3,
// login.lockout.test.ts).
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, listen, type TestApp } from '../../../test/support/test-app.js';
import { seedRegistered } from '../../../test/support/seed.js';
import { ENGINES } from '../../../test/support/databases.js';
import { FakeClock } from '../../../test/support/fake-clock.js';

const PASSWORD = 'Correct2026';

async function post(base: string, identifier: string, password: string): Promise<{ status: number; body: unknown; session: boolean }> {
  const response = await fetch(`${base}/api/v1/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier, password }),
  });
  const session = response.headers.getSetCookie().some((c) => c.startsWith('portico_session='));
  return { status: response.status, body: await response.json(), session };
}

const parallel = (bases: string[], count: number, identifier: string, password: (i: number) => string) =>
  Promise.all(Array.from({ length: count }, (_, i) => post(bases[i % bases.length]!, identifier, password(i))));

describe.each(ENGINES)('parallel sign-ins on %s', (engine) => {
  const apps: TestApp[] = [];
  afterAll(async () => Promise.all(apps.map((a) => a.close())));

  async function instances(count: 1 | 2): Promise<{ t: TestApp; bases: string[] }> {
    const clock = new FakeClock();
    const t = await createTestApp({ engine, clock, env: { PORTICO_CLIENT_FAILURE_LIMIT: '1000' } });
    apps.push(t);
    const bases = [await listen(t.app)];
    if (count === 2) {
      const second = await createTestApp({ databaseUrl: t.databaseUrl, clock, env: { PORTICO_CLIENT_FAILURE_LIMIT: '1000' } });
      apps.push(second);
      bases.push(await listen(second.app));
    }
    return { t, bases };
  }

  it('8 parallel right-password sign-ins of an account with no failures: 8 × home, never 423', async () => {
    const { t, bases } = await instances(1);
    await seedRegistered(t.deps, { employeeId: '732001', password: PASSWORD });
    const answers = await parallel(bases, 8, '732001', () => PASSWORD);
    expect(answers).toEqual(Array(8).fill({ status: 200, body: { next: 'home' }, session: true }));
  });

  it('the same through two instances sharing the database, and by e-mail', async () => {
    const { t, bases } = await instances(2);
    await seedRegistered(t.deps, { employeeId: '732002', password: PASSWORD, email: 'par@example.com' });
    const answers = await parallel(bases, 8, 'par@example.com', () => PASSWORD);
    expect(answers).toEqual(Array(8).fill({ status: 200, body: { next: 'home' }, session: true }));
  });

  it('after 2 failures one guess is left: parallel right passwords take it one after another and all get in', async () => {
    const { t, bases } = await instances(1);
    await seedRegistered(t.deps, { employeeId: '732003', password: PASSWORD });
    expect((await post(bases[0]!, '732003', 'nope-1')).status).toBe(401);
    expect((await post(bases[0]!, '732003', 'nope-2')).status).toBe(401);
    const answers = await parallel(bases, 6, '732003', () => PASSWORD);
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(200));
  });
});
