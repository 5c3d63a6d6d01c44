// MFA-2 and MFA-4 at sign-in, through the JSON API and the pages, on SQLite and PostgreSQL: the
// right password of an account with MFA opens a code step (not a session), codes by e-mail and SMS
// (masked destination, 10 minutes, single use, 5 wrong tries, re-send after 30 s and at most 3
// times per 15 minutes), switching to another verified channel, and nothing reachable before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { seedRegistered } from '../../../test/support/seed.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../../../test/support/outbox.js';
import { ENGINES } from '../../../test/support/databases.js';
import { MINUTE } from '../../security/clock.js';

type Json = Record<string, unknown>;
type CodeStep = { next: string; flowId: string; channels: string[]; channel: string; sentTo: string | null };
type ErrorBody = { error: { code: string; newCodeNeeded?: boolean; retryAfterSeconds?: number } };

/** A browser-less client with its own cookie jar. */
function client(app: FastifyInstance) {
  const jar = new Map<string, string>();
  const remember = (response: LightMyRequestResponse) => {
    for (const c of response.cookies as { name: string; value: string; maxAge?: number }[]) {
      if (c.value === '' || (c.maxAge !== undefined && c.maxAge <= 0)) jar.delete(c.name);
      else jar.set(c.name, c.value);
    }
    return response;
  };
  const headers = () => ({ cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') });
  const send = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: Json) =>
    remember(await app.inject({ method, url, headers: headers(), ...(payload ? { payload } : {}) }));
  return {
    jar,
    get: (url: string) => send('GET', url),
    post: (url: string, payload: Json) => send('POST', url, payload),
    /** POST /api/v1/login, expecting the code step. */
    async startSignIn(identifier: string, password: string): Promise<CodeStep> {
      const response = await send('POST', '/api/v1/login', { identifier, password });
      expect(response.statusCode).toBe(200);
      const body = response.json<CodeStep>();
      expect(body.next).toBe('code');
      return body;
    },
  };
}

const errorOf = (response: LightMyRequestResponse) => response.json<ErrorBody>().error;

describe.each(ENGINES)('sign-in with a code by e-mail or SMS on %s', (engine) => {
  let t: TestApp;
  let outbox: OutboxReader;
  const MOBILE = '+15551234567';

  beforeAll(async () => {
    t = await createTestApp({ engine, env: { PORTICO_DATA_DIR: tempDataDir() } });
    outbox = createOutboxReader(t.deps);
    const people: [string, string, string][] = [
      ['610001', 'jane.doe@example.com', 'email'],
      ['610002', 'sam@example.com', 'sms'],
      ['610003', 'lee@example.com', 'email'],
      ['610004', 'ola@example.com', 'email'],
      ['610005', 'ivo@example.com', 'off'],
    ];
    for (const [employeeId, email, mfa] of people) {
      await seedRegistered(t.deps, { employeeId, password: 'Harbor2026', email });
      await t.deps.storage.db.updateTable('accounts').set({ mfa }).where('employee_id', '=', employeeId).execute();
    }
    await t.deps.storage.db.updateTable('accounts').set({ mobile: MOBILE, mobile_verified_at: t.clock.now() }).where('employee_id', '=', '610002').execute();
  });
  afterAll(async () => {
    await outbox.stop();
    await t.close();
  });

  it('asks for the code sent by e-mail, masked, and signs in only once it comes back', async () => {
    const browser = client(t.app);
    const step = await browser.startSignIn('610001', 'Harbor2026');
    expect(step).toMatchObject({ channels: ['email'], channel: 'email', sentTo: 'j***@example.com' });
    expect(step.flowId).toMatch(/^[\w-]{43}$/);
    // MFA-4: no session yet, so nothing beyond the code step.
    expect(browser.jar.has('portico_session')).toBe(false);
    expect((await browser.get('/api/v1/me')).statusCode).toBe(401);

    const code = await outbox.latestCode('jane.doe@example.com');
    const wrong = await browser.post('/api/v1/login/code', { flowId: step.flowId, code: code === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(401);
    expect(errorOf(wrong)).toMatchObject({ code: 'INVALID_CODE', newCodeNeeded: false });

    const right = await browser.post('/api/v1/login/code', { flowId: step.flowId, code });
    expect(right.statusCode).toBe(200);
    expect(right.json()).toEqual({ next: 'home' });
    const me = await browser.get('/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ employeeId: '610001', mfa: 'email' });

    const sessions = await t.deps.storage.db.selectFrom('sessions').select('second_factor_at').where('employee_id', '=', '610001').execute();
    expect(sessions).toEqual([{ second_factor_at: t.clock.now() }]);
    const success = await t.deps.storage.db.selectFrom('audit_events').select('detail').where('subject_id', '=', '610001').where('event', '=', 'login.success').execute();
    expect(success.map((e) => JSON.parse(e.detail ?? '{}') as Json)).toEqual([{ method: 'password', secondFactor: 'email_code' }]);
    const failed = await t.deps.storage.db.selectFrom('audit_events').select('event').where('subject_id', '=', '610001').where('event', '=', 'login.code_failed').execute();
    expect(failed).toHaveLength(1);

    // The step and the code are used up.
    const again = await client(t.app).post('/api/v1/login/code', { flowId: step.flowId, code });
    expect(again.statusCode).toBe(410);
  });

  it('sends the SMS code to the verified mobile, masked, and switches to the e-mail on request', async () => {
    const browser = client(t.app);
    const step = await browser.startSignIn('610002', 'Harbor2026');
    expect(step).toMatchObject({ channels: ['email', 'sms'], channel: 'sms', sentTo: '***-***-4567' });
    const smsCode = await outbox.latestCode(MOBILE);

    const switched = await browser.post('/api/v1/login/code/send', { flowId: step.flowId, channel: 'email' });
    expect(switched.statusCode).toBe(202);
    expect(switched.json()).toMatchObject({ channel: 'email', sentTo: 's***@example.com' });
    const emailCode = await outbox.latestCode('sam@example.com');
    // The step now checks the e-mail code; a channel that is not verified is refused.
    if (smsCode !== emailCode) expect((await browser.post('/api/v1/login/code', { flowId: step.flowId, code: smsCode })).statusCode).toBe(401);
    expect((await browser.post('/api/v1/login/code/send', { flowId: step.flowId, channel: 'totp' })).statusCode).toBe(400);

    const right = await browser.post('/api/v1/login/code', { flowId: step.flowId, code: emailCode });
    expect(right.json()).toEqual({ next: 'home' });
    expect((await browser.get('/api/v1/me')).statusCode).toBe(200);
  });

  it('re-sends after 30 seconds, at most 3 times per 15 minutes', async () => {
    const browser = client(t.app);
    const step = await browser.startSignIn('610003', 'Harbor2026');
    const resend = () => browser.post('/api/v1/login/code/send', { flowId: step.flowId, channel: 'email' });

    const tooSoon = await resend();
    expect(tooSoon.statusCode).toBe(429);
    expect(errorOf(tooSoon).code).toBe('RATE_LIMITED');
    expect(errorOf(tooSoon).retryAfterSeconds).toBeLessThanOrEqual(30);
    expect(tooSoon.headers['retry-after']).toBeDefined();

    for (let i = 0; i < 3; i++) {
      t.clock.advance(31_000);
      expect((await resend()).statusCode).toBe(202);
    }
    t.clock.advance(31_000);
    const fourth = await resend();
    expect(fourth.statusCode).toBe(429);
    expect(errorOf(fourth).retryAfterSeconds).toBeGreaterThan(30);

    // Only the newest code works.
    const code = await outbox.latestCode('lee@example.com');
    expect((await browser.post('/api/v1/login/code', { flowId: step.flowId, code })).json()).toEqual({ next: 'home' });
    const sent = await outbox.emailsTo('lee@example.com');
    expect(sent).toHaveLength(4);
  });

  it('after 5 wrong tries the code is dead, even the right one, until a new code is sent', async () => {
    const browser = client(t.app);
    const step = await browser.startSignIn('610004', 'Harbor2026');
    const code = await outbox.latestCode('ola@example.com');
    const wrongCode = code === '123456' ? '654321' : '123456';
    for (let i = 1; i <= 5; i++) {
      const wrong = await browser.post('/api/v1/login/code', { flowId: step.flowId, code: wrongCode });
      expect(wrong.statusCode).toBe(401);
      expect(errorOf(wrong)).toMatchObject({ code: 'INVALID_CODE', newCodeNeeded: i === 5 });
    }
    const dead = await browser.post('/api/v1/login/code', { flowId: step.flowId, code });
    expect(dead.statusCode).toBe(401);
    expect(errorOf(dead)).toMatchObject({ code: 'INVALID_CODE', newCodeNeeded: true });

    t.clock.advance(31_000);
    expect((await browser.post('/api/v1/login/code/send', { flowId: step.flowId, channel: 'email' })).statusCode).toBe(202);
    const fresh = await outbox.latestCode('ola@example.com');
    expect((await browser.post('/api/v1/login/code', { flowId: step.flowId, code: fresh })).json()).toEqual({ next: 'home' });
  });

  it('a code lives 10 minutes and the step 15; an unknown step is 410', async () => {
    const browser = client(t.app);
    const step = await browser.startSignIn('610001', 'Harbor2026');
    const code = await outbox.latestCode('jane.doe@example.com');
    t.clock.advance(10 * MINUTE + 1000);
    const expired = await browser.post('/api/v1/login/code', { flowId: step.flowId, code });
    expect(errorOf(expired)).toMatchObject({ code: 'INVALID_CODE', newCodeNeeded: true });
    t.clock.advance(5 * MINUTE);
    expect((await browser.post('/api/v1/login/code/send', { flowId: step.flowId, channel: 'email' })).statusCode).toBe(410);
    expect((await browser.post('/api/v1/login/code', { flowId: 'x'.repeat(43), code: '123456' })).statusCode).toBe(410);
  });

  it('an account without MFA is signed in at once, as before', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/login', payload: { identifier: '610005', password: 'Harbor2026' } });
    expect(response.json()).toEqual({ next: 'home' });
  });

  it('pages: before the code every page goes to /login/code, which asks for a "Code"', async () => {
    const browser = client(t.app);
    await browser.startSignIn('610001', 'Harbor2026');
    expect(browser.jar.has('portico_flow')).toBe(true);
    for (const path of ['/home', '/profile', '/']) {
      const page = await browser.get(path);
      expect(page.statusCode).toBe(303);
      expect(page.headers.location).toBe('/login/code');
    }
    const page = await browser.get('/login/code');
    expect(page.statusCode).toBe(200);
    expect(page.body.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(page.body).toContain('<label for="code">Code</label>');
    expect(page.body).toContain('j***@example.com');
    expect(page.body).not.toContain('jane.doe@example.com');
    expect(page.body).toContain('Send a new code');
    // Without a waiting step, the code page sends people to sign in.
    expect((await client(t.app).get('/login/code')).headers.location).toBe('/login');
  });
});
