// IDP-1, IDP-3 end to end, on SQLite and PostgreSQL: the `amr` and `acr` of a verified ID token say
// what the sign-in used — the password alone, the password and a code sent by text message or
// e-mail, a passkey alone (the software authenticator's device-bound key: `hwk`), a password and a
// passkey — and a client's `acr_values` gets the missing step asked for: `mfa` the code step, `phr`
// a passkey (refused to the client for an account without one).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as oidc from 'openid-client';
import type { TestApp } from '../../test/support/test-app.js';
import { ENGINES } from '../../test/support/databases.js';
import type { HttpClient } from '../../test/support/http-client.js';
import { seedRegistered } from '../../test/support/seed.js';
import { createOutboxReader, type OutboxReader } from '../../test/support/outbox.js';
import { addPasskey, jsonClient, newAuthenticator } from '../../test/support/passkey-client.js';
import type { SoftwareAuthenticator } from '../../test/support/software-authenticator.js';
import { RP_REDIRECT, authorizationRequest, authorizeSignedIn, discoverPortico, exchangeCode, follow, listeningPortico, portalBrowser, registerClient, returnPathOf, signIn, verifiedIdToken } from '../../test/support/relying-party.js';

const PASSWORD = 'Harbor2026';
const MOBILE = '+17875550188';

describe.each(ENGINES)('amr and acr in the ID token on %s', (engine) => {
  let t: TestApp;
  let base: string;
  let outbox: OutboxReader;
  let client: { clientId: string; clientSecret: string };
  let rp: oidc.Configuration;
  const keys = new Map<string, SoftwareAuthenticator>();

  /** A registered employee; `passkey` gives them one on their own software authenticator, `mfa` a second factor after. */
  async function employee(employeeId: string, setup: { mfa?: 'email' | 'sms'; passkey?: boolean } = {}) {
    const email = `${employeeId}@example.com`;
    await seedRegistered(t.deps, { employeeId, password: PASSWORD, email });
    if (setup.passkey) {
      const authenticator = newAuthenticator(base);
      const browser = jsonClient(t.app);
      expect((await browser.post('/api/v1/login', { identifier: employeeId, password: PASSWORD })).json()).toEqual({ next: 'home' });
      expect((await addPasskey(browser, authenticator)).statusCode).toBe(201);
      keys.set(employeeId, authenticator);
    }
    const db = t.deps.storage.db;
    if (setup.mfa === 'email') await db.updateTable('accounts').set({ mfa: 'email', email_verified_at: t.clock.now() }).where('employee_id', '=', employeeId).execute();
    if (setup.mfa === 'sms') await db.updateTable('accounts').set({ mfa: 'sms', mobile: MOBILE, mobile_verified_at: t.clock.now() }).where('employee_id', '=', employeeId).execute();
    return email;
  }

  beforeAll(async () => {
    // Passkeys need a domain name in the public URL.
    ({ t, base } = await listeningPortico({ engine, host: 'localhost' }));
    outbox = createOutboxReader(t.deps);
    const added = await registerClient(t.deps);
    client = { clientId: added.clientId, clientSecret: added.clientSecret! };
    rp = await discoverPortico(base, client.clientId, client.clientSecret);
  });
  afterAll(async () => {
    await outbox.stop();
    await t.close();
  });

  async function codeSignIn(jar: HttpClient, employeeId: string, to: string) {
    const step = await signIn(jar, employeeId, PASSWORD);
    expect(step.next).toBe('code');
    const code = await outbox.latestCode(to);
    expect((await jar.post('/api/v1/login/code', { flowId: step.flowId, code })).json()).toEqual({ next: 'home' });
  }

  async function passkeySignIn(jar: HttpClient, employeeId: string) {
    const { flowId, options } = (await jar.post('/api/v1/passkeys/login/options', {})).json<{ flowId: string; options: Record<string, unknown> }>();
    const answer = await jar.post('/api/v1/passkeys/login', { flowId, credential: keys.get(employeeId)!.assert(options) });
    expect(answer.json()).toEqual({ next: 'home' });
  }

  async function passkeyAfterPassword(jar: HttpClient, employeeId: string) {
    const step = await signIn(jar, employeeId, PASSWORD);
    expect(step.next).toBe('code');
    const { options } = (await jar.post('/api/v1/login/code/passkey/options', { flowId: step.flowId })).json<{ options: Record<string, unknown> }>();
    const answer = await jar.post('/api/v1/login/code/passkey', { flowId: step.flowId, credential: keys.get(employeeId)!.assert(options) });
    expect(answer.json()).toEqual({ next: 'home' });
  }

  /** An authorization of a browser already signed in to Portico: the claims of its verified ID token. */
  async function claimsOf(jar: HttpClient, extra: Record<string, string> = {}) {
    const { tokens } = await authorizeSignedIn(rp, jar, extra);
    return verifiedIdToken(base, client.clientId, tokens.id_token);
  }

  it('the password alone: acr pwd, amr [pwd]', async () => {
    await employee('720001');
    const jar = portalBrowser(base);
    expect((await signIn(jar, '720001', PASSWORD)).next).toBe('home');
    expect(await claimsOf(jar)).toMatchObject({ acr: 'pwd', amr: ['pwd'] });
  });

  it('the password and a code by text message: acr mfa, amr [pwd, sms, mfa]; by e-mail: [pwd, otp, mfa]', async () => {
    await employee('720002', { mfa: 'sms' });
    const bySms = portalBrowser(base);
    await codeSignIn(bySms, '720002', MOBILE);
    expect(await claimsOf(bySms)).toMatchObject({ acr: 'mfa', amr: ['pwd', 'sms', 'mfa'] });

    const email = await employee('720003', { mfa: 'email' });
    const byEmail = portalBrowser(base);
    await codeSignIn(byEmail, '720003', email);
    expect(await claimsOf(byEmail)).toMatchObject({ acr: 'mfa', amr: ['pwd', 'otp', 'mfa'] });
  });

  it('a passkey alone: acr phr, amr [hwk, mfa] and no password', async () => {
    await employee('720004', { passkey: true });
    const jar = portalBrowser(base);
    // Not signed in yet, and the application asks for a passkey: the sign-in page says so.
    const request = await authorizationRequest(rp, { acr_values: 'phr' });
    const page = await follow(jar, request.url);
    expect(page.at).toMatch(/^\/login\?return=%2Foidc%2Finteraction%2F[^&]+&passkey$/);
    expect(page.body).toContain('The application that sent you here asks you to sign in with a passkey.');
    await passkeySignIn(jar, '720004');
    const back = await follow(jar, returnPathOf(page.at));
    const tokens = await exchangeCode(rp, back.at, request);
    expect(await verifiedIdToken(base, client.clientId, tokens.id_token)).toMatchObject({ acr: 'phr', amr: ['hwk', 'mfa'] });
    expect(await claimsOf(jar)).toMatchObject({ acr: 'phr', amr: ['hwk', 'mfa'] });
  });

  it('a passkey as the second factor after the password: acr phr, amr [pwd, hwk, mfa]', async () => {
    await employee('720005', { passkey: true, mfa: 'email' });
    const jar = portalBrowser(base);
    await passkeyAfterPassword(jar, '720005');
    expect(await claimsOf(jar)).toMatchObject({ acr: 'phr', amr: ['pwd', 'hwk', 'mfa'] });
  });

  it('a first passkey added in Edit My Profile counts as this session’s second factor: acr mfa, amr [pwd, mfa], no code claimed', async () => {
    await employee('720009');
    const jar = portalBrowser(base);
    expect((await signIn(jar, '720009', PASSWORD)).next).toBe('home');
    const authenticator = newAuthenticator(base);
    const { flowId, options } = (await jar.post('/api/v1/me/passkeys/options', {})).json<{ flowId: string; options: Record<string, unknown> }>();
    expect((await jar.post('/api/v1/me/passkeys', { flowId, credential: authenticator.register(options), name: 'Laptop' })).status).toBe(201);
    expect(await claimsOf(jar)).toMatchObject({ acr: 'mfa', amr: ['pwd', 'mfa'] });
  });

  it('acr_values=mfa on a one-factor session asks for the sign-in again with its code step', async () => {
    const email = await employee('720006');
    const jar = portalBrowser(base);
    expect((await signIn(jar, '720006', PASSWORD)).next).toBe('home');
    // The second factor is set up after this session began without one.
    await t.deps.storage.db.updateTable('accounts').set({ mfa: 'email', email_verified_at: t.clock.now() }).where('employee_id', '=', '720006').execute();
    const request = await authorizationRequest(rp, { acr_values: 'mfa' });
    const page = await follow(jar, request.url);
    expect(page.at).toMatch(/^\/login\?return=%2Foidc%2Finteraction%2F[^&]+&again$/);
    await codeSignIn(jar, '720006', email);
    const back = await follow(jar, returnPathOf(page.at));
    const tokens = await exchangeCode(rp, back.at, request);
    expect(await verifiedIdToken(base, client.clientId, tokens.id_token)).toMatchObject({ acr: 'mfa', amr: ['pwd', 'otp', 'mfa'] });
  });

  it('acr_values=phr asks a session without a passkey for one; a passkey sign-in answers it', async () => {
    const email = await employee('720007', { passkey: true, mfa: 'email' });
    const jar = portalBrowser(base);
    await codeSignIn(jar, '720007', email);
    // Two factors meet `mfa`, and a list accepts its weakest value: no new sign-in.
    expect(await claimsOf(jar, { acr_values: 'phr mfa' })).toMatchObject({ acr: 'mfa' });
    const request = await authorizationRequest(rp, { acr_values: 'phr' });
    const page = await follow(jar, request.url);
    expect(page.at).toMatch(/^\/login\?return=%2Foidc%2Finteraction%2F[^&]+&again&passkey$/);
    expect(page.body).toContain('The application that sent you here asks you to sign in with a passkey.');
    await passkeySignIn(jar, '720007');
    const back = await follow(jar, returnPathOf(page.at));
    const tokens = await exchangeCode(rp, back.at, request);
    expect(await verifiedIdToken(base, client.clientId, tokens.id_token)).toMatchObject({ acr: 'phr', amr: ['hwk', 'mfa'] });
    // Signed in with the passkey now: the next `phr` authorization does not ask again.
    expect(await claimsOf(jar, { acr_values: 'phr' })).toMatchObject({ acr: 'phr' });
  });

  it('acr_values=phr for an account without a passkey is refused to the client, not granted at a lower level', async () => {
    const email = await employee('720008', { mfa: 'email' });
    const jar = portalBrowser(base);
    await codeSignIn(jar, '720008', email);
    const request = await authorizationRequest(rp, { acr_values: 'phr' });
    const answer = await follow(jar, request.url);
    expect(answer.at.startsWith(`${RP_REDIRECT}?`), `${answer.status} ${answer.at}`).toBe(true);
    expect(new URL(answer.at).searchParams.get('error')).toBe('unmet_authentication_requirements');
  });
});
