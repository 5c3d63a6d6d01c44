// IDP-1, IDP-3 in Chromium: a real relying party does the whole code flow through Portico.
// Company Benefits (the demo's /dev/client) → Portico's sign-in page → Employee ID + password →
// the code step (read from the outbox) → back on its callback with the verified ID token's claims;
// signed in already, the application signs in without asking; Sign out goes through Portico's
// logout. And an application on ANOTHER origin (a tiny openid-client RP on another loopback port),
// where Chromium applies the sign-in form's `form-action` to the redirects that end in the
// application: a password sign-in, then a first sign-in with a PIN through the whole registration
// wizard, each ending in the application. axe-core WCAG 2.2 AA on the demo client's pages. On
// SQLite and on PostgreSQL.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as oidc from 'openid-client';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { answerChallengeQuestions, checkAccessibility, launchBrowser } from '../support/browser.js';
import { seedRegistered, seedUnregistered } from '../support/seed.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../support/outbox.js';
import { freePort } from '../support/server-process.js';
import { FakeClock } from '../support/fake-clock.js';
import { addClient } from '../../src/idp/clients.js';
import { ENGINES } from '../support/databases.js';

const PASSWORD = 'Harbor2026';

let testApp: TestApp;
let base: string;
let browser: Browser;
let outbox: OutboxReader;
let rp: { server: Server; base: string };
const contexts: BrowserContext[] = [];

/**
 * "Payroll", an application on another origin: /start sends the browser to Portico, /callback
 * redeems the code (PKCE, state, nonce, the ID token's signature checked) and names the person.
 */
async function startRelyingParty(): Promise<{ server: Server; base: string }> {
  const port = await freePort();
  const rpBase = `http://127.0.0.1:${port}`;
  const redirectUri = `${rpBase}/callback`;
  const added = await addClient(
    { db: testApp.deps.storage.db, secret: testApp.deps.config.secret, now: testApp.clock.now() },
    { name: 'Payroll', redirectUris: [redirectUri], isPublic: false, firstParty: true, backchannelLogoutUri: null, postLogoutRedirectUris: [] },
  );
  const config = await oidc.discovery(new URL(base), added.clientId, undefined, oidc.ClientSecretBasic(added.clientSecret!), { execute: [oidc.allowInsecureRequests] });
  oidc.enableNonRepudiationChecks(config);
  const pending = new Map<string, { verifier: string; nonce: string }>();
  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', rpBase);
      if (url.pathname === '/start') {
        const verifier = oidc.randomPKCECodeVerifier();
        const state = oidc.randomState();
        const nonce = oidc.randomNonce();
        pending.set(state, { verifier, nonce });
        const to = oidc.buildAuthorizationUrl(config, {
          redirect_uri: redirectUri,
          scope: 'openid profile',
          code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
          code_challenge_method: 'S256',
          state,
          nonce,
        });
        response.writeHead(302, { location: to.href }).end();
        return;
      }
      const state = url.searchParams.get('state') ?? '';
      const checks = pending.get(state);
      pending.delete(state);
      if (url.pathname !== '/callback' || !checks) {
        response.writeHead(400).end('unknown state');
        return;
      }
      const tokens = await oidc.authorizationCodeGrant(config, url, { pkceCodeVerifier: checks.verifier, expectedState: state, expectedNonce: checks.nonce, idTokenExpected: true });
      const info = await oidc.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub);
      response
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(`<!doctype html><html lang="en"><title>Payroll</title><main><h1>Payroll: signed in as ${String(info.name)}</h1></main></html>`);
    })().catch((error: unknown) => response.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, base: rpBase };
}

async function newPage(width = 1280): Promise<Page> {
  const context = await browser.newContext({ baseURL: base, viewport: { width, height: 800 }, locale: 'en-US' });
  contexts.push(context);
  return context.newPage();
}

async function signInWithPassword(page: Page, employeeId: string, password: string): Promise<void> {
  await page.waitForURL(/\/login\?return=%2Foidc%2Finteraction%2F/);
  expect(await page.getByText('Sign in to continue to the application that sent you here.').isVisible()).toBe(true);
  await page.getByLabel('Employee ID or e-mail', { exact: true }).fill(employeeId);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
}

async function click(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name, exact: true }).click();
}

describe.each(ENGINES)('an application’s sign-in through Portico in Chromium, on %s', (engine) => {
  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // The provider works on the real clock: Portico's sessions follow the same time.
    testApp = await createTestApp({ engine, demo: true, clock: new FakeClock(Date.now()), env: { PORTICO_PUBLIC_URL: base, PORTICO_DATA_DIR: tempDataDir() } });
    await testApp.app.listen({ host: '127.0.0.1', port });
    outbox = createOutboxReader(testApp.deps);
    await seedRegistered(testApp.deps, { employeeId: '730001', givenName: 'Ana', familyName: 'Ruiz', password: PASSWORD, email: 'ana.ruiz@example.com' });
    await testApp.deps.storage.db.updateTable('accounts').set({ mfa: 'email', email_verified_at: testApp.clock.now() }).where('employee_id', '=', '730001').execute();
    await seedRegistered(testApp.deps, { employeeId: '730002', givenName: 'Bruno', familyName: 'Diaz', password: PASSWORD, email: 'bruno@example.com' });
    await seedUnregistered(testApp.deps, { employeeId: '730003', pin: 'hjkm2345', givenName: 'Carla', familyName: 'Soto' });
    rp = await startRelyingParty();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts.splice(0)) await context.close();
    await browser?.close();
    await new Promise((resolve) => rp?.server.close(resolve));
    await outbox?.stop();
    await testApp?.close();
  });

  it('Company Benefits: sign-in page, password, code step, back on its callback with the ID token’s claims; signed in already, no question; Sign out', async () => {
    const page = await newPage(390);
    await page.goto('/dev/client');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Company Benefits');
    await checkAccessibility(page);
    await page.getByRole('link', { name: 'Sign in with Portico', exact: true }).click();

    await signInWithPassword(page, '730001', PASSWORD);
    await page.waitForURL('**/login/code');
    await page.getByLabel('Code', { exact: true }).fill(await outbox.latestCode('ana.ruiz@example.com'));
    await click(page, 'Continue');

    await page.waitForURL(/\/dev\/client\/callback\?/);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('You are signed in to Company Benefits as Ana Ruiz');
    const claims = page.getByRole('table', { name: 'The ID token’s claims' });
    expect(await claims.getByRole('row').filter({ hasText: 'iss' }).innerText()).toContain(base);
    expect(await claims.getByRole('row').filter({ hasText: 'acr' }).innerText()).toContain('mfa');
    expect(await page.getByRole('table', { name: 'What Portico’s userinfo endpoint told Company Benefits' }).innerText()).toContain('Ana');
    // Nothing is wider than a phone's screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await checkAccessibility(page);

    // Signed in to Portico already: the application signs in without asking.
    await page.goto('/dev/client');
    await page.getByRole('link', { name: 'Sign in with Portico', exact: true }).click();
    await page.waitForURL(/\/dev\/client\/callback\?/);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('You are signed in to Company Benefits as Ana Ruiz');

    // Sign out: Portico asks, then returns to Company Benefits, and Portico's session is over.
    await page.getByRole('link', { name: 'Sign out', exact: true }).click();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Sign out of Portico?');
    await click(page, 'Sign out');
    await page.waitForURL(`${base}/dev/client`);
    await page.goto('/home');
    await page.waitForURL(/\/login/);
  });

  it('an application on another origin: a password sign-in on Portico’s page ends in the application, and the next one asks nothing', async () => {
    const page = await newPage();
    await page.goto(`${rp.base}/start`);
    await signInWithPassword(page, '730002', PASSWORD);
    await page.waitForURL(`${rp.base}/callback?**`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Payroll: signed in as Bruno Diaz');

    await page.goto(`${rp.base}/start`);
    await page.waitForURL(`${rp.base}/callback?**`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Payroll: signed in as Bruno Diaz');
  });

  it('an application on another origin: a first sign-in with a PIN goes through the whole wizard and ends in the application', async () => {
    const page = await newPage();
    await page.goto(`${rp.base}/start`);
    await signInWithPassword(page, '730003', 'hjkm2345');

    await page.waitForURL('**/register/language');
    await click(page, 'Continue');
    await page.waitForURL('**/register/terms');
    await page.getByLabel('I agree to the Terms and Conditions', { exact: true }).check();
    await click(page, 'Continue');
    await page.waitForURL('**/register/contact');
    await page.getByLabel('E-mail', { exact: true }).fill('carla.soto@example.com');
    await click(page, 'Continue');
    await page.waitForURL('**/register/verify');
    await page.getByLabel('Code from the e-mail', { exact: true }).fill(await outbox.latestCode('carla.soto@example.com'));
    await click(page, 'Continue');
    await page.waitForURL('**/register/questions');
    await answerChallengeQuestions(page);
    await click(page, 'Continue');
    await page.waitForURL('**/register/password');
    await page.getByLabel('New password', { exact: true }).fill('Journey2026x');
    await page.getByLabel('Confirm new password', { exact: true }).fill('Journey2026x');
    await click(page, 'Finish and sign in');

    await page.waitForURL(`${rp.base}/callback?**`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Payroll: signed in as Carla Soto');
  });
});
