// MFA-7: Edit My Profile → Passkeys as web pages without a browser: the list (name, added, last
// used), renaming with the error next to the field and what was typed kept, removing, another
// account's passkey as an unknown one, CSRF on every form, and the add form only for the script.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { seedRegistered } from '../../../test/support/seed.js';
import { cookieClient, type ConsoleClient } from '../../../test/support/console-session.js';
import { addPasskey, jsonClient, newAuthenticator } from '../../../test/support/passkey-client.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('the passkeys page', () => {
  let t: TestApp;
  let page: ConsoleClient;
  let passkeyId: number;

  const submit = (client: ConsoleClient, url: string, fields: Record<string, string>) =>
    client.request({ method: 'POST', url, headers: FORM, payload: new URLSearchParams({ _csrf: client.formToken(), ...fields }).toString() });

  async function signedInPage(employeeId: string): Promise<ConsoleClient> {
    const client = cookieClient(t.app);
    await client.get('/login');
    const response = await submit(client, '/login', { identifier: employeeId, password: 'Harbor2026' });
    expect(response.headers.location).toBe('/home');
    return client;
  }

  beforeAll(async () => {
    t = await createTestApp();
    for (const employeeId of ['660001', '660002']) await seedRegistered(t.deps, { employeeId, password: 'Harbor2026', email: `${employeeId}@example.com` });
    const api = jsonClient(t.app);
    await api.post('/api/v1/login', { identifier: '660001', password: 'Harbor2026' });
    const added = await addPasskey(api, newAuthenticator(), 'Work laptop');
    passkeyId = added.json<{ id: number }>().id;
    page = await signedInPage('660001');
  });
  afterAll(() => t.close());

  it('lists each passkey with its name, when it was added and last used, and the forms; the add form is the script’s', async () => {
    const response = await page.get('/profile/passkeys');
    expect(response.statusCode).toBe(200);
    expect(response.body.match(/<h1/g)).toHaveLength(1);
    expect(response.body).toContain('<h3 id="passkey-' + passkeyId + '">Work laptop</h3>');
    expect(response.body).toContain('Not yet');
    expect(response.body).toContain(`action="/profile/passkeys/${passkeyId}/rename"`);
    expect(response.body).toContain(`action="/profile/passkeys/${passkeyId}/remove"`);
    expect(response.body).toMatch(/<div data-passkey="add" data-origin="http:\/\/localhost:3000"[^>]*hidden>/);
    expect(response.body).toContain('<p data-passkey-fallback="true">Adding a passkey needs a browser');
    expect(response.body).toMatch(/<script src="\/assets\/passkeys\.[0-9a-f]{10}\.js" defer><\/script>/);
    expect((await page.get('/profile')).body).toContain('1 passkey');
  });

  it('renames: an empty name is shown next to the field with what was typed; a good one redirects with a notice', async () => {
    await page.get('/profile/passkeys');
    const empty = await submit(page, `/profile/passkeys/${passkeyId}/rename`, { name: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain(`id="passkey-name-${passkeyId}-error"`);
    expect(empty.body).toContain('Give the passkey a name.');
    const renamed = await submit(page, `/profile/passkeys/${passkeyId}/rename`, { name: 'Home desktop' });
    expect(renamed.statusCode).toBe(303);
    expect(renamed.headers.location).toBe('/profile/passkeys?renamed');
    const after = await page.get('/profile/passkeys?renamed');
    expect(after.body).toContain('The passkey was renamed.');
    expect(after.body).toContain('Home desktop');
  });

  it('refuses a form without its token, and another account’s passkey is not found', async () => {
    const forged = await page.request({ method: 'POST', url: `/profile/passkeys/${passkeyId}/remove`, headers: FORM, payload: '_csrf=forged' });
    expect(forged.statusCode).toBe(403);
    const other = await signedInPage('660002');
    await other.get('/profile/passkeys');
    expect((await submit(other, `/profile/passkeys/${passkeyId}/remove`, {})).statusCode).toBe(404);
    expect((await submit(other, `/profile/passkeys/${passkeyId}/rename`, { name: 'Mine' })).statusCode).toBe(404);
    expect((await submit(other, '/profile/passkeys/x1/remove', {})).statusCode).toBe(404);
    expect((await page.get('/profile/passkeys')).body).toContain('Home desktop');
  });

  it('MFA-6: with e-mail codes and no second factor in the last 5 minutes, the add form asks for a code and offers to send one', async () => {
    // Signed in before e-mail codes were turned on: this session never passed them.
    const stale = await signedInPage('660002');
    await t.deps.storage.db.updateTable('accounts').set({ mfa: 'email', email_verified_at: t.clock.now() }).where('employee_id', '=', '660002').execute();
    const response = await stale.get('/profile/passkeys');
    expect(response.body).toContain('id="passkey-code"');
    expect(response.body).toContain('action="/profile/passkeys/code"');
    const sent = await submit(stale, '/profile/passkeys/code', {});
    expect(sent.headers.location).toBe('/profile/passkeys?codeSent');
    expect((await stale.get('/profile/passkeys?codeSent')).body).toContain('We sent you a code.');
    const queued = await t.deps.storage.db.selectFrom('messages').select('template').where('recipient', '=', '660002@example.com').execute();
    expect(queued.map((row) => row.template)).toContain('login-code');
    // Without a second factor, nothing is asked.
    expect((await page.get('/profile/passkeys')).body).not.toContain('id="passkey-code"');
  });

  it('removes, with a notice; without a session the page is the sign-in page', async () => {
    await page.get('/profile/passkeys');
    const removed = await submit(page, `/profile/passkeys/${passkeyId}/remove`, {});
    expect(removed.headers.location).toBe('/profile/passkeys?removed');
    const after = await page.get('/profile/passkeys?removed');
    expect(after.body).toContain('The passkey was removed.');
    expect(after.body).toContain('You have no passkeys yet.');
    const anonymous = await t.app.inject({ method: 'GET', url: '/profile/passkeys' });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/login');
  });
});
