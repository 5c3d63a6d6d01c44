// RECOV-6 and RECOV-12 on SQLite and PostgreSQL. For an account with MFA one proof is not enough:
// the reset needs two DIFFERENT proofs of the mailbox, the phone, the authenticator and the
// challenge answers, in either order. After the first, every proof route answers `next: code` with
// the `methods` still open; the second answers `next: set_password`. An e-mail-MFA account without
// a phone recovers with the link and its answers. A flow id alone, from another client, is nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { seedRegistered } from '../../../test/support/seed.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../../../test/support/outbox.js';
import { ENGINES } from '../../../test/support/databases.js';
import { flowClientCookie } from '../../../test/support/flow-client.js';
import { totpCodeAt } from '../../methods/totp/totp.js';
import { normaliseAnswer } from '../../identity/normalise.js';
import { replaceQuestions } from '../../storage/repositories/profile.js';

type Json = Record<string, unknown>;
type Step = { next: string; flowId: string; methods?: string[] };
const LINK = /https?:\/\/[^\s"<>]+\/recovery\/link\?token=[\w-]+/;
const MOBILE = '+15557654321';
const ANSWERS: [string, string][] = [
  ['first-pet', 'Biscuit'],
  ['birth-city', 'San Juan'],
  ['first-school', 'Escuela Luis Muñoz'],
];

function post(app: FastifyInstance, url: string, payload: Json, cookie = flowClientCookie()) {
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
      ['670005', 'wes@example.com'],
    ] as const) {
      await seedRegistered(t.deps, { employeeId, password: 'Harbor2026', email });
    }
    const db = t.deps.storage.db;
    await db.updateTable('accounts').set({ mfa: 'sms', mobile: MOBILE, mobile_verified_at: t.clock.now() }).where('employee_id', '=', '670001').execute();
    // 670003 and 670005: e-mail MFA, no phone, and their challenge answers.
    for (const employeeId of ['670003', '670005']) {
      await db.updateTable('accounts').set({ mfa: 'email' }).where('employee_id', '=', employeeId).execute();
      const hashed = [];
      for (const [questionId, answer] of ANSWERS) hashed.push({ questionId, answerHash: await t.deps.hasher.hash(normaliseAnswer(answer)) });
      await replaceQuestions(db, employeeId, hashed);
    }
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

  const start = async (identifier: string, cookie = flowClientCookie()) => (await post(t.app, '/api/v1/recovery', { identifier }, cookie)).json<{ flowId: string }>().flowId;

  /** Asks for a reset link and opens it: the flow the link leads to. */
  async function openLink(identifier: string, email: string, cookie = flowClientCookie()): Promise<Step> {
    const flowId = await start(identifier, cookie);
    expect((await post(t.app, `/api/v1/recovery/${flowId}/link`, { email }, cookie)).statusCode).toBe(202);
    const link = LINK.exec((await outbox.emailsTo(email))[0]?.text ?? '')?.[0] ?? '';
    const redeemed = await post(t.app, '/api/v1/recovery/link', { token: new URL(link).searchParams.get('token') ?? '' }, cookie);
    expect(redeemed.statusCode).toBe(200);
    return redeemed.json();
  }

  const setPassword = (flowId: string, password: string, cookie = flowClientCookie()) => post(t.app, `/api/v1/recovery/${flowId}/password`, { password, confirm: password }, cookie);
  const answers = (flowId: string) => post(t.app, `/api/v1/recovery/${flowId}/questions`, { answers: ANSWERS.map(([questionId, answer]) => ({ questionId, answer })) });
  const proofsOf = async (employeeId: string) =>
    (await t.deps.storage.db.selectFrom('audit_events').select('detail').where('subject_id', '=', employeeId).where('event', '=', 'recovery.verified').orderBy('id').execute()).map(
      (e) => (JSON.parse(e.detail ?? '{}') as Json).method,
    );

  it('after the e-mailed link, the phone is the other proof: an SMS code, and only then the new password', async () => {
    const step = await openLink('670001', 'sia@example.com');
    expect(step).toEqual({ next: 'code', flowId: step.flowId, methods: ['sms_code'] });
    expect((await setPassword(step.flowId, 'Tidewater42')).statusCode).toBe(400);
    // The link proved the mailbox: an e-mailed code proves nothing more.
    const again = await post(t.app, `/api/v1/recovery/${step.flowId}/code/send`, { channel: 'email', to: 'sia@example.com' });
    expect(again.statusCode).toBe(400);
    expect(again.json<{ error: Json }>().error.code).toBe('VALIDATION');

    expect((await post(t.app, `/api/v1/recovery/${step.flowId}/code/send`, { channel: 'sms', to: MOBILE })).statusCode).toBe(202);
    const code = await outbox.latestCode(MOBILE);
    const wrong = await post(t.app, `/api/v1/recovery/${step.flowId}/code`, { code: code === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(401);
    expect((await setPassword(step.flowId, 'Tidewater42')).statusCode).toBe(400);
    expect((await post(t.app, `/api/v1/recovery/${step.flowId}/code`, { code })).json()).toEqual({ next: 'set_password', flowId: step.flowId });
    expect((await setPassword(step.flowId, 'Tidewater42')).json()).toEqual({ next: 'home' });
    expect(await proofsOf('670001')).toEqual(['email_link', 'sms_code']);
  });

  it('takes an authenticator code, or a recovery code once, as the other proof', async () => {
    const first = await openLink('670002', 'tom@example.com');
    expect(first.next).toBe('code');
    expect(first.methods).toEqual(['totp', 'recovery_code']);
    const totp = await post(t.app, `/api/v1/recovery/${first.flowId}/totp`, { code: await totpCodeAt(totpSecret, t.clock.now()) });
    expect(totp.json()).toMatchObject({ next: 'set_password' });
    expect((await setPassword(first.flowId, 'Tidewater42')).json()).toEqual({ next: 'home' });

    t.clock.advance(60_000);
    const second = await openLink('670002', 'tom@example.com');
    expect((await post(t.app, `/api/v1/recovery/${second.flowId}/totp`, { code: recoveryCodes[0]! })).json()).toMatchObject({ next: 'set_password' });
    const third = await openLink('670002', 'tom@example.com');
    expect((await post(t.app, `/api/v1/recovery/${third.flowId}/totp`, { code: recoveryCodes[0]! })).statusCode).toBe(401);
    // Before any proof the authenticator is not a way in on its own.
    const fresh = await start('670002');
    expect((await post(t.app, `/api/v1/recovery/${fresh}/totp`, { code: await totpCodeAt(totpSecret, t.clock.now()) })).statusCode).toBe(400);
  });

  it('e-mail MFA and no phone: the e-mailed link and the answers, in either order', async () => {
    const byLink = await openLink('670003', 'una@example.com');
    expect(byLink).toEqual({ next: 'code', flowId: byLink.flowId, methods: ['questions'] });
    expect((await answers(byLink.flowId)).json()).toEqual({ next: 'set_password', flowId: byLink.flowId });
    expect((await setPassword(byLink.flowId, 'Tidewater42')).json()).toEqual({ next: 'home' });

    t.clock.advance(60_000);
    const flowId = await start('670005');
    const byAnswers = (await answers(flowId)).json<Step>();
    // The answers first; a link is asked for only as a first proof, an e-mailed code proves the mailbox.
    expect(byAnswers).toEqual({ next: 'code', flowId, methods: ['email_code'] });
    expect((await post(t.app, `/api/v1/recovery/${flowId}/code/send`, { channel: 'email', to: 'wes@example.com' })).statusCode).toBe(202);
    expect((await post(t.app, `/api/v1/recovery/${flowId}/code`, { code: await outbox.latestCode('wes@example.com') })).json()).toMatchObject({ next: 'set_password' });
    expect((await setPassword(flowId, 'Tidewater42')).json()).toEqual({ next: 'home' });
    expect(await proofsOf('670005')).toEqual(['questions', 'email_code']);
  });

  it('an account without MFA goes straight to the new password, as before', async () => {
    expect((await openLink('670004', 'val@example.com')).next).toBe('set_password');
  });

  it('RECOV-12: a proven flow id replayed from a client without its cookie is an unknown flow and signs nobody in', async () => {
    t.clock.advance(60_000);
    const owner = flowClientCookie('owner');
    const step = await openLink('670004', 'val@example.com', owner);
    expect(step.next).toBe('set_password');
    for (const stranger of ['', flowClientCookie('stranger')]) {
      const replay = await setPassword(step.flowId, 'Stolen2027x', stranger);
      expect(replay.statusCode).toBe(410);
      expect(replay.json<{ error: Json }>().error.code).toBe('FLOW_EXPIRED');
      expect(replay.cookies.find((c) => c.name.endsWith('portico_session'))).toBeUndefined();
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/recovery/${step.flowId}/questions`, headers: { cookie: stranger } })).statusCode).toBe(410);
    }
    const done = await setPassword(step.flowId, 'Tidewater43', owner);
    expect(done.json()).toEqual({ next: 'home' });
  });

  it('pages: after the link, the methods page offers the other ways; the password page waits for them', async () => {
    t.clock.advance(60_000);
    const browser = flowClientCookie('browser');
    const { flowId } = await openLink('670001', 'sia@example.com', browser);
    const password = await t.app.inject({ method: 'GET', url: `/recovery/${flowId}/password`, headers: { cookie: browser } });
    expect(password.statusCode).toBe(303);
    expect(password.headers.location).toBe(`/recovery/${flowId}`);
    const page = await t.app.inject({ method: 'GET', url: `/recovery/${flowId}`, headers: { cookie: browser } });
    expect(page.statusCode).toBe(200);
    expect(page.body.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(page.body).toContain('Prove it is you another way');
    expect(page.body).toContain('value="sms_code"');
    expect(page.body).not.toContain('value="email_link"');
    expect(page.body).not.toContain('value="email_code"');
    // Another browser with the same address bar gets the start page.
    const elsewhere = await t.app.inject({ method: 'GET', url: `/recovery/${flowId}` });
    expect(elsewhere.statusCode).toBe(303);
    expect(elsewhere.headers.location).toBe('/recovery?expired=1');
  });
});
