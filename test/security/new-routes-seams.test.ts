// The seams of the routes added with passkeys (MFA-7) and the identity provider (IDP-2, IDP-3,
// IDP-5), tried the wrong way round on both engines: signed out (401, or the sign-in page), the
// wrong person or role (403, or 404 as for a missing thing, and nothing changes), bad input (a 4xx
// in the reader's language, never a 500), form posts without their token, a ceremony's id used by
// another client or for another purpose, the options endpoints' rate limit, and the audit record
// of every change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { ENGINES } from '../support/databases.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../support/outbox.js';
import { Employee, signedInEmployee } from '../support/portal.js';
import { signInConsole } from '../support/console-session.js';
import { seedRegistered } from '../support/seed.js';
import { newAuthenticator } from '../support/passkey-client.js';
import type { SoftwareAuthenticator } from '../support/software-authenticator.js';
import { connectApp, registerClient } from '../support/relying-party.js';
import { auditRows } from '../support/audit-rows.js';
import { subjectFor } from '../../src/idp/accounts.js';
import { PROVIDER_ROUTES } from '../../src/idp/paths.js';
import { messagesFor } from '../../src/web/i18n.js';

type ErrorBody = { error: { code: string; message: string } };
type Options = { flowId: string; options: Record<string, unknown> };

const FRENCH = messagesFor('fr-CA').errors;
const FRENCH_PAGES = messagesFor('fr-CA').errorPage;
const JSON_TYPE = { 'content-type': 'application/json' };
const IN_FRENCH = { 'accept-language': 'fr-CA' };

describe.each(ENGINES)('the seams of the new routes on %s', (engine) => {
  let t: TestApp;
  let outbox: OutboxReader;
  let ana: Employee;
  let ben: Employee;
  let anaKey: SoftwareAuthenticator;
  let anaPasskeyId: number;
  let appId: string;

  /** Edit My Profile → Passkeys through the API, as the page's script does. */
  async function addPasskey(employee: Employee, authenticator: SoftwareAuthenticator): Promise<LightMyRequestResponse> {
    const started = await employee.api('POST', '/api/v1/me/passkeys/options', {});
    expect(started.statusCode, started.body).toBe(200);
    const { flowId, options } = started.json<Options>();
    return employee.api('POST', '/api/v1/me/passkeys', { flowId, credential: authenticator.register(options), name: 'Laptop' });
  }

  const auditCount = async (employeeId: string, event: string) => (await auditRows(t.deps.storage.db, event, employeeId)).length;
  const passkeysOf = async (employeeId: string) => (await t.deps.storage.db.selectFrom('passkeys').select('id').where('employee_id', '=', employeeId).execute()).length;
  const grantsOf = async (employeeId: string) => {
    const accountId = await subjectFor(t.deps, employeeId);
    return (await t.deps.storage.db.selectFrom('oidc_payloads').select('id').where('account_id', '=', accountId).execute()).length;
  };

  beforeAll(async () => {
    t = await createTestApp({ engine, env: { PORTICO_DATA_DIR: tempDataDir() } });
    outbox = createOutboxReader(t.deps);
    ana = await signedInEmployee(t, { employeeId: '690001' });
    ben = await signedInEmployee(t, { employeeId: '690002' });
    anaKey = newAuthenticator();
    const added = await addPasskey(ana, anaKey);
    expect(added.statusCode, added.body).toBe(201);
    anaPasskeyId = added.json<{ id: number }>().id;
    ({ clientId: appId } = await registerClient(t.deps, { name: 'Benefits Hub', firstParty: false }));
    await connectApp(t.deps, '690001', appId);
    // Ana reads French (the language cookie wins over Accept-Language); pages give the browser its form token.
    ana.jar.set('portico_lang', 'fr-CA');
    await ana.get('/profile/passkeys');
    await ben.get('/profile/passkeys');
  });
  afterAll(async () => {
    await outbox.stop();
    await t.close();
  });

  describe('who may call it', () => {
    const API: [string, string, Record<string, unknown> | undefined][] = [
      ['GET', '/api/v1/me/passkeys', undefined],
      ['POST', '/api/v1/me/passkeys/options', {}],
      ['POST', '/api/v1/me/passkeys', { flowId: 'x', credential: { id: 'a', rawId: 'a', type: 'public-key', response: { clientDataJSON: 'e30' } } }],
      ['PATCH', '/api/v1/me/passkeys/1', { name: 'Mine' }],
      ['DELETE', '/api/v1/me/passkeys/1', undefined],
      ['GET', '/api/v1/me/apps', undefined],
      ['DELETE', '/api/v1/me/apps/some-client', undefined],
    ];
    const PAGES: [string, string][] = [
      ['GET', '/profile/passkeys'],
      ['POST', '/profile/passkeys/code'],
      ['POST', '/profile/passkeys/add'],
      ['POST', '/profile/passkeys/1/rename'],
      ['POST', '/profile/passkeys/1/remove'],
      ['GET', '/profile/apps'],
      ['POST', '/profile/apps/disconnect'],
      ['GET', '/admin/clients'],
    ];

    it('signed out: the API answers 401 in the reader’s language, a page sends to sign-in', async () => {
      for (const [method, url, body] of API) {
        const response = await t.app.inject({ method: method as 'GET', url, headers: IN_FRENCH, ...(body ? { payload: body } : {}) });
        expect(response.statusCode, `${method} ${url}`).toBe(401);
        expect(response.json<ErrorBody>().error, `${method} ${url}`).toEqual({ code: 'UNAUTHENTICATED', message: FRENCH.unauthenticated });
      }
      const stranger = new Employee(t.app, 'nobody');
      await stranger.get('/login');
      for (const [method, url] of PAGES) {
        const response = method === 'GET' ? await stranger.get(url) : await stranger.form(url, { name: 'Mine', clientId: appId });
        expect(response.statusCode, `${method} ${url}`).toBe(303);
        expect(response.headers.location, `${method} ${url}`).toMatch(/^\/login(\?|$)/);
      }
    });

    it('a helpdesk agent or HR cannot reach /admin/clients; an admin can', async () => {
      for (const [employeeId, role] of [['690011', 'helpdesk'], ['690012', 'hr']] as const) {
        const agent = await signInConsole(t, outbox, employeeId, role);
        expect((await agent.get('/admin/clients')).statusCode, role).toBe(403);
      }
      const admin = await signInConsole(t, outbox, '690013', 'admin');
      const page = await admin.get('/admin/clients');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Benefits Hub');
    });

    it('another employee cannot rename or remove a passkey, by the API or the forms: 404 as for none, and it stays', async () => {
      expect((await ben.request({ method: 'PATCH', url: `/api/v1/me/passkeys/${anaPasskeyId}`, payload: { name: 'Mine now' } })).statusCode).toBe(404);
      expect((await ben.api('DELETE', `/api/v1/me/passkeys/${anaPasskeyId}`)).statusCode).toBe(404);
      expect((await ben.form(`/profile/passkeys/${anaPasskeyId}/rename`, { name: 'Mine now' })).statusCode).toBe(404);
      expect((await ben.form(`/profile/passkeys/${anaPasskeyId}/remove`)).statusCode).toBe(404);
      expect(await passkeysOf('690001')).toBe(1);
      const list = (await ana.api('GET', '/api/v1/me/passkeys')).json<{ items: { name: string }[] }>();
      expect(list.items.map((item) => item.name)).toEqual(['Laptop']);
    });

    it('another employee cannot disconnect an app they did not connect: 404, and the grant stays', async () => {
      expect((await ben.api('DELETE', `/api/v1/me/apps/${appId}`)).statusCode).toBe(404);
      expect((await ben.form('/profile/apps/disconnect', { clientId: appId })).statusCode).toBe(404);
      expect(await grantsOf('690001')).toBe(1);
      expect((await ben.api('GET', '/api/v1/me/apps')).json()).toEqual({ items: [] });
    });
  });

  describe('bad input is a 4xx in the reader’s language, never a 500', () => {
    const ROUTES: [string, string][] = [
      ['POST', '/api/v1/passkeys/login/options'],
      ['POST', '/api/v1/passkeys/login'],
      ['POST', '/api/v1/login/code/passkey/options'],
      ['POST', '/api/v1/login/code/passkey'],
      ['POST', '/api/v1/me/passkeys/options'],
      ['POST', '/api/v1/me/passkeys'],
      ['PATCH', `/api/v1/me/passkeys/1`],
    ];

    const send = (employee: Employee, method: string, url: string, payload: string, headers: Record<string, string> = JSON_TYPE) =>
      employee.request({ method, url, payload, headers: { ...IN_FRENCH, ...headers } });

    it('malformed JSON, wrong types, unknown fields and an oversized body', async () => {
      const bodies: [string, number, keyof typeof FRENCH][] = [
        ['{"flowId":', 400, 'validation'],
        ['[]', 400, 'validation'],
        ['"text"', 400, 'validation'],
        ['{"flowId": 5, "credential": "x", "identifier": ["a"], "name": 7, "code": 123456}', 400, 'validation'],
        ['{"__proto__": {"admin": true}}', 400, 'validation'],
        [JSON.stringify({ identifier: 'x'.repeat(70_000) }), 413, 'payloadTooLarge'],
      ];
      for (const [method, url] of ROUTES) {
        for (const [body, status, key] of bodies) {
          const response = await send(ana, method, url, body);
          expect(response.statusCode, `${method} ${url} ${body.slice(0, 40)}`).toBe(status);
          expect(response.json<ErrorBody>().error.message, `${method} ${url} ${body.slice(0, 40)}`).toBe(FRENCH[key]);
        }
        const plain = await send(ana, method, url, 'flowId=x', { 'content-type': 'text/plain' });
        expect(plain.statusCode, `${method} ${url} text/plain`).toBe(415);
        expect(plain.json<ErrorBody>().error.message).toBe(FRENCH.unsupportedMediaType);
      }
    });

    /** A refusal in French: the API's JSON error, or a page in French. */
    const refusedInFrench = (response: LightMyRequestResponse, label: string) => {
      expect([400, 404], `${label}: ${response.statusCode} ${response.body.slice(0, 200)}`).toContain(response.statusCode);
      expect(response.headers['content-security-policy'], label).toContain("frame-ancestors 'none'");
      if (String(response.headers['content-type']).startsWith('application/json')) {
        expect(response.json<ErrorBody>().error.message, label).toBe(response.statusCode === 404 ? FRENCH.notFound : FRENCH.validation);
      } else {
        expect(response.body, label).toContain('<html lang="fr-CA"');
      }
    };

    it('overlong or odd ids: passkeys, flows, client ids and interactions', async () => {
      for (const id of ['0', '-1', '1e3', '01', 'abc', '9'.repeat(16), '9'.repeat(40), '%00', '%zz', 'x'.repeat(101), 'x'.repeat(300)]) {
        refusedInFrench(await ana.api('DELETE', `/api/v1/me/passkeys/${id}`), `DELETE passkey ${id.slice(0, 20)}`);
        refusedInFrench(await ana.request({ method: 'PATCH', url: `/api/v1/me/passkeys/${id}`, payload: { name: 'Phone' } }), `PATCH passkey ${id.slice(0, 20)}`);
        for (const url of [`/profile/passkeys/${id}/rename`, `/profile/passkeys/${id}/remove`]) refusedInFrench(await ana.form(url, { name: 'Phone' }), url.slice(0, 60));
        refusedInFrench(await ana.api('DELETE', `/api/v1/me/apps/${id}`), `DELETE app ${id.slice(0, 20)}`);
      }
      expect(await passkeysOf('690001')).toBe(1);
      for (const clientId of ['unknown-client', '%20', `${appId}x`, 'x'.repeat(100)]) refusedInFrench(await ana.api('DELETE', `/api/v1/me/apps/${clientId}`), clientId.slice(0, 20));
      for (const clientId of ['unknown-client', 'x'.repeat(5000), '', `${appId}${'x'.repeat(200)}`]) refusedInFrench(await ana.form('/profile/apps/disconnect', { clientId }), clientId.slice(0, 30));
      expect(await grantsOf('690001')).toBe(1);
      for (const flowId of ['', 'x'.repeat(100), 'x'.repeat(101)]) {
        const response = await send(ana, 'POST', '/api/v1/passkeys/login', JSON.stringify({ flowId, credential: { id: 'a', rawId: 'a', type: 'public-key', response: { clientDataJSON: 'e30' } } }));
        expect([400, 401, 410], `${flowId.length}: ${response.body}`).toContain(response.statusCode);
      }
      for (const uid of ['x', 'x'.repeat(101), 'x'.repeat(2000), 'x/y', '%zz']) {
        refusedInFrench(await ana.get(`/oidc/interaction/${uid}`), `interaction ${uid.slice(0, 20)}`);
        refusedInFrench(await ana.form(`/oidc/interaction/${uid}/consent`, { decision: 'allow' }), `consent ${uid.slice(0, 20)}`);
      }
    });
    it('a path under /oidc that the provider does not serve (registration and the device flow are off) is Portico’s 404 page, in the reader’s language, with the portal’s headers', async () => {
      const UNSERVED: [string, string][] = [
        ['GET', '/oidc/reg'],
        ['POST', '/oidc/reg'],
        ['GET', '/oidc/nothing'],
        ['GET', '/oidc/'],
        ['GET', '/oidc/interaction'],
        ['GET', '/oidc/device'],
        ['POST', '/oidc/device/auth'],
        ['POST', '/oidc/backchannel'],
        ['POST', '/oidc/challenge'],
        ['GET', '/oidc/authorize?client_id=x'],
        ['POST', '/oidc/tokens'],
        ['GET', '/oidc/jwks.json'],
        // Below a served endpoint, only what the library answers there is handed to it.
        ['GET', '/oidc/me/x'],
        ['GET', '/oidc/jwks/x'],
        ['POST', '/oidc/token/x'],
        ['GET', '/oidc/auth/x/y'],
        ['GET', '/oidc/session/end/other'],
      ];
      for (const [method, url] of UNSERVED) {
        const body = method === 'POST' ? { payload: JSON.stringify({ redirect_uris: ['https://evil.example.net/cb'] }), headers: { ...IN_FRENCH, ...JSON_TYPE } } : { headers: IN_FRENCH };
        const response = await ana.request({ method, url, ...body });
        expect(response.statusCode, `${method} ${url}`).toBe(404);
        refusedInFrench(response, `${method} ${url}`);
        expect(response.headers['content-type'], `${method} ${url}`).toContain('text/html');
        expect(response.body, `${method} ${url}`).toContain(`<h1 id="error-heading">${FRENCH_PAGES.notFoundTitle}</h1>`);
        expect(response.headers['permissions-policy'], `${method} ${url}`).toBeDefined();
      }
    });

    it('the provider’s own endpoints still answer for themselves: the JWKS, OAuth errors, a resumed authorization, whatever the letter case', async () => {
      const keys = await t.app.inject({ method: 'GET', url: '/oidc/jwks' });
      expect(keys.statusCode).toBe(200);
      expect(keys.json<{ keys: unknown[] }>().keys.length).toBeGreaterThan(0);
      const form = { 'content-type': 'application/x-www-form-urlencoded' };
      for (const url of ['/oidc/token', '/oidc/Token', '/oidc/token/', '/oidc/token/revocation', '/oidc/token/introspection', '/oidc/request']) {
        const refused = await t.app.inject({ method: 'POST', url, headers: form, payload: 'grant_type=authorization_code&code=x&token=x&client_id=unknown-client' });
        expect(refused.statusCode, url).toBeGreaterThanOrEqual(400);
        expect(refused.statusCode, url).toBeLessThan(500);
        expect(refused.statusCode, url).not.toBe(404);
        expect(refused.json<{ error: string }>().error, url).toMatch(/^invalid_(client|request|grant)$/);
      }
      const userinfo = await t.app.inject({ method: 'GET', url: '/oidc/me' });
      expect([400, 401], userinfo.body).toContain(userinfo.statusCode);
      expect(userinfo.json<{ error: string }>().error).toMatch(/^invalid_(token|request)$/);
      // A resumed authorization of no interaction: the library's refusal on a Portico page, not a 404.
      const resumed = await t.app.inject({ method: 'GET', url: '/oidc/auth/no-such-interaction' });
      expect(resumed.statusCode, resumed.body.slice(0, 200)).toBe(400);
      // The logout confirmation's own steps below the end-session endpoint.
      const success = await t.app.inject({ method: 'GET', url: '/oidc/session/end/success' });
      // Without a post-logout URI, the end of a logout is Portico's sign-in page, saying so.
      expect(success.statusCode, success.body.slice(0, 200)).toBe(303);
      expect(success.headers.location).toBe('/login?signedOut');
      const confirm = await t.app.inject({ method: 'POST', url: '/oidc/session/end/confirm', headers: form, payload: 'xsrf=x' });
      expect(confirm.statusCode, confirm.body.slice(0, 200)).toBeGreaterThanOrEqual(400);
      expect(confirm.statusCode, confirm.body.slice(0, 200)).toBeLessThan(500);
      expect(confirm.statusCode).not.toBe(404);
    });

    it('what Portico hands to the provider is exactly the endpoints its discovery publishes', async () => {
      const discovery = (await t.app.inject({ method: 'GET', url: '/.well-known/openid-configuration' })).json<Record<string, unknown>>();
      const published = Object.entries(discovery)
        .filter(([name, value]) => (name.endsWith('_endpoint') || name === 'jwks_uri') && typeof value === 'string')
        .map(([, value]) => new URL(value as string).pathname);
      expect(published.sort()).toEqual(Object.values(PROVIDER_ROUTES).sort());
    });

    it('a NUL or another control character (PostgreSQL stores no NUL) is refused with words, never a 500', async () => {
      const started = (await ana.api('POST', '/api/v1/me/passkeys/options', {})).json<Options>();
      const added = await ana.api('POST', '/api/v1/me/passkeys', { flowId: started.flowId, credential: newAuthenticator().register(started.options), name: 'Lap\u0000top' });
      expect(added.statusCode).toBe(400);
      expect(added.json<ErrorBody & { error: { fields: { field: string; message: string }[] } }>().error.fields).toEqual([expect.objectContaining({ field: 'name', message: FRENCH.passkeyNameInvalid })]);
      for (const name of ['x\u0000y', 'bell\u0007', '\u009b']) {
        const renamed = await ana.request({ method: 'PATCH', url: `/api/v1/me/passkeys/${anaPasskeyId}`, payload: { name } });
        expect(renamed.statusCode, JSON.stringify(name)).toBe(400);
        const form = await ana.form(`/profile/passkeys/${anaPasskeyId}/rename`, { name });
        expect(form.statusCode, JSON.stringify(name)).toBe(400);
        expect(form.body).toContain(FRENCH.passkeyNameInvalid);
      }
      refusedInFrench(await ana.api('DELETE', `/api/v1/me/apps/${encodeURIComponent('x\u0000y')}`), 'NUL client id');
      refusedInFrench(await ana.form('/profile/apps/disconnect', { clientId: `${appId}\u0000` }), 'NUL client id, form');
      expect(await passkeysOf('690001')).toBe(1);
      expect(await grantsOf('690001')).toBe(1);
      expect((await ana.api('GET', '/api/v1/me/passkeys')).json<{ items: { name: string }[] }>().items.map((item) => item.name)).toEqual(['Laptop']);
    });
  });

  describe('form tokens and client binding', () => {
    it('every state-changing form post wants its form token', async () => {
      for (const url of ['/profile/passkeys/code', '/profile/passkeys/add', `/profile/passkeys/${anaPasskeyId}/rename`, `/profile/passkeys/${anaPasskeyId}/remove`, '/profile/apps/disconnect', '/oidc/interaction/x/consent']) {
        for (const token of [undefined, '', 'c'.repeat(43)]) {
          const fields = new URLSearchParams({ name: 'Taken', clientId: appId, decision: 'allow', ...(token === undefined ? {} : { _csrf: token }) });
          const response = await ana.request({ method: 'POST', url, payload: fields.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', ...IN_FRENCH } });
          expect(response.statusCode, `${url} ${String(token)}`).toBe(403);
        }
      }
      expect(await passkeysOf('690001')).toBe(1);
      expect(await grantsOf('690001')).toBe(1);
    });

    it('the API’s changes are refused from another site', async () => {
      for (const headers of [{ origin: 'https://evil.example.net' }, { 'sec-fetch-site': 'cross-site' }] as Record<string, string>[]) {
        for (const [method, url] of [['DELETE', `/api/v1/me/passkeys/${anaPasskeyId}`], ['DELETE', `/api/v1/me/apps/${appId}`], ['PATCH', `/api/v1/me/passkeys/${anaPasskeyId}`], ['POST', '/api/v1/me/passkeys/options']] as const) {
          const response = await ana.request({ method, url, headers: { ...headers, ...IN_FRENCH, ...(method === 'DELETE' ? {} : JSON_TYPE) }, ...(method === 'DELETE' ? {} : { payload: JSON.stringify({ name: 'x' }) }) });
          expect(response.statusCode, `${method} ${url}`).toBe(403);
          expect(response.json<ErrorBody>().error.message).toBe(FRENCH.crossSite);
        }
      }
      expect(await passkeysOf('690001')).toBe(1);
      expect(await grantsOf('690001')).toBe(1);
    });

    it('a ceremony’s id is worth nothing to another client, or for another purpose', async () => {
      // Adding: a registration's flow id, answered from another browser of the same person.
      const started = (await ana.api('POST', '/api/v1/me/passkeys/options', {})).json<Options>();
      const otherBrowser = await signedInEmployeeAgain('690001');
      const elsewhere = await otherBrowser.api('POST', '/api/v1/me/passkeys', { flowId: started.flowId, credential: newAuthenticator().register(started.options), name: 'x' });
      expect(elsewhere.statusCode).toBe(410);
      // A registration's id does not answer a sign-in, nor a sign-in's id a registration.
      const register = (await ana.api('POST', '/api/v1/me/passkeys/options', {})).json<Options>();
      const asSignIn = await ana.api('POST', '/api/v1/passkeys/login', { flowId: register.flowId, credential: anaKey.assert({ ...register.options, allowCredentials: [] }) });
      expect(asSignIn.statusCode).toBe(410);
      const signIn = (await ana.api('POST', '/api/v1/passkeys/login/options', {})).json<Options>();
      const asRegistration = await ana.api('POST', '/api/v1/me/passkeys', { flowId: signIn.flowId, credential: newAuthenticator().register({ ...signIn.options, rp: { id: 'localhost', name: 'Portico' }, user: { id: 'dXNlcg', name: 'u', displayName: 'u' }, pubKeyCredParams: [{ type: 'public-key', alg: -7 }] }), name: 'x' });
      expect(asRegistration.statusCode).toBe(410);
      expect(await passkeysOf('690001')).toBe(1);
    });
  });

  describe('rate limits', () => {
    it('LOGIN-6: failed passkey answers at the code step count for the client, like a passkey sign-in’s; over the limit, 429 for new challenges and answers', async () => {
      const local = await createTestApp({ engine, env: { PORTICO_DATA_DIR: tempDataDir(), PORTICO_CLIENT_FAILURE_LIMIT: '2' } });
      try {
        await seedRegistered(local.deps, { employeeId: '690031', password: 'Harbor2026', email: 'dee@example.com' });
        const owner = new Employee(local.app, '690031');
        expect((await owner.api('POST', '/api/v1/login', { identifier: '690031', password: 'Harbor2026' })).json()).toEqual({ next: 'home' });
        const own = newAuthenticator();
        const started = (await owner.api('POST', '/api/v1/me/passkeys/options', {})).json<Options>();
        expect((await owner.api('POST', '/api/v1/me/passkeys', { flowId: started.flowId, credential: own.register(started.options), name: 'Phone' })).statusCode).toBe(201);
        await local.deps.storage.db.updateTable('accounts').set({ mfa: 'email', email_verified_at: local.clock.now() }).where('employee_id', '=', '690031').execute();
        // Someone with the password, but not the passkey: every try needs a new challenge.
        const attacker = new Employee(local.app, '690031');
        const step = (await attacker.api('POST', '/api/v1/login', { identifier: '690031', password: 'Harbor2026' })).json<{ next: string; flowId: string }>();
        expect(step.next).toBe('code');
        for (let i = 0; i < 2; i++) {
          const options = (await attacker.api('POST', '/api/v1/login/code/passkey/options', { flowId: step.flowId })).json<{ options: Record<string, unknown> }>().options;
          const answer = await attacker.api('POST', '/api/v1/login/code/passkey', { flowId: step.flowId, credential: own.assert(options, { origin: 'https://evil.example.net' }) });
          expect(answer.statusCode).toBe(401);
        }
        const more = await attacker.api('POST', '/api/v1/login/code/passkey/options', { flowId: step.flowId });
        expect(more.statusCode).toBe(429);
        expect(more.headers['retry-after']).toBeDefined();
        const answer = await attacker.api('POST', '/api/v1/login/code/passkey', { flowId: step.flowId, credential: own.assert({ challenge: 'AAAA' }) });
        expect(answer.statusCode).toBe(429);
      } finally {
        await local.close();
      }
    });
    it('LOGIN-6: so do failed passkey answers as a reset’s second proof', async () => {
      const local = await createTestApp({ engine, env: { PORTICO_DATA_DIR: tempDataDir(), PORTICO_CLIENT_FAILURE_LIMIT: '2' } });
      const localOutbox = createOutboxReader(local.deps);
      try {
        await seedRegistered(local.deps, { employeeId: '690032', password: 'Harbor2026', email: 'eve@example.com' });
        const owner = new Employee(local.app, '690032');
        expect((await owner.api('POST', '/api/v1/login', { identifier: '690032', password: 'Harbor2026' })).json()).toEqual({ next: 'home' });
        const own = newAuthenticator();
        const started = (await owner.api('POST', '/api/v1/me/passkeys/options', {})).json<Options>();
        expect((await owner.api('POST', '/api/v1/me/passkeys', { flowId: started.flowId, credential: own.register(started.options), name: 'Phone' })).statusCode).toBe(201);
        // Someone with the mailbox, but not the passkey.
        const attacker = new Employee(local.app, '690032');
        const { flowId } = (await attacker.api('POST', '/api/v1/recovery', { identifier: '690032' })).json<{ flowId: string }>();
        expect((await attacker.api('POST', `/api/v1/recovery/${flowId}/link`, { email: 'eve@example.com' })).statusCode).toBe(202);
        const link = /https?:\/\/[^\s"<>]+\/recovery\/link\?token=[\w-]+/.exec((await localOutbox.emailsTo('eve@example.com'))[0]?.text ?? '')?.[0] ?? '';
        const first = (await attacker.api('POST', '/api/v1/recovery/link', { token: new URL(link).searchParams.get('token') ?? '' })).json<{ next: string; flowId: string }>();
        expect(first.next).toBe('code');
        for (let i = 0; i < 2; i++) {
          const options = (await attacker.api('POST', `/api/v1/recovery/${first.flowId}/passkey/options`, {})).json<{ options: Record<string, unknown> }>().options;
          expect((await attacker.api('POST', `/api/v1/recovery/${first.flowId}/passkey`, { credential: own.assert(options, { origin: 'https://evil.example.net' }) })).statusCode).toBe(401);
        }
        expect((await attacker.api('POST', `/api/v1/recovery/${first.flowId}/passkey/options`, {})).statusCode).toBe(429);
        expect((await attacker.api('POST', `/api/v1/recovery/${first.flowId}/passkey`, { credential: own.assert({ challenge: 'AAAA' }) })).statusCode).toBe(429);
      } finally {
        await localOutbox.stop();
        await local.close();
      }
    });
  });

  describe('audit', () => {
    it('a passkey added and removed by the forms, and an app disconnected by the form, are on the record', async () => {
      await seedAndSignIn('690021');
      const carl = await signedInEmployeeAgain('690021');
      const added = await addPasskey(carl, newAuthenticator());
      expect(added.statusCode).toBe(201);
      const id = added.json<{ id: number }>().id;
      expect(await auditCount('690021', 'passkey.added')).toBe(1);
      await carl.get('/profile/passkeys');
      expect((await carl.form(`/profile/passkeys/${id}/remove`)).statusCode).toBe(303);
      expect(await auditCount('690021', 'passkey.removed')).toBe(1);
      await connectApp(t.deps, '690021', appId);
      await carl.get('/profile/apps');
      expect((await carl.form('/profile/apps/disconnect', { clientId: appId })).headers.location).toBe('/profile/apps?done=disconnected');
      expect(await auditCount('690021', 'oidc.consent_revoked')).toBe(1);
      expect(await grantsOf('690021')).toBe(0);
    });
  });

  async function seedAndSignIn(employeeId: string): Promise<Employee> {
    return signedInEmployee(t, { employeeId });
  }

  /** Another browser of an employee already seeded: its own cookies, its own client binding. */
  async function signedInEmployeeAgain(employeeId: string): Promise<Employee> {
    const browser = new Employee(t.app, employeeId);
    const login = await browser.api('POST', '/api/v1/login', { identifier: employeeId, password: 'Harbor2026' });
    expect(login.json()).toEqual({ next: 'home' });
    await browser.get('/home');
    return browser;
  }
});
