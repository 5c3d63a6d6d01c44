// MFA-7 / HELP-7 in the help desk console on SQLite and PostgreSQL: the account page lists the
// employee's passkeys (names, added, last used, never more), and "reset MFA" removes them, after
// which they sign in no more. The agent's own passkey opens the console with no code step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { ENGINES } from '../../../test/support/databases.js';
import { api, seedPerson, signIn, type Agent } from '../../../test/support/console-employees.js';
import { addPasskey, jsonClient, newAuthenticator, signInWithPasskey } from '../../../test/support/passkey-client.js';
import type { SoftwareAuthenticator } from '../../../test/support/software-authenticator.js';
import { searchAudit } from '../../storage/repositories/audit-events.js';

const AGENT = '21000001';
const EMPLOYEE = '31000001';

describe.each(ENGINES)('passkeys in the help desk console on %s', (engine) => {
  let t: TestApp;
  let agent: Agent;
  let employeeKey: SoftwareAuthenticator;

  beforeAll(async () => {
    t = await createTestApp({ engine });
    await seedPerson(t.deps, AGENT, ['helpdesk']);
    await seedPerson(t.deps, EMPLOYEE, [], { givenName: 'Inès' });
    const browser = jsonClient(t.app);
    expect((await browser.post('/api/v1/login', { identifier: EMPLOYEE, password: 'Harbor2026' })).json()).toEqual({ next: 'home' });
    employeeKey = newAuthenticator();
    expect((await addPasskey(browser, employeeKey, 'Téléphone <b>perso</b>')).statusCode).toBe(201);
    expect((await signInWithPasskey(jsonClient(t.app), employeeKey)).statusCode).toBe(200);
    agent = await signIn(t.app, t.deps, AGENT);
  });
  afterAll(() => t.close());

  it('the account page and API list the passkeys: name, added, last used — nothing secret', async () => {
    const detail = (await api(t.app, agent, 'GET', `/api/v1/admin/employees/${EMPLOYEE}`)).json<{ passkeys: Record<string, unknown>[] }>();
    expect(detail.passkeys).toEqual([{ name: 'Téléphone <b>perso</b>', createdAt: expect.any(String), lastUsedAt: expect.any(String) }]);
    const page = await api(t.app, agent, 'GET', `/admin/employees/${EMPLOYEE}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Passkeys (1)');
    expect(page.body).toContain('Téléphone &lt;b>perso&lt;/b>');
  });

  it('"reset MFA" removes the passkeys (audited with their number), and they sign in no more', async () => {
    const reset = await api(t.app, agent, 'POST', `/api/v1/admin/employees/${EMPLOYEE}/reset-mfa`, { reason: 'Lost phone', identityCheck: 'badge' });
    expect(reset.statusCode).toBe(204);
    const detail = (await api(t.app, agent, 'GET', `/api/v1/admin/employees/${EMPLOYEE}`)).json<{ passkeys: unknown[] }>();
    expect(detail.passkeys).toEqual([]);
    const event = (await searchAudit(t.deps.storage.db, { employeeId: EMPLOYEE })).find((e) => e.event === 'mfa.reset');
    expect(event?.detail).toMatchObject({ passkeys: 1 });
    expect((await signInWithPasskey(jsonClient(t.app), employeeKey)).statusCode).toBe(401);
  });

  it('an agent with a passkey opens the console with no code step', async () => {
    await seedPerson(t.deps, '21000002', ['helpdesk']);
    const browser = jsonClient(t.app);
    expect((await browser.post('/api/v1/login', { identifier: '21000002', password: 'Harbor2026' })).json()).toEqual({ next: 'home' });
    // MFA off: the password session may not open the console (MFA-5)…
    expect((await browser.get('/api/v1/admin/whoami')).statusCode).toBe(403);
    const own = newAuthenticator();
    expect((await addPasskey(browser, own)).statusCode).toBe(201);
    // …and a passkey sign-in may, at once.
    const passkeySession = jsonClient(t.app);
    expect((await signInWithPasskey(passkeySession, own)).json()).toEqual({ next: 'home' });
    expect((await passkeySession.get('/api/v1/admin/whoami')).statusCode).toBe(200);
  });
});
