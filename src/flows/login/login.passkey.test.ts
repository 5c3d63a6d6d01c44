// MFA-7 at sign-in, on SQLite and PostgreSQL, with a software authenticator (test/support): a
// passkey added in Edit My Profile signs in with no identifier and no code; a replayed assertion,
// one whose signature counter went backwards (audited) and one made for another origin are
// refused; a locked, disabled or ineligible account is refused with the words of a password
// sign-in; a challenge answers only the client that asked for it; after a password a passkey can
// be the second factor; `PORTICO_CONSOLE_REQUIRE_PASSKEY` lets only passkey sessions into the console.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { login, seedRegistered } from '../../../test/support/seed.js';
import { ENGINES } from '../../../test/support/databases.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../../../test/support/outbox.js';
import { addPasskey, jsonClient, newAuthenticator, passkeyAssertion, signInWithPasskey, type JsonClient } from '../../../test/support/passkey-client.js';
import type { SoftwareAuthenticator } from '../../../test/support/software-authenticator.js';
import { grantRole } from '../../storage/repositories/roles.js';
import { MINUTE } from '../../security/clock.js';

type ErrorBody = { error: { code: string; message: string; retryAfterSeconds?: number } };

describe.each(ENGINES)('passkey sign-in on %s', (engine) => {
  let t: TestApp;
  let outbox: OutboxReader;
  let authenticator: SoftwareAuthenticator;

  async function signedIn(employeeId: string, password = 'Harbor2026'): Promise<JsonClient> {
    const browser = jsonClient(t.app);
    const response = await browser.post('/api/v1/login', { identifier: employeeId, password });
    expect(response.json()).toEqual({ next: 'home' });
    return browser;
  }

  /** A registered employee (no MFA) with one passkey on its own authenticator. */
  async function withPasskey(employeeId: string, extra: Parameters<typeof seedRegistered>[1] extends infer P ? Partial<P> : never = {}): Promise<SoftwareAuthenticator> {
    await seedRegistered(t.deps, { employeeId, password: 'Harbor2026', email: `${employeeId}@example.com`, ...extra });
    const own = newAuthenticator();
    expect((await addPasskey(await signedIn(employeeId), own)).statusCode).toBe(201);
    return own;
  }

  async function auditEvents(employeeId: string, event: string) {
    return t.deps.storage.db.selectFrom('audit_events').select(['event', 'outcome', 'detail']).where('subject_id', '=', employeeId).where('event', '=', event).execute();
  }

  beforeAll(async () => {
    t = await createTestApp({ engine, env: { PORTICO_DATA_DIR: tempDataDir() } });
    outbox = createOutboxReader(t.deps);
    await seedRegistered(t.deps, { employeeId: '640001', password: 'Harbor2026', email: 'lea@example.com', givenName: 'Léa' });
    authenticator = newAuthenticator();
    const browser = await signedIn('640001');
    const added = await addPasskey(browser, authenticator, '  Work   laptop ');
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ name: 'Work laptop' });
  });
  afterAll(async () => {
    await outbox.stop();
    await t.close();
  });

  it('added in Edit My Profile: listed, audited, and the employee is told by e-mail', async () => {
    const browser = await signedIn('640001');
    const list = (await browser.get('/api/v1/me/passkeys')).json<{ items: { name: string; createdAt: number; lastUsedAt: number | null }[] }>();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ name: 'Work laptop' });
    expect((await browser.get('/api/v1/me')).json()).toMatchObject({ passkeys: 1 });
    expect(await auditEvents('640001', 'passkey.added')).toHaveLength(1);
    const mails = await outbox.emailsTo('lea@example.com');
    expect(mails.some((mail) => /passkey was added/i.test(mail.subject) && mail.text.includes('Work laptop'))).toBe(true);
  });

  it('signs in with the passkey alone (no identifier) → home, a session that passed a second factor', async () => {
    const browser = jsonClient(t.app);
    const response = await signInWithPasskey(browser, authenticator);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ next: 'home' });
    expect((await browser.get('/api/v1/me')).json()).toMatchObject({ employeeId: '640001', passkeys: 1 });
    const success = await auditEvents('640001', 'login.success');
    expect(success.some((row) => String(row.detail).includes('passkey'))).toBe(true);
    const list = (await browser.get('/api/v1/me/passkeys')).json<{ items: { lastUsedAt: number | null }[] }>();
    expect(list.items[0]?.lastUsedAt).toBe(t.clock.now());
  });

  it('with an identifier, the options name that account’s passkeys; an unknown identifier gets the same shape', async () => {
    const browser = jsonClient(t.app);
    const known = await passkeyAssertion(browser, authenticator, {}, '640001');
    const allowed = (known.options.allowCredentials as { id: string }[]).map((c) => c.id);
    expect(allowed).toEqual([authenticator.credentials[0]!.id.toString('base64url')]);
    expect((await browser.post('/api/v1/passkeys/login', { flowId: known.flowId, credential: known.credential })).json()).toEqual({ next: 'home' });
    const unknown = await browser.post('/api/v1/passkeys/login/options', { identifier: '699999' });
    expect((unknown.json<{ options: { allowCredentials: unknown[] } }>().options.allowCredentials)).toHaveLength(1);
    const again = await browser.post('/api/v1/passkeys/login/options', { identifier: '699999' });
    expect(again.json<{ options: { allowCredentials: { id: string }[] } }>().options.allowCredentials[0]!.id).toBe(
      unknown.json<{ options: { allowCredentials: { id: string }[] } }>().options.allowCredentials[0]!.id,
    );
  });

  it('a replayed assertion is refused: the same answer again, and the same assertion for a new challenge', async () => {
    const browser = jsonClient(t.app);
    const { flowId, credential } = await passkeyAssertion(browser, authenticator);
    expect((await browser.post('/api/v1/passkeys/login', { flowId, credential })).statusCode).toBe(200);
    const replay = await browser.post('/api/v1/passkeys/login', { flowId, credential });
    expect(replay.statusCode).toBe(410);
    expect(replay.json<ErrorBody>().error.code).toBe('FLOW_EXPIRED');
    const fresh = (await browser.post('/api/v1/passkeys/login/options', {})).json<{ flowId: string }>();
    const replayed = await browser.post('/api/v1/passkeys/login', { flowId: fresh.flowId, credential });
    expect(replayed.statusCode).toBe(401);
    expect(replayed.json<ErrorBody>().error.code).toBe('INVALID_CREDENTIALS');
    expect(replayed.headers['set-cookie'] ?? '').not.toMatch(/portico_session=[^;]/);
  });

  it('an assertion whose signature counter went backwards is refused and audited (a cloned authenticator)', async () => {
    const own = await withPasskey('640002');
    const browser = jsonClient(t.app);
    expect((await signInWithPasskey(browser, own, { counter: 7 })).statusCode).toBe(200);
    const cloned = await signInWithPasskey(jsonClient(t.app), own, { counter: 5 });
    expect(cloned.statusCode).toBe(401);
    expect(cloned.json<ErrorBody>().error.code).toBe('INVALID_CREDENTIALS');
    const same = await signInWithPasskey(jsonClient(t.app), own, { counter: 7 });
    expect(same.statusCode).toBe(401);
    const rows = await auditEvents('640002', 'passkey.counter_regressed');
    expect(rows).toHaveLength(2);
    expect(rows[0]?.outcome).toBe('refused');
    // The genuine authenticator, a step ahead, still signs in.
    expect((await signInWithPasskey(jsonClient(t.app), own, { counter: 8 })).statusCode).toBe(200);
  });

  it('an assertion made for another origin is refused, and so is one without user verification', async () => {
    const phished = await signInWithPasskey(jsonClient(t.app), authenticator, { origin: 'https://portico-login.example.net' });
    expect(phished.statusCode).toBe(401);
    expect(phished.json<ErrorBody>().error.code).toBe('INVALID_CREDENTIALS');
    const notVerified = await signInWithPasskey(jsonClient(t.app), authenticator, { userVerified: false });
    expect(notVerified.statusCode).toBe(401);
    expect((await auditEvents('640001', 'passkey.refused')).length).toBeGreaterThanOrEqual(2);
  });

  it('a challenge answers only the client that asked for it (RECOV-12)', async () => {
    const { flowId, credential } = await passkeyAssertion(jsonClient(t.app), authenticator);
    const stranger = await jsonClient(t.app).post('/api/v1/passkeys/login', { flowId, credential });
    expect(stranger.statusCode).toBe(410);
  });

  it('a challenge lives 5 minutes', async () => {
    const browser = jsonClient(t.app);
    const { flowId, credential } = await passkeyAssertion(browser, authenticator);
    t.clock.advance(5 * MINUTE + 1);
    expect((await browser.post('/api/v1/passkeys/login', { flowId, credential })).statusCode).toBe(410);
  });

  it('a locked account is refused with the words of a password sign-in (LOGIN-4)', async () => {
    const own = await withPasskey('640003');
    for (let i = 0; i < 3; i++) await login(t.app, '640003', 'wrong-password');
    const password = await login(t.app, '640003', 'Harbor2026');
    expect(password.statusCode).toBe(423);
    const passkey = await signInWithPasskey(jsonClient(t.app), own);
    expect(passkey.statusCode).toBe(423);
    expect(passkey.json<ErrorBody>().error).toMatchObject({ code: 'ACCOUNT_LOCKED', message: password.json<ErrorBody>().error.message });
    expect(passkey.json<ErrorBody>().error.retryAfterSeconds).toBeGreaterThan(0);
    t.clock.advance(16 * MINUTE);
    expect((await signInWithPasskey(jsonClient(t.app), own)).statusCode).toBe(200);
  });

  it('a passkey sign-in resets the count of failed passwords, as a successful sign-in does (LOGIN-4)', async () => {
    const own = await withPasskey('640013');
    for (let i = 0; i < 2; i++) expect((await login(t.app, '640013', 'wrong-password')).statusCode).toBe(401);
    expect((await signInWithPasskey(jsonClient(t.app), own)).statusCode).toBe(200);
    for (let i = 0; i < 2; i++) expect((await login(t.app, '640013', 'wrong-password')).statusCode).toBe(401);
    expect((await login(t.app, '640013', 'Harbor2026')).statusCode).toBe(200);
  });

  it('an ineligible or disabled account is refused with the words of a password sign-in (ELIG-3, LOGIN-7)', async () => {
    const own = await withPasskey('640004');
    await t.deps.storage.db.updateTable('employees').set({ status: 'separated', separation_date: null }).where('employee_id', '=', '640004').execute();
    for (const language of ['en', 'fr-CA']) {
      const password = await login(t.app, '640004', 'Harbor2026', { 'accept-language': language });
      expect(password.statusCode).toBe(403);
      const browser = jsonClient(t.app);
      const { flowId, credential } = await passkeyAssertion(browser, own);
      const passkey = await browser.post('/api/v1/passkeys/login', { flowId, credential }, { 'accept-language': language });
      expect(passkey.statusCode).toBe(403);
      expect(passkey.json<ErrorBody>().error).toEqual(password.json<ErrorBody>().error);
    }
    const disabled = await withPasskey('640005');
    await t.deps.storage.db.updateTable('accounts').set({ disabled_at: t.clock.now() }).where('employee_id', '=', '640005').execute();
    const password = await login(t.app, '640005', 'Harbor2026');
    const passkey = await signInWithPasskey(jsonClient(t.app), disabled);
    expect(passkey.statusCode).toBe(423);
    expect(passkey.json<ErrorBody>().error).toEqual(password.json<ErrorBody>().error);
  });

  it('new terms come first: next register, as after a password', async () => {
    const own = await withPasskey('640006');
    await t.deps.storage.db.updateTable('accounts').set({ terms_version: 0 }).where('employee_id', '=', '640006').execute();
    const browser = jsonClient(t.app);
    const response = await signInWithPasskey(browser, own);
    expect(response.json()).toMatchObject({ next: 'register' });
    // The session after the terms is the passkey's: a second factor passed, and what proved it (the provider's amr).
    const version = (await browser.get('/api/v1/registration')).json<{ terms: { version: number } }>().terms.version;
    expect((await browser.post('/api/v1/registration/terms', { accept: true, version })).json()).toEqual({ next: 'home' });
    const session = await t.deps.storage.db.selectFrom('sessions').selectAll().where('employee_id', '=', '640006').where('via', '!=', 'password').executeTakeFirstOrThrow();
    expect(session).toMatchObject({ via: 'passkey', second_factor_method: 'passkey', passkey_amr: expect.stringMatching(/^(hwk|swk)$/) });
    expect(session.second_factor_at).not.toBeNull();
    expect(session.passkey_at).not.toBeNull();
  });

  it('renamed and removed by their owner only; a removed passkey signs in no more', async () => {
    const own = await withPasskey('640007');
    const browser = await signedIn('640007');
    const [key] = (await browser.get('/api/v1/me/passkeys')).json<{ items: { id: number }[] }>().items;
    const other = await signedIn('640001');
    expect((await other.send('PATCH', `/api/v1/me/passkeys/${key!.id}`, { name: 'Mine now' })).statusCode).toBe(404);
    expect((await other.send('DELETE', `/api/v1/me/passkeys/${key!.id}`)).statusCode).toBe(404);
    expect((await browser.send('PATCH', `/api/v1/me/passkeys/${key!.id}`, { name: '' })).statusCode).toBe(400);
    expect((await browser.send('PATCH', `/api/v1/me/passkeys/${key!.id}`, { name: 'x'.repeat(61) })).statusCode).toBe(400);
    expect((await browser.send('PATCH', `/api/v1/me/passkeys/abc`, { name: 'Phone' })).statusCode).toBe(404);
    expect((await browser.send('PATCH', `/api/v1/me/passkeys/${key!.id}`, { name: 'Phone' })).statusCode).toBe(204);
    expect((await browser.get('/api/v1/me/passkeys')).json()).toMatchObject({ items: [{ name: 'Phone' }] });
    expect((await browser.send('DELETE', `/api/v1/me/passkeys/${key!.id}`)).statusCode).toBe(204);
    expect(await auditEvents('640007', 'passkey.renamed')).toHaveLength(1);
    expect(await auditEvents('640007', 'passkey.removed')).toHaveLength(1);
    const refused = await signInWithPasskey(jsonClient(t.app), own);
    expect(refused.statusCode).toBe(401);
  });

  it('holds at most 10 passkeys; without a session nothing is listed or added', async () => {
    await seedRegistered(t.deps, { employeeId: '640008', password: 'Harbor2026', email: '640008@example.com' });
    const browser = await signedIn('640008');
    for (let i = 0; i < 10; i++) expect((await addPasskey(browser, newAuthenticator(), `Key ${i}`)).statusCode).toBe(201);
    const eleventh = await browser.post('/api/v1/me/passkeys/options', {});
    expect(eleventh.statusCode).toBe(400);
    expect(eleventh.json<ErrorBody>().error.message).toMatch(/10 passkeys/);
    expect((await jsonClient(t.app).get('/api/v1/me/passkeys')).statusCode).toBe(401);
    expect((await jsonClient(t.app).post('/api/v1/me/passkeys/options', {})).statusCode).toBe(401);
  });

  it('a registration made for another origin, or answered by another client, is not added', async () => {
    await seedRegistered(t.deps, { employeeId: '640009', password: 'Harbor2026', email: '640009@example.com' });
    const browser = await signedIn('640009');
    const started = (await browser.post('/api/v1/me/passkeys/options', {})).json<{ flowId: string; options: Record<string, unknown> }>();
    const phished = await browser.post('/api/v1/me/passkeys', { flowId: started.flowId, credential: newAuthenticator().register(started.options, { origin: 'https://evil.example.net' }), name: 'x' });
    expect(phished.statusCode).toBe(400);
    const again = (await browser.post('/api/v1/me/passkeys/options', {})).json<{ flowId: string; options: Record<string, unknown> }>();
    const other = await signedIn('640009');
    expect((await other.post('/api/v1/me/passkeys', { flowId: again.flowId, credential: newAuthenticator().register(again.options), name: 'x' })).statusCode).toBe(410);
    expect((await browser.get('/api/v1/me')).json()).toMatchObject({ passkeys: 0 });
  });

  it('bad input is a 400 in the request’s language, never a 500', async () => {
    const browser = jsonClient(t.app);
    const { flowId } = await passkeyAssertion(browser, authenticator);
    for (const credential of [{}, { id: 'x', rawId: 'x', type: 'public-key', response: {} }, { id: '!!', rawId: '!!', type: 'public-key', response: { clientDataJSON: 'e30' } }]) {
      const response = await browser.post('/api/v1/passkeys/login', { flowId, credential }, { 'accept-language': 'fr-CA' });
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
    }
    const garbage = await passkeyAssertion(browser, authenticator);
    const broken = { ...garbage.credential, response: { ...(garbage.credential.response as object), clientDataJSON: 'bm90LWpzb24' } };
    expect((await browser.post('/api/v1/passkeys/login', { flowId: garbage.flowId, credential: broken })).statusCode).toBe(401);
  });

  it('after a password, a passkey can be the second factor: `passkey` among the channels', async () => {
    const own = await withPasskey('640010');
    await t.deps.storage.db.updateTable('accounts').set({ mfa: 'email', email_verified_at: t.clock.now() }).where('employee_id', '=', '640010').execute();
    const browser = jsonClient(t.app);
    const step = (await browser.post('/api/v1/login', { identifier: '640010', password: 'Harbor2026' })).json<{ next: string; flowId: string; channels: string[] }>();
    expect(step).toMatchObject({ next: 'code', channels: ['email', 'passkey'] });
    // Another client's request with this flow id gets nothing (RECOV-12).
    expect((await jsonClient(t.app).post('/api/v1/login/code/passkey/options', { flowId: step.flowId })).statusCode).toBe(410);
    const options = (await browser.post('/api/v1/login/code/passkey/options', { flowId: step.flowId })).json<{ options: Record<string, unknown> }>().options;
    const wrongOrigin = await browser.post('/api/v1/login/code/passkey', { flowId: step.flowId, credential: own.assert(options, { origin: 'https://evil.example.net' }) });
    expect(wrongOrigin.statusCode).toBe(401);
    // The challenge was spent by the refusal: a new one is needed.
    expect((await browser.post('/api/v1/login/code/passkey', { flowId: step.flowId, credential: own.assert(options) })).statusCode).toBe(410);
    const fresh = (await browser.post('/api/v1/login/code/passkey/options', { flowId: step.flowId })).json<{ options: Record<string, unknown> }>().options;
    const done = await browser.post('/api/v1/login/code/passkey', { flowId: step.flowId, credential: own.assert(fresh) });
    expect(done.json()).toEqual({ next: 'home' });
    expect((await browser.get('/api/v1/me')).json()).toMatchObject({ employeeId: '640010' });
  });

  it('another account’s passkey is no second factor for this one', async () => {
    await seedRegistered(t.deps, { employeeId: '640011', password: 'Harbor2026', email: '640011@example.com' });
    await t.deps.storage.db.updateTable('accounts').set({ mfa: 'email', email_verified_at: t.clock.now() }).where('employee_id', '=', '640011').execute();
    expect((await addPasskey(await (async () => {
      const b = jsonClient(t.app);
      const s = (await b.post('/api/v1/login', { identifier: '640011', password: 'Harbor2026' })).json<{ flowId: string }>();
      await b.post('/api/v1/login/code', { flowId: s.flowId, code: await outbox.latestCode('640011@example.com') });
      return b;
    })(), newAuthenticator())).statusCode).toBe(201);
    const browser = jsonClient(t.app);
    const step = (await browser.post('/api/v1/login', { identifier: '640011', password: 'Harbor2026' })).json<{ flowId: string }>();
    const options = (await browser.post('/api/v1/login/code/passkey/options', { flowId: step.flowId })).json<{ options: Record<string, unknown> }>().options;
    const someoneElses = await browser.post('/api/v1/login/code/passkey', { flowId: step.flowId, credential: authenticator.assert(options) });
    expect(someoneElses.statusCode).toBe(401);
    expect(someoneElses.json<ErrorBody>().error.code).toBe('INVALID_CODE');
  });

  it('MFA-6: adding a passkey to an account with a second factor needs it, within 5 minutes or by a code', async () => {
    await seedRegistered(t.deps, { employeeId: '640012', password: 'Harbor2026', email: '640012@example.com' });
    await t.deps.storage.db.updateTable('accounts').set({ mfa: 'email', email_verified_at: t.clock.now() }).where('employee_id', '=', '640012').execute();
    const browser = jsonClient(t.app);
    const step = (await browser.post('/api/v1/login', { identifier: '640012', password: 'Harbor2026' })).json<{ flowId: string }>();
    await browser.post('/api/v1/login/code', { flowId: step.flowId, code: await outbox.latestCode('640012@example.com') });
    t.clock.advance(6 * MINUTE);
    const refused = await browser.post('/api/v1/me/passkeys/options', {});
    expect(refused.statusCode).toBe(403);
    expect(refused.json<ErrorBody>().error.code).toBe('MFA_REQUIRED');
    expect((await browser.post('/api/v1/me/mfa/code', {})).statusCode).toBe(202);
    expect((await addPasskey(browser, newAuthenticator(), 'Phone', await outbox.latestCode('640012@example.com'))).statusCode).toBe(201);
  });

  it('passkeys are not offered when PORTICO_PUBLIC_URL is an IP address', async () => {
    const local = await createTestApp({ engine, env: { PORTICO_PUBLIC_URL: 'http://127.0.0.1:3000' } });
    try {
      const response = await jsonClient(local.app).post('/api/v1/passkeys/login/options', {});
      expect(response.statusCode).toBe(403);
      expect(response.json<ErrorBody>().error.message).toMatch(/not available/);
      expect((await local.app.inject({ method: 'GET', url: '/login' })).body).not.toContain('data-passkey');
    } finally {
      await local.close();
    }
  });

  it('LOGIN-6: failed passkey sign-ins count for the client; over the limit, 429 for the answer and for new challenges', async () => {
    const local = await createTestApp({ engine, env: { PORTICO_CLIENT_FAILURE_LIMIT: '2' } });
    try {
      await seedRegistered(local.deps, { employeeId: '655001', password: 'Harbor2026', email: '655001@example.com' });
      const browser = jsonClient(local.app);
      await browser.post('/api/v1/login', { identifier: '655001', password: 'Harbor2026' });
      const own = newAuthenticator();
      expect((await addPasskey(browser, own)).statusCode).toBe(201);
      const attacker = jsonClient(local.app);
      for (let i = 0; i < 2; i++) expect((await signInWithPasskey(attacker, own, { origin: 'https://evil.example.net' })).statusCode).toBe(401);
      const options = await attacker.post('/api/v1/passkeys/login/options', {});
      expect(options.statusCode).toBe(429);
      expect(options.json<ErrorBody>().error.retryAfterSeconds).toBeGreaterThan(0);
      expect(options.headers['retry-after']).toBeDefined();
    } finally {
      await local.close();
    }
  });

  it('PORTICO_CONSOLE_REQUIRE_PASSKEY=true: an e-mail-code session gets 403 MFA_REQUIRED, a passkey session opens the console', async () => {
    const strict = await createTestApp({ engine, env: { PORTICO_DATA_DIR: tempDataDir(), PORTICO_CONSOLE_REQUIRE_PASSKEY: 'true' } });
    const strictOutbox = createOutboxReader(strict.deps);
    try {
      await seedRegistered(strict.deps, { employeeId: '650001', password: 'Harbor2026', email: 'agent@example.com' });
      await strict.deps.storage.db.updateTable('accounts').set({ mfa: 'email', email_verified_at: strict.clock.now() }).where('employee_id', '=', '650001').execute();
      await grantRole(strict.deps.storage.db, '650001', 'helpdesk', strict.clock.now());
      const browser = jsonClient(strict.app);
      const step = (await browser.post('/api/v1/login', { identifier: '650001', password: 'Harbor2026' })).json<{ flowId: string }>();
      expect((await browser.post('/api/v1/login/code', { flowId: step.flowId, code: await strictOutbox.latestCode('agent@example.com') })).json()).toEqual({ next: 'home' });
      const refused = await browser.get('/api/v1/admin/whoami');
      expect(refused.statusCode).toBe(403);
      expect(refused.json<{ error: { code: string; profileUrl: string } }>().error).toMatchObject({ code: 'MFA_REQUIRED', profileUrl: '/profile/passkeys' });
      // The console's pages say the same and link to the Passkeys page.
      const page = await browser.get('/admin/employees');
      expect(page.statusCode).toBe(403);
      expect(page.body).toContain('This area needs a sign-in with a passkey.');
      expect(page.body).toContain('href="/profile/passkeys"');
      // The e-mail-code session is fresh, so MFA-6 lets it add a passkey; then a passkey sign-in opens the console.
      const own = newAuthenticator();
      expect((await addPasskey(browser, own)).statusCode).toBe(201);
      expect((await browser.get('/api/v1/admin/whoami')).statusCode).toBe(403);
      const agent = jsonClient(strict.app);
      expect((await signInWithPasskey(agent, own)).json()).toEqual({ next: 'home' });
      const whoami = await agent.get('/api/v1/admin/whoami');
      expect(whoami.statusCode).toBe(200);
      expect(whoami.json()).toMatchObject({ employeeId: '650001', secondFactor: true });
    } finally {
      await strictOutbox.stop();
      await strict.close();
    }
  });
});
