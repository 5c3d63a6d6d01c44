// RECOV-6 / MFA-7 on SQLite and PostgreSQL: a passkey is the "authenticator" proof of a reset. An
// account with MFA recovers with the reset link and a passkey (→ set_password); an account with
// MFA off but a passkey needs two proofs as well; the passkey's challenge answers only this flow's
// client, once; another account's passkey, or an assertion for another origin, proves nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { seedRegistered } from '../../../test/support/seed.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../../../test/support/outbox.js';
import { ENGINES } from '../../../test/support/databases.js';
import { addPasskey, jsonClient, newAuthenticator, type JsonClient } from '../../../test/support/passkey-client.js';
import type { SoftwareAuthenticator } from '../../../test/support/software-authenticator.js';

type Step = { next: string; flowId: string; methods?: string[] };
const LINK = /https?:\/\/[^\s"<>]+\/recovery\/link\?token=[\w-]+/;

describe.each(ENGINES)('password reset with a passkey on %s', (engine) => {
  let t: TestApp;
  let outbox: OutboxReader;
  const keys = new Map<string, SoftwareAuthenticator>();

  beforeAll(async () => {
    t = await createTestApp({ engine, env: { PORTICO_DATA_DIR: tempDataDir() } });
    outbox = createOutboxReader(t.deps);
    for (const employeeId of ['680001', '680002', '680003']) {
      await seedRegistered(t.deps, { employeeId, password: 'Harbor2026', email: `${employeeId}@example.com` });
      const browser = jsonClient(t.app);
      expect((await browser.post('/api/v1/login', { identifier: employeeId, password: 'Harbor2026' })).json()).toEqual({ next: 'home' });
      const own = newAuthenticator();
      expect((await addPasskey(browser, own)).statusCode).toBe(201);
      keys.set(employeeId, own);
    }
    // 680001 and 680003 turn on e-mail codes; 680002 keeps MFA off (its passkey is its second factor).
    for (const employeeId of ['680001', '680003']) {
      await t.deps.storage.db.updateTable('accounts').set({ mfa: 'email', email_verified_at: t.clock.now() }).where('employee_id', '=', employeeId).execute();
    }
  });
  afterAll(async () => {
    await outbox.stop();
    await t.close();
  });

  /** Asks for a reset link as `browser` and opens it there. */
  async function openLink(browser: JsonClient, employeeId: string): Promise<Step> {
    const { flowId } = (await browser.post('/api/v1/recovery', { identifier: employeeId })).json<{ flowId: string }>();
    expect((await browser.post(`/api/v1/recovery/${flowId}/link`, { email: `${employeeId}@example.com` })).statusCode).toBe(202);
    const link = LINK.exec((await outbox.emailsTo(`${employeeId}@example.com`))[0]?.text ?? '')?.[0] ?? '';
    const redeemed = await browser.post('/api/v1/recovery/link', { token: new URL(link).searchParams.get('token') ?? '' });
    return redeemed.json<Step>();
  }

  async function passkeyProof(browser: JsonClient, flowId: string, own: SoftwareAuthenticator, origin?: string) {
    const started = await browser.post(`/api/v1/recovery/${flowId}/passkey/options`, {});
    expect(started.statusCode).toBe(200);
    const { options } = started.json<{ options: Record<string, unknown> }>();
    return browser.post(`/api/v1/recovery/${flowId}/passkey`, { credential: own.assert(options, origin ? { origin } : {}) });
  }

  it('an MFA account: the reset link, then a passkey → set_password, and the new password signs in', async () => {
    const browser = jsonClient(t.app);
    const first = await openLink(browser, '680001');
    expect(first.next).toBe('code');
    expect(first.methods).toContain('passkey');
    const second = await passkeyProof(browser, first.flowId, keys.get('680001')!);
    expect(second.json()).toMatchObject({ next: 'set_password' });
    const done = await browser.post(`/api/v1/recovery/${first.flowId}/password`, { password: 'Lantern2027', confirm: 'Lantern2027' });
    expect(done.json()).toEqual({ next: 'home' });
  });

  it('MFA off but a passkey: the link alone is not enough (RECOV-6), the passkey completes it', async () => {
    const browser = jsonClient(t.app);
    const first = await openLink(browser, '680002');
    expect(first).toMatchObject({ next: 'code' });
    expect(first.methods).toEqual(expect.arrayContaining(['passkey']));
    expect((await passkeyProof(browser, first.flowId, keys.get('680002')!)).json()).toMatchObject({ next: 'set_password' });
  });

  it('another account’s passkey, another origin, or another client proves nothing', async () => {
    const browser = jsonClient(t.app);
    const first = await openLink(browser, '680003');
    const someoneElses = await passkeyProof(browser, first.flowId, keys.get('680001')!);
    expect(someoneElses.statusCode).toBe(401);
    const phished = await passkeyProof(browser, first.flowId, keys.get('680003')!, 'https://evil.example.net');
    expect(phished.statusCode).toBe(401);
    // The flow id alone, from another client, is an unknown flow (RECOV-12).
    expect((await jsonClient(t.app).post(`/api/v1/recovery/${first.flowId}/passkey/options`, {})).statusCode).toBe(410);
    // Before any proof the passkey is not a way in.
    const fresh = (await browser.post('/api/v1/recovery', { identifier: '680003' })).json<{ flowId: string }>();
    expect((await browser.post(`/api/v1/recovery/${fresh.flowId}/passkey/options`, {})).statusCode).toBe(400);
    // Still open to the right passkey, once.
    expect((await passkeyProof(browser, first.flowId, keys.get('680003')!)).json()).toMatchObject({ next: 'set_password' });
  });
});
