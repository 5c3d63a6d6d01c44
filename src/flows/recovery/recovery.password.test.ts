// RECOV-5/8 on SQLite and PostgreSQL: a new password only after a proof, REG-5 policy and not one
// of the last 5; then signed in, every other session ended (its cookie answers 401), the temporary
// sign-in lock cleared, and the "password changed" e-mail and SMS sent with the help-form pointer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { login, seedRegistered } from '../../../test/support/seed.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../../../test/support/outbox.js';
import { ENGINES } from '../../../test/support/databases.js';
import { applyMobile } from '../../storage/repositories/profile.js';
import { flowClientCookie } from '../../../test/support/flow-client.js';
import { errorByField, type ApiErrorBody } from '../../../test/support/api-errors.js';

type Json = Record<string, unknown>;

function post(app: FastifyInstance, url: string, payload: Json, headers: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url, payload, headers: { 'x-forwarded-for': '192.0.2.44', cookie: flowClientCookie(), ...headers } });
}

describe.each(ENGINES)('choosing the new password on %s', (engine) => {
  let t: TestApp;
  let outbox: OutboxReader;

  beforeAll(async () => {
    t = await createTestApp({ engine, env: { PORTICO_DATA_DIR: tempDataDir(), PORTICO_TRUSTED_PROXIES: '127.0.0.1', PORTICO_CLIENT_FAILURE_LIMIT: '1000' } });
    outbox = createOutboxReader(t.deps);
    for (let n = 1; n <= 4; n++) await seedRegistered(t.deps, { employeeId: String(440000 + n), givenName: `Rae${n}`, password: 'Harbor2026', email: `r${n}@example.com` });
    await applyMobile(t.deps.storage.db, '440001', '+17875554401', t.clock.now());
  });
  afterAll(async () => {
    await outbox.stop();
    await t.close();
  });

  /** A flow proven by an e-mailed code. */
  async function provenFlow(employeeId: string, email: string): Promise<string> {
    // Messages queued earlier go out first: one delivery batch does not keep their order.
    await outbox.worker.drain();
    const flowId = (await post(t.app, '/api/v1/recovery', { identifier: employeeId })).json<{ flowId: string }>().flowId;
    expect((await post(t.app, `/api/v1/recovery/${flowId}/code/send`, { channel: 'email', to: email })).statusCode).toBe(202);
    expect((await post(t.app, `/api/v1/recovery/${flowId}/code`, { code: await outbox.latestCode(email) })).json()).toMatchObject({ next: 'set_password' });
    return flowId;
  }
  const setPassword = (flowId: string, password: string, confirm = password) => post(t.app, `/api/v1/recovery/${flowId}/password`, { password, confirm });

  it('signs in, ends every other session, clears the temporary lock and tells the person by e-mail and SMS', async () => {
    const other = await login(t.app, '440001', 'Harbor2026');
    const otherCookie = other.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: otherCookie } })).statusCode).toBe(200);
    for (let i = 0; i < 3; i++) await login(t.app, '440001', `Wrong${i}pass`);
    expect((await login(t.app, '440001', 'Harbor2026')).statusCode).toBe(423);

    const flowId = await provenFlow('440001', 'r1@example.com');
    const done = await setPassword(flowId, 'Reset2027a');
    expect(done.json()).toEqual({ next: 'home' });
    const session = done.cookies.find((c) => c.name === 'portico_session')!;
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `portico_session=${session.value}` } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: otherCookie } })).statusCode).toBe(401);
    // RECOV-8: the temporary lock is gone — the new password works at once.
    expect((await login(t.app, '440001', 'Reset2027a')).json()).toEqual({ next: 'home' });

    const mail = (await outbox.emailsTo('r1@example.com'))[0]!;
    expect(mail.subject).toBe('Your Portico password was changed');
    expect(mail.text).toContain('http://localhost:3000/help/contact');
    expect(mail.text).not.toContain('Reset2027a');
    const sms = (await outbox.smsTo('+17875554401'))[0]!;
    expect(sms.body).toMatch(/password was changed/);
    expect(sms.body).toContain('/help/contact');

    const audit = await t.deps.storage.db.selectFrom('audit_events').select(['event', 'detail']).where('subject_id', '=', '440001').execute();
    expect(audit.map((a) => a.event)).toEqual(expect.arrayContaining(['recovery.requested', 'recovery.code_sent', 'recovery.verified', 'recovery.succeeded', 'password.changed']));
    expect(JSON.stringify(audit)).not.toContain('Reset2027a');
  });

  it('applies the password policy and refuses the last 5 passwords', async () => {
    const flowId = await provenFlow('440002', 'r2@example.com');
    const weak = await setPassword(flowId, 'short');
    expect(weak.statusCode).toBe(400);
    expect(errorByField(weak.json<ApiErrorBody>())).toMatchObject({ code: 'VALIDATION', fields: { password: expect.any(String) }, rules: expect.arrayContaining(['length']) });
    const mismatch = await setPassword(flowId, 'Reset2027b', 'Reset2027c');
    expect(mismatch.json<ApiErrorBody>().error.rules).toEqual(['matches']);
    const withId = await setPassword(flowId, 'ab440002');
    expect(withId.json<ApiErrorBody>().error.rules).toContain('notEmployeeId');
    const current = await setPassword(flowId, 'Harbor2026');
    expect(current.statusCode).toBe(400);
    expect(errorByField(current.json<ApiErrorBody>())).toMatchObject({ fields: { password: 'You used this password recently. Choose a new one.' } });
    expect((await setPassword(flowId, 'Reset2027b')).json()).toEqual({ next: 'home' });

    // The one before is still one of the last 5 (a new code may be sent after 30 seconds).
    t.clock.advance(31_000);
    const again = await provenFlow('440002', 'r2@example.com');
    expect((await setPassword(again, 'Harbor2026')).statusCode).toBe(400);
    expect((await setPassword(again, 'Reset2027b')).statusCode).toBe(400);
  });

  it('refuses a new password before any proof, and for an expired or unknown flow', async () => {
    const flowId = (await post(t.app, '/api/v1/recovery', { identifier: '440003' })).json<{ flowId: string }>().flowId;
    const early = await setPassword(flowId, 'Reset2027d');
    expect(early.statusCode).toBe(400);
    expect((await login(t.app, '440003', 'Harbor2026')).json()).toEqual({ next: 'home' });
    expect((await setPassword('unknown-flow', 'Reset2027d')).statusCode).toBe(410);
    const proven = await provenFlow('440003', 'r3@example.com');
    t.clock.advance(16 * 60_000);
    expect((await setPassword(proven, 'Reset2027d')).statusCode).toBe(410);
  });

  it('refuses a password over 256 bytes before hashing, with 400', async () => {
    const flowId = await provenFlow('440004', 'r4@example.com');
    expect((await setPassword(flowId, `A1${'é'.repeat(130)}`)).statusCode).toBe(400);
    expect((await post(t.app, `/api/v1/recovery/${flowId}/password`, { password: 'x'.repeat(300), confirm: 'x' })).statusCode).toBe(400);
  });
});
