// The wizard's web pages (REG, SPEC §14.1) without a browser: where each address leads, errors that
// keep what was typed (never passwords), CSRF, the whole wizard to /home, and the terms-only flow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { login, seedRegistered, seedUnregistered } from '../../../test/support/seed.js';
import { publishTerms } from '../../storage/repositories/terms.js';
import { queuedMessageData } from '../../../test/support/queued-messages.js';

/** A cookie jar for inject: keeps what the server sets, drops what it clears. */
class Visitor {
  readonly cookies = new Map<string, string>();
  constructor(private readonly t: TestApp) {}

  get header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
  get csrf(): string {
    return this.cookies.get('portico_csrf') ?? '';
  }
  private keep(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const cookie of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const cleared = cookie.value === '' || cookie.maxAge === 0 || (cookie.expires !== undefined && cookie.expires.getTime() < Date.now());
      if (cleared) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return response;
  }
  async get(url: string): Promise<LightMyRequestResponse> {
    return this.keep(await this.t.app.inject({ method: 'GET', url, headers: { cookie: this.header } }));
  }
  /** Posts a form with this browser's CSRF token unless the form says otherwise. */
  async post(url: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const payload = new URLSearchParams({ _csrf: this.csrf, ...form }).toString();
    return this.keep(
      await this.t.app.inject({ method: 'POST', url, payload, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.header, ...headers } }),
    );
  }
}

/** Signs in with the PIN (as the sign-in page does) and opens the sign-in page for a CSRF cookie. */
async function startWizard(t: TestApp, employeeId: string, secret: string): Promise<Visitor> {
  const visitor = new Visitor(t);
  await visitor.get('/login');
  const response = await login(t.app, employeeId, secret, { cookie: visitor.header });
  expect(response.json()).toMatchObject({ next: 'register' });
  visitor.cookies.set('portico_flow', response.json<{ flowId: string }>().flowId);
  return visitor;
}

/** The newest code queued for this address (the worker is not running, so it is still in the queue). */
async function latestCode(t: TestApp, to: string): Promise<string> {
  const [latest] = await queuedMessageData(t.deps, to);
  return latest!.code!;
}

function main(response: LightMyRequestResponse): string {
  return response.body.slice(response.body.indexOf('<main'), response.body.indexOf('</main>'));
}

function expectRedirect(response: LightMyRequestResponse, location: string) {
  expect(response.statusCode, main(response)).toBe(303);
  expect(response.headers.location).toBe(location);
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  for (const [employeeId, givenName] of [
    ['700101', 'Ines'],
    ['700102', 'Omar'],
    ['700103', 'Lea'],
    ['700104', 'Raj'],
  ] as const) {
    await seedUnregistered(t.deps, { employeeId, pin: 'abcd2345', givenName, familyName: 'Tester' });
  }
});
afterAll(() => t.close());

describe('wizard addresses', () => {
  it('goes to the first unfinished step; a step ahead, or a form posted ahead, goes back to it', async () => {
    const anonymous = new Visitor(t);
    expectRedirect(await anonymous.get('/register'), '/login');
    expectRedirect(await anonymous.get('/register/contact'), '/login');

    const v = await startWizard(t, '700101', 'abcd2345');
    expectRedirect(await v.get('/register'), '/register/language');
    expectRedirect(await v.get('/register/password'), '/register/language');
    expect((await v.get('/register/nonsense')).statusCode).toBe(404);

    const first = await v.get('/register/language');
    expect(first.statusCode).toBe(200);
    expect(first.body.match(/<h1/g)).toHaveLength(1);
    expect(first.body).toContain('Step 1 of 6');
    expect(first.body).not.toContain('class="back-link"');
    expect(first.body).toMatch(/<label for="language-es-PR" lang="es-PR">Español \(Puerto Rico\)<\/label>/);

    // A form for a later step changes nothing and leads back.
    expectRedirect(await v.post('/register/contact', { email: 'ines@example.com' }), '/register/language');

    const chosen = await v.post('/register/language', { language: 'fr-CA' });
    expectRedirect(chosen, '/register/terms');
    expect(chosen.cookies.find((c) => c.name === 'portico_lang')?.value).toBe('fr-CA');
    expectRedirect(await v.get('/register'), '/register/terms');
    expectRedirect(await v.get('/register/contact'), '/register/terms');

    const terms = await v.get('/register/terms');
    expect(terms.body).toContain('<html lang="fr-CA">');
    expect(terms.body).toContain('Étape 2 sur 6');
    expect(terms.body).toMatch(/<a href="\/register\/language">Retour<\/a>/);
    expect(terms.body).toContain('Conditions d’utilisation de Portico');
    expect(terms.body).toMatch(/<input type="hidden" name="version" value="1"\/>/);

    // Back is allowed and shows what was saved.
    const back = await v.get('/register/language');
    expect(back.statusCode).toBe(200);
    expect(back.body).toMatch(/value="fr-CA" checked/);

    // The saved language applies even in a browser without the language cookie (resuming elsewhere).
    v.cookies.delete('portico_lang');
    const resumed = await v.get('/register/terms');
    expect(resumed.body).toContain('<html lang="fr-CA">');
    expect(resumed.cookies.find((c) => c.name === 'portico_lang')?.value).toBe('fr-CA');
  });

  it('refuses a form without the CSRF token, with a wrong one, or from another site (403), and saves nothing', async () => {
    const v = await startWizard(t, '700102', 'abcd2345');
    const form = { language: 'es-PR' };
    const payload = new URLSearchParams(form).toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded', cookie: v.header };
    expect((await t.app.inject({ method: 'POST', url: '/register/language', payload, headers })).statusCode).toBe(403);
    expect((await v.post('/register/language', { ...form, _csrf: 'x'.repeat(43) })).statusCode).toBe(403);
    expect((await v.post('/register/language', form, { origin: 'https://evil.example' })).statusCode).toBe(403);
    expect((await v.post('/register/verify/resend', { channel: 'email', _csrf: '' })).statusCode).toBe(403);
    expectRedirect(await v.get('/register'), '/register/language');
  });
});

describe('errors on a step', () => {
  it('re-shows the step with the error status, an alert summary linking to the fields, and what was typed', async () => {
    const v = await startWizard(t, '700103', 'abcd2345');
    const noLanguage = await v.post('/register/language', { language: 'klingon' });
    expect(noLanguage.statusCode).toBe(400);
    expect(main(noLanguage)).toMatch(/role="alert"[\s\S]*<a href="#language-en">Choose one of the languages listed\.<\/a>/);
    await v.post('/register/language', { language: 'en' });

    const notAgreed = await v.post('/register/terms', { version: '1' });
    expect(notAgreed.statusCode).toBe(400);
    expect(main(notAgreed)).toContain('<a href="#accept">');
    expect(main(notAgreed)).toMatch(/id="accept"[^>]*aria-invalid="true"[^>]*aria-describedby="accept-error"/);
    expectRedirect(await v.post('/register/terms', { version: '1', accept: 'yes' }), '/register/contact');

    const contact = await v.post('/register/contact', { email: 'lea at example', mobile: '12', appId: 'not valid!' });
    expect(contact.statusCode).toBe(400);
    const page = main(contact);
    expect(contact.body).toMatch(/<title>Error: Your contact details \(Step 3 of 6\)/);
    expect(page).toMatch(/role="alert"/);
    // In form order, each linking to its field.
    expect([...page.matchAll(/<li><a href="#(\w+)">/g)].map((m) => m[1])).toEqual(['email', 'mobile', 'appId']);
    expect(page).toMatch(/id="email"[^>]*value="lea at example"[^>]*aria-invalid="true" aria-describedby="email-hint email-error"/);
    expect(page).toMatch(/id="mobile"[^>]*value="12"/);
    expect(page).toMatch(/id="appId"[^>]*value="not valid!"/);
    expect(page).toMatch(/<p class="field-error notice notice--error" id="email-error">Enter an e-mail address like name@example.com.<\/p>/);
    expectRedirect(await v.get('/register'), '/register/contact');

    expectRedirect(await v.post('/register/contact', { email: 'lea.tester@example.com', mobile: '', appId: '' }), '/register/verify');
    const wrongCode = await v.post('/register/verify', { emailCode: '000000' });
    const code = await latestCode(t, 'lea.tester@example.com');
    if (code === '000000') return; // One in a million: the wrong code is right.
    expect(wrongCode.statusCode).toBe(401);
    expect(main(wrongCode)).toMatch(/id="emailCode"[^>]*value="000000"[^>]*aria-invalid="true"/);
    expectRedirect(await v.post('/register/verify', { emailCode: code }), '/register/questions');

    // Answer 1 is the family name, answer 3 repeats answer 2 (case and spaces aside), question 3 repeats question 2.
    const answers = { question1: 'first-pet', answer1: 'Tester', question2: 'first-car', answer2: 'Rex', question3: 'first-job', answer3: ' rex ' };
    const questions = await v.post('/register/questions', answers);
    expect(questions.statusCode).toBe(400);
    let q = main(questions);
    expect([...q.matchAll(/<li><a href="#(\w+)">/g)].map((m) => m[1])).toEqual(['answer1', 'answer3']);
    expect(q).toMatch(/id="answer1"[^>]*value="Tester"[^>]*aria-invalid="true"/);
    expect(q).toMatch(/id="answer2"[^>]*value="Rex"[^>]*aria-describedby="answer-rules answer-case"\/>/);
    expect(q).toMatch(/id="answer3"[^>]*value=" rex "[^>]*aria-invalid="true"/);
    expect(q).toMatch(/<select id="question3" name="question3">[\s\S]*?<option value="first-job" selected>/);
    expect(q).toContain('Give a different answer to each question.');
    expect(q).toContain('Don’t use your Employee ID, your name or your PIN as an answer.');

    const sameQuestion = await v.post('/register/questions', { ...answers, answer1: 'Spot', answer3: 'Lifeguard', question3: 'first-car' });
    expect(sameQuestion.statusCode).toBe(400);
    q = main(sameQuestion);
    expect(q).toMatch(/<select id="question3" name="question3" aria-invalid="true" aria-describedby="question3-error">[\s\S]*?<option value="first-car" selected>/);

    expectRedirect(
      await v.post('/register/questions', { question1: 'first-pet', answer1: 'Rex', question2: 'first-car', answer2: 'Beetle', question3: 'first-job', answer3: 'Lifeguard' }),
      '/register/password',
    );

    const secret = 'abc123XYZ-never-echoed';
    const password = await v.post('/register/password', { password: secret, confirm: 'different' });
    expect(password.statusCode).toBe(400);
    expect(password.body).not.toContain(secret);
    expect(password.body).not.toContain('different"');
    const p = main(password);
    expect(p).toMatch(/data-rule="length" data-state="unmet"/);
    expect(p).toMatch(/data-rule="letter" data-state="met"/);
    expect(p).toMatch(/data-rule="digit" data-state="met"/);
    expect(p).toMatch(/data-rule="matches" data-state="unmet"/);
    expect(p).toContain('7 to 14 characters');
    expect([...p.matchAll(/<li><a href="#(\w+)">/g)].map((m) => m[1])).toEqual(['password', 'confirm']);
    expect(p).toMatch(/id="confirm"[^>]*aria-invalid="true"/);
    expect(p).toMatch(/<script src="\/assets\/password-rules\.[0-9a-f]{10}\.js" defer>/);
  });
});

describe('the whole wizard', () => {
  it('runs from the PIN to /home: codes for e-mail and mobile, resend limits, Back keeps what was saved', async () => {
    const v = await startWizard(t, '700104', 'abcd2345');
    expectRedirect(await v.post('/register/language', { language: 'en' }), '/register/terms');
    expectRedirect(await v.post('/register/terms', { version: '1', accept: 'yes' }), '/register/contact');
    expectRedirect(await v.post('/register/contact', { email: ' Raj.Tester@Example.com ', mobile: '(787) 555-1234', appId: 'raj.t' }), '/register/verify');

    const verify = await v.get('/register/verify');
    expect(verify.body).toContain('Code from the e-mail');
    expect(verify.body).toContain('Code from the text message');
    expect(verify.body).toContain('We sent it to Raj.Tester@example.com.');
    expect(verify.body).toContain('We sent it to 787-555-1234.');
    expect(verify.body).toMatch(/<button type="submit" class="button">Send a new code by e-mail<\/button>/);

    // MFA-2 limits: a new code only after 30 seconds; the refusal says how long to wait.
    const tooSoon = await v.post('/register/verify/resend', { channel: 'email' });
    expect(tooSoon.statusCode).toBe(429);
    expect(tooSoon.headers['retry-after']).toBe('30');
    expect(main(tooSoon)).toContain('Please wait 30 seconds before asking for another code.');
    const firstCode = await latestCode(t, 'Raj.Tester@example.com');
    t.clock.advance(31_000);
    expectRedirect(await v.post('/register/verify/resend', { channel: 'email' }), '/register/verify?sent=email');
    expect((await v.get('/register/verify?sent=email')).body).toMatch(/role="status">We sent a new code to Raj.Tester@example.com/);
    const emailCode = await latestCode(t, 'Raj.Tester@example.com');
    const smsCode = await latestCode(t, '+17875551234');

    // A right SMS code counts even when the e-mail code is wrong; the page then asks for the e-mail code only.
    const half = await v.post('/register/verify', { emailCode: firstCode === emailCode ? 'xxxxxx' : firstCode, mobileCode: smsCode });
    expect(half.statusCode).toBe(401);
    expect(main(half)).toContain('Your mobile number 787-555-1234 is confirmed.');
    expect(main(half)).not.toContain('id="mobileCode"');
    expectRedirect(await v.post('/register/verify', { emailCode }), '/register/questions');

    expectRedirect(
      await v.post('/register/questions', { question1: 'first-pet', answer1: 'Rex', question2: 'first-car', answer2: 'Beetle', question3: 'first-job', answer3: 'Lifeguard' }),
      '/register/password',
    );

    // Back from the password step: each earlier page shows what was saved; nothing needs doing again.
    const password = await v.get('/register/password');
    expect(password.body).toMatch(/<a href="\/register\/questions">Back<\/a>/);
    expect(password.body).toContain('Step 6 of 6');
    const questions = await v.get('/register/questions');
    expect(questions.body).toMatch(/<select id="question2"[\s\S]*?<option value="first-car" selected>/);
    expect(questions.body).toMatch(/<a href="\/register\/password">Continue without changes<\/a>/);
    const verified = await v.get('/register/verify');
    expect(verified.body).toContain('Your e-mail address Raj.Tester@example.com is confirmed.');
    expect(verified.body).toMatch(/<a class="button button--primary" href="\/register\/password">Continue<\/a>/);
    const contact = await v.get('/register/contact');
    expect(contact.body).toMatch(/id="email"[^>]*value="Raj.Tester@example.com"/);
    expect(contact.body).toMatch(/id="mobile"[^>]*value="787-555-1234"/);
    expect(contact.body).toMatch(/id="appId"[^>]*value="raj.t"/);
    // Sending the same details again keeps them confirmed and sends no new code.
    const queued = await t.deps.storage.db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expectRedirect(await v.post('/register/contact', { email: 'Raj.Tester@example.com', mobile: '787-555-1234', appId: 'raj.t' }), '/register/password');
    const after = await t.deps.storage.db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(queued.n));

    const finished = await v.post('/register/password', { password: 'Mango2026x', confirm: 'Mango2026x' });
    expectRedirect(finished, '/home?done=accountReady');
    expect(v.cookies.has('portico_flow')).toBe(false);
    expect(v.cookies.has('portico_session')).toBe(true);
    const home = await v.get('/home?done=accountReady');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Welcome, Raj');
    // The first homepage says the account is ready, and what to do next.
    expect(home.body).toContain('<h2 id="account-ready-heading">Your account is ready</h2>');
    expect(home.body).toContain('<a href="/profile/mfa">Turn on sign-in codes</a>');
    expect(home.body).toContain('<a href="/profile/contact">Check your contact details</a>');
    expect((await v.get('/home')).body).not.toContain('account-ready-heading');

    // The wizard is over: its pages lead to sign-in, and the password (not the PIN) signs in.
    v.cookies.set('portico_flow', 'stale');
    expectRedirect(await v.get('/register/password'), '/login');
    expect((await login(t.app, '700104', 'Mango2026x')).json()).toMatchObject({ next: 'home' });
    expect((await login(t.app, '700104', 'abcd2345')).statusCode).toBe(401);
  });

  it('under the nist profile has no questions step and shows the nist length rule', async () => {
    const nist = await createTestApp({ env: { PORTICO_POLICY: 'nist' } });
    try {
      await seedUnregistered(nist.deps, { employeeId: '700201', pin: 'abcd2345' });
      const v = await startWizard(nist, '700201', 'abcd2345');
      const page = await v.get('/register/language');
      expect(page.body).toContain('Step 1 of 5');
      expectRedirect(await v.get('/register/questions'), '/register/language');
    } finally {
      await nist.close();
    }
  });
});

describe('terms-only flow (REG-2)', () => {
  it('asks a registered employee for the new terms only, as step 1 of 1, then signs them in', async () => {
    const app = await createTestApp();
    try {
      await seedRegistered(app.deps, { employeeId: '700301', password: 'Pages2026', givenName: 'Tess', email: 'tess@example.com' });
      await publishTerms(app.deps.storage.db, [{ language: 'en', title: 'Portico Terms, version 2', body: 'New first paragraph.\n\nNew second paragraph.' }], app.clock.now());
      const v = await startWizard(app, '700301', 'Pages2026');
      expectRedirect(await v.get('/register'), '/register/terms');
      for (const step of ['language', 'contact', 'verify', 'questions', 'password']) expectRedirect(await v.get(`/register/${step}`), '/register/terms');

      const terms = await v.get('/register/terms');
      expect(terms.body).toContain('Step 1 of 1');
      expect(terms.body).not.toContain('class="back-link"');
      expect(terms.body).toContain('Our Terms and Conditions have changed.');
      expect(terms.body).toContain('Portico Terms, version 2');
      expect(terms.body).toContain('<p>New second paragraph.</p>');
      expect(terms.body).toMatch(/name="version" value="2"/);

      // Agreeing to the old version is not enough.
      const outdated = await v.post('/register/terms', { accept: 'yes', version: '1' });
      expect(outdated.statusCode).toBe(400);
      expect(main(outdated)).toContain('The terms have just changed.');

      const accepted = await v.post('/register/terms', { accept: 'yes', version: '2' });
      // Not a new account: no "your account is ready" on the way home.
      expectRedirect(accepted, '/home');
      expect(v.cookies.has('portico_flow')).toBe(false);
      expect((await v.get('/home')).body).toContain('Welcome, Tess');
      expect((await login(app.app, '700301', 'Pages2026')).json()).toMatchObject({ next: 'home' });
    } finally {
      await app.close();
    }
  });
});
