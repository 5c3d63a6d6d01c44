// IDP-1..4, IDP-8 end to end: a real relying party (openid-client v6) against Portico listening on
// the loopback over HTTP, on SQLite and PostgreSQL. Discovery → authorize (the browser is sent to
// Portico's sign-in and signs in with the same cookie jar) → callback → code exchange with PKCE →
// ID token verified with the published JWKS → userinfo → refresh (rotated: the old one is refused).
// And the wrong way round: a wrong redirect URI, no PKCE, `plain` PKCE, a reused code, a
// confidential client without its secret, an employee who is no longer eligible.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as oidc from 'openid-client';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import type { TestApp } from '../../test/support/test-app.js';
import { ENGINES } from '../../test/support/databases.js';
import { seedRegistered } from '../../test/support/seed.js';
import { createOutboxReader, type OutboxReader } from '../../test/support/outbox.js';
import { auditRows } from '../../test/support/audit-rows.js';
import { RP_REDIRECT, authorizationRequest, clientConfiguration, discoverPortico, exchangeCode, follow, listeningPortico, portalBrowser, registerClient, returnPathOf, signIn, verifiedIdToken } from '../../test/support/relying-party.js';
import { rotateSigningKey } from './keys.js';
import { idpFor } from './idp.js';
import { signInConsole } from '../../test/support/console-session.js';

const LOGOUT_RETURN = 'http://127.0.0.1:9/signed-out';
/** The provider's audit rows are written as its events fire, just after the answer: a loaded machine may take a moment. */
const AUDITED = { timeout: 10_000 };
const PASSWORD = 'Harbor2026';

describe.each(ENGINES)('Portico as an OpenID provider for a real relying party on %s', (engine) => {
  let t: TestApp;
  let base: string;
  let outbox: OutboxReader;
  let confidential: { clientId: string; clientSecret: string };
  let publicClient: { clientId: string };
  let thirdParty: { clientId: string; clientSecret: string };
  let rp: oidc.Configuration;

  beforeAll(async () => {
    ({ t, base } = await listeningPortico({ engine }));
    outbox = createOutboxReader(t.deps);
    const added = await registerClient(t.deps, { postLogoutRedirectUris: [LOGOUT_RETURN] });
    confidential = { clientId: added.clientId, clientSecret: added.clientSecret! };
    const third = await registerClient(t.deps, { name: 'Benefits Hub', firstParty: false });
    thirdParty = { clientId: third.clientId, clientSecret: third.clientSecret! };
    publicClient = await registerClient(t.deps, { name: 'Phone app', isPublic: true });
    await seedRegistered(t.deps, { employeeId: '710001', password: PASSWORD, email: 'ana.ruiz@example.com', givenName: 'Ana', familyName: 'Ruiz' });
    await seedRegistered(t.deps, { employeeId: '710002', password: PASSWORD, email: 'bo@example.com' });
    await seedRegistered(t.deps, { employeeId: '710003', password: PASSWORD, email: 'cy@example.com' });
    await t.deps.storage.db.updateTable('accounts').set({ mfa: 'email', email_verified_at: t.clock.now() }).where('employee_id', '=', '710003').execute();
    rp = await discoverPortico(base, confidential.clientId, confidential.clientSecret);
  });
  afterAll(async () => {
    await outbox.stop();
    await t.close();
  });

  it('signs an employee in through Portico and gives the client verified tokens, claims and rotating refresh tokens', async () => {
    const jar = portalBrowser(base);
    const request = await authorizationRequest(rp);
    const toLogin = await follow(jar, request.url);
    expect(toLogin.status).toBe(200);
    expect(toLogin.at).toMatch(/^\/login\?return=%2Foidc%2Finteraction%2F/);
    expect(toLogin.body).toContain('Sign in to continue to the application');
    expect((await signIn(jar, '710001', PASSWORD)).next).toBe('home');
    const back = await follow(jar, returnPathOf(toLogin.at));
    expect(back.at.startsWith(`${RP_REDIRECT}?`)).toBe(true);
    const tokens = await exchangeCode(rp, back.at, request);

    // The ID token is signed by a key in the published JWKS.
    const payload = await verifiedIdToken(base, confidential.clientId, tokens.id_token);
    expect(payload.sub).toMatch(/^[\w-]{20,}$/);
    expect(payload.sub).not.toContain('710001');
    expect(payload).toMatchObject({ acr: 'pwd', amr: ['pwd'], nonce: request.nonce });

    const info = await oidc.fetchUserInfo(rp, tokens.access_token, payload.sub!);
    expect(info).toMatchObject({ sub: payload.sub, given_name: 'Ana', family_name: 'Ruiz', name: 'Ana Ruiz', email: 'ana.ruiz@example.com', email_verified: true, employee_id: '710001', country: 'US', status: 'active' });

    // Refresh tokens rotate: the new one works, the old one is refused (and ends the grant).
    expect(tokens.refresh_token).toBeTruthy();
    const refreshed = await oidc.refreshTokenGrant(rp, tokens.refresh_token!);
    expect(refreshed.refresh_token).toBeTruthy();
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    await expect(oidc.refreshTokenGrant(rp, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });

    // Signed in already: the next authorization does not ask again, and the `sub` is the same.
    const again = await authorizationRequest(rp);
    const direct = await follow(jar, again.url);
    expect(direct.at.startsWith(`${RP_REDIRECT}?`)).toBe(true);
    const second = await exchangeCode(rp, direct.at, again);
    expect(second.claims()!.sub).toBe(payload.sub);

    // IDP-8: granted and issued, for this employee and client.
    // The provider's events are written as they happen, just after the answer: poll for them.
    await expect.poll(async () => (await auditRows(t.deps.storage.db, 'oidc.authorization_granted')).some((row) => row.subject_id === '710001' && JSON.parse(row.detail ?? '{}').client === confidential.clientId), AUDITED).toBe(true);
    await expect.poll(async () => (await auditRows(t.deps.storage.db, 'oidc.token_issued')).filter((row) => row.subject_id === '710001').length, AUDITED).toBeGreaterThanOrEqual(3);
  });

  it('the same employee has the same `sub` for every client', async () => {
    const jar = portalBrowser(base);
    expect((await signIn(jar, '710001', PASSWORD)).next).toBe('home');
    const mobile = clientConfiguration(rp.serverMetadata(), publicClient.clientId);
    const first = await authorizationRequest(rp);
    const firstSub = (await exchangeCode(rp, (await follow(jar, first.url)).at, first)).claims()!.sub;
    const other = await authorizationRequest(mobile);
    const answer = await follow(jar, other.url);
    const tokens = await exchangeCode(mobile, answer.at, other);
    expect(tokens.claims()!.sub).toBe(firstSub);
    // A public client gets no refresh token (IDP-1).
    expect(tokens.refresh_token).toBeUndefined();
  });

  it('follows the Portico session: after sign-out the next authorization asks again', async () => {
    const jar = portalBrowser(base);
    expect((await signIn(jar, '710002', PASSWORD)).next).toBe('home');
    const first = await authorizationRequest(rp);
    expect((await follow(jar, first.url)).at.startsWith(RP_REDIRECT)).toBe(true);
    await jar.request('POST', '/api/v1/logout', { json: {} });
    const second = await authorizationRequest(rp);
    expect((await follow(jar, second.url)).at).toMatch(/^\/login\?return=/);
    // prompt=none without a Portico session: the client hears login_required.
    const silent = await authorizationRequest(rp, { prompt: 'none' });
    const answer = await follow(jar, silent.url);
    expect(new URL(answer.at).searchParams.get('error')).toBe('login_required');
  });

  it('follows the person of the Portico session: after someone else signs in in the same browser, the client gets their sub', async () => {
    const jar = portalBrowser(base);
    expect((await signIn(jar, '710001', PASSWORD)).next).toBe('home');
    const first = await authorizationRequest(rp);
    const firstSub = (await exchangeCode(rp, (await follow(jar, first.url)).at, first)).claims()!.sub;
    expect((await signIn(jar, '710002', PASSWORD)).next).toBe('home');
    const second = await authorizationRequest(rp);
    const answer = await follow(jar, second.url);
    expect(answer.at.startsWith(`${RP_REDIRECT}?`), `${answer.status} ${answer.at}`).toBe(true);
    const tokens = await exchangeCode(rp, answer.at, second);
    expect(tokens.claims()!.sub).not.toBe(firstSub);
    expect((await oidc.fetchUserInfo(rp, tokens.access_token, tokens.claims()!.sub)).employee_id).toBe('710002');
    // …and the new person is still signed in to Portico.
    expect((await jar.get('/api/v1/me')).json<{ employeeId: string }>().employeeId).toBe('710002');
  });

  it('signing out of Portico ends the refresh tokens of the applications signed in through that browser; a password change ends them all', async () => {
    await seedRegistered(t.deps, { employeeId: '710012', password: PASSWORD, email: 'fay@example.com' });
    const jar = portalBrowser(base);
    expect((await signIn(jar, '710012', PASSWORD)).next).toBe('home');
    const request = await authorizationRequest(rp);
    const tokens = await exchangeCode(rp, (await follow(jar, request.url)).at, request);
    // Another browser of the same employee keeps its own grant through a sign-out elsewhere.
    const laptop = portalBrowser(base);
    expect((await signIn(laptop, '710012', PASSWORD)).next).toBe('home');
    const other = await authorizationRequest(rp);
    const otherTokens = await exchangeCode(rp, (await follow(laptop, other.url)).at, other);
    expect((await jar.request('POST', '/api/v1/logout', { json: {} })).status).toBeLessThan(300);
    await expect(oidc.refreshTokenGrant(rp, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    const kept = await oidc.refreshTokenGrant(rp, otherTokens.refresh_token!);
    // A password change (SESS-3) ends every other session and every application's grant.
    const changed = await laptop.request('POST', '/api/v1/me/password', { json: { password: 'Lantern2027', confirm: 'Lantern2027' } });
    expect(changed.status, changed.body).toBe(204);
    await expect(oidc.refreshTokenGrant(rp, kept.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('prompt=login asks for the password again even with a live session', async () => {
    const jar = portalBrowser(base);
    expect((await signIn(jar, '710002', PASSWORD)).next).toBe('home');
    const request = await authorizationRequest(rp, { prompt: 'login' });
    const page = await follow(jar, request.url);
    expect(page.status).toBe(200);
    expect(page.at).toMatch(/^\/login\?return=.*&again$/);
    expect(page.body).toContain('name="password"');
    // Coming back without signing in again does not count.
    const interaction = returnPathOf(page.at);
    expect((await follow(jar, interaction)).at).toMatch(/^\/login\?return=/);
    expect((await signIn(jar, '710002', PASSWORD)).next).toBe('home');
    const back = await follow(jar, interaction);
    expect(back.at.startsWith(`${RP_REDIRECT}?`)).toBe(true);
    const tokens = await exchangeCode(rp, back.at, request);
    expect(tokens.claims()!.auth_time).toBeGreaterThanOrEqual(Math.floor(t.clock.now() / 1000) - 1);
  });

  it('max_age: a Portico session older than that signs in again', async () => {
    const jar = portalBrowser(base);
    expect((await signIn(jar, '710002', PASSWORD)).next).toBe('home');
    const start = t.clock.now();
    t.clock.advance(10 * 60_000);
    try {
      const request = await authorizationRequest(rp, { max_age: '60' });
      const page = await follow(jar, request.url);
      expect(page.at).toMatch(/^\/login\?return=.*&again$/);
      expect((await signIn(jar, '710002', PASSWORD)).next).toBe('home');
      const back = await follow(jar, returnPathOf(page.at));
      expect(back.at.startsWith(`${RP_REDIRECT}?`)).toBe(true);
      const tokens = await exchangeCode(rp, back.at, request);
      expect(tokens.claims()!.auth_time).toBe(Math.floor(t.clock.now() / 1000));
    } finally {
      t.clock.set(start);
    }
  });

  it('an interaction is bound to the browser that started it: its URL alone, in another browser, is worth nothing (RECOV-12)', async () => {
    const starter = portalBrowser(base);
    const request = await authorizationRequest(rp);
    const page = await follow(starter, request.url);
    const interaction = returnPathOf(page.at);
    // Someone else, signed in, opens the same interaction URL.
    const other = portalBrowser(base);
    expect((await signIn(other, '710002', PASSWORD)).next).toBe('home');
    const stolen = await other.get(interaction);
    expect(stolen.status).toBe(400);
    expect(stolen.body).toContain('started in another browser');
    expect(stolen.location).toBeNull();
    // An unknown interaction id, and a tampered one, likewise.
    expect((await starter.get('/oidc/interaction/nope')).status).toBe(400);
  });

  it('answers malformed provider requests with OAuth errors or a Portico page, never a 500', async () => {
    const token = await fetch(`${base}/oidc/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=password&username=a&password=b' });
    expect(token.status).toBe(400);
    expect(((await token.json()) as { error: string }).error).toMatch(/^(invalid_request|unsupported_grant_type|invalid_client)$/);
    const garbage = await fetch(`${base}/oidc/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(garbage.status).toBeLessThan(500);
    const unknownClient = await fetch(`${base}/oidc/auth?client_id=nope&response_type=code&scope=openid&redirect_uri=${encodeURIComponent(RP_REDIRECT)}`, { redirect: 'manual' });
    expect(unknownClient.status).toBe(400);
    expect(await unknownClient.text()).toContain('invalid_client');
    const implicit = await fetch(`${base}/oidc/auth?client_id=${confidential.clientId}&response_type=id_token&scope=openid&nonce=n&redirect_uri=${encodeURIComponent(RP_REDIRECT)}`, { redirect: 'manual' });
    expect(implicit.status).toBeLessThan(500);
    expect(implicit.headers.get('location') ?? (await implicit.text())).toMatch(/unsupported_response_type|invalid_request/);
    const discovery = (await (await fetch(`${base}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({
      issuer: base,
      authorization_endpoint: `${base}/oidc/auth`,
      token_endpoint: `${base}/oidc/token`,
      jwks_uri: `${base}/oidc/jwks`,
      userinfo_endpoint: `${base}/oidc/me`,
      end_session_endpoint: `${base}/oidc/session/end`,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      acr_values_supported: ['pwd', 'mfa', 'phr'],
    });
    expect(discovery.grant_types_supported).not.toContain('password');
    expect(discovery.grant_types_supported).not.toContain('implicit');
  });

  it('RP-initiated logout asks on a Portico page, then ends the Portico session and returns to the registered URI', async () => {
    const jar = portalBrowser(base);
    expect((await signIn(jar, '710002', PASSWORD)).next).toBe('home');
    const request = await authorizationRequest(rp);
    const tokens = await exchangeCode(rp, (await follow(jar, request.url)).at, request);

    // A post-logout URI that was not registered is refused on a Portico page.
    const wrong = oidc.buildEndSessionUrl(rp, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: 'https://evil.example/' });
    const refused = await fetch(wrong, { headers: { cookie: jar.cookieHeader }, redirect: 'manual' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('invalid_request');

    const url = oidc.buildEndSessionUrl(rp, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: LOGOUT_RETURN, state: 'bye' });
    const page = await fetch(url, { headers: { cookie: jar.cookieHeader }, redirect: 'manual' });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Sign out of Portico?');
    expect(html).toContain('Payroll asked to sign you out');
    expect(page.headers.get('content-security-policy')).toContain("form-action 'self' http://127.0.0.1:9");
    // Only looking at the page ends nothing.
    expect((await jar.get('/api/v1/me')).status).toBe(200);
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)![1]!;
    const action = /<form id="op.logoutForm" method="post" action="([^"]+)"/.exec(html)![1]!;
    // Without the anti-forgery value nothing happens.
    const forged = await fetch(action, { method: 'POST', headers: { cookie: jar.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' }, body: 'logout=yes', redirect: 'manual' });
    expect(forged.status).toBe(400);
    expect((await jar.get('/api/v1/me')).status).toBe(200);

    const confirmed = await fetch(action, { method: 'POST', headers: { cookie: jar.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' }, body: `xsrf=${encodeURIComponent(xsrf)}&logout=yes`, redirect: 'manual' });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe(`${LOGOUT_RETURN}?state=bye`);
    expect(confirmed.headers.getSetCookie().some((line) => line.startsWith('portico_session=;'))).toBe(true);
    expect((await jar.get('/api/v1/me')).status).toBe(401);
    // The grant's refresh token ended with the logout.
    await expect(oidc.refreshTokenGrant(rp, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    const ended = await t.deps.storage.db.selectFrom('audit_events').select('detail').where('event', '=', 'session.ended').where('subject_id', '=', '710002').execute();
    expect(ended.map((row) => JSON.parse(row.detail ?? '{}') as Record<string, unknown>)).toContainEqual({ reason: 'application_logout', client: confidential.clientId });
  });

  it('an application that is not first-party asks for consent on a Portico page; refusing tells the client, allowing is remembered', async () => {
    const hub = clientConfiguration(rp.serverMetadata(), thirdParty.clientId, thirdParty.clientSecret);
    const jar = portalBrowser(base);
    expect((await signIn(jar, '710002', PASSWORD)).next).toBe('home');
    const post = (path: string, body: Record<string, string>, cookies = jar) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { cookie: cookies.cookieHeader, origin: base, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(body).toString(),
        redirect: 'manual',
      });

    const first = await authorizationRequest(hub, { scope: 'openid email employee' });
    const page = await follow(jar, first.url);
    expect(page.status).toBe(200);
    expect(page.at).toMatch(/^\/oidc\/interaction\/[\w-]+$/);
    expect(page.body).toContain('Allow Benefits Hub to use your Portico sign-in?');
    expect(page.body).toContain('your e-mail address');
    expect(page.body).toContain('your Employee ID, country and employment status');
    expect(page.body).not.toContain('your name and language');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    // Without the form token, or from another browser, nothing is decided.
    expect((await post(`${page.at}/consent`, { decision: 'allow' })).status).toBe(403);
    const other = portalBrowser(base);
    expect((await signIn(other, '710001', PASSWORD)).next).toBe('home');
    expect((await post(`${page.at}/consent`, { decision: 'allow', _csrf: csrf }, other)).status).toBe(403);
    // Refused: the application hears access_denied.
    const denied = await post(`${page.at}/consent`, { decision: 'deny', _csrf: csrf });
    expect(denied.status).toBe(303);
    const deniedAt = await follow(jar, denied.headers.get('location')!);
    expect(new URL(deniedAt.at).searchParams.get('error')).toBe('access_denied');

    const second = await authorizationRequest(hub, { scope: 'openid email employee' });
    const again = await follow(jar, second.url);
    const token = /name="_csrf" value="([^"]+)"/.exec(again.body)![1]!;
    const allowed = await post(`${again.at}/consent`, { decision: 'allow', _csrf: token });
    expect(allowed.status).toBe(303);
    expect(allowed.headers.get('content-security-policy')).toContain("form-action 'self' http://127.0.0.1:9");
    const back = await follow(jar, allowed.headers.get('location')!);
    const tokens = await exchangeCode(hub, back.at, second);
    const info = await oidc.fetchUserInfo(hub, tokens.access_token, tokens.claims()!.sub);
    expect(info).toMatchObject({ email: 'bo@example.com', employee_id: '710002' });
    expect(info.given_name).toBeUndefined();
    // The same scopes again in this browser: no page.
    const third = await authorizationRequest(hub, { scope: 'openid email employee', prompt: '' });
    expect((await follow(jar, third.url)).at.startsWith(`${RP_REDIRECT}?`)).toBe(true);
    await expect.poll(async () => (await auditRows(t.deps.storage.db, 'oidc.consent_given')).some((row) => row.subject_id === '710002' && JSON.parse(row.detail ?? '{}').client === thirdParty.clientId), AUDITED).toBe(true);
  });

  it('Connected apps: an employee lists the applications they granted and disconnects one, which ends its tokens', async () => {
    const jar = portalBrowser(base);
    await seedRegistered(t.deps, { employeeId: '710010', password: PASSWORD, email: 'dee@example.com' });
    expect((await signIn(jar, '710010', PASSWORD)).next).toBe('home');
    const request = await authorizationRequest(rp);
    const tokens = await exchangeCode(rp, (await follow(jar, request.url)).at, request);
    const listed = await jar.get('/api/v1/me/apps');
    expect(listed.status).toBe(200);
    const items = listed.json<{ items: { clientId: string; name: string; scopes: string[]; since: string }[] }>().items;
    expect(items).toEqual([{ clientId: confidential.clientId, name: 'Payroll', scopes: ['email', 'employee', 'offline_access', 'openid', 'profile'], since: expect.any(String) }]);
    const page = await jar.get('/profile/apps');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Payroll');
    expect(page.body).toContain('Connected apps');
    // On a phone each row stacks, every cell under its column's name.
    expect(page.body).toContain('<table class="table stack-table">');
    expect(page.body).toMatch(/<td data-label="Application"><strong id="app-0">Payroll<\/strong><\/td><td data-label="May know">/);

    // Someone else cannot disconnect it for them: their own list has no such app.
    await seedRegistered(t.deps, { employeeId: '710011', password: PASSWORD, email: 'eli@example.com' });
    const other = portalBrowser(base);
    expect((await signIn(other, '710011', PASSWORD)).next).toBe('home');
    expect((await other.request('DELETE', `/api/v1/me/apps/${confidential.clientId}`)).status).toBe(404);
    expect((await jar.get('/api/v1/me/apps')).json<{ items: unknown[] }>().items).toHaveLength(1);
    expect((await portalBrowser(base).request('DELETE', `/api/v1/me/apps/${confidential.clientId}`)).status).toBe(401);

    expect((await jar.request('DELETE', `/api/v1/me/apps/${confidential.clientId}`)).status).toBe(204);
    expect((await jar.request('DELETE', `/api/v1/me/apps/${confidential.clientId}`)).status).toBe(404);
    expect((await jar.get('/api/v1/me/apps')).json<{ items: unknown[] }>().items).toEqual([]);
    await expect(oidc.refreshTokenGrant(rp, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    await expect(oidc.fetchUserInfo(rp, tokens.access_token, tokens.claims()!.sub)).rejects.toBeTruthy();
    const revoked = await auditRows(t.deps.storage.db, 'oidc.consent_revoked');
    expect(revoked.filter((row) => row.subject_id === '710010').map((row) => JSON.parse(row.detail ?? '{}') as Record<string, unknown>)).toEqual([{ client: confidential.clientId }]);
  });

  it('acr_values=mfa asks for the code step, and the tokens say two factors were used', async () => {
    const jar = portalBrowser(base);
    const request = await authorizationRequest(rp, { acr_values: 'mfa' });
    const page = await follow(jar, request.url);
    expect(page.at).toMatch(/^\/login\?return=/);
    const step = await signIn(jar, '710003', PASSWORD);
    expect(step.next).toBe('code');
    const code = await outbox.latestCode('cy@example.com');
    expect((await jar.request('POST', '/api/v1/login/code', { json: { flowId: step.flowId, code } })).json()).toEqual({ next: 'home' });
    const back = await follow(jar, returnPathOf(page.at));
    const tokens = await exchangeCode(rp, back.at, request);
    expect(tokens.claims()).toMatchObject({ acr: 'mfa', amr: ['pwd', 'otp', 'mfa'] });
  });

  it('acr_values=mfa for an account without a second factor is refused to the client, not granted as one factor', async () => {
    const jar = portalBrowser(base);
    expect((await signIn(jar, '710002', PASSWORD)).next).toBe('home');
    const request = await authorizationRequest(rp, { acr_values: 'mfa' });
    const answer = await follow(jar, request.url);
    expect(new URL(answer.at).searchParams.get('error')).toBe('unmet_authentication_requirements');
  });

  it('refuses a wrong redirect URI with a Portico page, never sending the browser there, and audits it', async () => {
    const jar = portalBrowser(base);
    const request = await authorizationRequest(rp, { redirect_uri: 'http://127.0.0.1:9/elsewhere' });
    const page = await follow(jar, request.url);
    expect(page.status).toBe(400);
    expect(page.body).toContain('<h1');
    expect(page.body).toContain('invalid_redirect_uri');
    expect(page.body).not.toMatch(/at .*\.js:\d+/);
    await expect.poll(async () => (await auditRows(t.deps.storage.db, 'oidc.authorization_refused')).some((row) => JSON.parse(row.detail ?? '{}').reason === 'invalid_redirect_uri'), AUDITED).toBe(true);
  });

  it('refuses an authorization without PKCE, or with plain PKCE', async () => {
    const jar = portalBrowser(base);
    for (const tamper of [(url: URL) => (url.searchParams.delete('code_challenge'), url.searchParams.delete('code_challenge_method')), (url: URL) => url.searchParams.set('code_challenge_method', 'plain')]) {
      const request = await authorizationRequest(rp);
      const url = new URL(request.url);
      tamper(url);
      const answer = await follow(jar, url.href);
      const error = answer.at.startsWith(RP_REDIRECT) ? new URL(answer.at).searchParams.get('error') : answer.status;
      expect(error).toBe('invalid_request');
    }
  });

  it('refuses a reused code, a wrong verifier and a confidential client without its secret', async () => {
    const jar = portalBrowser(base);
    expect((await signIn(jar, '710002', PASSWORD)).next).toBe('home');
    const refusedBefore = (await auditRows(t.deps.storage.db, 'oidc.token_refused')).length;
    const request = await authorizationRequest(rp);
    const callback = (await follow(jar, request.url)).at;
    // Without the secret (a public-client request for a confidential client).
    const noSecret = clientConfiguration(rp.serverMetadata(), confidential.clientId);
    await expect(exchangeCode(noSecret, callback, request)).rejects.toMatchObject({ error: 'invalid_client' });
    const wrongSecret = clientConfiguration(rp.serverMetadata(), confidential.clientId, 'not-the-secret', oidc.ClientSecretPost('not-the-secret'));
    const again = await authorizationRequest(rp);
    await expect(exchangeCode(wrongSecret, (await follow(jar, again.url)).at, again)).rejects.toMatchObject({ error: 'invalid_client' });
    // A wrong verifier.
    const third = await authorizationRequest(rp);
    await expect(exchangeCode(rp, (await follow(jar, third.url)).at, { ...third, verifier: oidc.randomPKCECodeVerifier() })).rejects.toMatchObject({ error: 'invalid_grant' });
    // The right exchange works once; the same code again is refused.
    const fourth = await authorizationRequest(rp);
    const fourthCallback = (await follow(jar, fourth.url)).at;
    await exchangeCode(rp, fourthCallback, fourth);
    await expect(exchangeCode(rp, fourthCallback, fourth)).rejects.toMatchObject({ error: 'invalid_grant' });
    await expect.poll(async () => (await auditRows(t.deps.storage.db, 'oidc.token_refused')).length - refusedBefore, AUDITED).toBeGreaterThanOrEqual(3);
  });

  it('an employee who is no longer eligible gets no new tokens, and their refresh token is refused', async () => {
    await seedRegistered(t.deps, { employeeId: '710009', password: PASSWORD, email: 'gone@example.com' });
    const jar = portalBrowser(base);
    expect((await signIn(jar, '710009', PASSWORD)).next).toBe('home');
    const request = await authorizationRequest(rp);
    const tokens = await exchangeCode(rp, (await follow(jar, request.url)).at, request);
    expect(tokens.refresh_token).toBeTruthy();
    const twoYearsAgo = new Date(t.clock.now() - 2 * 366 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    // HR's roster import marks them separated two years ago, which is past the grace rule (ELIG-2).
    const roster = ['employee_id,given_name,family_name,country,status,separation_date,email,mobile,language', `710009,Test,Person,US,separated,${twoYearsAgo},,,en`].join('\n');
    const hr = await signInConsole(t, outbox, '710090', 'hr');
    const imported = await hr.request({ method: 'POST', url: '/api/v1/admin/roster', payload: roster, headers: { 'content-type': 'text/csv' } });
    expect(imported.json()).toMatchObject({ updated: 1 });
    await expect(oidc.refreshTokenGrant(rp, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    await expect(oidc.fetchUserInfo(rp, tokens.access_token, tokens.claims()!.sub)).rejects.toBeTruthy();
    // A new authorization sends them to sign in (their Portico session ended too), where sign-in is refused.
    const next = await authorizationRequest(rp);
    expect((await follow(jar, next.url)).at).toMatch(/^\/login\?return=/);
    await expect.poll(async () => (await auditRows(t.deps.storage.db, 'oidc.token_refused')).some((row) => row.subject_id === '710009' && JSON.parse(row.detail ?? '{}').reason === 'not_eligible'), AUDITED).toBe(true);
  });

  it('after a key rotation, tokens signed before still verify with the JWKS, new ones carry the new kid, and the JWKS lists both', async () => {
    const jar = portalBrowser(base);
    expect((await signIn(jar, '710001', PASSWORD)).next).toBe('home');
    const before = await authorizationRequest(rp);
    const old = await exchangeCode(rp, (await follow(jar, before.url)).at, before);
    const oldKid = decodeProtectedHeader(old.id_token!).kid;
    const { kid } = await rotateSigningKey({ db: t.deps.storage.db, secret: t.deps.config.secret, now: t.clock.now() });
    idpFor(t.deps, t.app.log).recheckKeys();
    const after = await authorizationRequest(rp);
    const fresh = await exchangeCode(rp, (await follow(jar, after.url)).at, after);
    expect(decodeProtectedHeader(fresh.id_token!).kid).toBe(kid);
    expect(kid).not.toBe(oldKid);
    const published = (await (await fetch(`${base}/oidc/jwks`)).json()) as { keys: { kid: string; d?: string }[] };
    expect(published.keys.map((k) => k.kid)).toEqual([kid, oldKid]);
    expect(published.keys.every((k) => k.d === undefined)).toBe(true);
    const jwks = createRemoteJWKSet(new URL(`${base}/oidc/jwks`));
    await jwtVerify(old.id_token!, jwks, { issuer: base });
    await jwtVerify(fresh.id_token!, jwks, { issuer: base });
  });
});
