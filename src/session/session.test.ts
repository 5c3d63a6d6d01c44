// SESS-1, SESS-2, LOGIN-9: cookie flags, server-side logout, idle and absolute expiry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { login, seedRegistered } from '../../test/support/seed.js';
import { MINUTE, HOUR } from '../security/clock.js';
import { keyedHash } from '../security/tokens.js';
import { ENGINES } from '../../test/support/databases.js';

describe.each(ENGINES)('sessions on %s', (engine) => {
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ engine });
  await seedRegistered(t.deps, { employeeId: '500500', password: 'Session2026', givenName: 'Rosa', email: 'rosa@example.com' });
});
afterAll(() => t.close());

async function signIn(app = t.app): Promise<string> {
  const response = await login(app, '500500', 'Session2026');
  expect(response.statusCode).toBe(200);
  const cookie = response.cookies.find((c) => c.name.endsWith('portico_session'));
  return cookie!.value;
}

const me = (id: string, name = 'portico_session') => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `${name}=${id}` } });

describe('sessions', () => {
  it('sets an HttpOnly, SameSite=Lax, Path=/ cookie with a 256-bit id stored only as a hash', async () => {
    const response = await login(t.app, '500500', 'Session2026');
    const header = String(response.headers['set-cookie']);
    expect(header).toMatch(/portico_session=[\w-]{43};/);
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Lax/);
    expect(header).toMatch(/Path=\//);
    expect(header).not.toMatch(/Secure/);
    const id = response.cookies.find((c) => c.name === 'portico_session')!.value;
    const rows = await t.deps.storage.db.selectFrom('sessions').select('id_hash').execute();
    expect(rows.map((r) => r.id_hash)).toContain(keyedHash(t.deps.config.secret, id));
    expect(rows.map((r) => r.id_hash)).not.toContain(id);
  });

  it('uses Secure and the __Host- prefix when the public URL is https', async () => {
    const secure = await createTestApp({ env: { PORTICO_PUBLIC_URL: 'https://portal.example.com' } });
    try {
      await seedRegistered(secure.deps, { employeeId: '500501', password: 'Session2026' });
      const response = await login(secure.app, '500501', 'Session2026');
      const header = String(response.headers['set-cookie']);
      expect(header).toMatch(/^__Host-portico_session=[\w-]{43};/);
      expect(header).toMatch(/Secure/);
      expect(header).toMatch(/HttpOnly/);
    } finally {
      await secure.close();
    }
  });

  it('GET /api/v1/me answers the profile with a session and 401 without', async () => {
    const id = await signIn();
    const response = await me(id);
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({
      employeeId: '500500',
      givenName: 'Rosa',
      familyName: 'Person',
      email: 'rosa@example.com',
      mobile: null,
      language: 'en',
      mfa: 'off',
      roles: [],
      passkeys: 0,
    });
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(anonymous.statusCode).toBe(401);
    expect(JSON.parse(anonymous.body).error.code).toBe('UNAUTHENTICATED');
    expect((await me('forged-session-id')).statusCode).toBe(401);
  });

  it('logout ends the session on the server: the old cookie no longer works', async () => {
    const id = await signIn();
    const logout = await t.app.inject({ method: 'POST', url: '/api/v1/logout', headers: { cookie: `portico_session=${id}` } });
    expect(logout.statusCode).toBe(204);
    expect(String(logout.headers['set-cookie'])).toMatch(/portico_session=;/);
    expect((await me(id)).statusCode).toBe(401);
    const row = await t.deps.storage.db.selectFrom('sessions').selectAll().where('id_hash', '=', keyedHash(t.deps.config.secret, id)).executeTakeFirst();
    expect(row).toBeUndefined();
    // AUDIT-1: the sign-out is a recorded `session.ended`, by and about its owner.
    const ended = await t.deps.storage.db.selectFrom('audit_events').selectAll().where('event', '=', 'session.ended').where('subject_id', '=', '500500').execute();
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({ actor_id: '500500', outcome: 'success', request_id: expect.any(String) });
    expect(JSON.parse(ended[0]!.detail!)).toEqual({ reason: 'sign_out' });
    // Signing out again with the dead cookie records nothing more.
    await t.app.inject({ method: 'POST', url: '/api/v1/logout', headers: { cookie: `portico_session=${id}` } });
    expect(await t.deps.storage.db.selectFrom('audit_events').select('id').where('event', '=', 'session.ended').where('subject_id', '=', '500500').execute()).toHaveLength(1);
  });

  it('signing in again replaces the earlier session of the browser (LOGIN-9)', async () => {
    const first = await signIn();
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/login',
      payload: { identifier: '500500', password: 'Session2026' },
      headers: { cookie: `portico_session=${first}` },
    });
    const second = again.cookies.find((c) => c.name === 'portico_session')!.value;
    expect(second).not.toBe(first);
    expect((await me(first)).statusCode).toBe(401);
    expect((await me(second)).statusCode).toBe(200);
  });

  it('expires after 30 idle minutes; activity keeps it alive', async () => {
    const id = await signIn();
    t.clock.advance(29 * MINUTE);
    expect((await me(id)).statusCode).toBe(200);
    t.clock.advance(29 * MINUTE);
    expect((await me(id)).statusCode).toBe(200);
    t.clock.advance(30 * MINUTE);
    expect((await me(id)).statusCode).toBe(401);
  });

  it('expires 12 hours after sign-in however active', async () => {
    const id = await signIn();
    for (let elapsed = 0; elapsed < 12 * HOUR - 20 * MINUTE; elapsed += 20 * MINUTE) {
      t.clock.advance(20 * MINUTE);
      expect((await me(id)).statusCode).toBe(200);
    }
    t.clock.advance(20 * MINUTE);
    expect((await me(id)).statusCode).toBe(401);
  });

  it('the page guard sends an expired session back to /login', async () => {
    const id = await signIn();
    const home = await t.app.inject({ method: 'GET', url: '/home', headers: { cookie: `portico_session=${id}` } });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Welcome, Rosa');
    t.clock.advance(31 * MINUTE);
    const later = await t.app.inject({ method: 'GET', url: '/home', headers: { cookie: `portico_session=${id}` } });
    expect(later.statusCode).toBe(303);
    expect(later.headers.location).toBe('/login');
  });
});
});
