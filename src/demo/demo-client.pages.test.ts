// Issue 16: Company Benefits, the demo's own application at /dev/client. In demo mode it is
// registered (once, whatever the number of starts) and signs an employee in through Portico over
// HTTP: discovery, the code flow with PKCE, the ID token verified, the claims shown. Bad callbacks
// are clear 4xx pages. Outside demo mode neither the pages nor the client exist.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { seedRegistered } from '../../test/support/seed.js';
import { tempDataDir } from '../../test/support/outbox.js';
import { auditRows } from '../../test/support/audit-rows.js';
import { follow, listeningPortico, portalBrowser, registerClient, returnPathOf, signIn } from '../../test/support/relying-party.js';
import { listClients } from '../idp/clients.js';
import { DEMO_CLIENT_NAME, ensureDemoClient } from './demo-client.js';

describe('/dev/client (Company Benefits)', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  /** A demo-mode Portico listening on the loopback at its public URL (the demo client talks to it there). */
  async function listeningDemo(): Promise<{ t: TestApp; base: string }> {
    const listening = await listeningPortico({ demo: true });
    t = listening.t;
    return listening;
  }

  it('registers Company Benefits in demo mode, once, as a public first-party client returning to /dev/client', async () => {
    t = await createTestApp({ demo: true, env: { PORTICO_PUBLIC_URL: 'http://localhost:3999', PORTICO_DATA_DIR: tempDataDir() } });
    const page = await t.app.inject({ method: 'GET', url: '/dev/client' });
    expect(page.statusCode).toBe(200);
    expect(page.body.match(/<h1[ >]/g)).toHaveLength(1);
    expect(page.body).toMatch(/<a class="button button--primary" href="\/dev\/client\/login">Sign in with Portico<\/a>/);
    expect((await t.app.inject({ method: 'GET', url: '/dev/client?lang=fr-CA' })).body).toContain('Se connecter avec Portico');
    expect((await t.app.inject({ method: 'GET', url: '/dev/client?lang=es-PR' })).body).toContain('Iniciar sesión con Portico');
    await ensureDemoClient(t.deps);
    const clients = await listClients(t.deps.storage.db);
    expect(clients).toHaveLength(1);
    expect(clients[0]).toMatchObject({
      name: DEMO_CLIENT_NAME,
      isPublic: true,
      firstParty: true,
      redirectUris: ['http://localhost:3999/dev/client/callback'],
      postLogoutRedirectUris: ['http://localhost:3999/dev/client'],
    });
    const audit = await auditRows(t.deps.storage.db, 'oidc.client_added');
    expect(audit).toHaveLength(1);
  });

  it('replaces a Company Benefits left from a start on another public URL, and leaves other clients alone', async () => {
    t = await createTestApp({ demo: true, env: { PORTICO_PUBLIC_URL: 'http://localhost:4001', PORTICO_DATA_DIR: tempDataDir() } });
    const stale = await registerClient(t.deps, { name: DEMO_CLIENT_NAME, redirectUris: ['http://localhost:3000/dev/client/callback'], isPublic: true });
    const other = await registerClient(t.deps);
    const clientId = await ensureDemoClient(t.deps);
    const ids = (await listClients(t.deps.storage.db)).map((client) => client.clientId);
    expect(ids).toEqual(expect.arrayContaining([clientId, other.clientId]));
    expect(ids).not.toContain(stale.clientId);
    expect(ids).toHaveLength(2);
    const removed = await auditRows(t.deps.storage.db, 'oidc.client_removed');
    expect(removed.map((row) => JSON.parse(row.detail ?? '{}') as unknown)).toEqual([{ client: stale.clientId, via: 'demo' }]);
  });

  it('does not exist outside demo mode: no pages, no client', async () => {
    t = await createTestApp({ env: { PORTICO_DATA_DIR: tempDataDir() } });
    for (const url of ['/dev/client', '/dev/client/login', '/dev/client/callback?code=x&state=y']) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
    }
    await expect(ensureDemoClient(t.deps)).rejects.toThrow(/demo mode/);
    expect(await listClients(t.deps.storage.db)).toEqual([]);
  });

  it('signs an employee in through Portico and shows the verified ID token’s claims, with a sign-out link to end_session', async () => {
    const { t, base } = await listeningDemo();
    await seedRegistered(t.deps, { employeeId: '710001', password: 'Harbor2026', email: 'ana.ruiz@example.com', givenName: 'Ana', familyName: 'Ruiz' });
    const browser = portalBrowser(base);
    const start = await browser.get('/dev/client/login');
    expect(start.status).toBe(303);
    const authorize = new URL(start.location!);
    expect(authorize.pathname).toBe('/oidc/auth');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${base}/dev/client/callback`);
    const toLogin = await follow(browser, authorize.pathname + authorize.search);
    expect(toLogin.at).toMatch(/^\/login\?return=%2Foidc%2Finteraction%2F/);
    expect(await signIn(browser, '710001', 'Harbor2026')).toEqual({ next: 'home' });
    const next = (await follow(browser, returnPathOf(toLogin.at), { stopAt: (url) => url.includes('/dev/client/callback') })).at;
    const callback = await browser.get(next.replace(base, ''));
    expect(callback.status).toBe(200);
    expect(callback.body).toContain('You are signed in to Company Benefits as Ana Ruiz');
    expect(callback.body).toContain('<caption>The ID token’s claims</caption>');
    expect(callback.body).toMatch(/<code>acr<\/code>/);
    expect(callback.body).toContain(`<code>${base}</code>`); // iss
    expect(callback.body).toContain('<code>710001</code>'); // employee_id from userinfo
    const signOut = /href="([^"]*\/oidc\/session\/end[^"]*)"/.exec(callback.body)?.[1]?.replaceAll('&amp;', '&');
    expect(signOut).toBeDefined();
    const endSession = new URL(signOut!);
    expect(endSession.searchParams.get('id_token_hint')).toBeTruthy();
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${base}/dev/client`);
    // The same callback again: its state cookie is spent.
    expect((await browser.get(next.replace(base, ''))).status).toBe(400);
  });

  it('answers a callback with a wrong or missing state, or a refusal, with a clear 400 page', async () => {
    const { t, base } = await listeningDemo();
    const browser = portalBrowser(base);
    const noCookie = await t.app.inject({ method: 'GET', url: '/dev/client/callback?code=abc&state=xyz' });
    expect(noCookie.statusCode).toBe(400);
    expect(noCookie.body).toContain('This sign-in was started too long ago');

    const state = new URL((await browser.get('/dev/client/login')).location!).searchParams.get('state')!;
    const wrongState = await browser.get('/dev/client/callback?code=abc&state=not-the-one');
    expect(wrongState.status).toBe(400);
    expect(wrongState.body).toContain('This sign-in was started too long ago');

    await browser.get('/dev/client/login');
    const again = new URL((await browser.get('/dev/client/login')).location!).searchParams.get('state')!;
    expect(again).not.toBe(state);
    const denied = await browser.get(`/dev/client/callback?error=access_denied&state=${again}`);
    expect(denied.status).toBe(400);
    expect(denied.body).toContain('The sign-in was not completed, so Company Benefits knows nothing about you.');

    const third = new URL((await browser.get('/dev/client/login')).location!).searchParams.get('state')!;
    const badCode = await browser.get(`/dev/client/callback?code=not-a-code&state=${third}&iss=${encodeURIComponent(base)}`);
    expect(badCode.status).toBe(400);
    expect(badCode.body).toContain('Portico did not sign you in to Company Benefits. Code: <code>invalid_grant</code>');
  });
});
