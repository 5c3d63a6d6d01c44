// IDP-2: the console's page of registered applications: admins only (and with a second factor,
// MFA-5), every field escaped, never a secret.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { ENGINES } from '../../../test/support/databases.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../../../test/support/outbox.js';
import { signInConsole } from '../../../test/support/console-session.js';
import { addClient } from '../../idp/clients.js';

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
