// ELIG-2, ELIG-3: separated employees keep access until June 30 of the following year; after
// that the right password explains why, and a wrong one gets the ordinary failure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { login, seedRegistered } from '../../../test/support/seed.js';
import { FakeClock } from '../../../test/support/fake-clock.js';

let t: TestApp;
beforeAll(async () => {
  // 2026-03-02 in New York: last year's separations still have access, older ones not.
  t = await createTestApp({ clock: new FakeClock(Date.UTC(2026, 2, 2, 15)) });
  await seedRegistered(t.deps, { employeeId: '800001', password: 'Gone2026x', status: 'separated', separationDate: '2024-08-31' });
  await seedRegistered(t.deps, { employeeId: '800002', password: 'Recent2026', status: 'separated', separationDate: '2025-12-15' });
  await seedRegistered(t.deps, { employeeId: '800003', password: 'NoDate2026', status: 'separated', separationDate: null });
  await seedRegistered(t.deps, { employeeId: '800004', password: 'Retired2026', status: 'retired', country: 'CA' });
  await seedRegistered(t.deps, { employeeId: '800005', password: 'Mexico2026', status: 'active', country: 'MX' });
});
afterAll(() => t.close());

describe.each([
  ['en', /Your portal access ended on June 30, 2025/],
  ['fr-CA', /a pris fin le 30 juin 2025/],
])('eligibility (%s)', (language, message) => {
  it('separated two years ago: right password → 403 NOT_ELIGIBLE with the end date; wrong → ordinary 401', async () => {
    const right = await login(t.app, '800001', 'Gone2026x', { 'accept-language': language });
    expect(right.statusCode).toBe(403);
    const body = JSON.parse(right.body) as { error: { code: string; message: string; accessEndedOn: string } };
    expect(body.error.code).toBe('NOT_ELIGIBLE');
    expect(body.error.accessEndedOn).toBe('2025-06-30');
    expect(body.error.message).toMatch(message);
    expect(right.headers['set-cookie']).toBeUndefined();

    const wrong = await login(t.app, '800001', 'not-it', { 'accept-language': language });
    const unknown = await login(t.app, '899999', 'not-it', { 'accept-language': language });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toBe(unknown.body);
  });
});

describe('eligibility', () => {
  it('separated last year signs in until June 30 of this year', async () => {
    const response = await login(t.app, '800002', 'Recent2026');
    expect(response.statusCode).toBe(200);
  });

  it('the grace period ends at the end of June 30 in the company time zone', async () => {
    const clock = new FakeClock(Date.UTC(2026, 6, 1, 3, 59)); // 23:59 on June 30 in New York
    const local = await createTestApp({ clock });
    try {
      await seedRegistered(local.deps, { employeeId: '810001', password: 'Recent2026', status: 'separated', separationDate: '2025-02-01' });
      expect((await login(local.app, '810001', 'Recent2026')).statusCode).toBe(200);
      clock.advance(2 * 60_000); // 00:01 on July 1 in New York
      expect((await login(local.app, '810001', 'Recent2026')).statusCode).toBe(403);
    } finally {
      await local.close();
    }
  });

  it('separated with no date, or a country not allowed → 403', async () => {
    expect((await login(t.app, '800003', 'NoDate2026')).statusCode).toBe(403);
    expect((await login(t.app, '800005', 'Mexico2026')).statusCode).toBe(403);
  });

  it('retirees sign in', async () => {
    expect((await login(t.app, '800004', 'Retired2026')).statusCode).toBe(200);
  });

  it('a session ends when its employee becomes ineligible (ELIG-3)', async () => {
    const response = await login(t.app, '800004', 'Retired2026');
    const cookie = response.cookies.find((c) => c.name === 'portico_session')!;
    const headers = { cookie: `portico_session=${cookie.value}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers })).statusCode).toBe(200);
    await t.deps.storage.db.updateTable('employees').set({ status: 'separated', separation_date: '2020-01-01' }).where('employee_id', '=', '800004').execute();
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers })).statusCode).toBe(401);
    const sessions = await t.deps.storage.db.selectFrom('sessions').selectAll().where('employee_id', '=', '800004').execute();
    expect(sessions).toEqual([]);
  });
});
