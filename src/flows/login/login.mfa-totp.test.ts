// MFA-3 at sign-in on SQLite and PostgreSQL, with a fake clock: an authenticator enrolled through
// the API; its code is accepted one step either side and refused two steps away; a used step is
// never accepted again; recovery codes work once each instead of a code; wrong guesses are limited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { seedRegistered } from '../../../test/support/seed.js';
import { ENGINES } from '../../../test/support/databases.js';
import { MINUTE } from '../../security/clock.js';
import { totpCodeAt } from '../../methods/totp/totp.js';

type Json = Record<string, unknown>;
type CodeStep = { next: string; flowId: string; channels: string[]; channel: string };
const STEP = 30_000;

function client(app: FastifyInstance) {
  const jar = new Map<string, string>();
  const remember = (response: LightMyRequestResponse) => {
    for (const c of response.cookies as { name: string; value: string; maxAge?: number }[]) {
      if (c.value === '' || (c.maxAge !== undefined && c.maxAge <= 0)) jar.delete(c.name);
      else jar.set(c.name, c.value);
    }
    return response;
  };
  const send = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: Json) =>
    remember(await app.inject({ method, url, headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') }, ...(payload ? { payload } : {}) }));
  return { jar, get: (url: string) => send('GET', url), post: (url: string, payload: Json) => send('POST', url, payload), put: (url: string, payload: Json) => send('PUT', url, payload) };
}

describe.each(ENGINES)('sign-in with an authenticator app on %s', (engine) => {
  let t: TestApp;
  let secret: string;
  let recoveryCodes: string[];

  /** Password first: the code step of the authenticator. */
  async function startSignIn(): Promise<{ browser: ReturnType<typeof client>; step: CodeStep }> {
    const browser = client(t.app);
    const response = await browser.post('/api/v1/login', { identifier: '620001', password: 'Harbor2026' });
    const step = response.json<CodeStep>();
    expect(step).toMatchObject({ next: 'code', channel: 'totp', channels: ['totp', 'email'] });
    return { browser, step };
  }

  async function answer(code: string) {
    const { browser, step } = await startSignIn();
    const response = await browser.post('/api/v1/login/code', { flowId: step.flowId, code });
    return { response, browser };
  }

  beforeAll(async () => {
    t = await createTestApp({ engine });
    await seedRegistered(t.deps, { employeeId: '620001', password: 'Harbor2026', email: 'nia@example.com' });
    // Enrol through the API, as a person would: fresh sign-in, PUT /me/mfa, then a code from the app.
    const browser = client(t.app);
    expect((await browser.post('/api/v1/login', { identifier: '620001', password: 'Harbor2026' })).json()).toEqual({ next: 'home' });
    const enrolment = await browser.put('/api/v1/me/mfa', { method: 'totp' });
    expect(enrolment.statusCode).toBe(200);
    const { otpauthUrl, qrSvg } = enrolment.json<{ otpauthUrl: string; qrSvg: string }>();
    expect(qrSvg).toMatch(/^<svg /);
    secret = new URL(otpauthUrl).searchParams.get('secret') ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    // Nothing changes until the app's code comes back.
    expect((await browser.get('/api/v1/me')).json()).toMatchObject({ mfa: 'off' });
    expect((await browser.post('/api/v1/me/mfa/totp', { code: '000000' })).statusCode).toBe(401);
    const confirmed = await browser.post('/api/v1/me/mfa/totp', { code: await totpCodeAt(secret, t.clock.now()) });
    expect(confirmed.statusCode).toBe(200);
    recoveryCodes = confirmed.json<{ recoveryCodes: string[] }>().recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect((await browser.get('/api/v1/me')).json()).toMatchObject({ mfa: 'totp' });
    // Stored sealed and hashed, never in clear.
    const row = await t.deps.storage.db.selectFrom('mfa_totp').selectAll().where('employee_id', '=', '620001').executeTakeFirstOrThrow();
    expect(row.active_secret).not.toContain(secret);
    const hashes = await t.deps.storage.db.selectFrom('mfa_recovery_codes').select('code_hash').where('employee_id', '=', '620001').execute();
    expect(hashes.map((h) => h.code_hash)).not.toContain(recoveryCodes[0]);
    t.clock.advance(2 * STEP);
  });
  afterAll(() => t.close());

  it('refuses the code of two steps before or after, and accepts one step before', async () => {
    const now = t.clock.now();
    expect((await answer(await totpCodeAt(secret, now - 2 * STEP))).response.statusCode).toBe(401);
    expect((await answer(await totpCodeAt(secret, now + 2 * STEP))).response.statusCode).toBe(401);
    const { response, browser } = await answer(await totpCodeAt(secret, now - STEP));
    expect(response.json()).toEqual({ next: 'home' });
    expect((await browser.get('/api/v1/me')).statusCode).toBe(200);
  });

  it('accepts one step after, and never the same step twice', async () => {
    const ahead = await totpCodeAt(secret, t.clock.now() + STEP);
    expect((await answer(ahead)).response.json()).toEqual({ next: 'home' });
    // Replayed within its window: refused.
    const replay = await answer(ahead);
    expect(replay.response.statusCode).toBe(401);
    expect(replay.response.json<{ error: { code: string } }>().error.code).toBe('INVALID_CODE');
    // A later step works again.
    t.clock.advance(2 * STEP);
    expect((await answer(await totpCodeAt(secret, t.clock.now()))).response.json()).toEqual({ next: 'home' });
    const audit = await t.deps.storage.db.selectFrom('audit_events').select('detail').where('event', '=', 'login.success').where('subject_id', '=', '620001').execute();
    expect(audit.map((a) => JSON.parse(a.detail ?? '{}') as Json)).toContainEqual({ method: 'password', secondFactor: 'totp' });
  });

  it('takes each recovery code once, typed in any case, instead of a code', async () => {
    const [first, second] = recoveryCodes as [string, string];
    expect((await answer(first)).response.json()).toEqual({ next: 'home' });
    expect((await answer(first)).response.statusCode).toBe(401);
    expect((await answer(second.toUpperCase().replace('-', ' '))).response.json()).toEqual({ next: 'home' });
    const left = await t.deps.storage.db.selectFrom('mfa_recovery_codes').select('used_at').where('employee_id', '=', '620001').where('used_at', 'is', null).execute();
    expect(left).toHaveLength(8);
  });

  it('after 5 wrong codes the authenticator is refused for 15 minutes, even with the right code', async () => {
    t.clock.advance(2 * STEP);
    const wrong = async () => {
      const now = t.clock.now();
      const valid = new Set(await Promise.all([-1, 0, 1].map((offset) => totpCodeAt(secret, now + offset * STEP))));
      let n = 0;
      while (valid.has(String(n).padStart(6, '0'))) n++;
      return String(n).padStart(6, '0');
    };
    const { browser, step } = await startSignIn();
    for (let i = 0; i < 5; i++) expect((await browser.post('/api/v1/login/code', { flowId: step.flowId, code: await wrong() })).statusCode).toBe(401);
    const limited = await browser.post('/api/v1/login/code', { flowId: step.flowId, code: await totpCodeAt(secret, t.clock.now()) });
    expect(limited.statusCode).toBe(429);
    expect(limited.json<{ error: { code: string; retryAfterSeconds: number } }>().error).toMatchObject({ code: 'RATE_LIMITED' });
    // A recovery code is limited the same way.
    expect((await browser.post('/api/v1/login/code', { flowId: step.flowId, code: recoveryCodes[2]! })).statusCode).toBe(429);

    t.clock.advance(15 * MINUTE);
    expect((await answer(await totpCodeAt(secret, t.clock.now()))).response.json()).toEqual({ next: 'home' });
  });

  it('can switch to a code by e-mail (a verified channel)', async () => {
    const { browser, step } = await startSignIn();
    const switched = await browser.post('/api/v1/login/code/send', { flowId: step.flowId, channel: 'email' });
    expect(switched.statusCode).toBe(202);
    expect(switched.json()).toMatchObject({ channel: 'email', sentTo: 'n***@example.com' });
    const back = await browser.post('/api/v1/login/code/send', { flowId: step.flowId, channel: 'totp' });
    expect(back.statusCode).toBe(202);
    t.clock.advance(STEP);
    expect((await browser.post('/api/v1/login/code', { flowId: step.flowId, code: await totpCodeAt(secret, t.clock.now()) })).json()).toEqual({ next: 'home' });
  });
});
