// LOGIN-3 / HELP-4: a help-desk PIN on a registered account leads to "set a new password" — the
// JSON step and the page. Policy, last 5, PIN spent, sessions ended, flow single use.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { ENGINES } from '../../../test/support/databases.js';
import { login, seedRegistered } from '../../../test/support/seed.js';
import { issuePin } from '../../identity/issue-pin.js';
import { Visitor } from '../../../test/support/visitor.js';
import { flowClientCookie } from '../../../test/support/flow-client.js';

function cookieOf(response: { cookies: { name: string; value: string }[] }, name: string): string | undefined {
  return response.cookies.find((c) => c.name === name)?.value;
}

describe.each(ENGINES)('set a new password after a help-desk PIN (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ engine });
  });
  afterAll(() => t.close());

  async function pinFor(employeeId: string): Promise<string> {
    const issued = await issuePin(t.deps, { employeeId, actorId: null, reason: 'caller verified', now: t.clock.now(), via: 'cli' });
    return issued!.pin;
  }

  async function startFlow(employeeId: string): Promise<{ pin: string; flowId: string }> {
    const pin = await pinFor(employeeId);
    const response = await login(t.app, employeeId, pin);
    expect(response.statusCode).toBe(200);
    const body = response.json<{ next: string; flowId: string }>();
    expect(body.next).toBe('set_password');
    return { pin, flowId: body.flowId };
  }

  const setPassword = (payload: Record<string, string>) => t.app.inject({ method: 'POST', url: '/api/v1/login/password', payload, headers: { cookie: flowClientCookie() } });

  it('stores the password, signs in, spends the PIN and the flow, ends every other session, tells the person', async () => {
    await seedRegistered(t.deps, { employeeId: '710001', password: 'OldPass2026', email: 'ana@example.com' });
    const earlier = await login(t.app, '710001', 'OldPass2026');
    const earlierSession = cookieOf(earlier, 'portico_session')!;
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `portico_session=${earlierSession}` } })).statusCode).toBe(200);

    const { pin, flowId } = await startFlow('710001');
    const done = await setPassword({ flowId, password: 'NewPass2026', confirm: 'NewPass2026' });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({ next: 'home' });
    const session = cookieOf(done, 'portico_session')!;
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `portico_session=${session}` } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `portico_session=${earlierSession}` } })).statusCode).toBe(401);

    expect((await login(t.app, '710001', 'OldPass2026')).statusCode).toBe(401);
    expect((await login(t.app, '710001', pin)).statusCode).toBe(401);
    expect((await login(t.app, '710001', 'NewPass2026')).json()).toEqual({ next: 'home' });

    // Single use.
    const again = await setPassword({ flowId, password: 'Other2026x', confirm: 'Other2026x' });
    expect(again.statusCode).toBe(410);

    const account = await t.deps.storage.db.selectFrom('accounts').select(['pin_hash', 'pin_purpose']).where('employee_id', '=', '710001').executeTakeFirstOrThrow();
    expect(account).toEqual({ pin_hash: null, pin_purpose: null });
    const notices = await t.deps.storage.db.selectFrom('messages').select(['template', 'channel']).where('template', '=', 'password-changed').execute();
    expect(notices).toContainEqual({ template: 'password-changed', channel: 'email' });
    const audit = await t.deps.storage.db.selectFrom('audit_events').select(['event', 'detail']).where('subject_id', '=', '710001').where('event', '=', 'password.changed').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.detail!)).toMatchObject({ via: 'helpdesk_pin' });
  });

  it('refuses a password that breaks the policy, one of the last 5, or the PIN itself — and keeps the PIN valid', async () => {
    await seedRegistered(t.deps, { employeeId: '710002', password: 'Current2026' });
    const { pin, flowId } = await startFlow('710002');
    const short = await setPassword({ flowId, password: 'ab1', confirm: 'ab1' });
    expect(short.statusCode).toBe(400);
    expect(short.json<{ error: { code: string; rules: string[] } }>().error).toMatchObject({ code: 'VALIDATION', rules: expect.arrayContaining(['length']) as unknown });
    const mismatch = await setPassword({ flowId, password: 'Fresh2026a', confirm: 'Fresh2026b' });
    expect(mismatch.json<{ error: { rules: string[] } }>().error.rules).toContain('matches');
    const recent = await setPassword({ flowId, password: 'Current2026', confirm: 'Current2026' });
    expect(recent.statusCode).toBe(400);
    expect(recent.json<{ error: { rules: string[] } }>().error.rules).toEqual(['notRecent']);
    const asPin = await setPassword({ flowId, password: pin, confirm: pin });
    expect(asPin.json<{ error: { rules: string[] } }>().error.rules).toContain('notPin');
    expect(cookieOf(recent, 'portico_session') ?? '').toBe('');
    // Nothing was spent: the PIN still signs in, the old password still works.
    expect((await login(t.app, '710002', 'Current2026')).json()).toEqual({ next: 'home' });
    expect((await login(t.app, '710002', pin)).json<{ next: string }>().next).toBe('set_password');
    expect((await setPassword({ flowId, password: 'Fresh2026a', confirm: 'Fresh2026a' })).statusCode).toBe(200);
  });

  it('an unknown or missing flow id is FLOW_EXPIRED; a bad body is VALIDATION', async () => {
    expect((await setPassword({ flowId: 'nope', password: 'Fresh2026a', confirm: 'Fresh2026a' })).statusCode).toBe(410);
    expect((await setPassword({ flowId: 'nope', password: 'Fresh2026a' })).statusCode).toBe(400);
  });

  it('keeps the last 5 passwords: the fifth-last is refused', async () => {
    await seedRegistered(t.deps, { employeeId: '710003', password: 'First2026a' });
    const passwords = ['Second2026a', 'Third2026a', 'Fourth2026a', 'Fifth2026a'];
    for (const password of passwords) {
      const { flowId } = await startFlow('710003');
      t.clock.advance(1000);
      expect((await setPassword({ flowId, password, confirm: password })).statusCode).toBe(200);
    }
    const { flowId } = await startFlow('710003');
    const reuse = await setPassword({ flowId, password: 'First2026a', confirm: 'First2026a' });
    expect(reuse.json<{ error: { rules: string[] } }>().error.rules).toEqual(['notRecent']);
    expect((await setPassword({ flowId, password: 'Sixth2026a', confirm: 'Sixth2026a' })).statusCode).toBe(200);
    const { flowId: next } = await startFlow('710003');
    // Now the first one has dropped out of the last 5.
    expect((await setPassword({ flowId: next, password: 'First2026a', confirm: 'First2026a' })).statusCode).toBe(200);
  });
});

describe('the /login/password page', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedRegistered(t.deps, { employeeId: '720001', password: 'Pages2026a', givenName: 'Iris' });
  });
  afterAll(() => t.close());

  it('the sign-in form sends a help-desk PIN to /login/password; the form shows the rules, checks them and signs in', async () => {
    const issued = await issuePin(t.deps, { employeeId: '720001', actorId: null, reason: 'test', now: t.clock.now(), via: 'cli' });
    const loginPage = await t.app.inject({ method: 'GET', url: '/login' });
    const csrf = cookieOf(loginPage, 'portico_csrf')!;
    const client = `portico_client=${cookieOf(loginPage, 'portico_client')!}`;
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `portico_csrf=${csrf}; ${client}` },
      payload: new URLSearchParams({ identifier: '720001', password: issued!.pin, _csrf: csrf }).toString(),
    });
    expect(signIn.statusCode).toBe(303);
    expect(signIn.headers.location).toBe('/login/password');
    const flow = cookieOf(signIn, 'portico_flow')!;
    const cookie = `portico_csrf=${csrf}; portico_flow=${flow}; ${client}`;

    const page = await t.app.inject({ method: 'GET', url: '/login/password', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<label for="password">New password<\/label>/);
    expect(page.body).toMatch(/<label for="confirm">Confirm new password<\/label>/);
    expect(page.body).toContain('id="password-rules"');
    expect(page.body).toContain(`name="_csrf" value="${csrf}"`);
    expect(page.body).toContain('Iris');
    expect(page.body.match(/<h1/g)).toHaveLength(1);

    const post = (form: Record<string, string>, headers: Record<string, string> = {}) =>
      t.app.inject({
        method: 'POST',
        url: '/login/password',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, ...headers },
        payload: new URLSearchParams(form).toString(),
      });
    expect((await post({ password: 'Fresh2026a', confirm: 'Fresh2026a' })).statusCode).toBe(403);

    const wrong = await post({ password: 'short', confirm: 'other', _csrf: csrf });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Your new password does not meet every rule listed.');
    expect(wrong.body).toContain('The two passwords do not match.');
    expect(wrong.body).toMatch(/aria-invalid="true"/);
    expect(wrong.body).not.toContain('short');

    const done = await post({ password: 'Fresh2026a', confirm: 'Fresh2026a', _csrf: csrf });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/home');
    expect(cookieOf(done, 'portico_session')).toBeTruthy();
    // The flow is spent: the page sends the browser back to sign in.
    const after = await t.app.inject({ method: 'GET', url: '/login/password', headers: { cookie } });
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toBe('/login');
  });

  it('HELP-4: for an account with MFA the new password leads to the code step, and no session before the code', async () => {
    await seedRegistered(t.deps, { employeeId: '720002', password: 'Pages2026a', email: 'mfa.page@example.com' });
    await t.deps.storage.db.updateTable('accounts').set({ mfa: 'email', email_verified_at: t.clock.now() }).where('employee_id', '=', '720002').execute();
    const issued = await issuePin(t.deps, { employeeId: '720002', actorId: null, reason: 'test', now: t.clock.now(), via: 'cli' });
    const browser = new Visitor(t);
    await browser.get('/login');
    expect((await browser.post('/login', { identifier: '720002', password: issued!.pin })).headers.location).toBe('/login/password');
    const done = await browser.post('/login/password', { password: 'Fresh2026b', confirm: 'Fresh2026b' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/login/code');
    expect(browser.cookies.has('portico_session')).toBe(false);
    expect((await browser.get('/login/code')).statusCode).toBe(200);
    expect((await browser.get('/home')).headers.location).toBe('/login/code');
  });

  it('without a flow, /login/password and /register go to sign in', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/login/password' });
    expect(page.headers.location).toBe('/login');
    expect((await t.app.inject({ method: 'GET', url: '/register' })).headers.location).toBe('/login');
  });

  it('is translated', async () => {
    const issued = await issuePin(t.deps, { employeeId: '720001', actorId: null, reason: 'test', now: t.clock.now(), via: 'cli' });
    const { flowId } = (await login(t.app, '720001', issued!.pin)).json<{ flowId: string }>();
    const fr = await t.app.inject({ method: 'GET', url: '/login/password?lang=fr-CA', headers: { cookie: `portico_flow=${flowId}; ${flowClientCookie()}` } });
    expect(fr.body).toContain('Nouveau mot de passe');
    const es = await t.app.inject({ method: 'GET', url: '/login/password?lang=es-PR', headers: { cookie: `portico_flow=${flowId}; ${flowClientCookie()}` } });
    expect(es.body).toContain('Contraseña nueva');
    // /register with a set-password flow goes to the page.
    expect((await t.app.inject({ method: 'GET', url: '/register', headers: { cookie: `portico_flow=${flowId}; ${flowClientCookie()}` } })).headers.location).toBe('/login/password');
  });
});
