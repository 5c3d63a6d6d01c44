// HELP-4: a help-desk PIN — keyed hash only, 14 days, `reset` for registered accounts and
// `register` for never-registered ones; the audit log has the reason, never the PIN.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { ENGINES } from '../../test/support/databases.js';
import { login, seedRegistered, seedUnregistered } from '../../test/support/seed.js';
import { DAY } from '../security/clock.js';
import { HELPDESK_PIN_LIFETIME_MS, issuePin } from './issue-pin.js';

describe.each(ENGINES)('issuePin (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ engine });
    await seedRegistered(t.deps, { employeeId: '730001', password: 'Known2026a' });
    await seedUnregistered(t.deps, { employeeId: '730002', pin: 'abcd2345' });
  });
  afterAll(() => t.close());

  const issue = (employeeId: string) =>
    issuePin(t.deps, { employeeId, actorId: '700000', reason: 'caller verified', now: t.clock.now(), via: 'console' });

  it('stores only the keyed hash, valid 14 days, ends every session (SESS-5), and audits the reason without the PIN', async () => {
    const before = await login(t.app, '730001', 'Known2026a');
    const cookie = before.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(200);
    const issued = (await issue('730001'))!;
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
    expect(issued.pin).toMatch(/^[a-z2-9]{8}$/);
    expect(issued.expiresAt).toBe(t.clock.now() + 14 * DAY);
    expect(HELPDESK_PIN_LIFETIME_MS).toBe(14 * DAY);
    const account = await t.deps.storage.db.selectFrom('accounts').select(['pin_hash', 'pin_purpose', 'pin_expires_at']).where('employee_id', '=', '730001').executeTakeFirstOrThrow();
    expect(account.pin_purpose).toBe('reset');
    expect(account.pin_hash).not.toContain(issued.pin);
    expect(Number(account.pin_expires_at)).toBe(issued.expiresAt);
    const audit = await t.deps.storage.db.selectFrom('audit_events').selectAll().where('event', '=', 'pin.issued').where('subject_id', '=', '730001').executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe('700000');
    expect(JSON.parse(audit.detail!)).toMatchObject({ reason: 'caller verified', purpose: 'reset', via: 'console', sessionsEnded: 1 });
    expect(JSON.stringify(audit)).not.toContain(issued.pin);
    // The old password still works until the new one is set; the PIN leads to set_password.
    expect((await login(t.app, '730001', 'Known2026a')).json()).toEqual({ next: 'home' });
    expect((await login(t.app, '730001', issued.pin)).json<{ next: string }>().next).toBe('set_password');
  });

  it('a never-registered account gets a registration PIN that replaces the roster one; it expires after 14 days', async () => {
    const issued = (await issue('730002'))!;
    expect((await login(t.app, '730002', 'abcd2345')).statusCode).toBe(401);
    expect((await login(t.app, '730002', issued.pin)).json<{ next: string }>().next).toBe('register');
    t.clock.advance(14 * DAY + 1);
    try {
      expect((await login(t.app, '730002', issued.pin)).statusCode).toBe(401);
    } finally {
      t.clock.advance(-(14 * DAY + 1));
    }
  });

  it('an unknown account gets nothing', async () => {
    expect(await issue('739999')).toBeNull();
  });
});
