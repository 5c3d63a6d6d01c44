// REG-1..7 through the JSON API: the whole wizard from a PIN to `next: home`, every rule of
// REG-4 and REG-5, resuming, going back, and the terms-only flow of REG-2.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { login, seedRegistered, seedUnregistered } from '../../../test/support/seed.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../../../test/support/outbox.js';
import { ENGINES } from '../../../test/support/databases.js';
import { publishTerms } from '../../storage/repositories/terms.js';
import { fieldsOf, type ApiErrorBody } from '../../../test/support/api-errors.js';

type Json = Record<string, unknown>;

/** A cookie jar for one browser-less client. */
function client(app: FastifyInstance) {
  const jar = new Map<string, string>();
  const remember = (response: Awaited<ReturnType<FastifyInstance['inject']>>) => {
    for (const c of response.cookies) {
      if (c.value === '' || (c.maxAge !== undefined && c.maxAge <= 0)) jar.delete(c.name);
      else jar.set(c.name, c.value);
    }
    return response;
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  return {
    jar,
    async get(url: string) {
      return remember(await app.inject({ method: 'GET', url, headers: { cookie: cookie() } }));
    },
    async post(url: string, payload: Json) {
      return remember(await app.inject({ method: 'POST', url, payload, headers: { cookie: cookie() } }));
    },
  };
}

const json = (response: { body: string }) => JSON.parse(response.body) as Json & ApiErrorBody;

describe.each(ENGINES)('registration through the API on %s', (engine) => {
  let t: TestApp;
  let outbox: OutboxReader;
  beforeAll(async () => {
    t = await createTestApp({ engine, env: { PORTICO_DATA_DIR: tempDataDir() } });
    outbox = createOutboxReader(t.deps);
    await seedUnregistered(t.deps, { employeeId: '0044001', pin: 'abcd2345', givenName: 'Nadia', familyName: 'Ferreira' });
    await seedUnregistered(t.deps, { employeeId: '0044002', pin: 'mnpq6789', givenName: 'Omar', familyName: 'Diaz' });
  });
  afterAll(async () => {
    await outbox.stop();
    await t.close();
  });

  it('walks from the PIN to next: home, and later sign-ins go straight home', async () => {
    const c = client(t.app);
    const start = await c.post('/api/v1/login', { identifier: '0044001', password: 'ABCD2345' });
    expect(json(start)).toMatchObject({ next: 'register' });
    expect((await c.get('/api/v1/me')).statusCode).toBe(401);

    const state = json(await c.get('/api/v1/registration'));
    expect(state).toMatchObject({ step: 'language', steps: ['language', 'terms', 'contact', 'verify', 'questions', 'password'], givenName: 'Nadia' });

    expect(json(await c.post('/api/v1/registration/language', { language: 'fr-CA' }))).toEqual({ next: 'register', step: 'terms' });
    const terms = json(await c.get('/api/v1/registration')).terms as { version: number; title: string };
    expect(terms.title).toMatch(/Conditions/);
    expect(json(await c.post('/api/v1/registration/terms', { accept: true, version: terms.version }))).toEqual({ next: 'register', step: 'contact' });

    const contact = json(await c.post('/api/v1/registration/contact', { email: ' Nadia.Ferreira@Example.COM ', mobile: '(555) 234-5678' }));
    expect(contact).toEqual({ next: 'register', step: 'verify', sent: ['email', 'sms'] });
    const emailCode = await outbox.latestCode('Nadia.Ferreira@example.com');
    const smsCode = await outbox.latestCode('+15552345678');
    const mail = (await outbox.emailsTo('Nadia.Ferreira@example.com'))[0]!;
    expect(mail.subject).toMatch(/code/i);
    expect(mail.text).toMatch(/Bonjour|code de vérification|Votre code/i);

    const wrong = await c.post('/api/v1/registration/contact/verify', { emailCode: emailCode === '000000' ? '111111' : '000000', mobileCode: smsCode });
    expect(wrong.statusCode).toBe(401);
    expect(json(wrong).error.code).toBe('INVALID_CODE');
    // The right SMS code was accepted even though the e-mail code was wrong; only the e-mail is left.
    expect(json(await c.post('/api/v1/registration/contact/verify', { emailCode }))).toEqual({ next: 'register', step: 'questions' });

    const questions = (json(await c.get('/api/v1/challenge-questions')) as unknown as { items: { id: string; text: string }[] }).items;
    expect(questions.length).toBeGreaterThanOrEqual(12);
    const answers = [
      { questionId: questions[0]!.id, answer: 'Biscuit' },
      { questionId: questions[1]!.id, answer: 'Lisbon' },
      { questionId: questions[2]!.id, answer: 'Saint Mary' },
    ];
    expect(json(await c.post('/api/v1/registration/questions', { answers }))).toEqual({ next: 'register', step: 'password' });

    const done = await c.post('/api/v1/registration/password', { password: 'Harbor77x', confirm: 'Harbor77x' });
    expect(json(done)).toEqual({ next: 'home' });
    const me = json(await c.get('/api/v1/me'));
    expect(me).toMatchObject({ employeeId: '0044001', email: 'Nadia.Ferreira@example.com', mobile: '+15552345678', language: 'fr-CA' });

    // REG-6: the PIN is spent, the password works, answers are stored hashed.
    expect((await login(t.app, '0044001', 'abcd2345')).statusCode).toBe(401);
    expect(json(await login(t.app, '0044001', 'Harbor77x'))).toEqual({ next: 'home' });
    const stored = await t.deps.storage.db.selectFrom('account_questions').selectAll().where('employee_id', '=', '0044001').execute();
    expect(stored).toHaveLength(3);
    for (const row of stored) {
      expect(row.answer_hash).toMatch(/^\$argon2id\$/);
      expect(row.answer_hash.toLowerCase()).not.toContain('biscuit');
    }
    expect(await t.deps.storage.db.selectFrom('registration_progress').selectAll().where('employee_id', '=', '0044001').execute()).toEqual([]);
  });

  it('resumes at the first unfinished step after a new PIN sign-in, and Back can change an earlier step', async () => {
    const first = client(t.app);
    await first.post('/api/v1/login', { identifier: '0044002', password: 'mnpq6789' });
    await first.post('/api/v1/registration/language', { language: 'en' });
    const version = (json(await first.get('/api/v1/registration')).terms as { version: number }).version;
    await first.post('/api/v1/registration/terms', { accept: true, version });

    const second = client(t.app); // the browser was closed
    await second.post('/api/v1/login', { identifier: '0044002', password: 'mnpq6789' });
    expect(json(await second.get('/api/v1/registration')).step).toBe('contact');
    // Back to step 1 is allowed; skipping ahead is not.
    expect(json(await second.post('/api/v1/registration/language', { language: 'es-PR' }))).toEqual({ next: 'register', step: 'contact' });
    const ahead = await second.post('/api/v1/registration/password', { password: 'Harbor77x', confirm: 'Harbor77x' });
    expect(ahead.statusCode).toBe(400);
    expect(json(await second.get('/api/v1/registration')).language).toBe('es-PR');
  });

  it('refuses a CRLF in the e-mail with 400 and queues nothing', async () => {
    const c = client(t.app);
    await c.post('/api/v1/login', { identifier: '0044002', password: 'mnpq6789' });
    const before = await t.deps.storage.db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const response = await c.post('/api/v1/registration/contact', { email: 'omar@example.com\r\nBcc: victim@example.com' });
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(json(response))).toHaveProperty('email');
    const after = await t.deps.storage.db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('without a registration flow every step answers 410 FLOW_EXPIRED', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/registration' });
    expect(response.statusCode).toBe(410);
    expect(json(response).error.code).toBe('FLOW_EXPIRED');
  });
});

describe('REG-4 and REG-5 rules through the API', () => {
  let t: TestApp;
  let outbox: OutboxReader;
  let c: ReturnType<typeof client>;
  beforeAll(async () => {
    t = await createTestApp({ env: { PORTICO_DATA_DIR: tempDataDir() } });
    outbox = createOutboxReader(t.deps);
    await seedUnregistered(t.deps, { employeeId: '0055001', pin: 'wxyz2468', givenName: 'Rita', familyName: 'Moreno' });
    c = client(t.app);
    await c.post('/api/v1/login', { identifier: '0055001', password: 'wxyz2468' });
    await c.post('/api/v1/registration/language', { language: 'en' });
    const version = (json(await c.get('/api/v1/registration')).terms as { version: number }).version;
    await c.post('/api/v1/registration/terms', { accept: true, version });
    await c.post('/api/v1/registration/contact', { email: 'rita@example.com' });
    await c.post('/api/v1/registration/contact/verify', { emailCode: await outbox.latestCode('rita@example.com') });
  });
  afterAll(async () => {
    await outbox.stop();
    await t.close();
  });

  const q = (n: number) => ['first-pet', 'birth-city', 'first-school', 'first-car'][n]!;
  const answerSet = (a: string, b: string, c2: string, ids = [q(0), q(1), q(2)]) => ({
    answers: [
      { questionId: ids[0]!, answer: a },
      { questionId: ids[1]!, answer: b },
      { questionId: ids[2]!, answer: c2 },
    ],
  });

  it.each([
    ['the same question twice', answerSet('Rex', 'Paris', 'Lincoln', [q(0), q(0), q(2)]), 'question2'],
    ['an unknown question', answerSet('Rex', 'Paris', 'Lincoln', [q(0), 'favourite-colour', q(2)]), 'question2'],
    ['an answer of 2 characters', answerSet('Rex', 'Pa', 'Lincoln'), 'answer2'],
    ['an answer over 40 characters', answerSet('Rex', 'P'.repeat(41), 'Lincoln'), 'answer2'],
    ['two answers equal after case and spacing', answerSet('New York', '  new   YORK ', 'Lincoln'), 'answer2'],
    ['the Employee ID as an answer', answerSet('Rex', '0055001', 'Lincoln'), 'answer2'],
    ['the name as an answer', answerSet('Rex', 'rita moreno', 'Lincoln'), 'answer2'],
    ['the PIN as an answer', answerSet('Rex', 'WXYZ2468', 'Lincoln'), 'answer2'],
  ])('refuses %s', async (_name, body, field) => {
    const response = await c.post('/api/v1/registration/questions', body);
    expect(response.statusCode).toBe(400);
    expect(Object.keys(fieldsOf(json(response)))).toContain(field);
  });

  it('refuses fewer than 3 answers', async () => {
    const response = await c.post('/api/v1/registration/questions', { answers: [{ questionId: q(0), answer: 'Rex' }] });
    expect(response.statusCode).toBe(400);
  });

  it('accepts a valid set', async () => {
    expect(json(await c.post('/api/v1/registration/questions', answerSet('Rex', 'Paris', 'Lincoln')))).toEqual({ next: 'register', step: 'password' });
  });

  it.each([
    ['6 characters', 'Harb0r', 'length'],
    ['15 characters', 'Harbor77xHarbor', 'length'],
    ['no digit', 'Harborside', 'digit'],
    ['no letter', '20262026', 'letter'],
    ['the PIN', 'wxyz2468', 'notPin'],
    ['the Employee ID inside', 'a0055001b', 'notEmployeeId'],
    ['a common password', 'password1', 'notCommon'],
  ])('refuses a password with %s', async (_name, password, rule) => {
    const response = await c.post('/api/v1/registration/password', { password, confirm: password });
    expect(response.statusCode).toBe(400);
    expect(json(response).error.rules).toContain(rule);
  });

  it('refuses a confirmation that differs in case', async () => {
    const response = await c.post('/api/v1/registration/password', { password: 'Harbor77x', confirm: 'harbor77x' });
    expect(json(response).error.rules).toEqual(['matches']);
  });

  it('finishes with a valid password', async () => {
    expect(json(await c.post('/api/v1/registration/password', { password: 'Harbor77x', confirm: 'Harbor77x' }))).toEqual({ next: 'home' });
  });
});

describe('REG-7 nist profile', () => {
  it('has no questions step and needs 15 characters', async () => {
    const t = await createTestApp({ env: { PORTICO_POLICY: 'nist', PORTICO_DATA_DIR: tempDataDir() } });
    const outbox = createOutboxReader(t.deps);
    try {
      await seedUnregistered(t.deps, { employeeId: '0066001', pin: 'abcd2345' });
      const c = client(t.app);
      await c.post('/api/v1/login', { identifier: '0066001', password: 'abcd2345' });
      const state = json(await c.get('/api/v1/registration'));
      expect(state.steps).toEqual(['language', 'terms', 'contact', 'verify', 'password']);
      await c.post('/api/v1/registration/language', { language: 'en' });
      await c.post('/api/v1/registration/terms', { accept: true, version: (state.terms as { version: number }).version });
      await c.post('/api/v1/registration/contact', { email: 'nist@example.com' });
      expect(json(await c.post('/api/v1/registration/contact/verify', { emailCode: await outbox.latestCode('nist@example.com') })).step).toBe('password');
      expect(json(await c.post('/api/v1/registration/password', { password: 'Harbor77x', confirm: 'Harbor77x' })).error.rules).toEqual(['length']);
      expect(json(await c.post('/api/v1/registration/password', { password: 'lantern harbour river', confirm: 'lantern harbour river' }))).toEqual({ next: 'home' });
    } finally {
      await outbox.stop();
      await t.close();
    }
  });
});

describe('REG-2 new terms version', () => {
  it('a registered employee accepts the new version at the next sign-in, holding only the Terms step', async () => {
    const t = await createTestApp();
    try {
      await seedRegistered(t.deps, { employeeId: '0077001', password: 'Harbor77x' });
      expect(json(await login(t.app, '0077001', 'Harbor77x'))).toEqual({ next: 'home' });
      const version = await publishTerms(t.deps.storage.db, [{ language: 'en', title: 'Terms v2', body: 'New terms.' }], t.clock.now());
      const c = client(t.app);
      expect(json(await c.post('/api/v1/login', { identifier: '0077001', password: 'Harbor77x' }))).toMatchObject({ next: 'register' });
      expect((await c.get('/api/v1/me')).statusCode).toBe(401);
      const state = json(await c.get('/api/v1/registration'));
      expect(state).toMatchObject({ step: 'terms', steps: ['terms'], terms: { version, title: 'Terms v2' } });
      expect((await c.post('/api/v1/registration/terms', { accept: false, version })).statusCode).toBe(400);
      expect((await c.post('/api/v1/registration/terms', { accept: true, version: version - 1 })).statusCode).toBe(400);
      expect(json(await c.post('/api/v1/registration/terms', { accept: true, version }))).toEqual({ next: 'home' });
      expect((await c.get('/api/v1/me')).statusCode).toBe(200);
      expect(json(await login(t.app, '0077001', 'Harbor77x'))).toEqual({ next: 'home' });
    } finally {
      await t.close();
    }
  });
});

describe('REG-2 new terms after the code step (MFA-5)', () => {
  it('the session after the terms keeps the second factor the sign-in passed, and what proved it', async () => {
    const t = await createTestApp({ env: { PORTICO_DATA_DIR: tempDataDir() } });
    const outbox = createOutboxReader(t.deps);
    try {
      await seedRegistered(t.deps, { employeeId: '0077003', password: 'Harbor77x', email: 'mfa-terms@example.com' });
      await t.deps.storage.db.updateTable('accounts').set({ mfa: 'email', email_verified_at: t.clock.now() }).where('employee_id', '=', '0077003').execute();
      const version = await publishTerms(t.deps.storage.db, [{ language: 'en', title: 'Terms v2', body: 'New terms.' }], t.clock.now());
      const c = client(t.app);
      const step = json(await c.post('/api/v1/login', { identifier: '0077003', password: 'Harbor77x' }));
      expect(step).toMatchObject({ next: 'code' });
      const code = await outbox.latestCode('mfa-terms@example.com');
      expect(json(await c.post('/api/v1/login/code', { flowId: step.flowId, code }))).toMatchObject({ next: 'register' });
      expect(json(await c.post('/api/v1/registration/terms', { accept: true, version }))).toEqual({ next: 'home' });
      const session = await t.deps.storage.db.selectFrom('sessions').selectAll().where('employee_id', '=', '0077003').executeTakeFirstOrThrow();
      expect(session).toMatchObject({ via: 'password', second_factor_method: 'email_code', passkey_at: null });
      expect(session.second_factor_at).not.toBeNull();
    } finally {
      await outbox.stop();
      await t.close();
    }
  });

  it('a password alone before the terms gives a password session without a second factor', async () => {
    const t = await createTestApp();
    try {
      await seedRegistered(t.deps, { employeeId: '0077004', password: 'Harbor77x' });
      const version = await publishTerms(t.deps.storage.db, [{ language: 'en', title: 'Terms v2', body: 'New terms.' }], t.clock.now());
      const c = client(t.app);
      expect(json(await c.post('/api/v1/login', { identifier: '0077004', password: 'Harbor77x' }))).toMatchObject({ next: 'register' });
      expect(json(await c.post('/api/v1/registration/terms', { accept: true, version }))).toEqual({ next: 'home' });
      const session = await t.deps.storage.db.selectFrom('sessions').selectAll().where('employee_id', '=', '0077004').executeTakeFirstOrThrow();
      expect(session).toMatchObject({ via: 'password', second_factor_at: null, second_factor_method: null });
    } finally {
      await t.close();
    }
  });
});

describe('flow safety', () => {
  it('a terms-only flow is spent by the acceptance: replaying it gives no second session', async () => {
    const t = await createTestApp();
    try {
      await seedRegistered(t.deps, { employeeId: '0077002', password: 'Harbor77x' });
      const version = await publishTerms(t.deps.storage.db, [{ language: 'en', title: 'Terms v2', body: 'New terms.' }], t.clock.now());
      const c = client(t.app);
      await c.post('/api/v1/login', { identifier: '0077002', password: 'Harbor77x' });
      const flow = c.jar.get('portico_flow')!;
      expect(json(await c.post('/api/v1/registration/terms', { accept: true, version }))).toEqual({ next: 'home' });
      const replay = await t.app.inject({
        method: 'POST',
        url: '/api/v1/registration/terms',
        payload: { accept: true, version },
        headers: { cookie: `portico_flow=${flow}` },
      });
      expect(replay.statusCode).toBe(410);
      expect(replay.cookies.find((cookie) => cookie.name === 'portico_session')).toBeUndefined();
    } finally {
      await t.close();
    }
  });

  it('an e-mail registered by someone else in the meantime is refused at the last step with 400, not 500', async () => {
    const t = await createTestApp({ env: { PORTICO_DATA_DIR: tempDataDir() } });
    const outbox = createOutboxReader(t.deps);
    try {
      const ready = async (employeeId: string, pin: string) => {
        await seedUnregistered(t.deps, { employeeId, pin });
        const c = client(t.app);
        await c.post('/api/v1/login', { identifier: employeeId, password: pin });
        await c.post('/api/v1/registration/language', { language: 'en' });
        const version = (json(await c.get('/api/v1/registration')).terms as { version: number }).version;
        await c.post('/api/v1/registration/terms', { accept: true, version });
        await c.post('/api/v1/registration/contact', { email: 'shared@example.com' });
        await c.post('/api/v1/registration/contact/verify', { emailCode: await outbox.latestCode('shared@example.com') });
        const answers = ['first-pet', 'birth-city', 'first-school'].map((questionId, i) => ({ questionId, answer: `answer ${employeeId} ${i}` }));
        await c.post('/api/v1/registration/questions', { answers });
        return c;
      };
      const first = await ready('0088001', 'abcd2345');
      const second = await ready('0088002', 'mnpq6789');
      expect(json(await first.post('/api/v1/registration/password', { password: 'Harbor77x', confirm: 'Harbor77x' }))).toEqual({ next: 'home' });
      const refused = await second.post('/api/v1/registration/password', { password: 'Harbor77x', confirm: 'Harbor77x' });
      expect(refused.statusCode).toBe(400);
      expect(fieldsOf(json(refused))).toHaveProperty('email');
      expect(json(await second.get('/api/v1/registration')).step).toBe('contact');
    } finally {
      await outbox.stop();
      await t.close();
    }
  });
});
