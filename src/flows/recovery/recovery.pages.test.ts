// The forgot-password pages (SPEC §14.1, RECOV) without a browser: labels and one h1 in three
// languages, CSRF, errors next to their fields, the same pages for known and unknown people
// (RECOV-1, RECOV-10), the link page's headers, a GET that never spends the token, and RECOV-9.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { login, seedRegistered } from '../../../test/support/seed.js';
import { normaliseAnswer } from '../../identity/normalise.js';
import { replaceQuestions } from '../../storage/repositories/profile.js';
import { queuedMessageData } from '../../../test/support/queued-messages.js';

/** A cookie jar for inject: keeps what the server sets, drops what it clears. */
class Visitor {
  readonly cookies = new Map<string, string>();
  constructor(private readonly t: TestApp) {}
  get header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
  private keep(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const cookie of response.cookies as { name: string; value: string; maxAge?: number }[]) {
      if (cookie.value === '' || cookie.maxAge === 0) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return response;
  }
  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.keep(await this.t.app.inject({ method: 'GET', url, headers: { cookie: this.header, ...headers } }));
  }
  async post(url: string, form: Record<string, string>, csrf = this.cookies.get('portico_csrf') ?? '', headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const payload = new URLSearchParams({ _csrf: csrf, ...form }).toString();
    return this.keep(
      await this.t.app.inject({ method: 'POST', url, payload, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.header, ...headers } }),
    );
  }
}

function main(response: LightMyRequestResponse): string {
  return response.body.slice(response.body.indexOf('<main'), response.body.indexOf('</main>'));
}

function h1s(response: LightMyRequestResponse): string[] {
  return [...response.body.matchAll(/<h1[^>]*>([^<]*)<\/h1>/g)].map((m) => m[1]!);
}

/** The label text of the control with this id. */
function labelOf(response: LightMyRequestResponse, id: string): string | undefined {
  return new RegExp(`<label for="${id}"[^>]*>([^<]*)</label>`).exec(response.body)?.[1];
}

function button(response: LightMyRequestResponse): string | undefined {
  return /<button type="submit" class="button button--primary[^"]*">([^<]*)<\/button>/.exec(main(response))?.[1];
}

async function queued(t: TestApp, to: string): Promise<Record<string, string>[]> {
  return queuedMessageData(t.deps, to);
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedRegistered(t.deps, { employeeId: '450001', givenName: 'Sofia', password: 'Harbor2026', email: 'sofia@example.com' });
  await seedRegistered(t.deps, { employeeId: '450002', givenName: 'Tomas', password: 'Harbor2026', email: 'tomas@example.com' });
  await replaceQuestions(t.deps.storage.db, '450002', [
    { questionId: 'first-pet', answerHash: await t.deps.hasher.hash(normaliseAnswer('Rex')) },
    { questionId: 'first-job', answerHash: await t.deps.hasher.hash(normaliseAnswer('Cashier')) },
    { questionId: 'first-car', answerHash: await t.deps.hasher.hash(normaliseAnswer('Civic')) },
  ]);
});
afterAll(() => t.close());

/** Opens /recovery, types the identifier, and returns the method page's address. */
async function startAs(visitor: Visitor, identifier: string): Promise<string> {
  expect((await visitor.get('/recovery')).statusCode).toBe(200);
  const response = await visitor.post('/recovery', { identifier });
  expect(response.statusCode, main(response)).toBe(303);
  expect(response.headers.location).toMatch(/^\/recovery\/[\w-]{43}$/);
  return String(response.headers.location);
}

describe('recovery pages', () => {
  it('start page: one h1, "Employee ID or e-mail", "Continue", in English, French and Spanish', async () => {
    const visitor = new Visitor(t);
    const en = await visitor.get('/recovery');
    expect(h1s(en)).toEqual(['Forgot your password?']);
    expect(labelOf(en, 'identifier')).toBe('Employee ID or e-mail');
    expect(button(en)).toBe('Continue');
    const fr = await visitor.get('/recovery?lang=fr-CA');
    expect(h1s(fr)).toEqual(['Mot de passe oublié\u202F?']);
    expect(labelOf(fr, 'identifier')).toBe('Numéro d’employé ou courriel');
    const es = await visitor.get('/recovery?lang=es-PR');
    expect(h1s(es)).toEqual(['¿Olvidó su contraseña?']);
    expect(button(es)).toBe('Continuar');
    expect((await t.app.inject({ method: 'GET', url: '/login' })).body).toContain('href="/recovery"');
  });

  it('refuses a form without its CSRF token, and shows errors next to the field', async () => {
    const visitor = new Visitor(t);
    await visitor.get('/recovery');
    expect((await visitor.post('/recovery', { identifier: '450001' }, 'forged')).statusCode).toBe(403);
    const empty = await visitor.post('/recovery', { identifier: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(h1s(empty)).toHaveLength(1);
    expect(empty.body).toContain('id="identifier-error"');
    expect(empty.body).toMatch(/<input id="identifier"[^>]*aria-invalid="true"[^>]*aria-describedby="identifier-error"/);
    expect(empty.body).toContain('<title>Error: ');
  });

  it('shows the same method page, with no contact data, to a known and an unknown identifier (RECOV-1, RECOV-10)', async () => {
    const known = new Visitor(t);
    const unknown = new Visitor(t);
    const knownPath = await startAs(known, 'sofia@example.com');
    const unknownPath = await startAs(unknown, 'ghost@example.com');
    const knownPage = await known.get(knownPath);
    const unknownPage = await unknown.get(unknownPath);
    const normalise = (r: LightMyRequestResponse, path: string, v: Visitor) =>
      main(r).replaceAll(path, '/recovery/FLOW').replaceAll(v.cookies.get('portico_csrf') ?? '', 'CSRF');
    expect(normalise(knownPage, knownPath, known)).toBe(normalise(unknownPage, unknownPath, unknown));
    expect(knownPage.body).not.toMatch(/sofia|s\*+@/i);
    expect(h1s(knownPage)).toEqual(['Choose how to reset your password']);
    for (const option of ['E-mail me a reset link', 'Send me a code by e-mail', 'Send me a code by SMS (text message)', 'Answer my challenge questions']) {
      expect(knownPage.body).toContain(option);
    }
    expect(knownPage.body).toContain('Technical Help Form');
    expect(knownPage.body).toContain('href="/help/contact"');
    // No choice made: the error is tied to the radio group.
    const none = await known.post(knownPath, {});
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('id="method-error"');
    expect((await known.post(knownPath, { method: 'questions' })).headers.location).toBe(`${knownPath}/questions`);
    expect((await known.post(knownPath, { method: 'sms_code' })).headers.location).toBe(`${knownPath}/code/send?channel=sms`);
  });

  it('says the same after a link request whether or not the e-mail matched, and sends only to a match', async () => {
    const visitor = new Visitor(t);
    const path = await startAs(visitor, '450001');
    const form = await visitor.get(`${path}/link`);
    expect(labelOf(form, 'email')).toBe('Registered e-mail address');
    const invalid = await visitor.post(`${path}/link`, { email: 'nope' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('id="email-error"');
    const wrong = await visitor.post(`${path}/link`, { email: 'other@example.com' });
    const right = await visitor.post(`${path}/link`, { email: 'sofia@example.com' });
    expect(wrong.headers.location).toBe(`${path}/link?sent=1`);
    expect(right.headers.location).toBe(wrong.headers.location);
    const sent = await visitor.get(`${path}/link?sent=1`);
    expect(sent.body).toContain('If these details match our records, we have sent a link to reset your password.');
    expect(await queued(t, 'other@example.com')).toHaveLength(0);
    expect(await queued(t, 'sofia@example.com')).toHaveLength(1);
  });

  it('link page: no-referrer and no-store, GET never spends the token, Continue does; signed in → home, link unused', async () => {
    const visitor = new Visitor(t);
    const path = await startAs(visitor, '450001');
    await visitor.post(`${path}/link`, { email: 'sofia@example.com' });
    const link = new URL((await queued(t, 'sofia@example.com'))[0]!.link!);
    const url = `${link.pathname}${link.search}`;

    // Signed in: straight home, and the link still works afterwards (RECOV-9).
    const signedIn = new Visitor(t);
    const session = await login(t.app, '450001', 'Harbor2026');
    for (const c of session.cookies) signedIn.cookies.set(c.name, c.value);
    const home = await signedIn.get(url);
    expect(home.statusCode).toBe(303);
    expect(home.headers.location).toBe('/home');

    const reader = new Visitor(t);
    for (let i = 0; i < 2; i++) {
      const page = await reader.get(url);
      expect(page.statusCode).toBe(200);
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      expect(page.headers['cache-control']).toBe('no-store');
      expect(h1s(page)).toEqual(['Reset your password']);
      expect(button(page)).toBe('Continue');
    }
    const token = link.searchParams.get('token')!;
    // The page sends no Referer, so a browser posts its form with `Origin: null`: accepted only
    // with Sec-Fetch-Site: same-origin and the form token; a cross-site post never spends the token.
    const csrf = reader.cookies.get('portico_csrf') ?? '';
    expect((await reader.post('/recovery/link', { token }, csrf, { origin: 'null' })).statusCode).toBe(403);
    expect((await reader.post('/recovery/link', { token }, csrf, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    expect((await reader.post('/recovery/link', { token }, 'forged', { origin: 'null', 'sec-fetch-site': 'same-origin' })).statusCode).toBe(403);
    const go = await reader.post('/recovery/link', { token }, csrf, { origin: 'null', 'sec-fetch-site': 'same-origin' });
    expect(go.statusCode).toBe(303);
    expect(go.headers['referrer-policy']).toBe('no-referrer');
    expect(go.headers.location).toMatch(/^\/recovery\/[\w-]{43}\/password$/);
    const passwordPage = await reader.get(String(go.headers.location));
    expect(labelOf(passwordPage, 'password')).toBe('New password');
    expect(labelOf(passwordPage, 'confirm')).toBe('Confirm new password');

    // Spent: the link page now says so.
    const used = await reader.get(url);
    expect(used.statusCode).toBe(410);
    expect(h1s(used)).toEqual(['This link no longer works']);
    expect((await reader.post('/recovery/link', { token })).statusCode).toBe(410);

    const mismatch = await reader.post(String(go.headers.location), { password: 'Lantern2027', confirm: 'Lantern2028' });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.body).toContain('id="confirm-error"');
    expect(mismatch.body).not.toContain('Lantern2027');
    const done = await reader.post(String(go.headers.location), { password: 'Lantern2027', confirm: 'Lantern2027' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/home');
    expect(reader.cookies.get('portico_session')).toBeTruthy();
    expect((await reader.get('/home')).statusCode).toBe(200);
  });

  it('code pages: "Code" and "Continue"; a wrong code is shown next to the field', async () => {
    const visitor = new Visitor(t);
    const path = await startAs(visitor, '450001');
    const form = await visitor.get(`${path}/code/send?channel=sms`);
    expect(h1s(form)).toEqual(['Get a code by text message']);
    expect(labelOf(form, 'to')).toBe('Registered mobile number');
    const sent = await visitor.post(`${path}/code/send`, { channel: 'sms', to: '787-555-0000' });
    expect(sent.headers.location).toBe(`${path}/code?sent=sms`);
    const entry = await visitor.get(String(sent.headers.location));
    expect(entry.body).toContain('If these details match our records, we have sent a 6-digit code by text message.');
    expect(labelOf(entry, 'code')).toBe('Code');
    expect(button(entry)).toBe('Continue');
    const wrong = await visitor.post(`${path}/code`, { code: '123456' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('id="code-error"');
    // Before a proof, the password page sends the person back to the methods.
    expect((await visitor.get(`${path}/password`)).headers.location).toBe(path);
  });

  it('questions page: each answer labelled by its question; wrong sets say how many tries are left, then point to the help form', async () => {
    const visitor = new Visitor(t);
    const path = await startAs(visitor, '450002');
    const page = await visitor.get(`${path}/questions`);
    expect(h1s(page)).toEqual(['Answer your challenge questions']);
    expect(labelOf(page, 'answer1')).toBe('What was the name of your first pet?');
    expect(labelOf(page, 'answer3')).toBe('What was the make and model of your first car?');
    const first = await visitor.post(`${path}/questions`, { answer1: 'a', answer2: 'b', answer3: 'c' });
    expect(first.statusCode).toBe(401);
    expect(first.body).toContain('You have 2 more tries.');
    expect(first.body).not.toMatch(/value="a"/);
    const blank = await visitor.post(`${path}/questions`, { answer1: 'kept', answer2: '', answer3: 'c' });
    expect(blank.statusCode).toBe(400);
    expect(blank.body).toContain('id="answer2-error"');
    expect(blank.body).toContain('value="kept"');
    await visitor.post(`${path}/questions`, { answer1: 'a', answer2: 'b', answer3: 'c' });
    const locked = await visitor.post(`${path}/questions`, { answer1: 'a', answer2: 'b', answer3: 'c' });
    expect(locked.statusCode).toBe(423);
    expect(locked.body).toContain('Recovery by challenge questions is locked after too many wrong answers.');
    expect(locked.body).toContain('href="/help/contact"');
  });

  it('sends an expired or unknown flow back to the start page, which says so', async () => {
    const visitor = new Visitor(t);
    const gone = await visitor.get('/recovery/not-a-flow/questions');
    expect(gone.statusCode).toBe(303);
    expect(gone.headers.location).toBe('/recovery?expired=1');
    expect((await visitor.get('/recovery?expired=1')).body).toContain('That page has expired. Please start again.');
  });
});
