// RECOV-6 on SQLite and PostgreSQL: for an account with MFA, the reset link alone is not enough.
// The link answers `next: code`; the password cannot be set before a second factor on ANOTHER
// channel than the link's (the other verified contact, an authenticator or a recovery code).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { seedRegistered } from '../../../test/support/seed.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../../../test/support/outbox.js';
import { ENGINES } from '../../../test/support/databases.js';
import { totpCodeAt } from '../../methods/totp/totp.js';

type Json = Record<string, unknown>;
const LINK = /https?:\/\/[^\s"<>]+\/recovery\/link\?token=[\w-]+/;
const MOBILE = '+15557654321';

function post(app: FastifyInstance, url: string, payload: Json, cookie = '') {
  return app.inject({ method: 'POST', url, payload, headers: { cookie } });
}

describe.each(ENGINES)('password reset of an account with MFA on %s', (engine) => {
  let t: TestApp;
  let outbox: OutboxReader;
  let totpSecret: string;
  let recoveryCodes: string[];

  beforeAll(async () => {
    t = await createTestApp({ engine, env: { PORTICO_DATA_DIR: tempDataDir() } });
    outbox = createOutboxReader(t.deps);
    for (const [employeeId, email] of [
      ['670001', 'sia@example.com'],
      ['670002', 'tom@example.com'],
      ['670003', 'una@example.com'],
      ['670004', 'val@example.com'],
    ] as const) {
      await seedRegistered(t.deps, { employeeId, password: 'Harbor2026', email });
    }
    const db = t.deps.storage.db;
    await db.updateTable('accounts').set({ mfa: 'sms', mobile: MOBILE, mobile_verified_at: t.clock.now() }).where('employee_id', '=', '670001').execute();
    await db.updateTable('accounts').set({ mfa: 'email' }).where('employee_id', '=', '670003').execute();
    // 670002 turns on an authenticator through the API.
    const signIn = await post(t.app, '/api/v1/login', { identifier: '670002', password: 'Harbor2026' });
    const cookie = signIn.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const { otpauthUrl } = (await t.app.inject({ method: 'PUT', url: '/api/v1/me/mfa', payload: { method: 'totp' }, headers: { cookie } })).json<{ otpauthUrl: string }>();
    totpSecret = new URL(otpauthUrl).searchParams.get('secret')!;
    const confirmed = await post(t.app, '/api/v1/me/mfa/totp', { code: await totpCodeAt(totpSecret, t.clock.now()) }, cookie);
    recoveryCodes = confirmed.json<{ recoveryCodes: string[] }>().recoveryCodes;
    t.clock.advance(60_000);
  });
  afterAll(async () => {
    await outbox.stop();
    await t.close();
  });

  /** Asks for a reset link and opens it: the flow the link leads to. */
  async function openLink(identifier: string, email: string): Promise<{ next: string; flowId: string }> {
    const flowId = (await post(t.app, '/api/v1/recovery', { identifier })).json<{ flowId: string }>().flowId;
    expect((await post(t.app, `/api/v1/recovery/${flowId}/link`, { email })).statusCode).toBe(202);
    const link = LINK.exec((await outbox.emailsTo(email))[0]?.text ?? '')?.[0] ?? '';
    const redeemed = await post(t.app, '/api/v1/recovery/link', { token: new URL(link).searchParams.get('token') ?? '' });
    expect(redeemed.statusCode).toBe(200);
    return redeemed.json();
  }

  const setPassword = (flowId: string, password: string) => post(t.app, `/api/v1/recovery/${flowId}/password`, { password, confirm: password });

  it('asks for an SMS code after the e-mailed link, and only then for the new password', async () => {
    const { next, flowId } = await openLink('670001', 'sia@example.com');
    expect(next).toBe('code');
    // The password cannot be chosen yet.
    expect((await setPassword(flowId, 'Tidewater42')).statusCode).toBe(400);
    // The link proved the e-mail: a code to the e-mail is not a second factor.
    expect((await post(t.app, `/api/v1/recovery/${flowId}/second-factor/send`, { channel: 'email' })).statusCode).toBe(400);

    const sent = await post(t.app, `/api/v1/recovery/${flowId}/second-factor/send`, { channel: 'sms' });
    expect(sent.statusCode).toBe(202);
    expect(sent.json()).toMatchObject({ channel: 'sms', sentTo: '***-***-4321', channels: ['sms'] });
    const code = await outbox.latestCode(MOBILE);
    const wrong = await post(t.app, `/api/v1/recovery/${flowId}/second-factor`, { code: code === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json<{ error: { code: string } }>().error.code).toBe('INVALID_CODE');
    expect((await setPassword(flowId, 'Tidewater42')).statusCode).toBe(400);

    const right = await post(t.app, `/api/v1/recovery/${flowId}/second-factor`, { code });
    expect(right.json()).toEqual({ next: 'set_password' });
    const done = await setPassword(flowId, 'Tidewater42');
    expect(done.json()).toEqual({ next: 'home' });
    const passed = await t.deps.storage.db.selectFrom('audit_events').select('detail').where('subject_id', '=', '670001').where('event', '=', 'recovery.second_factor_passed').execute();
    expect(passed.map((p) => JSON.parse(p.detail ?? '{}') as Json)).toEqual([{ method: 'sms_code' }]);
  });

  it('takes an authenticator code, or a recovery code once, as the second factor', async () => {
    const first = await openLink('670002', 'tom@example.com');
    expect(first.next).toBe('code');
    const totp = await post(t.app, `/api/v1/recovery/${first.flowId}/second-factor`, { code: await totpCodeAt(totpSecret, t.clock.now()) });
    expect(totp.json()).toEqual({ next: 'set_password' });
    expect((await setPassword(first.flowId, 'Tidewater42')).json()).toEqual({ next: 'home' });

    t.clock.advance(60_000);
    const second = await openLink('670002', 'tom@example.com');
    expect((await post(t.app, `/api/v1/recovery/${second.flowId}/second-factor`, { code: recoveryCodes[0]! })).json()).toEqual({ next: 'set_password' });
    const third = await openLink('670002', 'tom@example.com');
    expect((await post(t.app, `/api/v1/recovery/${third.flowId}/second-factor`, { code: recoveryCodes[0]! })).statusCode).toBe(401);
  });

  it('an account whose only factor is the e-mail cannot finish a reset by link alone', async () => {
    const { next, flowId } = await openLink('670003', 'una@example.com');
    expect(next).toBe('code');
    expect((await post(t.app, `/api/v1/recovery/${flowId}/second-factor/send`, { channel: 'email' })).statusCode).toBe(400);
    const refused = await post(t.app, `/api/v1/recovery/${flowId}/second-factor`, { code: '123456' });
    expect(refused.statusCode).toBe(403);
    expect((await setPassword(flowId, 'Tidewater42')).statusCode).toBe(400);
  });

  it('an account without MFA goes straight to the new password, as before', async () => {
    expect((await openLink('670004', 'val@example.com')).next).toBe('set_password');
  });

  it('pages: the password page sends an MFA reset to the second-factor step', async () => {
    const { flowId } = await openLink('670001', 'sia@example.com');
    const password = await t.app.inject({ method: 'GET', url: `/recovery/${flowId}/password` });
    expect(password.statusCode).toBe(303);
    expect(password.headers.location).toBe(`/recovery/${flowId}/second-factor`);
    const page = await t.app.inject({ method: 'GET', url: `/recovery/${flowId}/second-factor` });
    expect(page.statusCode).toBe(200);
    expect(page.body.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(page.body).toContain('Send a code by text message to ***-***-4321');
    expect(page.body).not.toContain('Send a code by e-mail');
  });
});
