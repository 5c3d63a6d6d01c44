// HELP-3..5 through the console API and pages on SQLite: search, account state, the help desk's
// actions (each needs a reason and is audited with where it came from), roles for admins only,
// the new PIN leading to "set a new password", and roster names shown as text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { login } from '../../../test/support/seed.js';
import { MINUTE } from '../../security/clock.js';
import { searchAudit } from '../../storage/repositories/audit-events.js';
import { api, form, seedPerson, signIn, type Agent } from '../../../test/support/console-employees.js';
import { errorByField, type ApiErrorBody } from '../../../test/support/api-errors.js';

const errorOf = (response: LightMyRequestResponse) => errorByField(response.json<ApiErrorBody>());

const AGENT = '20000001';
const ADMIN = '20000002';
const ALICE = '30000001';
const SCRIPT = '<script>alert(1)</script>';

describe('console employees', () => {
  let t: TestApp;
  let agent: Agent;
  let admin: Agent;

  beforeAll(async () => {
    t = await createTestApp();
    await seedPerson(t.deps, AGENT, ['helpdesk']);
    await seedPerson(t.deps, ADMIN, ['admin']);
    await seedPerson(t.deps, ALICE, [], { givenName: 'Alice', familyName: 'Quiñones' });
    await seedPerson(t.deps, '30000002', [], { givenName: 'Bob', familyName: 'Alison' });
    await seedPerson(t.deps, '30000003', [], { givenName: SCRIPT, familyName: 'Hacker' });
    agent = await signIn(t.app, t.deps, AGENT);
    admin = await signIn(t.app, t.deps, ADMIN);
  });
  afterAll(async () => t.close());

  it('a helpdesk session without a second factor is refused with MFA_REQUIRED', async () => {
    await seedPerson(t.deps, '20000009', ['helpdesk']);
    const noMfa = await signIn(t.app, t.deps, '20000009', { secondFactor: false });
    const response = await api(t.app, noMfa, 'GET', '/api/v1/admin/employees?q=alice');
    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe('MFA_REQUIRED');
  });

  it('searches by Employee ID prefix or part of a name, ignoring case', async () => {
    const byName = await api(t.app, agent, 'GET', '/api/v1/admin/employees?q=ALI');
    expect(byName.statusCode).toBe(200);
    const ids = byName.json<{ items: { employeeId: string }[] }>().items.map((e) => e.employeeId);
    expect(ids.sort()).toEqual([ALICE, '30000002']);
    const byId = await api(t.app, agent, 'GET', '/api/v1/admin/employees?q=3000000');
    expect(byId.json<{ items: unknown[] }>().items).toHaveLength(3);
    const wildcard = await api(t.app, agent, 'GET', '/api/v1/admin/employees?q=%25%25');
    expect(wildcard.json<{ items: unknown[] }>().items).toHaveLength(0);
    for (const q of ['', 'a', 'x'.repeat(101)]) {
      const bad = await api(t.app, agent, 'GET', `/api/v1/admin/employees?q=${q}`);
      expect(bad.statusCode, q).toBe(400);
      expect(errorOf(bad).fields?.q).toBeTruthy();
    }
  });

  it('shows the account state and 404 for an unknown employee', async () => {
    const response = await api(t.app, agent, 'GET', `/api/v1/admin/employees/${ALICE}`);
    expect(response.statusCode).toBe(200);
    const body = response.json<Record<string, unknown>>();
    expect(body).toMatchObject({ employeeId: ALICE, familyName: 'Quiñones', registered: true, eligible: true, mfa: 'off', roles: [], helpdeskLocked: false });
    expect(body.temporaryLock).toMatchObject({ locked: false });
    expect(JSON.stringify(body)).not.toMatch(/id_?hash/i);
    expect((await api(t.app, agent, 'GET', '/api/v1/admin/employees/99999999')).statusCode).toBe(404);
    expect((await api(t.app, agent, 'POST', '/api/v1/admin/employees/99999999/unlock', { reason: 'Caller asked' })).statusCode).toBe(404);
  });

  it('every action needs a reason of 3 to 500 characters', async () => {
    for (const action of ['unlock', 'pin', 'reset-mfa', 'end-sessions']) {
      for (const body of [{}, { reason: '  ' }, { reason: 'ab' }, { reason: 'x'.repeat(501) }]) {
        const response = await api(t.app, agent, 'POST', `/api/v1/admin/employees/${ALICE}/${action}`, body);
        expect(response.statusCode, action).toBe(400);
        expect(errorOf(response).fields?.reason, action).toBeTruthy();
      }
    }
    const roles = await api(t.app, admin, 'POST', `/api/v1/admin/employees/${ALICE}/roles`, { role: 'hr', action: 'grant' });
    expect(errorOf(roles).fields?.reason).toBeTruthy();
    // The page shows the form again with the problem next to the field.
    const page = await form(t.app, agent, `/admin/employees/${ALICE}/unlock`, { reason: '' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('id="unlock-reason-error"');
  });

  it('unlock clears the temporary and the help-desk lock and is audited with the reason', async () => {
    const now = t.clock.now();
    await t.deps.storage.db.insertInto('login_attempts').values({ key: `account:${ALICE}`, failures: 5, locked_until: now + 15 * MINUTE, updated_at: now }).execute();
    await t.deps.storage.db.updateTable('accounts').set({ helpdesk_locked_at: now }).where('employee_id', '=', ALICE).execute();
    const before = (await api(t.app, agent, 'GET', `/api/v1/admin/employees/${ALICE}`)).json<{ temporaryLock: { locked: boolean }; helpdeskLocked: boolean }>();
    expect(before.temporaryLock.locked).toBe(true);
    expect(before.helpdeskLocked).toBe(true);

    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/employees/${ALICE}/unlock`,
      headers: { cookie: agent.cookie, 'user-agent': 'AgentBrowser/1.0' },
      payload: { reason: 'Verified by phone, ticket 42' },
    });
    expect(response.statusCode).toBe(204);
    const after = (await api(t.app, agent, 'GET', `/api/v1/admin/employees/${ALICE}`)).json<{ temporaryLock: { locked: boolean }; helpdeskLocked: boolean }>();
    expect(after.temporaryLock.locked).toBe(false);
    expect(after.helpdeskLocked).toBe(false);
    expect((await login(t.app, ALICE, 'Harbor2026')).json<{ next: string }>().next).toBe('home');

    const [event] = await searchAudit(t.deps.storage.db, { employeeId: ALICE, event: 'account.unlocked' });
    expect(event).toMatchObject({ actorId: AGENT, subjectId: ALICE, userAgent: 'AgentBrowser/1.0', ip: '127.0.0.1' });
    expect(event?.requestId).toBeTruthy();
    expect(event?.detail).toMatchObject({ reason: 'Verified by phone, ticket 42', via: 'console' });
  });

  it('a new PIN is shown once and leads the employee to set a new password', async () => {
    const response = await api(t.app, agent, 'POST', `/api/v1/admin/employees/${ALICE}/pin`, { reason: 'Forgot everything', identityCheck: 'badge' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toContain('no-store');
    const { pin, expiresAt } = response.json<{ pin: string; expiresAt: string }>();
    expect(Date.parse(expiresAt)).toBeGreaterThan(t.clock.now());
    const [event] = await searchAudit(t.deps.storage.db, { employeeId: ALICE, event: 'pin.issued' });
    expect(JSON.stringify(event)).not.toContain(pin);
    expect(event?.detail).toMatchObject({ reason: 'Forgot everything' });
    const signIn = await login(t.app, ALICE, pin);
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json<{ next: string }>().next).toBe('set_password');
  });

  it('the PIN page shows the PIN once, not cached', async () => {
    const page = await form(t.app, agent, `/admin/employees/30000002/pin`, { reason: 'New letter lost', identityCheck: 'government-id', confirm: 'yes' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toContain('no-store');
    expect(page.body.match(/<h1/g)).toHaveLength(1);
    const pin = /<output class="pin">([^<]+)<\/output>/.exec(page.body)?.[1];
    expect(pin).toBeTruthy();
    expect((await login(t.app, '30000002', pin!)).json<{ next: string }>().next).toBe('set_password');
    const detail = await api(t.app, agent, 'GET', '/admin/employees/30000002');
    expect(detail.body).not.toContain(pin);
  });

  it('reset MFA and end sessions work and are audited', async () => {
    await seedPerson(t.deps, '30000004');
    await signIn(t.app, t.deps, '30000004');
    const detail = (await api(t.app, agent, 'GET', '/api/v1/admin/employees/30000004')).json<{ mfa: string; sessions: { count: number; list: Record<string, unknown>[] } }>();
    expect(detail.mfa).toBe('email');
    expect(detail.sessions.count).toBe(1);
    expect(Object.keys(detail.sessions.list[0] ?? {})).not.toContain('id');
    expect((await api(t.app, agent, 'POST', '/api/v1/admin/employees/30000004/reset-mfa', { reason: 'Lost phone', identityCheck: 'badge' })).statusCode).toBe(204);
    const ended = await api(t.app, agent, 'POST', '/api/v1/admin/employees/30000004/end-sessions', { reason: 'Lost phone' });
    expect(ended.json()).toEqual({ ended: 1 });
    const after = (await api(t.app, agent, 'GET', '/api/v1/admin/employees/30000004')).json<{ mfa: string; sessions: { count: number } }>();
    expect(after).toMatchObject({ mfa: 'off', sessions: { count: 0 } });
    const events = (await searchAudit(t.deps.storage.db, { employeeId: '30000004' })).map((e) => e.event);
    expect(events).toEqual(expect.arrayContaining(['mfa.reset', 'session.ended']));
  });

  it('helpdesk cannot change roles; admin can, with a reason', async () => {
    const refused = await api(t.app, agent, 'POST', `/api/v1/admin/employees/${ALICE}/roles`, { reason: 'Promote', role: 'hr', action: 'grant' });
    expect(refused.statusCode).toBe(403);
    expect(errorOf(refused).code).toBe('FORBIDDEN');
    const page = await form(t.app, agent, `/admin/employees/${ALICE}/roles`, { reason: 'Promote', role: 'hr', action: 'grant' });
    expect(page.statusCode).toBe(403);
    expect((await api(t.app, agent, 'GET', `/admin/employees/${ALICE}`)).body).not.toContain('action="/admin/employees/30000001/roles"');

    const bad = await api(t.app, admin, 'POST', `/api/v1/admin/employees/${ALICE}/roles`, { reason: 'Promote', role: 'king', action: 'grant' });
    expect(errorOf(bad).fields?.role).toBeTruthy();
    expect((await api(t.app, admin, 'POST', `/api/v1/admin/employees/${ALICE}/roles`, { reason: 'Joined HR', role: 'hr', action: 'grant' })).statusCode).toBe(204);
    expect((await api(t.app, admin, 'GET', `/api/v1/admin/employees/${ALICE}`)).json<{ roles: string[] }>().roles).toEqual(['hr']);
    const granted = await form(t.app, admin, `/admin/employees/${ALICE}/roles`, { reason: 'Left HR', role: 'hr', action: 'revoke' });
    expect(granted.statusCode).toBe(303);
    expect(granted.headers.location).toBe(`/admin/employees/${ALICE}?done=roles`);
    expect((await api(t.app, admin, 'GET', `/api/v1/admin/employees/${ALICE}`)).json<{ roles: string[] }>().roles).toEqual([]);
    const events = await searchAudit(t.deps.storage.db, { employeeId: ALICE });
    expect(events.find((e) => e.event === 'role.granted')).toMatchObject({ actorId: ADMIN, detail: { reason: 'Joined HR', role: 'hr' } });
    expect(events.find((e) => e.event === 'role.revoked')).toMatchObject({ actorId: ADMIN, detail: { reason: 'Left HR', role: 'hr' } });
  });

  it('pages: /admin opens on the queue; forms carry a reason field and redirect when done', async () => {
    const root = await api(t.app, agent, 'GET', '/admin');
    expect(root.statusCode).toBe(303);
    expect(root.headers.location).toBe('/admin/help-requests');
    const search = await api(t.app, agent, 'GET', '/admin/employees');
    expect(search.statusCode).toBe(200);
    expect(search.body.match(/<h1/g)).toHaveLength(1);
    const detail = await api(t.app, agent, 'GET', `/admin/employees/${ALICE}`);
    expect(detail.body.match(/<h1/g)).toHaveLength(1);
    // Unlock, verify the caller, issue PIN, reset MFA, end sessions.
    expect(detail.body.match(/name="reason"/g)).toHaveLength(5);
    const done = await form(t.app, agent, `/admin/employees/${ALICE}/end-sessions`, { reason: 'Shared computer', confirm: 'yes' });
    expect(done.statusCode).toBe(303);
    const shown = await api(t.app, agent, 'GET', done.headers.location as string);
    expect(shown.body).toContain('All sessions were ended.');
    expect((await api(t.app, agent, 'GET', '/admin/employees/99999999')).statusCode).toBe(404);
    const french = await t.app.inject({ method: 'GET', url: '/admin/employees?lang=fr-CA', headers: { cookie: agent.cookie } });
    expect(french.body).toContain('Trouver un employé');
  });

  it('shows an employee named like a script as text on the search and detail pages', async () => {
    const search = await api(t.app, agent, 'GET', `/admin/employees?q=${encodeURIComponent('<script>')}`);
    expect(search.statusCode).toBe(200);
    expect(search.body).not.toContain(SCRIPT);
    expect(search.body).toContain('&lt;script>alert(1)&lt;/script>');
    const detail = await api(t.app, agent, 'GET', '/admin/employees/30000003');
    expect(detail.statusCode).toBe(200);
    expect(detail.body).not.toContain(SCRIPT);
    expect(detail.body).toContain('&lt;script>alert(1)&lt;/script>');
  });
});
