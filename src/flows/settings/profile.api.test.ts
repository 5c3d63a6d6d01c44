// Edit My Profile through the JSON API on SQLite and PostgreSQL: PROF-1 (contact re-verified with a
// notice to the old address, questions, language, sessions, activity), PROF-2 (password change),
// SESS-3 (current password or a sign-in within 5 minutes; wrong ones count toward LOGIN-4) and
// SESS-4 (list and end sessions), and "the last 5 passwords cannot be reused".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { seedRegistered } from '../../../test/support/seed.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../../../test/support/outbox.js';
import { ENGINES } from '../../../test/support/databases.js';
import { MINUTE } from '../../security/clock.js';
import { errorByField, type ApiErrorBody } from '../../../test/support/api-errors.js';

type Json = Record<string, unknown>;

const CHROME_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

/** A browser-less client with its own cookie jar and user agent. */
function client(app: FastifyInstance, userAgent = 'profile-test') {
  const jar = new Map<string, string>();
  const remember = (response: LightMyRequestResponse) => {
    for (const c of response.cookies as { name: string; value: string; maxAge?: number }[]) {
      if (c.value === '' || (c.maxAge !== undefined && c.maxAge <= 0)) jar.delete(c.name);
      else jar.set(c.name, c.value);
    }
    return response;
  };
  const headers = () => ({ cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), 'user-agent': userAgent });
  const send = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: Json) =>
    remember(await app.inject({ method, url, headers: headers(), ...(payload ? { payload } : {}) }));
  return {
    jar,
    get: (url: string) => send('GET', url),
    post: (url: string, payload: Json) => send('POST', url, payload),
    put: (url: string, payload: Json) => send('PUT', url, payload),
    delete: (url: string) => send('DELETE', url),
    async signIn(identifier: string, password: string) {
      const response = await send('POST', '/api/v1/login', { identifier, password });
      expect(response.json()).toEqual({ next: 'home' });
      return response;
    },
  };
}

const errorOf = (response: LightMyRequestResponse) => errorByField(response.json<ApiErrorBody>());

describe.each(ENGINES)('Edit My Profile through the API on %s', (engine) => {
  let t: TestApp;
  let outbox: OutboxReader;

  beforeAll(async () => {
    t = await createTestApp({ engine, env: { PORTICO_DATA_DIR: tempDataDir() } });
    outbox = createOutboxReader(t.deps);
    const people: [string, string, string][] = [
      ['310001', 'Alma', 'alma@example.com'],
      ['310002', 'Bruno', 'bruno@example.com'],
      ['310003', 'Chloe', 'chloe@example.com'],
      ['310004', 'Dario', 'dario@example.com'],
      ['310005', 'Elena', 'elena@example.com'],
      ['310006', 'Farid', 'farid@example.com'],
      ['310007', 'Greta', 'greta@example.com'],
      ['310008', 'Hugo', 'hugo@example.com'],
    ];
    for (const [employeeId, givenName, email] of people) {
      await seedRegistered(t.deps, { employeeId, givenName, familyName: 'Sample', password: 'Harbor2026', email });
    }
  });
  afterAll(async () => {
    await outbox.stop();
    await t.close();
  });

  async function messageCount(): Promise<number> {
    const row = await t.deps.storage.db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('sends a code to the new e-mail and a notice to the old one, and changes the e-mail only after the code', async () => {
    const c = client(t.app);
    await c.signIn('310001', 'Harbor2026');
    const put = await c.put('/api/v1/me/contact', { email: ' Alma.New@Example.COM ' });
    expect(put.statusCode).toBe(202);
    expect(put.json()).toEqual({ sent: ['email'] });

    const code = await outbox.latestCode('Alma.New@example.com');
    const notice = (await outbox.emailsTo('alma@example.com'))[0]!;
    expect(notice.subject).toMatch(/change to your Portico contact details/i);
    expect(notice.text).toContain('A***@example.com');
    expect(notice.text).not.toContain('Alma.New@example.com');
    expect(notice.text).not.toContain(code);

    // Not applied yet: the account, and sign-in by e-mail, still use the old address.
    expect((await c.get('/api/v1/me')).json()).toMatchObject({ email: 'alma@example.com' });
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/login', payload: { identifier: 'alma.new@example.com', password: 'Harbor2026' } })).statusCode).toBe(401);

    const wrong = await c.post('/api/v1/me/contact/verify', { emailCode: code === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(401);
    expect(errorOf(wrong)).toMatchObject({ code: 'INVALID_CODE', fields: { emailCode: expect.any(String) } });
    expect((await c.get('/api/v1/me')).json()).toMatchObject({ email: 'alma@example.com' });

    expect((await c.post('/api/v1/me/contact/verify', { emailCode: code })).statusCode).toBe(204);
    expect((await c.get('/api/v1/me')).json()).toMatchObject({ email: 'Alma.New@example.com' });
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/login', payload: { identifier: 'alma.new@example.com', password: 'Harbor2026' } })).json()).toEqual({
      next: 'home',
    });
    // A code works once.
    expect((await c.post('/api/v1/me/contact/verify', { emailCode: code })).statusCode).toBe(401);
    const events = (await c.get('/api/v1/me/activity')).json<{ items: { event: string }[] }>().items.map((e) => e.event);
    expect(events).toContain('contact.changed');
  });

  it('refuses an address another account took while the code was on its way (NORM-2)', async () => {
    const c = client(t.app);
    await c.signIn('310002', 'Harbor2026');
    expect((await c.put('/api/v1/me/contact', { email: 'shared@example.com' })).statusCode).toBe(202);
    const code = await outbox.latestCode('shared@example.com');
    await t.deps.storage.db.updateTable('accounts').set({ email: 'shared@example.com', email_key: 'shared@example.com' }).where('employee_id', '=', '310003').execute();

    const response = await c.post('/api/v1/me/contact/verify', { emailCode: code });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response)).toMatchObject({ code: 'VALIDATION', fields: { emailCode: expect.stringMatching(/can’t be used/) } });
    expect((await c.get('/api/v1/me')).json()).toMatchObject({ email: 'bruno@example.com' });
    // Asking for a taken address is refused at once, with nothing sent.
    const before = await messageCount();
    const taken = await c.put('/api/v1/me/contact', { email: 'SHARED@example.com' });
    expect(taken.statusCode).toBe(400);
    expect(errorOf(taken).fields).toHaveProperty('email');
    expect(await messageCount()).toBe(before);
  });

  it('refuses CRLF and malformed contact data with 400 and field messages, queuing nothing', async () => {
    const c = client(t.app);
    await c.signIn('310004', 'Harbor2026');
    const before = await messageCount();
    const crlf = await c.put('/api/v1/me/contact', { email: 'dario@example.com\r\nBcc: victim@example.com' });
    expect(crlf.statusCode).toBe(400);
    expect(errorOf(crlf).fields).toHaveProperty('email');
    const bad = await c.put('/api/v1/me/contact', { email: 'new-dario@example.com', mobile: '12', appId: 'no spaces allowed' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(errorOf(bad).fields ?? {}).sort()).toEqual(['appId', 'mobile']);
    expect((await c.put('/api/v1/me/contact', { email: 'x@example.com', extra: 1 })).statusCode).toBe(400);
    expect(await messageCount()).toBe(before);
    expect((await c.get('/api/v1/me')).json()).toMatchObject({ email: 'dario@example.com', mobile: null });
  });

  it('adds a phone after its SMS code, changes the ID for other applications at once, and removes the phone only with the current password', async () => {
    const c = client(t.app);
    await c.signIn('310004', 'Harbor2026');
    const put = await c.put('/api/v1/me/contact', { mobile: '(555) 310-0004', appId: 'dario.s' });
    expect(put.statusCode).toBe(202);
    expect(put.json()).toEqual({ sent: ['sms'] });
    const app = await t.deps.storage.db.selectFrom('accounts').select(['app_id', 'mobile']).where('employee_id', '=', '310004').executeTakeFirstOrThrow();
    expect(app).toEqual({ app_id: 'dario.s', mobile: null });
    // Adding a first number: the notice goes to the e-mail.
    expect((await outbox.emailsTo('dario@example.com'))[0]?.text).toContain('***-***-0004');
    const code = await outbox.latestCode('+15553100004');
    expect((await c.post('/api/v1/me/contact/verify', { mobileCode: code })).statusCode).toBe(204);
    expect((await c.get('/api/v1/me')).json()).toMatchObject({ mobile: '+15553100004' });

    // Removing it is a phone change (SESS-3): after 5 minutes it needs the current password.
    // While sign-in codes go to that number, it cannot be removed.
    await t.deps.storage.db.updateTable('accounts').set({ mfa: 'sms' }).where('employee_id', '=', '310004').execute();
    const needed = await c.put('/api/v1/me/contact', { mobile: '' });
    expect(needed.statusCode).toBe(400);
    expect(errorOf(needed).fields).toHaveProperty('mobile');
    await t.deps.storage.db.updateTable('accounts').set({ mfa: 'off' }).where('employee_id', '=', '310004').execute();

    t.clock.advance(6 * MINUTE);
    const refused = await c.put('/api/v1/me/contact', { mobile: '' });
    expect(refused.statusCode).toBe(401);
    expect(errorOf(refused)).toMatchObject({ code: 'INVALID_CREDENTIALS', fields: { current: expect.any(String) } });
    const removed = await c.put('/api/v1/me/contact', { mobile: '', current: 'Harbor2026' });
    expect(removed.statusCode).toBe(202);
    expect(removed.json()).toEqual({ sent: [] });
    expect((await c.get('/api/v1/me')).json()).toMatchObject({ mobile: null });
    expect((await outbox.smsTo('+15553100004'))[0]?.body).toMatch(/was requested/);
  });

  it('accepts a change without the current password within 5 minutes of signing in, and refuses it after (SESS-3)', async () => {
    const c = client(t.app);
    await c.signIn('310005', 'Harbor2026');
    const answers = [
      { questionId: 'first-pet', answer: 'Biscuit' },
      { questionId: 'birth-city', answer: 'Lisbon' },
      { questionId: 'first-school', answer: 'Saint Mary' },
    ];
    t.clock.advance(4 * MINUTE);
    expect((await c.put('/api/v1/me/questions', { answers })).statusCode).toBe(204);

    t.clock.advance(2 * MINUTE);
    const late = await c.put('/api/v1/me/questions', { answers });
    expect(late.statusCode).toBe(401);
    expect(errorOf(late)).toMatchObject({ code: 'INVALID_CREDENTIALS', fields: { current: expect.any(String) } });
    const wrong = await c.put('/api/v1/me/questions', { answers, current: 'Harbor2025' });
    expect(wrong.statusCode).toBe(401);
    expect(errorOf(wrong).fields).toHaveProperty('current');
    expect((await c.put('/api/v1/me/questions', { answers, current: 'Harbor2026' })).statusCode).toBe(204);
    // A right password resets the count of consecutive failures (LOGIN-4).
    const attempts = await t.deps.storage.db.selectFrom('login_attempts').selectAll().where('key', '=', 'account:310005').execute();
    expect(attempts).toEqual([]);
  });

  it('counts wrong current passwords toward the sign-in lockout: after 3, even the right password answers 423 (PROF-2, LOGIN-4)', async () => {
    const c = client(t.app);
    await c.signIn('310006', 'Harbor2026');
    for (let i = 0; i < 3; i++) {
      const wrong = await c.post('/api/v1/me/password', { current: `Wrong${i}2026`, password: 'Tidewater42', confirm: 'Tidewater42' });
      expect(wrong.statusCode).toBe(401);
      expect(errorOf(wrong).code).toBe('INVALID_CREDENTIALS');
    }
    const locked = await c.post('/api/v1/me/password', { current: 'Harbor2026', password: 'Tidewater42', confirm: 'Tidewater42' });
    expect(locked.statusCode).toBe(423);
    expect(errorOf(locked).code).toBe('ACCOUNT_LOCKED');
    const signIn = await t.app.inject({ method: 'POST', url: '/api/v1/login', payload: { identifier: '310006', password: 'Harbor2026' } });
    expect(signIn.statusCode).toBe(423);
    expect(signIn.json<ApiErrorBody>().error.retryAfterSeconds).toBeGreaterThan(0);
    // The password did not change, and the lock ends on time.
    t.clock.advance(16 * MINUTE);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/login', payload: { identifier: '310006', password: 'Harbor2026' } })).json()).toEqual({ next: 'home' });
  });

  it('lists sessions with a public id, device and IP, and ends one: its cookie then answers 401 (SESS-4)', async () => {
    const laptop = client(t.app, CHROME_WINDOWS);
    const phone = client(t.app, SAFARI_IPHONE);
    await laptop.signIn('310007', 'Harbor2026');
    t.clock.advance(MINUTE);
    await phone.signIn('310007', 'Harbor2026');

    const listed = await laptop.get('/api/v1/me/sessions');
    expect(listed.statusCode).toBe(200);
    const sessions = listed.json<{ items: { id: string; current: boolean; device: string; ip: string; startedAt: string; lastSeenAt: string }[] }>().items;
    expect(sessions).toHaveLength(2);
    const mine = sessions.find((s) => s.current)!;
    const other = sessions.find((s) => !s.current)!;
    expect(mine.device).toBe('Chrome on Windows');
    expect(other.device).toBe('Safari on iOS');
    expect(other.ip).toBe('127.0.0.1');
    expect(new Date(other.startedAt).getTime()).toBe(t.clock.now());
    expect(Date.parse(mine.lastSeenAt)).not.toBeNaN();
    // The public id is not the cookie value, nor part of it.
    const cookies = [...laptop.jar.values(), ...phone.jar.values()];
    for (const s of sessions) {
      expect(s.id).toMatch(/^[\w-]{22}$/);
      for (const value of cookies) expect(value).not.toContain(s.id);
    }

    expect((await laptop.delete(`/api/v1/me/sessions/${other.id}`)).statusCode).toBe(204);
    expect((await phone.get('/api/v1/me')).statusCode).toBe(401);
    expect((await laptop.get('/api/v1/me')).statusCode).toBe(200);
    expect((await laptop.get('/api/v1/me/sessions')).json<{ items: unknown[] }>().items).toHaveLength(1);
    expect((await laptop.delete(`/api/v1/me/sessions/${other.id}`)).statusCode).toBe(404);

    // Another account's session cannot be ended (nor told apart from one that does not exist).
    const stranger = client(t.app);
    await stranger.signIn('310008', 'Harbor2026');
    const strangersId = (await stranger.get('/api/v1/me/sessions')).json<{ items: { id: string }[] }>().items[0]!.id;
    const refused = await laptop.delete(`/api/v1/me/sessions/${strangersId}`);
    expect(refused.statusCode).toBe(404);
    expect(errorOf(refused).code).toBe('NOT_FOUND');
    expect((await stranger.get('/api/v1/me')).statusCode).toBe(200);
    expect((await laptop.delete('/api/v1/me/sessions/not-a-session-id')).statusCode).toBe(404);

    const activity = (await laptop.get('/api/v1/me/activity')).json<{ items: Json[] }>().items;
    expect(activity.map((e) => e.event)).toContain('session.ended');
    for (const event of activity) expect(Object.keys(event).sort()).toEqual(['at', 'event', 'ip', 'outcome']);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me/sessions' })).statusCode).toBe(401);
  });
});

describe.each(ENGINES)('changing the password through the API on %s (PROF-2)', (engine) => {
  let t: TestApp;
  let outbox: OutboxReader;
  beforeAll(async () => {
    t = await createTestApp({ engine, env: { PORTICO_DATA_DIR: tempDataDir() } });
    outbox = createOutboxReader(t.deps);
    await seedRegistered(t.deps, { employeeId: '320001', givenName: 'Iris', familyName: 'Sample', password: 'Harbor2026', email: 'iris@example.com' });
    await t.deps.storage.db.updateTable('accounts').set({ mobile: '+15553200001', mobile_verified_at: t.clock.now() }).where('employee_id', '=', '320001').execute();
  });
  afterAll(async () => {
    await outbox.stop();
    await t.close();
  });

  it('applies REG-5, keeps this session, ends the others, and tells the person by e-mail and SMS', async () => {
    const here = client(t.app);
    const elsewhere = client(t.app);
    await here.signIn('320001', 'Harbor2026');
    await elsewhere.signIn('320001', 'Harbor2026');

    for (const [password, confirm, rule] of [
      ['short1', 'short1', 'length'],
      ['nodigitshere', 'nodigitshere', 'digit'],
      ['x320001x', 'x320001x', 'notEmployeeId'],
      ['password1', 'password1', 'notCommon'],
      ['Tidewater42', 'Tidewater43', 'matches'],
    ] as const) {
      const refused = await here.post('/api/v1/me/password', { current: 'Harbor2026', password, confirm });
      expect(refused.statusCode, rule).toBe(400);
      expect(errorOf(refused).rules).toContain(rule);
    }
    expect((await here.post('/api/v1/me/password', { current: 'Harbor2026', password: 'Tidewater42' })).statusCode).toBe(400);
    expect((await elsewhere.get('/api/v1/me')).statusCode).toBe(200);

    expect((await here.post('/api/v1/me/password', { current: 'Harbor2026', password: 'Tidewater42', confirm: 'Tidewater42' })).statusCode).toBe(204);
    expect((await here.get('/api/v1/me')).statusCode).toBe(200);
    expect((await elsewhere.get('/api/v1/me')).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/login', payload: { identifier: '320001', password: 'Harbor2026' } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/login', payload: { identifier: '320001', password: 'Tidewater42' } })).json()).toEqual({ next: 'home' });

    const mail = (await outbox.emailsTo('iris@example.com'))[0]!;
    expect(mail.subject).toBe('Your Portico password was changed');
    expect(mail.text).toMatch(/help\/contact/);
    expect((await outbox.smsTo('+15553200001'))[0]?.body).toMatch(/password was changed/);
    const stored = await t.deps.storage.db.selectFrom('accounts').select('password_hash').where('employee_id', '=', '320001').executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
    const activity = (await here.get('/api/v1/me/activity')).json<{ items: { event: string; outcome: string }[] }>().items;
    expect(activity.find((e) => e.event === 'password.changed')).toMatchObject({ outcome: 'success' });
  });

  it('refuses the last 5 passwords but accepts an older one', async () => {
    const c = client(t.app);
    const passwords = ['Tidewater42', 'Seashell51', 'Lighthouse62', 'Driftwood73', 'Sandpiper84', 'Lagoon95x'];
    await c.signIn('320001', passwords[0]!);
    // Five more changes: the last five passwords are now Seashell51 … Lagoon95x.
    for (let i = 1; i < passwords.length; i++) {
      const changed = await c.post('/api/v1/me/password', { current: passwords[i - 1], password: passwords[i], confirm: passwords[i] });
      expect(changed.statusCode, passwords[i]).toBe(204);
    }
    for (const reused of [passwords[1]!, passwords[3]!, passwords[5]!]) {
      const refused = await c.post('/api/v1/me/password', { current: 'Lagoon95x', password: reused, confirm: reused });
      expect(refused.statusCode, reused).toBe(400);
      expect(errorOf(refused)).toMatchObject({ code: 'VALIDATION', rules: ['notRecent'], fields: { password: expect.stringMatching(/recently/) } });
    }
    // The sixth most recent (Tidewater42) and the original (Harbor2026) may come back.
    expect((await c.post('/api/v1/me/password', { current: 'Lagoon95x', password: 'Tidewater42', confirm: 'Tidewater42' })).statusCode).toBe(204);
    const history = await t.deps.storage.db.selectFrom('password_history').select('password_hash').where('employee_id', '=', '320001').execute();
    expect(history).toHaveLength(5);
  });
});

describe('challenge questions and language through the API (PROF-1)', () => {
  let t: TestApp;
  let c: ReturnType<typeof client>;
  beforeAll(async () => {
    t = await createTestApp();
    await seedRegistered(t.deps, { employeeId: '330001', givenName: 'Jonas', familyName: 'Berg', password: 'Harbor2026', email: 'jonas@example.com' });
    c = client(t.app);
    await c.signIn('330001', 'Harbor2026');
  });
  afterAll(async () => {
    await t.close();
  });

  const set = (a: string, b: string, c3: string, ids = ['first-pet', 'birth-city', 'first-school']) => ({
    current: 'Harbor2026',
    answers: [
      { questionId: ids[0]!, answer: a },
      { questionId: ids[1]!, answer: b },
      { questionId: ids[2]!, answer: c3 },
    ],
  });

  it.each([
    ['the same question twice', set('Rex', 'Paris', 'Lincoln', ['first-pet', 'first-pet', 'first-school']), 'question2'],
    ['an unknown question', set('Rex', 'Paris', 'Lincoln', ['first-pet', 'favourite-colour', 'first-school']), 'question2'],
    ['an answer of 2 characters', set('Rex', 'Pa', 'Lincoln'), 'answer2'],
    ['two answers equal after case and spacing', set('New York', '  new   YORK ', 'Lincoln'), 'answer2'],
    ['the Employee ID as an answer', set('Rex', '330001', 'Lincoln'), 'answer2'],
    ['the name as an answer', set('Rex', 'jonas berg', 'Lincoln'), 'answer2'],
  ])('refuses %s (REG-4)', async (_name, body, field) => {
    const response = await c.put('/api/v1/me/questions', body);
    expect(response.statusCode).toBe(400);
    expect(Object.keys(errorOf(response).fields ?? {})).toContain(field);
  });

  it('replaces all three questions with hashed answers', async () => {
    expect((await c.put('/api/v1/me/questions', set('Biscuit', 'Lisbon', 'Saint Mary'))).statusCode).toBe(204);
    expect((await c.put('/api/v1/me/questions', set('Volvo Amazon', 'Pedro', 'Rex', ['first-car', 'childhood-friend', 'first-pet']))).statusCode).toBe(204);
    const rows = await t.deps.storage.db.selectFrom('account_questions').selectAll().where('employee_id', '=', '330001').orderBy('position').execute();
    expect(rows.map((r) => r.question_id)).toEqual(['first-car', 'childhood-friend', 'first-pet']);
    for (const row of rows) {
      expect(row.answer_hash).toMatch(/^\$argon2id\$/);
      expect(await t.deps.hasher.verify(row.answer_hash, 'volvo amazon')).toBe(row.question_id === 'first-car');
    }
    expect((await c.get('/api/v1/me/activity')).json<{ items: { event: string }[] }>().items[0]?.event).toBe('questions.changed');
  });

  it('changes the language, remembers it in the browser, and refuses an unknown one', async () => {
    const response = await c.put('/api/v1/me/language', { language: 'fr-CA' });
    expect(response.statusCode).toBe(204);
    expect(response.cookies.find((cookie) => cookie.name === 'portico_lang')?.value).toBe('fr-CA');
    expect((await c.get('/api/v1/me')).json()).toMatchObject({ language: 'fr-CA' });
    const home = await c.get('/home');
    expect(home.body).toContain('<html lang="fr-CA"');
    const bad = await c.put('/api/v1/me/language', { language: 'de' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).fields).toHaveProperty('language');
  });
});

describe('challenge questions under the nist policy (REG-7)', () => {
  it('are not offered: 404', async () => {
    const t = await createTestApp({ env: { PORTICO_POLICY: 'nist' } });
    try {
      await seedRegistered(t.deps, { employeeId: '340001', password: 'a long harbor passphrase', email: 'nist@example.com' });
      const c = client(t.app);
      await c.signIn('340001', 'a long harbor passphrase');
      const response = await c.put('/api/v1/me/questions', {
        answers: [
          { questionId: 'first-pet', answer: 'Biscuit' },
          { questionId: 'birth-city', answer: 'Lisbon' },
          { questionId: 'first-school', answer: 'Saint Mary' },
        ],
      });
      expect(response.statusCode).toBe(404);
      expect(errorOf(response).code).toBe('NOT_FOUND');
    } finally {
      await t.close();
    }
  });
});
