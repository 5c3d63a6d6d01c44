// RECOV-1/3/11 on SQLite and PostgreSQL: codes by e-mail and SMS end to end (read from the outbox);
// a code goes only to the registered, verified contact and the answer is the same whatever matched;
// 5 wrong tries kill the code even for the right value, and a burst of 30 evaluates at most 5; the
// resend limits; another account's or another flow's code is refused; a mismatch behaves like a
// match at the code step too (dead after 5); the 6th request in an hour sends nothing; 429 per client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createTestApp, listen, type TestApp } from '../../../test/support/test-app.js';
import { login, seedRegistered } from '../../../test/support/seed.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../../../test/support/outbox.js';
import { ENGINES } from '../../../test/support/databases.js';
import { MINUTE } from '../../security/clock.js';
import { applyMobile } from '../../storage/repositories/profile.js';
import { flowClientCookie } from '../../../test/support/flow-client.js';
import { fieldsOf, type ApiErrorBody } from '../../../test/support/api-errors.js';

type Json = Record<string, unknown>;
let ipCounter = 1;

/** Each test speaks from its own address, so the per-client limit of one does not reach another. */
function clientAddress(): string {
  ipCounter += 1;
  return `198.51.100.${ipCounter}`;
}

function post(app: FastifyInstance, url: string, payload: Json, ip: string) {
  return app.inject({ method: 'POST', url, payload, headers: { 'x-forwarded-for': ip, cookie: flowClientCookie(ip) } });
}

describe.each(ENGINES)('recovery codes on %s', (engine) => {
  let t: TestApp;
  let outbox: OutboxReader;

  beforeAll(async () => {
    t = await createTestApp({ engine, env: { PORTICO_DATA_DIR: tempDataDir(), PORTICO_TRUSTED_PROXIES: '127.0.0.1' } });
    outbox = createOutboxReader(t.deps);
    for (let n = 1; n <= 12; n++) {
      const employeeId = String(420000 + n);
      await seedRegistered(t.deps, { employeeId, givenName: `Person${n}`, password: 'Harbor2026', email: `p${n}@example.com` });
      await applyMobile(t.deps.storage.db, employeeId, `+1787555${String(1000 + n)}`, t.clock.now());
    }
  });
  afterAll(async () => {
    await outbox.stop();
    await t.close();
  });

  async function startFlow(identifier: string, ip: string): Promise<string> {
    const response = await post(t.app, '/api/v1/recovery', { identifier }, ip);
    expect(response.statusCode).toBe(200);
    return response.json<{ flowId: string }>().flowId;
  }
  const send = (flowId: string, channel: 'email' | 'sms', to: string, ip: string) => post(t.app, `/api/v1/recovery/${flowId}/code/send`, { channel, to }, ip);
  const enter = (flowId: string, code: string, ip: string) => post(t.app, `/api/v1/recovery/${flowId}/code`, { code }, ip);
  const otherThan = (code: string) => (code === '000000' ? '111111' : '000000');

  async function messageCount(): Promise<number> {
    const row = await t.deps.storage.db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('recovers by a code sent by e-mail, then by a code sent by SMS', async () => {
    const ip = clientAddress();
    let flowId = await startFlow('420001', ip);
    const sent = await send(flowId, 'email', 'P1@Example.com', ip);
    expect(sent.statusCode).toBe(202);
    expect(sent.json()).toEqual({ message: 'If these details match our records, we have sent a 6-digit code by e-mail.' });
    const code = await outbox.latestCode('p1@example.com');
    expect((await enter(flowId, code, ip)).json()).toMatchObject({ next: 'set_password' });
    const done = await post(t.app, `/api/v1/recovery/${flowId}/password`, { password: 'Lagoon2027', confirm: 'Lagoon2027' }, ip);
    expect(done.json()).toEqual({ next: 'home' });
    expect((await login(t.app, '420001', 'Lagoon2027')).json()).toEqual({ next: 'home' });

    flowId = await startFlow('p2@example.com', ip);
    const sms = await send(flowId, 'sms', '(787) 555-1002', ip);
    expect(sms.statusCode).toBe(202);
    expect(sms.json()).toEqual({ message: 'If these details match our records, we have sent a 6-digit code by text message.' });
    const smsCode = await outbox.latestCode('+17875551002');
    expect((await enter(flowId, smsCode, ip)).json()).toMatchObject({ next: 'set_password' });
    // A proven flow takes no more codes (RECOV-6: nothing is left to prove).
    expect((await enter(flowId, smsCode, ip)).statusCode).toBe(400);
    expect((await post(t.app, `/api/v1/recovery/${flowId}/password`, { password: 'Lagoon2028', confirm: 'Lagoon2028' }, ip)).json()).toEqual({ next: 'home' });
  });

  it('sends nothing to a contact that does not match, and answers exactly the same', async () => {
    const ip = clientAddress();
    const before = await messageCount();
    const matchSms = await send(await startFlow('420003', ip), 'sms', '787-555-1003', ip);
    const matchEmail = await send(await startFlow('420004', ip), 'email', 'p4@example.com', ip);
    const afterMatch = await messageCount();
    expect(afterMatch).toBe(before + 2);
    const answers = [
      [await send(await startFlow('420003', ip), 'sms', '787-555-9999', ip), matchSms],
      [await send(await startFlow('420003', ip), 'sms', '787-555-1004', ip), matchSms],
      [await send(await startFlow('420003', ip), 'email', 'p4@example.com', ip), matchEmail],
      [await send(await startFlow('999998', ip), 'sms', '787-555-1003', ip), matchSms],
      [await send(await startFlow('nobody@example.com', ip), 'email', 'nobody@example.com', ip), matchEmail],
    ] as const;
    for (const [other, match] of answers) {
      expect(other.statusCode).toBe(202);
      expect(other.payload).toBe(match.payload);
    }
    expect(await messageCount()).toBe(afterMatch);
  });

  it('kills a code after 5 wrong tries, even for the right value — and a mismatched flow answers the same', async () => {
    const ip = clientAddress();
    const flowId = await startFlow('420005', ip);
    await send(flowId, 'email', 'p5@example.com', ip);
    const code = await outbox.latestCode('p5@example.com');
    const decoyFlow = await startFlow('420005', ip);
    await send(decoyFlow, 'email', 'wrong@example.com', ip);
    for (let i = 1; i <= 5; i++) {
      const real = await enter(flowId, otherThan(code), ip);
      const decoy = await enter(decoyFlow, otherThan(code), ip);
      expect(real.statusCode).toBe(401);
      expect(decoy.payload).toBe(real.payload);
      expect(fieldsOf(real.json<ApiErrorBody>()).code).toMatch(i < 5 ? /not right/ : /no longer works/);
    }
    const right = await enter(flowId, code, ip);
    expect(right.statusCode).toBe(401);
    expect(right.payload).toBe((await enter(decoyFlow, code, ip)).payload);
  });

  it('evaluates at most 5 of 30 parallel wrong codes', async () => {
    const ip = clientAddress();
    const flowId = await startFlow('420006', ip);
    await send(flowId, 'sms', '+17875551006', ip);
    const code = await outbox.latestCode('+17875551006');
    const base = await listen(t.app);
    const statuses = await Promise.all(
      Array.from({ length: 30 }, () =>
        fetch(`${base}/api/v1/recovery/${flowId}/code`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: flowClientCookie(ip) }, body: JSON.stringify({ code: otherThan(code) }) }).then(
          (r) => r.status,
        ),
      ),
    );
    expect(statuses.every((s) => s === 401)).toBe(true);
    const row = await t.deps.storage.db
      .selectFrom('verification_codes')
      .select('attempts')
      .where('employee_id', '=', '420006')
      .where('purpose', '=', 'recovery_sms')
      .executeTakeFirstOrThrow();
    expect(row.attempts).toBeLessThanOrEqual(5);
    expect((await enter(flowId, code, ip)).statusCode).toBe(401);
  });

  it('re-sends a code only after 30 seconds and at most 3 times in 15 minutes, saying the same each time', async () => {
    const ip = clientAddress();
    const flowId = await startFlow('420007', ip);
    const first = await send(flowId, 'email', 'p7@example.com', ip);
    const count = async () => (await outbox.emailsTo('p7@example.com')).length;
    expect(await count()).toBe(1);
    const tooSoon = await send(flowId, 'email', 'p7@example.com', ip);
    expect(tooSoon.statusCode).toBe(202);
    expect(tooSoon.payload).toBe(first.payload);
    expect(await count()).toBe(1);
    for (let n = 2; n <= 4; n++) {
      t.clock.advance(31_000);
      await send(flowId, 'email', 'p7@example.com', ip);
      expect(await count()).toBe(n);
    }
    t.clock.advance(31_000);
    const fifth = await send(flowId, 'email', 'p7@example.com', ip);
    expect(fifth.payload).toBe(first.payload);
    expect(await count()).toBe(4);
    // Only the newest code works.
    const newest = await outbox.latestCode('p7@example.com');
    expect((await enter(flowId, newest, ip)).json()).toMatchObject({ next: 'set_password' });
  });

  it('refuses another account’s code and another flow’s code', async () => {
    const ip = clientAddress();
    const mine = await startFlow('420008', ip);
    await send(mine, 'email', 'p8@example.com', ip);
    const myCode = await outbox.latestCode('p8@example.com');
    const theirs = await startFlow('420009', ip);
    await send(theirs, 'email', 'p9@example.com', ip);
    const theirCode = await outbox.latestCode('p9@example.com');
    if (theirCode !== myCode) expect((await enter(mine, theirCode, ip)).statusCode).toBe(401);
    // A second flow for the same account, which sent nothing, cannot use the first flow's code.
    const other = await startFlow('420008', ip);
    await send(other, 'email', 'not-p8@example.com', ip);
    expect((await enter(other, myCode, ip)).statusCode).toBe(401);
    expect((await enter(mine, myCode, ip)).json()).toMatchObject({ next: 'set_password' });

    // A later flow of the same account sends its own code: the first flow cannot use it.
    const first = await startFlow('420009', ip);
    await send(first, 'sms', '+17875551009', ip);
    // Read now, so the two codes are not delivered in one batch (whose order is not kept).
    const firstCode = await outbox.latestCode('+17875551009');
    t.clock.advance(31_000);
    const second = await startFlow('420009', ip);
    await send(second, 'sms', '+17875551009', ip);
    const secondCode = await outbox.latestCode('+17875551009');
    expect(secondCode).not.toBe(firstCode);
    expect((await enter(first, secondCode, ip)).statusCode).toBe(401);
    // …and its own code was voided by the newer one.
    expect((await enter(first, firstCode, ip)).statusCode).toBe(401);
    expect((await enter(second, secondCode, ip)).json()).toMatchObject({ next: 'set_password' });
  });

  it('sends nothing on the 6th request of the hour and says the same as the first (RECOV-11)', async () => {
    const ip = clientAddress();
    const answers: LightMyRequestResponse[] = [];
    for (let n = 1; n <= 6; n++) {
      const flowId = await startFlow('420010', ip);
      answers.push(await post(t.app, `/api/v1/recovery/${flowId}/link`, { email: 'p10@example.com' }, ip));
    }
    expect(answers.every((a) => a.statusCode === 202 && a.payload === answers[0]!.payload)).toBe(true);
    expect(await outbox.emailsTo('p10@example.com')).toHaveLength(5);
    // Codes count toward the same limit; an hour later it is open again.
    const flowId = await startFlow('420010', ip);
    await send(flowId, 'email', 'p10@example.com', ip);
    expect(await outbox.emailsTo('p10@example.com')).toHaveLength(5);
    t.clock.advance(60 * MINUTE);
    await send(await startFlow('420010', ip), 'email', 'p10@example.com', ip);
    expect(await outbox.emailsTo('p10@example.com')).toHaveLength(6);
  });

  it('answers 429 to a client past 20 requests an hour, whether or not they matched', async () => {
    const ip = clientAddress();
    const flowId = await startFlow('420011', ip);
    for (let n = 1; n <= 20; n++) {
      expect((await post(t.app, `/api/v1/recovery/${flowId}/link`, { email: `guess${n}@example.com` }, ip)).statusCode).toBe(202);
    }
    const refused = await post(t.app, `/api/v1/recovery/${flowId}/link`, { email: 'p11@example.com' }, ip);
    expect(refused.statusCode).toBe(429);
    expect(refused.json<{ error: Json }>().error).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect(refused.headers['retry-after']).toBeDefined();
    expect(await outbox.emailsTo('p11@example.com')).toHaveLength(0);
    // Another client is not affected.
    const other = clientAddress();
    expect((await post(t.app, `/api/v1/recovery/${await startFlow('420011', other)}/link`, { email: 'p11@example.com' }, other)).statusCode).toBe(202);
    expect(await outbox.emailsTo('p11@example.com')).toHaveLength(1);
  });

  it('refuses malformed input with 400 and never a 5xx', async () => {
    const ip = clientAddress();
    const flowId = await startFlow('420012', ip);
    expect((await send(flowId, 'email', 'not-an-address', ip)).statusCode).toBe(400);
    expect((await send(flowId, 'sms', '12', ip)).statusCode).toBe(400);
    expect((await post(t.app, `/api/v1/recovery/${flowId}/code/send`, { channel: 'fax', to: 'x' }, ip)).statusCode).toBe(400);
    expect((await enter(flowId, '', ip)).statusCode).toBe(400);
    expect((await enter('no-such-flow', '123456', ip)).statusCode).toBe(410);
    expect((await post(t.app, '/api/v1/recovery', { identifier: '' }, ip)).statusCode).toBe(400);
    expect((await post(t.app, '/api/v1/recovery', { identifier: 'x'.repeat(300) }, ip)).statusCode).toBe(400);
  });
});
