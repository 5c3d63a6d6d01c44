// RECOV-4/7 and RECOV-1 on SQLite and PostgreSQL: answers pass whatever their case and spacing;
// 3 consecutive wrong sets — or a burst of 20 in parallel, of which exactly 3 are evaluated — put
// the account in a help-desk lock that refuses sign-in (even with the right password) and ends its
// sessions; `portico unlock` and an e-mail recovery clear it; unknown and unregistered identifiers
// get questions of the same shape, the same every time, and exactly the same failure answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApp, listen, type TestApp } from '../../../test/support/test-app.js';
import { login, seedRegistered, seedUnregistered } from '../../../test/support/seed.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../../../test/support/outbox.js';
import { ENGINES } from '../../../test/support/databases.js';
import { normaliseAnswer } from '../../identity/normalise.js';
import { unlockAccount } from '../../identity/unlock-account.js';
import { replaceQuestions } from '../../storage/repositories/profile.js';
import type { AppDeps } from '../../core/deps.js';
import { flowClientCookie } from '../../../test/support/flow-client.js';
import { fieldsOf, type ApiErrorBody } from '../../../test/support/api-errors.js';

type Json = Record<string, unknown>;
type Question = { id: string; text: string };

const ANSWERS: [string, string][] = [
  ['first-pet', 'Biscuit'],
  ['birth-city', 'San Juan'],
  ['first-school', 'Escuela Luis Muñoz'],
];

async function seedWithQuestions(deps: AppDeps, employeeId: string, email: string): Promise<void> {
  await seedRegistered(deps, { employeeId, givenName: 'Quinn', password: 'Harbor2026', email });
  const hashed = [];
  for (const [questionId, answer] of ANSWERS) hashed.push({ questionId, answerHash: await deps.hasher.hash(normaliseAnswer(answer)) });
  await replaceQuestions(deps.storage.db, employeeId, hashed);
}

function post(app: FastifyInstance, url: string, payload: Json, ip = '192.0.2.7') {
  return app.inject({ method: 'POST', url, payload, headers: { 'x-forwarded-for': ip, cookie: flowClientCookie() } });
}

describe.each(ENGINES)('challenge questions on %s', (engine) => {
  let t: TestApp;
  let outbox: OutboxReader;

  beforeAll(async () => {
    t = await createTestApp({ engine, env: { PORTICO_DATA_DIR: tempDataDir(), PORTICO_TRUSTED_PROXIES: '127.0.0.1', PORTICO_CLIENT_FAILURE_LIMIT: '1000' } });
    outbox = createOutboxReader(t.deps);
    for (let n = 1; n <= 7; n++) await seedWithQuestions(t.deps, String(430000 + n), `q${n}@example.com`);
    await seedUnregistered(t.deps, { employeeId: '430090', pin: 'abcd2345' });
  });
  afterAll(async () => {
    await outbox.stop();
    await t.close();
  });

  async function startFlow(identifier: string): Promise<string> {
    const response = await post(t.app, '/api/v1/recovery', { identifier });
    expect(response.statusCode).toBe(200);
    return response.json<{ flowId: string }>().flowId;
  }
  async function questionsOf(flowId: string): Promise<Question[]> {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/recovery/${flowId}/questions`, headers: { cookie: flowClientCookie() } });
    expect(response.statusCode).toBe(200);
    return response.json<{ items: Question[] }>().items;
  }
  const answer = (flowId: string, answers: { questionId: string; answer: string }[]) => post(t.app, `/api/v1/recovery/${flowId}/questions`, { answers });
  const wrongSet = (questions: Question[]) => questions.map((q, i) => ({ questionId: q.id, answer: `wrong answer ${i}` }));
  const rightSet = (transform: (a: string) => string = (a) => a) => ANSWERS.map(([questionId, a]) => ({ questionId, answer: transform(a) }));

  it('accepts the answers whatever their case and extra spaces, then a new password', async () => {
    const flowId = await startFlow('430001');
    const questions = await questionsOf(flowId);
    expect(questions.map((q) => q.id)).toEqual(ANSWERS.map(([id]) => id));
    expect(questions[0]!.text).toBe('What was the name of your first pet?');
    const result = await answer(flowId, rightSet((a) => `  ${a.toUpperCase().replace(' ', '    ')} `));
    expect(result.json()).toMatchObject({ next: 'set_password' });
    expect((await post(t.app, `/api/v1/recovery/${flowId}/password`, { password: 'Answer2027', confirm: 'Answer2027' })).json()).toEqual({ next: 'home' });
  });

  it('locks recovery by questions after 3 wrong sets, and nothing else: sessions stay, the right answers are refused; unlock clears it', async () => {
    const signedIn = await login(t.app, '430002', 'Harbor2026');
    const cookie = signedIn.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const flowId = await startFlow('q2@example.com');
    const questions = await questionsOf(flowId);
    const first = await answer(flowId, wrongSet(questions));
    expect(first.statusCode).toBe(401);
    expect(first.json<{ error: Json }>().error).toMatchObject({ code: 'INVALID_CREDENTIALS', attemptsLeft: 2 });
    expect((await answer(flowId, wrongSet(questions))).json<{ error: Json }>().error).toMatchObject({ attemptsLeft: 1 });
    const third = await answer(flowId, wrongSet(questions));
    expect(third.statusCode).toBe(423);
    expect(third.json<{ error: Json }>().error).toMatchObject({ code: 'ACCOUNT_LOCKED_HELPDESK', helpUrl: '/help/contact' });

    // RECOV-7 / SESS-5: whoever guessed, the employee's session goes on.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(200);
    // Even the right answers do not get past the lock, in a new flow too.
    expect((await answer(await startFlow('430002'), rightSet())).statusCode).toBe(423);

    expect(await unlockAccount(t.deps, { employeeId: '430002', reason: 'caller verified', actorId: null, now: t.clock.now(), via: 'cli' })).toBe(true);
    expect((await login(t.app, '430002', 'Harbor2026')).json()).toEqual({ next: 'home' });
    // After the unlock the count starts again.
    const again = await startFlow('430002');
    expect((await answer(again, wrongSet(await questionsOf(again)))).json<{ error: Json }>().error).toMatchObject({ attemptsLeft: 2 });
    expect((await answer(again, rightSet())).json()).toMatchObject({ next: 'set_password' });
    const events = await t.deps.storage.db.selectFrom('audit_events').select('event').where('subject_id', '=', '430002').execute();
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['account.helpdesk_locked', 'account.unlocked']));
  });

  it('evaluates exactly 3 of 20 parallel wrong sets, then locks', async () => {
    const flowId = await startFlow('430003');
    const wrong = wrongSet(await questionsOf(flowId));
    const base = await listen(t.app);
    const statuses = await Promise.all(
      Array.from({ length: 20 }, () =>
        fetch(`${base}/api/v1/recovery/${flowId}/questions`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: flowClientCookie() }, body: JSON.stringify({ answers: wrong }) }).then(
          (r) => r.status,
        ),
      ),
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(2);
    expect(statuses.filter((s) => s === 423)).toHaveLength(18);
    const evaluated = await t.deps.storage.db
      .selectFrom('audit_events')
      .select('detail')
      .where('subject_id', '=', '430003')
      .where('event', '=', 'recovery.failed')
      .execute();
    expect(evaluated.filter((e) => e.detail?.includes('wrong_answers'))).toHaveLength(3);
    const account = await t.deps.storage.db.selectFrom('accounts').select('helpdesk_locked_at').where('employee_id', '=', '430003').executeTakeFirstOrThrow();
    expect(account.helpdesk_locked_at).not.toBeNull();
  });

  const lockState = async (employeeId: string) =>
    (await t.deps.storage.db.selectFrom('accounts').select('helpdesk_locked_at').where('employee_id', '=', employeeId).executeTakeFirstOrThrow()).helpdesk_locked_at;

  it('clears the questions lock with an e-mail recovery', async () => {
    const locked = await startFlow('430004');
    const wrong = wrongSet(await questionsOf(locked));
    for (let i = 0; i < 3; i++) await answer(locked, wrong);
    expect(await lockState('430004')).not.toBeNull();

    const flowId = await startFlow('430004');
    expect((await post(t.app, `/api/v1/recovery/${flowId}/code/send`, { channel: 'email', to: 'q4@example.com' })).statusCode).toBe(202);
    expect((await post(t.app, `/api/v1/recovery/${flowId}/code`, { code: await outbox.latestCode('q4@example.com') })).json()).toMatchObject({ next: 'set_password' });
    expect((await post(t.app, `/api/v1/recovery/${flowId}/password`, { password: 'Unlocked2027', confirm: 'Unlocked2027' })).json()).toEqual({ next: 'home' });
    expect((await login(t.app, '430004', 'Unlocked2027')).json()).toEqual({ next: 'home' });
    // The wrong-set count starts again too.
    const next = await startFlow('430004');
    expect((await answer(next, wrongSet(await questionsOf(next)))).json<{ error: Json }>().error).toMatchObject({ attemptsLeft: 2 });
  });

  it('a stranger’s 3 wrong sets refuse no password: the right password signs in and clears the lock (RECOV-7)', async () => {
    const stranger = await startFlow('430007');
    const wrong = wrongSet(await questionsOf(stranger));
    for (let i = 0; i < 3; i++) await post(t.app, `/api/v1/recovery/${stranger}/questions`, { answers: wrong });
    expect(await lockState('430007')).not.toBeNull();
    expect((await login(t.app, '430007', 'Harbor2026')).json()).toEqual({ next: 'home' });
    expect(await lockState('430007')).toBeNull();
    const again = await startFlow('430007');
    expect((await answer(again, rightSet())).json()).toMatchObject({ next: 'set_password' });
    const unlocked = await t.deps.storage.db.selectFrom('audit_events').select('detail').where('subject_id', '=', '430007').where('event', '=', 'account.unlocked').execute();
    expect(unlocked.map((e) => JSON.parse(e.detail ?? '{}') as Json)).toEqual([{ via: 'sign_in', method: 'password' }]);
  });

  it('gives unknown and unregistered identifiers questions of the same shape, the same every time, and the same answers', async () => {
    const known = await startFlow('430005');
    const unknown = await startFlow('987654');
    const unregistered = await startFlow('430090');
    const knownQuestions = await questionsOf(known);
    const unknownQuestions = await questionsOf(unknown);
    expect(unknownQuestions).toHaveLength(3);
    expect(new Set(unknownQuestions.map((q) => q.id)).size).toBe(3);
    expect(Object.keys(unknownQuestions[0]!)).toEqual(Object.keys(knownQuestions[0]!));
    expect(await questionsOf(await startFlow(' 987654 '))).toEqual(unknownQuestions);
    expect(await questionsOf(unregistered)).toEqual(await questionsOf(await startFlow('430090')));

    const flows = [known, unknown, unregistered];
    const questionSets = [knownQuestions, unknownQuestions, await questionsOf(unregistered)];
    for (let round = 0; round < 4; round++) {
      const answers = await Promise.all(flows.map((flowId, i) => answer(flowId, wrongSet(questionSets[i]!))));
      for (const response of answers) {
        expect(response.statusCode).toBe(answers[0]!.statusCode);
        expect(response.payload).toBe(answers[0]!.payload);
      }
      expect(answers[0]!.statusCode).toBe(round < 2 ? 401 : 423);
    }
    // The decoys never succeed, even with the real account's answers.
    expect((await answer(await startFlow('987654'), unknownQuestions.map((q) => ({ questionId: q.id, answer: 'Biscuit' })))).statusCode).toBe(423);
  });

  it('answers only the questions it asked, and each of them', async () => {
    const flowId = await startFlow('430006');
    const questions = await questionsOf(flowId);
    const missing = await answer(flowId, [{ questionId: questions[0]!.id, answer: 'x' }]);
    expect(missing.statusCode).toBe(400);
    expect(fieldsOf(missing.json<ApiErrorBody>())).toHaveProperty('answer2');
    expect((await answer(flowId, [{ questionId: 'first-car', answer: 'x' }, ...rightSet().slice(1)])).statusCode).toBe(400);
    // Validation failures do not count toward the lock.
    expect((await answer(flowId, wrongSet(questions))).json<{ error: Json }>().error).toMatchObject({ attemptsLeft: 2 });
  });
});
