// IDP-2: the console's page of registered applications: admins only (and with a second factor,
// MFA-5), every field escaped, never a secret.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { ENGINES } from '../../../test/support/databases.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../../../test/support/outbox.js';
import { signInConsole, type ConsoleClient } from '../../../test/support/console-session.js';
import { addClient, clientSecretMatches, findClient, listClients } from '../../idp/clients.js';
import { searchAudit } from '../../storage/repositories/audit-events.js';
import { form, seedPerson, signIn } from '../../../test/support/console-employees.js';

describe.each(ENGINES)('/admin/clients on %s', (engine) => {
  let t: TestApp;
  let outbox: OutboxReader;
  let secret: string;

  beforeAll(async () => {
    t = await createTestApp({ engine, env: { PORTICO_DATA_DIR: tempDataDir() } });
    outbox = createOutboxReader(t.deps);
    const added = await addClient(
      { db: t.deps.storage.db, secret: t.deps.config.secret, now: t.clock.now() },
      { name: '<b>Payroll</b>', redirectUris: ['https://payroll.example.com/cb?x=<y>'], isPublic: false, firstParty: true, backchannelLogoutUri: null, postLogoutRedirectUris: [] },
    );
    secret = added.clientSecret!;
  });
  afterAll(async () => {
    await outbox.stop();
    await t.close();
  });

  it('lists the applications for an admin, escaped and without secrets', async () => {
    const admin = await signInConsole(t, outbox, '720001', 'admin');
    const page = await admin.get('/admin/clients');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/&lt;b(&gt;|>)Payroll&lt;\/b/);
    expect(page.body).not.toContain('<b>Payroll');
    expect(page.body).toContain('confidential, first-party');
    expect(page.body).not.toContain(secret);
    // The console's navigation links to it for admins.
    expect((await admin.get('/admin/employees')).body).toContain('href="/admin/clients"');
  });

  it('is refused to the help desk, HR, plain employees and the signed out', async () => {
    for (const [id, role] of [['720002', 'helpdesk'], ['720003', 'hr'], ['720004', null]] as const) {
      const someone = await signInConsole(t, outbox, id, role);
      expect((await someone.get('/admin/clients')).statusCode, String(role)).toBe(403);
    }
    const signedOut = await t.app.inject({ method: 'GET', url: '/admin/clients' });
    expect(signedOut.statusCode).toBe(303);
  });
});

// Registering, a new secret and removing from the console: admins only, with the form token,
// confirmed first where it ends something, the secret shown once and never cached, each change
// audited with the admin; bad input is a 400 in the admin's language and stores nothing.
describe.each(ENGINES)('/admin/clients changes on %s', (engine) => {
  let t: TestApp;
  let outbox: OutboxReader;
  let admin: ConsoleClient;

  const post = (client: ConsoleClient, url: string, fields: Record<string, string>, token = client.formToken()) =>
    client.request({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: token, ...fields }).toString() });
  const stored = async (name: string) => (await listClients(t.deps.storage.db)).find((client) => client.name === name);
  /** The value of an `<output>` after its label on a page that shows a secret. */
  const shown = (body: string, label: string) => new RegExp(`<dt>${label}</dt><dd><output class="pin">([^<]+)</output>`).exec(body)?.[1];

  beforeAll(async () => {
    t = await createTestApp({ engine, env: { PORTICO_DATA_DIR: tempDataDir() } });
    outbox = createOutboxReader(t.deps);
    admin = await signInConsole(t, outbox, '721001', 'admin');
    await admin.get('/admin/clients');
  });
  afterAll(async () => {
    await outbox.stop();
    await t.close();
  });

  it('registers a confidential application and shows its secret once, uncached; the list shows every field', async () => {
    const page = await post(admin, '/admin/clients', {
      name: 'Payroll',
      redirectUris: 'https://payroll.example.com/cb\r\n\r\nhttps://payroll.example.com/cb2\r\n',
      postLogoutRedirectUris: 'https://payroll.example.com/',
      backchannelLogoutUri: 'http://127.0.0.1:9/logout',
      kind: 'confidential',
      firstParty: 'yes',
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    const clientId = shown(page.body, 'Client ID');
    const secret = shown(page.body, 'Client secret');
    const client = await stored('Payroll');
    expect(client).toMatchObject({ clientId, isPublic: false, firstParty: true, redirectUris: ['https://payroll.example.com/cb', 'https://payroll.example.com/cb2'], backchannelLogoutUri: 'http://127.0.0.1:9/logout' });
    expect(clientSecretMatches(t.deps.config.secret, client!.clientId, client!.secretHash ?? undefined, secret)).toBe(true);
    const list = await admin.get('/admin/clients');
    expect(list.body).toContain('http://127.0.0.1:9/logout');
    expect(list.body).toContain('https://payroll.example.com/');
    expect(list.body).not.toContain(secret);
    const audit = await searchAudit(t.deps.storage.db, { event: 'oidc.client_added' });
    expect(audit[0]).toMatchObject({ actorId: '721001' });
    expect(audit[0]!.detail).toMatchObject({ client: clientId, via: 'console', firstParty: true });
  });

  it('registers a public application without a secret', async () => {
    const page = await post(admin, '/admin/clients', { name: 'Phone app', redirectUris: 'https://app.example.com/cb', kind: 'public' });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Client secret');
    expect(await stored('Phone app')).toMatchObject({ isPublic: true, firstParty: false, secretHash: null });
  });

  it('refuses bad input with a 400 in the admin’s language, keeps what was typed, and stores nothing', async () => {
    const before = (await listClients(t.deps.storage.db)).length;
    const page = await post(admin, '/admin/clients', { name: 'Rejected', redirectUris: 'javascript:alert(1)\nhttps://ok.example.com/cb', kind: 'confidential' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('href="#client-redirect-uris"');
    expect(page.body).toContain('Give 1 to 20 redirect URIs');
    expect(page.body).toContain('value="Rejected"');
    const frenchAdmin = await signInConsole(t, outbox, '721003', 'admin');
    await frenchAdmin.get('/admin/clients?lang=fr-CA');
    const french = await post(frenchAdmin, '/admin/clients', { name: '', redirectUris: '' });
    expect(french.statusCode).toBe(400);
    expect(french.body).toContain('Donnez à l’application un nom');
    const fragment = await post(admin, '/admin/clients', { name: 'Fragment', redirectUris: 'https://ok.example.com/cb', backchannelLogoutUri: 'https://ok.example.com/logout#x' });
    expect(fragment.statusCode).toBe(400);
    expect(fragment.body).toContain('href="#client-backchannel-uri"');
    // A NUL (which PostgreSQL cannot store) or another control character is refused, never a 500.
    const controlled: Record<string, string>[] = [{ name: 'Pay\u0000roll', redirectUris: 'https://ok.example.com/cb' }, { name: 'Payroll', redirectUris: 'https://ok.example.com/cb\u0000' }, { name: 'Payroll', redirectUris: 'https://ok.example.com/cb', backchannelLogoutUri: 'https://ok.example.com/\u0007' }];
    for (const fields of controlled) {
      expect((await post(admin, '/admin/clients', fields)).statusCode, JSON.stringify(fields)).toBe(400);
    }
    const tooMany = await post(admin, '/admin/clients', { name: 'Many', redirectUris: 'https://ok.example.com/cb', postLogoutRedirectUris: Array.from({ length: 21 }, (_, i) => `https://ok.example.com/${i}`).join('\n') });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.body).toContain('href="#client-post-logout-uris"');
    expect((await listClients(t.deps.storage.db)).length).toBe(before);
  });

  it('asks before a new secret, then the old secret stops working and the new one is shown once', async () => {
    const { clientSecret: oldSecret, clientId } = await addClient(
      { db: t.deps.storage.db, secret: t.deps.config.secret, now: t.clock.now() },
      { name: 'Scheduling', redirectUris: ['https://sched.example.com/cb'], isPublic: false, firstParty: false, backchannelLogoutUri: null, postLogoutRedirectUris: [] },
    );
    const matches = async (presented: string | null | undefined) => {
      const client = await findClient(t.deps.storage.db, clientId);
      return clientSecretMatches(t.deps.config.secret, clientId, client?.secretHash ?? undefined, presented);
    };
    const ask = await post(admin, `/admin/clients/${clientId}/secret`, {});
    expect(ask.statusCode).toBe(200);
    expect(ask.body).toContain('Give Scheduling a new secret?');
    expect(await matches(oldSecret)).toBe(true);
    const done = await post(admin, `/admin/clients/${clientId}/secret`, { confirm: 'yes' });
    expect(done.statusCode).toBe(200);
    expect(done.headers['cache-control']).toBe('no-store');
    const newSecret = shown(done.body, 'Client secret');
    expect(await matches(oldSecret)).toBe(false);
    expect(await matches(newSecret)).toBe(true);
    const audit = await searchAudit(t.deps.storage.db, { event: 'oidc.client_secret_rotated' });
    expect(audit[0]!.detail).toMatchObject({ client: clientId, via: 'console' });
  });

  it('asks before removing, then removes the application and says so', async () => {
    const { clientId } = await addClient(
      { db: t.deps.storage.db, secret: t.deps.config.secret, now: t.clock.now() },
      { name: 'Training', redirectUris: ['https://training.example.com/cb'], isPublic: false, firstParty: false, backchannelLogoutUri: null, postLogoutRedirectUris: [] },
    );
    const ask = await post(admin, `/admin/clients/${clientId}/remove`, {});
    expect(ask.statusCode).toBe(200);
    expect(ask.body).toContain('Remove Training?');
    expect(await findClient(t.deps.storage.db, clientId)).toBeDefined();
    const done = await post(admin, `/admin/clients/${clientId}/remove`, { confirm: 'yes' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/admin/clients?removed=1');
    expect(await findClient(t.deps.storage.db, clientId)).toBeUndefined();
    expect((await admin.get('/admin/clients?removed=1')).body).toContain('The application is removed.');
    const audit = await searchAudit(t.deps.storage.db, { event: 'oidc.client_removed' });
    expect(audit[0]!.detail).toMatchObject({ client: clientId, via: 'console' });
  });

  it('answers 404 for an unknown, malformed or public client’s secret, and changes nothing', async () => {
    const phone = await stored('Phone app');
    for (const url of ['/admin/clients/unknown-client/remove', `/admin/clients/${'x'.repeat(80)}/remove`, '/admin/clients/%3Cscript%3E/secret', `/admin/clients/${phone!.clientId}/secret`]) {
      expect((await post(admin, url, { confirm: 'yes' })).statusCode, url).toBe(404);
    }
    expect(await stored('Phone app')).toBeDefined();
  });

  it('MFA-5: an admin whose session passed no second factor can neither see nor change them', async () => {
    await seedPerson(t.deps, '721004', ['admin']);
    const oneFactor = await signIn(t.app, t.deps, '721004', { secondFactor: false });
    const page = await t.app.inject({ method: 'GET', url: '/admin/clients', headers: { cookie: oneFactor.cookie } });
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('This area needs a second sign-in step.');
    const post = await form(t.app, oneFactor, '/admin/clients', { name: 'One factor', redirectUris: 'https://x.example.com/cb' });
    expect(post.statusCode).toBe(403);
    expect(post.body).toContain('This area needs a second sign-in step.');
    expect(await stored('One factor')).toBeUndefined();
  });

  it('refuses the help desk and a post without the form token, and stores nothing', async () => {
    const agent = await signInConsole(t, outbox, '721002', 'helpdesk');
    await agent.get('/home');
    const phone = await stored('Phone app');
    expect((await post(agent, '/admin/clients', { name: 'Sneaky', redirectUris: 'https://x.example.com/cb' })).statusCode).toBe(403);
    expect((await post(agent, `/admin/clients/${phone!.clientId}/remove`, { confirm: 'yes' })).statusCode).toBe(403);
    expect((await post(admin, '/admin/clients', { name: 'No token', redirectUris: 'https://x.example.com/cb' }, 'wrong')).statusCode).toBe(403);
    expect(await stored('Sneaky')).toBeUndefined();
    expect(await stored('No token')).toBeUndefined();
    expect(await stored('Phone app')).toBeDefined();
  });
});
