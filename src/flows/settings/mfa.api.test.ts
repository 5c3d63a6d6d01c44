// MFA-1, MFA-3, MFA-5 and SESS-3 through the JSON API on SQLite and PostgreSQL: choosing the MFA
// method needs the current password or a sign-in within 5 minutes (turning it off too), codes go
// only to verified contacts, an authenticator is active only after its first code, and the
// console's guard (`/api/v1/admin/whoami`) wants the role and a session that passed a second factor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { seedRegistered } from '../../../test/support/seed.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../../../test/support/outbox.js';
import { ENGINES } from '../../../test/support/databases.js';
import { MINUTE } from '../../security/clock.js';
import { grantRole } from '../../storage/repositories/roles.js';
import { totpCodeAt } from '../../methods/totp/totp.js';
import { errorByField, type ApiErrorBody } from '../../../test/support/api-errors.js';

type Json = Record<string, unknown>;

function client(app: FastifyInstance) {
  const jar = new Map<string, string>();
  const remember = (response: LightMyRequestResponse) => {
    for (const c of response.cookies as { name: string; value: string; maxAge?: number }[]) {
      if (c.value === '' || (c.maxAge !== undefined && c.maxAge <= 0)) jar.delete(c.name);
      else jar.set(c.name, c.value);
    }
    return response;
  };
  const send = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: Json) =>
    remember(await app.inject({ method, url, headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') }, ...(payload ? { payload } : {}) }));
  return {
    jar,
    get: (url: string) => send('GET', url),
    post: (url: string, payload: Json) => send('POST', url, payload),
    put: (url: string, payload: Json) => send('PUT', url, payload),
    login: (identifier: string, password = 'Harbor2026') => send('POST', '/api/v1/login', { identifier, password }),
  };
}

const errorOf = (response: LightMyRequestResponse) => errorByField(response.json<ApiErrorBody>());

describe.each(ENGINES)('MFA settings and the console guard on %s', (engine) => {
  let t: TestApp;
  let outbox: OutboxReader;

  beforeAll(async () => {
    t = await createTestApp({ engine, env: { PORTICO_DATA_DIR: tempDataDir() } });
    outbox = createOutboxReader(t.deps);
    for (const [employeeId, email] of [
      ['630001', 'ana@example.com'],
      ['630002', 'ben@example.com'],
      ['630003', 'cy@example.com'],
      ['630004', 'dee@example.com'],
      ['630005', 'eli@example.com'],
    ] as const) {
      await seedRegistered(t.deps, { employeeId, password: 'Harbor2026', email });
    }
    await grantRole(t.deps.storage.db, '630003', 'helpdesk', t.clock.now());
    await grantRole(t.deps.storage.db, '630004', 'admin', t.clock.now());
  });
  afterAll(async () => {
    await outbox.stop();
    await t.close();
  });

  it('a change after 5 minutes needs the current password; a wrong one is refused', async () => {
    const browser = client(t.app);
    expect((await browser.login('630001')).json()).toEqual({ next: 'home' });
    t.clock.advance(6 * MINUTE);
    const missing = await browser.put('/api/v1/me/mfa', { method: 'email' });
    expect(missing.statusCode).toBe(401);
    expect(errorOf(missing)).toMatchObject({ code: 'INVALID_CREDENTIALS', fields: { current: expect.any(String) } });
    expect((await browser.put('/api/v1/me/mfa', { method: 'totp' })).statusCode).toBe(401);
    expect((await browser.put('/api/v1/me/mfa', { method: 'email', current: 'Wrong2026' })).statusCode).toBe(401);
    expect((await browser.get('/api/v1/me')).json()).toMatchObject({ mfa: 'off' });

    expect((await browser.put('/api/v1/me/mfa', { method: 'email', current: 'Harbor2026' })).statusCode).toBe(204);
    expect((await browser.get('/api/v1/me')).json()).toMatchObject({ mfa: 'email' });
    const changed = await t.deps.storage.db.selectFrom('audit_events').select('detail').where('subject_id', '=', '630001').where('event', '=', 'mfa.changed').execute();
    expect(changed.map((c) => JSON.parse(c.detail ?? '{}') as Json)).toEqual([{ method: 'email', previous: 'off' }]);

    // Turning it off needs the same, and (MFA-6) the factor itself: the password alone is not enough.
    expect((await browser.put('/api/v1/me/mfa', { method: 'off' })).statusCode).toBe(401);
    const passwordOnly = await browser.put('/api/v1/me/mfa', { method: 'off', current: 'Harbor2026' });
    expect(passwordOnly.statusCode).toBe(403);
    expect(errorOf(passwordOnly).code).toBe('MFA_REQUIRED');
    expect((await browser.get('/api/v1/me')).json()).toMatchObject({ mfa: 'email' });
    expect((await browser.post('/api/v1/me/mfa/code', {})).statusCode).toBe(202);
    const code = await outbox.latestCode('ana@example.com');
    const wrong = await browser.put('/api/v1/me/mfa', { method: 'off', current: 'Harbor2026', code: code === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(401);
    expect(errorOf(wrong).code).toBe('INVALID_CODE');
    expect((await browser.put('/api/v1/me/mfa', { method: 'off', current: 'Harbor2026', code })).statusCode).toBe(204);
    expect((await browser.get('/api/v1/me')).json()).toMatchObject({ mfa: 'off' });
  });

  it('codes by SMS need a verified mobile; an unknown method is a 400', async () => {
    const browser = client(t.app);
    await browser.login('630002');
    const sms = await browser.put('/api/v1/me/mfa', { method: 'sms' });
    expect(sms.statusCode).toBe(400);
    expect(errorOf(sms)).toMatchObject({ code: 'VALIDATION', fields: { method: expect.any(String) } });
    expect((await browser.put('/api/v1/me/mfa', { method: 'voice' })).statusCode).toBe(400);
    await t.deps.storage.db.updateTable('accounts').set({ mobile: '+15550001111', mobile_verified_at: t.clock.now() }).where('employee_id', '=', '630002').execute();
    expect((await browser.put('/api/v1/me/mfa', { method: 'sms' })).statusCode).toBe(204);
  });

  it('an authenticator enrolment expires unconfirmed, and leaving it for e-mail removes it', async () => {
    const browser = client(t.app);
    await browser.login('630005');
    const first = (await browser.put('/api/v1/me/mfa', { method: 'totp' })).json<{ otpauthUrl: string }>();
    const secret = new URL(first.otpauthUrl).searchParams.get('secret')!;
    t.clock.advance(16 * MINUTE);
    const late = await browser.post('/api/v1/me/mfa/totp', { code: await totpCodeAt(secret, t.clock.now()) });
    expect(late.statusCode).toBe(410);
    expect((await browser.get('/api/v1/me')).json()).toMatchObject({ mfa: 'off' });

    const second = (await browser.put('/api/v1/me/mfa', { method: 'totp', current: 'Harbor2026' })).json<{ otpauthUrl: string }>();
    const secret2 = new URL(second.otpauthUrl).searchParams.get('secret')!;
    expect(secret2).not.toBe(secret);
    expect((await browser.post('/api/v1/me/mfa/totp', { code: await totpCodeAt(secret2, t.clock.now()) })).statusCode).toBe(200);
    expect((await browser.put('/api/v1/me/mfa', { method: 'email', current: 'Harbor2026' })).statusCode).toBe(204);
    expect(await t.deps.storage.db.selectFrom('mfa_totp').selectAll().where('employee_id', '=', '630005').execute()).toEqual([]);
    expect(await t.deps.storage.db.selectFrom('mfa_recovery_codes').selectAll().where('employee_id', '=', '630005').execute()).toEqual([]);
  });

  it('GET /api/v1/admin/whoami: 401 without a session, 403 FORBIDDEN for an employee', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/admin/whoami' });
    expect(anonymous.statusCode).toBe(401);
    expect(errorOf(anonymous).code).toBe('UNAUTHENTICATED');
    const employee = client(t.app);
    // 630002 has SMS codes on: sign in through the code step.
    const step = (await employee.login('630002')).json<{ flowId: string }>();
    await employee.post('/api/v1/login/code', { flowId: step.flowId, code: await outbox.latestCode('+15550001111') });
    expect((await employee.get('/api/v1/me')).statusCode).toBe(200);
    const forbidden = await employee.get('/api/v1/admin/whoami');
    expect(forbidden.statusCode).toBe(403);
    expect(errorOf(forbidden).code).toBe('FORBIDDEN');
  });

  it('403 MFA_REQUIRED for a help desk agent without MFA, pointing to Edit My Profile; 200 after MFA', async () => {
    const agent = client(t.app);
    expect((await agent.login('630003')).json()).toEqual({ next: 'home' });
    const required = await agent.get('/api/v1/admin/whoami');
    expect(required.statusCode).toBe(403);
    expect(errorOf(required)).toMatchObject({ code: 'MFA_REQUIRED', profileUrl: '/profile/mfa' });

    // Turning MFA on does not make this session one that passed a second factor.
    expect((await agent.put('/api/v1/me/mfa', { method: 'email' })).statusCode).toBe(204);
    expect(errorOf(await agent.get('/api/v1/admin/whoami')).code).toBe('MFA_REQUIRED');

    const again = client(t.app);
    const step = (await again.login('630003')).json<{ next: string; flowId: string }>();
    expect(step.next).toBe('code');
    expect((await again.post('/api/v1/login/code', { flowId: step.flowId, code: await outbox.latestCode('cy@example.com') })).json()).toEqual({ next: 'home' });
    const whoami = await again.get('/api/v1/admin/whoami');
    expect(whoami.statusCode).toBe(200);
    expect(whoami.json()).toEqual({ employeeId: '630003', roles: ['helpdesk'], secondFactor: true });
  });

  it('an admin passes the help desk guard once an authenticator code is typed (enrolment counts as a second factor)', async () => {
    const admin = client(t.app);
    await admin.login('630004');
    expect(errorOf(await admin.get('/api/v1/admin/whoami')).code).toBe('MFA_REQUIRED');
    const { otpauthUrl } = (await admin.put('/api/v1/me/mfa', { method: 'totp' })).json<{ otpauthUrl: string }>();
    const secret = new URL(otpauthUrl).searchParams.get('secret')!;
    expect((await admin.post('/api/v1/me/mfa/totp', { code: await totpCodeAt(secret, t.clock.now()) })).statusCode).toBe(200);
    const whoami = await admin.get('/api/v1/admin/whoami');
    expect(whoami.statusCode).toBe(200);
    expect(whoami.json()).toEqual({ employeeId: '630004', roles: ['admin'], secondFactor: true });
  });
});
