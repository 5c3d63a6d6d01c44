// LOGIN-10: sign-in with company SSO against a real OpenID Connect provider on a loopback port
// (test/support/oidc-provider.ts). Redirects are followed by hand: Portico → provider → callback.
import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { ENGINES } from '../../../test/support/databases.js';
import { seedRegistered, seedUnregistered } from '../../../test/support/seed.js';
import { startOidcProvider, type OidcTestProvider, type ProviderPerson } from '../../../test/support/oidc-provider.js';
import { queuedMessageData } from '../../../test/support/queued-messages.js';
import { Visitor } from '../../../test/support/visitor.js';
import { signInWithSso as signInWithSsoAt, ssoEnv } from '../../../test/support/sso-sign-in.js';
import { insertEmployeeWithAccount } from '../../storage/repositories/employees.js';
import { normaliseEmail } from '../../identity/normalise.js';
import { currentTermsVersion } from '../../storage/repositories/terms.js';
import { MINUTE } from '../../security/clock.js';
import { SSO_STARTS_PER_CLIENT } from '../../methods/sso/login.js';

let provider: OidcTestProvider;
beforeAll(async () => {
  provider = await startOidcProvider();
});
afterAll(() => provider.close());
beforeEach(() => provider.reset());

const signInWithSso = (visitor: Visitor, person?: ProviderPerson, tamper?: (callback: URL) => void) => signInWithSsoAt(provider, visitor, person, tamper);

function main(response: LightMyRequestResponse): string {
  return response.body.slice(response.body.indexOf('<main'), response.body.indexOf('</main>'));
}

/** A refusal is an HTML page with one h1, an alert, a link back to /login, and no session. */
function expectRefusalPage(response: LightMyRequestResponse, status: number, message: RegExp) {
  expect(response.statusCode, main(response)).toBe(status);
  expect(response.headers['content-type']).toMatch(/text\/html/);
  expect(response.body.match(/<h1/g)).toHaveLength(1);
  expect(main(response)).toMatch(/role="alert"/);
  expect(main(response)).toMatch(message);
  expect(main(response)).toContain('href="/login"');
  expect(response.body).not.toMatch(/at \w+ \(|node_modules|Error:/);
  expect(response.cookies.find((c) => c.name === 'portico_session' && c.value !== '')).toBeUndefined();
}

async function audits(t: TestApp, event: string) {
  const rows = await t.deps.storage.db.selectFrom('audit_events').selectAll().where('event', '=', event).orderBy('id').execute();
  return rows.map((row) => ({ subject: row.subject_id, outcome: row.outcome, detail: JSON.parse(row.detail ?? '{}') as Record<string, unknown> }));
}

async function whoAmI(visitor: Visitor): Promise<string | null> {
  const me = await visitor.get('/api/v1/me');
  return me.statusCode === 200 ? me.json<{ employeeId: string }>().employeeId : null;
}

describe.each(ENGINES)('sign-in with company SSO on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ engine, env: ssoEnv(provider) });
    await seedRegistered(t.deps, { employeeId: '0450001', password: 'Sso2026ok', givenName: 'Amara', email: 'Amara.Diallo@example.com' });
    await seedRegistered(t.deps, { employeeId: '0450002', password: 'Sso2026ok', givenName: 'Bruno', email: 'bruno@example.com' });
    await seedRegistered(t.deps, { employeeId: '0450003', password: 'Sso2026ok', givenName: 'Chen', status: 'separated', separationDate: '2024-03-01' });
    await seedRegistered(t.deps, { employeeId: '0450004', password: 'Sso2026ok', givenName: 'Dana' });
    await t.deps.storage.db.updateTable('accounts').set({ disabled_at: t.clock.now() }).where('employee_id', '=', '0450004').execute();
    await seedUnregistered(t.deps, { employeeId: '0450005', pin: 'abcd2345', givenName: 'Eli' });
    await seedRegistered(t.deps, { employeeId: '0450006', password: 'Sso2026ok', givenName: 'Farah' });
    await insertEmployeeWithAccount(
      t.deps.storage.db,
      { employeeId: '0450007', givenName: 'Gus', familyName: 'Person', country: 'US', status: 'active' },
      { passwordHash: await t.deps.hasher.hash('Sso2026ok'), registeredAt: t.clock.now(), email: normaliseEmail('gus@example.com'), mfa: 'email', termsVersion: 1 },
      t.clock.now(),
    );
    // Never registered; the roster had an e-mail the account did not get (another account holds it).
    await seedUnregistered(t.deps, { employeeId: '0450008', pin: 'abcd2345', givenName: 'Hana' });
    await t.deps.storage.db.updateTable('employees').set({ roster_email: 'Hana.Roster@example.com' }).where('employee_id', '=', '0450008').execute();
  });
  afterAll(() => t.close());

  it('signs in a registered employee by the employee_id claim: PKCE, state and nonce sent, session, /home, link stored, audited', async () => {
    const visitor = new Visitor(t);
    const run = await signInWithSso(visitor, { sub: 'sub-amara', claims: { employee_id: '045-0001', name: 'Amara D.' } });

    const sent = run.authorizeUrl.searchParams;
    expect(sent.get('response_type')).toBe('code');
    expect(sent.get('scope')).toBe('openid email profile');
    expect(sent.get('code_challenge_method')).toBe('S256');
    expect(sent.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(sent.get('redirect_uri')).toBe('http://localhost:3000/login/sso/callback');
    expect(sent.get('client_id')).toBe('portico');
    expect(sent.get('state')!.length).toBeGreaterThanOrEqual(22);
    expect(sent.get('nonce')!.length).toBeGreaterThanOrEqual(22);
    // The provider verified the PKCE verifier against that challenge and the client's secret.
    expect(provider.tokenRequests).toEqual([{ status: 200, clientAuth: 'basic', hadVerifier: true }]);

    expect(run.callback.statusCode, main(run.callback)).toBe(303);
    expect(run.callback.headers.location).toBe('/home');
    expect(visitor.cookies.has('portico_flow')).toBe(false);
    expect((await visitor.get('/home')).body).toContain('Welcome, Amara');
    expect(await whoAmI(visitor)).toBe('0450001');

    const links = await t.deps.storage.db.selectFrom('sso_identities').selectAll().where('subject', '=', 'sub-amara').execute();
    expect(links).toMatchObject([{ issuer: provider.url, subject: 'sub-amara', employee_id: '0450001' }]);
    const success = (await audits(t, 'login.success')).filter((a) => a.subject === '0450001');
    expect(success.at(-1)).toMatchObject({ outcome: 'success', detail: { method: 'sso', matchedBy: 'claim' } });
    // Nothing secret in the audit log: no code, state, nonce or token.
    const all = JSON.stringify(await t.deps.storage.db.selectFrom('audit_events').selectAll().execute());
    for (const secret of [sent.get('state')!, sent.get('nonce')!, new URL(`http://x${run.callbackPath}`).searchParams.get('code')!]) expect(all).not.toContain(secret);
  });

  it('ends a session signed in meanwhile in the same browser when the SSO callback signs someone in (LOGIN-9)', async () => {
    const visitor = new Visitor(t);
    provider.person = { sub: 'sub-amara-9', claims: { employee_id: '0450001' } };
    const start = await visitor.get('/login/sso');
    const answer = await fetch(new URL(start.headers.location as string), { redirect: 'manual' });
    const back = new URL(answer.headers.get('location')!);
    // Meanwhile, in another tab, Bruno signs in with his password.
    visitor.keep(await t.app.inject({ method: 'POST', url: '/api/v1/login', payload: { identifier: '0450002', password: 'Sso2026ok' }, headers: { cookie: visitor.header } }));
    const earlier = visitor.cookies.get('portico_session')!;
    expect(await whoAmI(visitor)).toBe('0450002');

    const callback = await visitor.get(`${back.pathname}${back.search}`);
    expect(callback.headers.location).toBe('/home');
    expect(visitor.cookies.get('portico_session')).not.toBe(earlier);
    expect(await whoAmI(visitor)).toBe('0450001');
    const stale = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `portico_session=${earlier}` } });
    expect(stale.statusCode).toBe(401);
  });

  it('lets one client start only so many SSO sign-ins an hour, and stores nothing past that', async () => {
    const start = () => t.app.inject({ method: 'GET', url: '/login/sso', remoteAddress: '203.0.113.77' });
    for (let i = 0; i < SSO_STARTS_PER_CLIENT; i++) expect((await start()).statusCode).toBe(303);
    const flows = async () => Number((await t.deps.storage.db.selectFrom('sso_flows').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await flows();
    const refused = await start();
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toMatch(/text\/html/);
    expect(await flows()).toBe(before);
    // Another client is not held back.
    expect((await t.app.inject({ method: 'GET', url: '/login/sso', remoteAddress: '203.0.113.78' })).statusCode).toBe(303);
  });

  it('keeps state, nonce and verifier on the server, sealed; the cookie holds only a random id', async () => {
    const visitor = new Visitor(t);
    const start = await visitor.get('/login/sso');
    const state = new URL(start.headers.location as string).searchParams.get('state')!;
    const flowId = visitor.cookies.get('portico_flow')!;
    expect(flowId).toMatch(/^[\w-]{43}$/);
    expect(flowId).not.toContain(state);
    const rows = await t.deps.storage.db.selectFrom('sso_flows').selectAll().execute();
    const row = rows.find((r) => r.expires_at === t.clock.now() + 10 * MINUTE)!;
    expect(row).toBeDefined();
    expect(row.id_hash).not.toBe(flowId);
    expect(row.sealed).not.toContain(state);
  });

  it('falls back to the verified email claim when the employee_id claim is absent (case-insensitive)', async () => {
    const visitor = new Visitor(t);
    const run = await signInWithSso(visitor, { sub: 'sub-bruno', claims: { email: 'BRUNO@Example.com', email_verified: true } });
    expect(run.callback.headers.location).toBe('/home');
    expect(await whoAmI(visitor)).toBe('0450002');
    expect((await audits(t, 'login.success')).at(-1)).toMatchObject({ subject: '0450002', detail: { method: 'sso', matchedBy: 'email' } });
  });

  it('uses the stored (issuer, subject) link at the next sign-in, even when the claim changed', async () => {
    const first = new Visitor(t);
    await signInWithSso(first, { sub: 'sub-farah', claims: { employee_id: '0450006' } });
    expect(await whoAmI(first)).toBe('0450006');

    const second = new Visitor(t);
    const run = await signInWithSso(second, { sub: 'sub-farah', claims: { employee_id: '0450001', email: 'bruno@example.com' } });
    expect(run.callback.headers.location).toBe('/home');
    expect(await whoAmI(second)).toBe('0450006');
    expect((await audits(t, 'login.success')).at(-1)).toMatchObject({ subject: '0450006', detail: { matchedBy: 'link' } });
    const links = await t.deps.storage.db.selectFrom('sso_identities').select(['employee_id', 'created_at', 'last_used_at']).where('subject', '=', 'sub-farah').execute();
    expect(links).toHaveLength(1);
    expect(links[0]!.employee_id).toBe('0450006');
  });

  it('refuses an identity that matches nobody with one generic message, no session and a failure in the audit log', async () => {
    const before = (await audits(t, 'login.failure')).length;
    const bodies: string[] = [];
    for (const person of [
      { sub: 'sub-x1', claims: { employee_id: '0999999' } },
      { sub: 'sub-x2', claims: { employee_id: 'not-an-id' } },
      { sub: 'sub-x3', claims: { email: 'nobody@example.com' } },
      // Unverified e-mail of a real account: not good enough.
      { sub: 'sub-x4', claims: { email: 'bruno@example.com', email_verified: false } },
      { sub: 'sub-x5', claims: {} },
    ]) {
      const visitor = new Visitor(t);
      const { callback } = await signInWithSso(visitor, person);
      expectRefusalPage(callback, 401, /could not match your company account/);
      expect(visitor.cookies.has('portico_session')).toBe(false);
      expect(await whoAmI(visitor)).toBeNull();
      bodies.push(main(callback));
    }
    expect(new Set(bodies).size).toBe(1);
    const failures = (await audits(t, 'login.failure')).slice(before);
    expect(failures).toHaveLength(5);
    for (const failure of failures) expect(failure).toMatchObject({ subject: null, outcome: 'failure', detail: { method: 'sso', reason: 'sso_no_match' } });
    const linked = await t.deps.storage.db.selectFrom('sso_identities').select('subject').where('subject', 'like', 'sub-x%').execute();
    expect(linked).toEqual([]);
  });

  it('refuses someone no longer eligible (separated two years ago) with the ELIG-3 explanation', async () => {
    const visitor = new Visitor(t);
    const { callback } = await signInWithSso(visitor, { sub: 'sub-chen', claims: { employee_id: '0450003' } });
    expectRefusalPage(callback, 403, /Your portal access ended on June 30, 2025/);
    expect((await audits(t, 'login.refused')).at(-1)).toMatchObject({ subject: '0450003', detail: { method: 'sso', reason: 'not_eligible' } });
  });

  it('refuses a disabled account with the LOGIN-7 message and a link to the Technical Help Form', async () => {
    const visitor = new Visitor(t);
    const { callback } = await signInWithSso(visitor, { sub: 'sub-dana', claims: { employee_id: '0450004' } });
    expectRefusalPage(callback, 423, /locked for your protection/);
    expect(main(callback)).toContain('href="/help/contact"');
    expect((await audits(t, 'login.refused')).at(-1)).toMatchObject({ subject: '0450004', detail: { method: 'sso', reason: 'disabled' } });
  });

  it('takes a never-registered roster employee through the Terms step alone, then home', async () => {
    const visitor = new Visitor(t);
    const run = await signInWithSso(visitor, { sub: 'sub-eli', claims: { employee_id: '0450005' } });
    expect(run.callback.statusCode).toBe(303);
    expect(run.callback.headers.location).toBe('/register');
    expect(await whoAmI(visitor)).toBeNull();
    expect((await visitor.get('/register')).headers.location).toBe('/register/terms');
    for (const step of ['language', 'contact', 'password']) expect((await visitor.get(`/register/${step}`)).headers.location).toBe('/register/terms');
    const terms = await visitor.get('/register/terms');
    expect(terms.statusCode).toBe(200);
    expect(terms.body).toContain('Step 1 of 1');
    expect(terms.body).not.toContain('have changed');
    const version = await currentTermsVersion(t.deps.storage.db);
    const accepted = await visitor.post('/register/terms', { accept: 'yes', version: String(version) });
    expect(accepted.statusCode, main(accepted)).toBe(303);
    expect(accepted.headers.location).toBe('/home');
    expect(await whoAmI(visitor)).toBe('0450005');
    const account = await t.deps.storage.db.selectFrom('accounts').select(['terms_version', 'registered_at', 'pin_hash']).where('employee_id', '=', '0450005').executeTakeFirstOrThrow();
    // The terms are recorded; no password was needed, and the PIN still works for a password later.
    expect(account).toMatchObject({ terms_version: version, registered_at: null });
    expect(account.pin_hash).not.toBeNull();

    // The next SSO sign-in goes straight home.
    const again = new Visitor(t);
    expect((await signInWithSso(again, { sub: 'sub-eli', claims: {} })).callback.headers.location).toBe('/home');
  });

  it('matches a never-registered employee by the roster e-mail', async () => {
    const visitor = new Visitor(t);
    const run = await signInWithSso(visitor, { sub: 'sub-hana', claims: { email: 'hana.roster@EXAMPLE.com', email_verified: true } });
    expect(run.callback.headers.location).toBe('/register');
    expect((await audits(t, 'login.success')).at(-1)).toMatchObject({ subject: '0450008', detail: { matchedBy: 'email' } });
  });

  it("applies the portal's code step to an account with MFA, whatever the provider's amr says, while PORTICO_SSO_TRUST_MFA is off", async () => {
    const visitor = new Visitor(t);
    const run = await signInWithSso(visitor, { sub: 'sub-gus', claims: { employee_id: '0450007', amr: ['pwd', 'mfa'] } });
    expect(run.callback.headers.location).toBe('/login/code');
    expect(await whoAmI(visitor)).toBeNull();
    const page = await visitor.get('/login/code');
    expect(page.statusCode).toBe(200);
    const [message] = await queuedMessageData(t.deps, 'gus@example.com');
    const done = await visitor.post('/login/code', { code: message!.code! });
    expect(done.headers.location).toBe('/home');
    expect(await whoAmI(visitor)).toBe('0450007');
    expect((await audits(t, 'login.success')).at(-1)).toMatchObject({ subject: '0450007', detail: { method: 'sso', secondFactor: 'email_code' } });
  });

  it('refuses a callback whose state does not match, cleanly and without a session', async () => {
    const visitor = new Visitor(t);
    const before = (await audits(t, 'login.failure')).length;
    const { callback } = await signInWithSso(visitor, { sub: 'sub-amara', claims: { employee_id: '0450001' } }, (url) => url.searchParams.set('state', 'forged-state-value'));
    expectRefusalPage(callback, 401, /cancelled or could not be completed/);
    expect(provider.tokenRequests).toEqual([]);
    expect((await audits(t, 'login.failure')).slice(before)).toMatchObject([{ detail: { method: 'sso', reason: 'sso_error' } }]);
  });

  it('refuses a replayed callback: the flow is spent with the first use', async () => {
    const visitor = new Visitor(t);
    const flowCookie = { value: '' };
    const run = await signInWithSso(visitor, { sub: 'sub-amara', claims: { employee_id: '0450001' } }, () => {
      flowCookie.value = visitor.cookies.get('portico_flow')!;
    });
    expect(run.callback.headers.location).toBe('/home');
    // An attacker with the whole callback URL and the old flow cookie, in another browser.
    const replay = await t.app.inject({ method: 'GET', url: run.callbackPath, headers: { cookie: `portico_flow=${flowCookie.value}` } });
    expectRefusalPage(replay, 410, /expired or was already used/);
    // …and without the cookie.
    expectRefusalPage(await t.app.inject({ method: 'GET', url: run.callbackPath }), 410, /expired or was already used/);
    expect(provider.tokenRequests).toHaveLength(1);
  });

  it('refuses a callback after the flow expired (10 minutes)', async () => {
    const visitor = new Visitor(t);
    const { callback } = await signInWithSso(visitor, { sub: 'sub-amara', claims: { employee_id: '0450001' } }, () => t.clock.advance(11 * MINUTE));
    expectRefusalPage(callback, 410, /expired or was already used/);
  });

  it.each([
    ['a wrong nonce', { wrongNonce: true }],
    ['a wrong issuer', { wrongIssuer: true }],
    ['a wrong audience', { wrongAudience: true }],
    ['a signature by a key not in the JWKS', { badSignature: true }],
  ])('refuses an ID token with %s', async (_name, misbehaviour) => {
    provider.misbehave = misbehaviour;
    const visitor = new Visitor(t);
    const { callback } = await signInWithSso(visitor, { sub: 'sub-amara', claims: { employee_id: '0450001' } });
    expectRefusalPage(callback, 401, /cancelled or could not be completed/);
    expect(provider.tokenRequests).toHaveLength(1);
    expect(await whoAmI(visitor)).toBeNull();
  });

  it('shows the provider refusing (error=access_denied) as a clear page, in the reader’s language', async () => {
    provider.misbehave = { authorizeError: 'access_denied' };
    const visitor = new Visitor(t);
    visitor.cookies.set('portico_lang', 'es-PR');
    const { callback } = await signInWithSso(visitor);
    expectRefusalPage(callback, 401, /se canceló o no se pudo completar/);
    expect(main(callback)).toContain('Volver a iniciar sesión');
    expect(provider.tokenRequests).toEqual([]);
    expect((await audits(t, 'login.failure')).at(-1)).toMatchObject({ detail: { method: 'sso', reason: 'sso_error', error: 'access_denied' } });
  });
});

describe('SSO configuration and the provider', () => {
  it('the sign-in page offers company SSO only when configured; /login/sso is 404 otherwise', async () => {
    const plain = await createTestApp();
    const sso = await createTestApp({ env: ssoEnv(provider) });
    try {
      const without = await plain.app.inject({ method: 'GET', url: '/login' });
      expect(without.body).not.toContain('/login/sso');
      expect(without.body).not.toContain('company SSO');
      expect((await plain.app.inject({ method: 'GET', url: '/login/sso' })).statusCode).toBe(404);
      expect((await plain.app.inject({ method: 'GET', url: '/login/sso/callback?code=x&state=y' })).statusCode).toBe(404);

      const page = await sso.app.inject({ method: 'GET', url: '/login' });
      expect(page.body).toMatch(/<a class="button button--block" href="\/login\/sso">Sign in with company SSO<\/a>/);
      // MFA-7's script is the page's only one; the SSO button needs none.
      expect(page.body.match(/<script[^>]*>/g)).toEqual([expect.stringMatching(/passkeys\.[0-9a-f]{10}\.js/)]);
      const french = await sso.app.inject({ method: 'GET', url: '/login?lang=fr-CA' });
      expect(french.body).toContain('Se connecter avec le SSO de l’entreprise');
      const spanish = await sso.app.inject({ method: 'GET', url: '/login?lang=es-PR' });
      expect(spanish.body).toContain('Iniciar sesión con el SSO de la empresa');
      // A refused password re-shows the form with the SSO choice too.
      const csrf = page.cookies.find((c) => c.name === 'portico_csrf')!.value;
      const refused = await sso.app.inject({
        method: 'POST',
        url: '/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `portico_csrf=${csrf}` },
        payload: new URLSearchParams({ _csrf: csrf, identifier: '0999999', password: 'wrong-one' }).toString(),
      });
      expect(refused.statusCode).toBe(401);
      expect(refused.body).toContain('Sign in with company SSO');
      // Discovery waits for the first SSO sign-in: showing the page never contacts the provider.
      expect(provider.discoveryRequests).toBe(0);
    } finally {
      await plain.close();
      await sso.close();
    }
  });

  it('the provider accepts the token request only with the right PKCE verifier', async () => {
    const verifier = 'a'.repeat(20) + 'verifier-for-this-test-0123456789';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const codeFor = async () => {
      const authorize = new URL(`${provider.url}/authorize`);
      for (const [k, v] of Object.entries({ client_id: 'portico', redirect_uri: 'http://localhost:3000/login/sso/callback', response_type: 'code', scope: 'openid', code_challenge: challenge, code_challenge_method: 'S256', nonce: 'n' })) {
        authorize.searchParams.set(k, v);
      }
      const answer = await fetch(authorize, { redirect: 'manual' });
      return new URL(answer.headers.get('location')!).searchParams.get('code')!;
    };
    const redeem = (code: string, codeVerifier?: string) =>
      fetch(`${provider.url}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          redirect_uri: 'http://localhost:3000/login/sso/callback',
          client_id: 'portico',
          client_secret: provider.clientSecret,
          ...(codeVerifier ? { code_verifier: codeVerifier } : {}),
        }),
      });
    expect((await redeem(await codeFor())).status).toBe(400);
    expect((await redeem(await codeFor(), `${verifier}x`)).status).toBe(400);
    const code = await codeFor();
    expect((await redeem(code, verifier)).status).toBe(200);
    expect((await redeem(code, verifier)).status).toBe(400); // single use
    // Without S256, no code at all.
    const plain = new URL(`${provider.url}/authorize?client_id=portico&redirect_uri=http://localhost:3000/cb&response_type=code&scope=openid&code_challenge=${challenge}&code_challenge_method=plain`);
    expect(new URL((await fetch(plain, { redirect: 'manual' })).headers.get('location')!).searchParams.get('error')).toBe('invalid_request');
  });

  it('answers 503 with a clear page while the provider is down, and retries discovery once it is back', async () => {
    const t = await createTestApp({ env: ssoEnv(provider) });
    try {
      provider.misbehave = { down: true };
      const down = await t.app.inject({ method: 'GET', url: '/login/sso' });
      expectRefusalPage(down, 503, /Company SSO is not available right now/);
      expect(down.cookies.find((c) => c.name === 'portico_flow')).toBeUndefined();

      provider.misbehave = {};
      await seedRegistered(t.deps, { employeeId: '0460001', password: 'Sso2026ok', givenName: 'Ivo' });
      const visitor = new Visitor(t);
      const run = await signInWithSso(visitor, { sub: 'sub-ivo', claims: { employee_id: '0460001' } });
      expect(run.callback.headers.location).toBe('/home');
      // Discovery is cached: the second sign-in does not fetch it again.
      const discoveries = provider.discoveryRequests;
      await signInWithSso(new Visitor(t), { sub: 'sub-ivo' });
      expect(provider.discoveryRequests).toBe(discoveries);

      // Down between the redirect and the callback: the token request fails → 503, not 500.
      const late = new Visitor(t);
      const { callback } = await signInWithSso(late, { sub: 'sub-ivo' }, () => {
        provider.misbehave = { down: true };
      });
      expectRefusalPage(callback, 503, /Company SSO is not available right now/);
    } finally {
      await t.close();
    }
  });

  it('answers 503 when nothing listens at the issuer, and the server keeps serving', async () => {
    const t = await createTestApp({ env: ssoEnv(provider, { PORTICO_SSO_ISSUER: 'http://127.0.0.1:9' }) });
    try {
      expectRefusalPage(await t.app.inject({ method: 'GET', url: '/login/sso' }), 503, /not available right now/);
      expect((await t.app.inject({ method: 'GET', url: '/login' })).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('refuses the sign-in when Portico’s client secret is wrong (the provider checks client authentication)', async () => {
    const t = await createTestApp({ env: ssoEnv(provider, { PORTICO_SSO_CLIENT_SECRET: 'not-the-secret' }) });
    try {
      await seedRegistered(t.deps, { employeeId: '0470001', password: 'Sso2026ok' });
      const { callback } = await signInWithSso(new Visitor(t), { sub: 'sub-j', claims: { employee_id: '0470001' } });
      expectRefusalPage(callback, 401, /cancelled or could not be completed/);
      expect(provider.tokenRequests).toMatchObject([{ status: 401, error: 'invalid_client' }]);
    } finally {
      await t.close();
    }
  });

  it('never writes the callback’s code or state to the logs', async () => {
    const logs = new PassThrough();
    let written = '';
    logs.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
    const t = await createTestApp({ env: ssoEnv(provider, { PORTICO_LOG_LEVEL: 'info' }), logStream: logs });
    try {
      await seedRegistered(t.deps, { employeeId: '0480001', password: 'Sso2026ok' });
      const run = await signInWithSso(new Visitor(t), { sub: 'sub-k', claims: { employee_id: '0480001' } });
      expect(run.callback.headers.location).toBe('/home');
      // A refused one too (its detail is logged as a warning).
      provider.misbehave = { wrongNonce: true };
      const refused = await signInWithSso(new Visitor(t), { sub: 'sub-k' });
      const params = [run, refused].flatMap((r) => [...new URL(`http://x${r.callbackPath}`).searchParams.values()]);
      expect(written).toContain('/login/sso/callback');
      expect(written).toContain('SSO sign-in refused');
      for (const value of params) expect(written).not.toContain(value);
    } finally {
      await t.close();
    }
  });
});
