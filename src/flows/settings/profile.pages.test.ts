// Edit My Profile as web pages without a browser (SPEC §14.1): where each address leads, CSRF on
// every form, errors next to the fields keeping what was typed (never passwords), the contact code
// step, ending sessions, security activity, language, and the device names of SESS-4.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { login, seedRegistered } from '../../../test/support/seed.js';
import { describeDevice } from './sessions.js';
import { MINUTE } from '../../security/clock.js';
import { queuedMessageData } from '../../../test/support/queued-messages.js';

/** A cookie jar for inject: keeps what the server sets, drops what it clears. */
class Visitor {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly t: TestApp,
    private readonly userAgent = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  ) {}

  get header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
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
    return this.keep(await this.t.app.inject({ method: 'GET', url, headers: { cookie: this.header, 'user-agent': this.userAgent } }));
  }
  /** Posts a form with this browser's CSRF token unless the form says otherwise. */
  async post(url: string, form: Record<string, string>): Promise<LightMyRequestResponse> {
    const payload = new URLSearchParams({ _csrf: this.cookies.get('portico_csrf') ?? '', ...form }).toString();
    return this.keep(
      await this.t.app.inject({
        method: 'POST',
        url,
        payload,
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.header, 'user-agent': this.userAgent },
      }),
    );
  }
  /** Signs in through the sign-in form, as a person would. */
  async signIn(identifier: string, password: string): Promise<void> {
    await this.get('/login');
    const response = await this.post('/login', { identifier, password });
    expect(response.headers.location).toBe('/home');
  }
}

function main(response: LightMyRequestResponse): string {
  return response.body.slice(response.body.indexOf('<main'), response.body.indexOf('</main>'));
}

function h1s(response: LightMyRequestResponse): string[] {
  return [...response.body.matchAll(/<h1[^>]*>([^<]*)<\/h1>/g)].map((m) => m[1]!);
}

/** The opening tag of the control with this id. */
function control(response: LightMyRequestResponse, id: string): string {
  return new RegExp(`<(input|select)[^>]*\\bid="${id}"[^>]*>`).exec(response.body)?.[0] ?? '';
}

/** The password rule's line in the list next to the new-password field. */
function ruleLine(response: LightMyRequestResponse, rule: string): string {
  return new RegExp(`<li data-rule="${rule}"[^>]*>.*?</li>`).exec(response.body)?.[0] ?? '';
}

async function latestCode(t: TestApp, to: string): Promise<string> {
  const [latest] = await queuedMessageData(t.deps, to);
  return latest!.code!;
}

describe('Edit My Profile pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    for (const [employeeId, givenName, email] of [
      ['410001', 'Lena', 'lena@example.com'],
      ['410002', 'Marco', 'marco@example.com'],
      ['410003', 'Nora', 'nora@example.com'],
      ['410004', 'Oscar', 'oscar@example.com'],
      ['410005', 'Paula', 'paula@example.com'],
    ] as const) {
      await seedRegistered(t.deps, { employeeId, givenName, familyName: 'Sample', password: 'Harbor2026', email });
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('sends visitors without a session to the sign-in page', async () => {
    const visitor = new Visitor(t);
    for (const url of ['/profile', '/profile/password', '/profile/sessions', '/profile/security', '/profile/contact/verify']) {
      const response = await visitor.get(url);
      expect(response.statusCode, url).toBe(303);
      expect(response.headers.location).toBe('/login');
    }
    await visitor.get('/login');
    const post = await visitor.post('/profile/password', { current: 'x', password: 'y', confirm: 'y' });
    expect(post.statusCode).toBe(303);
    expect(post.headers.location).toBe('/login');
  });

  it('shows the overview with one h1, the header link, each part with its state and a link to its own page', async () => {
    const visitor = new Visitor(t);
    await visitor.signIn('410001', 'Harbor2026');
    const home = await visitor.get('/home');
    expect(home.body).toMatch(/<a href="\/profile"[^>]*>Edit My Profile<\/a>/);
    const page = await visitor.get('/profile');
    expect(page.statusCode).toBe(200);
    expect(h1s(page)).toEqual(['Edit My Profile']);
    expect(page.body).toMatch(/<a href="\/profile" aria-current="page">Overview<\/a>/);
    const body = main(page);
    expect(body).toContain('lena@example.com');
    expect(body).not.toContain('<form');
    for (const [href, label] of [
      ['/profile/contact', 'Contact details'],
      ['/profile/password', 'Password'],
      ['/profile/questions', 'Challenge questions'],
      ['/profile/mfa', 'Multi-factor sign-in'],
      ['/profile/language', 'Language'],
    ]) {
      expect(body).toContain(`<a href="${href}">Change<span class="visually-hidden"> ${label}</span></a>`);
    }
    expect(body).toContain('Signed in on 1 device');
    for (const href of ['/profile/sessions', '/profile/security']) expect(body).toContain(`href="${href}">View`);
  });

  it('gives each change its own page, marked in the profile navigation, asking for the current password only after 5 minutes', async () => {
    const visitor = new Visitor(t);
    await visitor.signIn('410001', 'Harbor2026');
    for (const [url, title, action, current] of [
      ['/profile/contact', 'Change your contact details', '/profile/contact', 'contact-current'],
      ['/profile/questions', 'Change your challenge questions', '/profile/questions', 'questions-current'],
      ['/profile/language', 'Language', '/profile/language', null],
      ['/profile/password', 'Change password', '/profile/password', 'current'],
    ] as const) {
      const page = await visitor.get(url);
      expect(page.statusCode, url).toBe(200);
      expect(h1s(page), url).toEqual([title]);
      expect(page.body, url).toContain(`<a href="${url}" aria-current="page">`);
      expect(page.body.match(/aria-current="page"/g), url).toHaveLength(1);
      expect(main(page).match(/<form /g), url).toHaveLength(1);
      expect(main(page), url).toContain(`action="${action}"`);
      if (current) expect(page.body, url).not.toContain(`id="${current}"`);
    }
    t.clock.advance(6 * MINUTE);
    for (const [url, current] of [
      ['/profile/contact', 'contact-current'],
      ['/profile/questions', 'questions-current'],
      ['/profile/password', 'current'],
    ] as const) {
      expect((await visitor.get(url)).body, url).toContain(`<label for="${current}">Current password</label>`);
    }
  });

  it('refuses every profile form without the CSRF token', async () => {
    const visitor = new Visitor(t);
    await visitor.signIn('410001', 'Harbor2026');
    for (const url of ['/profile/contact', '/profile/language', '/profile/questions', '/profile/password', '/profile/contact/verify', '/profile/sessions/end']) {
      const response = await visitor.post(url, { _csrf: 'forged' });
      expect(response.statusCode, url).toBe(403);
    }
    expect((await visitor.get('/api/v1/me')).json()).toMatchObject({ language: 'en', email: 'lena@example.com' });
  });

  it('shows contact errors next to the fields, keeps what was typed but never the password', async () => {
    const visitor = new Visitor(t);
    await visitor.signIn('410001', 'Harbor2026');
    const response = await visitor.post('/profile/contact', { email: 'not-an-address', mobile: '555-010-9999', appId: '', current: 'Secret123' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<title>Error: Change your contact details · Portico</title>');
    expect(main(response)).toContain('role="alert"');
    expect(control(response, 'email')).toContain('value="not-an-address"');
    expect(control(response, 'email')).toContain('aria-invalid="true"');
    expect(control(response, 'email')).toContain('aria-describedby="email-error"');
    expect(response.body).toContain('Enter an e-mail address like name@example.com.');
    expect(control(response, 'mobile')).toContain('value="555-010-9999"');
    expect(response.body).not.toContain('Secret123');
  });

  it('changes the e-mail through the code page: the account keeps the old address until the code is typed', async () => {
    const visitor = new Visitor(t);
    await visitor.signIn('410002', 'Harbor2026');
    const sent = await visitor.post('/profile/contact', { email: 'marco.new@example.com', mobile: '', appId: '', current: '' });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe('/profile/contact/verify');
    const overview = await visitor.get('/profile');
    expect(main(overview)).toContain('Waiting for the code sent to marco.new@example.com.');
    expect(main(overview)).toContain('E-mail: marco@example.com');
    expect(control(await visitor.get('/profile/contact'), 'email')).toContain('value="marco@example.com"');

    const step = await visitor.get('/profile/contact/verify');
    expect(h1s(step)).toEqual(['Confirm your new contact details']);
    expect(step.body).toContain('<label for="emailCode">Code</label>');
    const wrong = await visitor.post('/profile/contact/verify', { emailCode: '12345' });
    expect(wrong.statusCode).toBe(401);
    expect(control(wrong, 'emailCode')).toContain('aria-invalid="true"');
    expect(control(wrong, 'emailCode')).toContain('value="12345"');

    const right = await visitor.post('/profile/contact/verify', { emailCode: await latestCode(t, 'marco.new@example.com') });
    expect(right.statusCode).toBe(303);
    expect(right.headers.location).toBe('/profile?done=contactVerified');
    const done = await visitor.get('/profile?done=contactVerified');
    expect(main(done)).toContain('Your new contact details are confirmed and now in use.');
    expect(main(done)).toContain('E-mail: marco.new@example.com');
  });

  it('changes the password with the labelled form, showing rule problems without echoing passwords', async () => {
    const visitor = new Visitor(t);
    await visitor.signIn('410003', 'Harbor2026');
    t.clock.advance(6 * MINUTE);
    const form = await visitor.get('/profile/password');
    expect(h1s(form)).toEqual(['Change password']);
    for (const [id, label] of [
      ['current', 'Current password'],
      ['password', 'New password'],
      ['confirm', 'Confirm new password'],
    ]) {
      expect(form.body).toContain(`<label for="${id}">${label}</label>`);
    }
    // The kit's PasswordField: REG-5's rules with the policy's limits, tied to the new password.
    expect(ruleLine(form, 'length')).toContain('7 to 14 characters');
    expect(ruleLine(form, 'length')).not.toMatch(/data-state="(un)?met"/);
    expect(control(form, 'password')).toMatch(/aria-describedby="[^"]*password-rules/);
    expect(main(form)).toContain('Not one of your recent passwords');

    // Too short: the length rule is marked broken (✗, "not yet"), the rules it keeps are marked met.
    const short = await visitor.post('/profile/password', { current: 'Harbor2026', password: 'Tide1', confirm: 'Tide1' });
    expect(short.statusCode).toBe(400);
    expect(main(short)).toContain('Your new password does not meet every rule listed.');
    expect(ruleLine(short, 'length')).toContain('data-state="unmet"');
    expect(ruleLine(short, 'length')).toContain('(not yet)');
    expect(ruleLine(short, 'letter')).toContain('data-state="met"');
    expect(control(short, 'password')).toContain('aria-invalid="true"');
    expect(short.body).not.toContain('Tide1');

    const mismatch = await visitor.post('/profile/password', { current: 'Harbor2026', password: 'Tidewater42', confirm: 'Tidewater43' });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.body).toContain('The two passwords do not match.');
    expect(control(mismatch, 'confirm')).toContain('aria-invalid="true"');
    expect(mismatch.body).not.toContain('Tidewater4');
    expect(mismatch.body).not.toContain('Harbor2026');

    const reused = await visitor.post('/profile/password', { current: 'Harbor2026', password: 'Harbor2026', confirm: 'Harbor2026' });
    expect(reused.statusCode).toBe(400);
    expect(main(reused)).toContain('You used this password recently. Choose a new one.');

    const changed = await visitor.post('/profile/password', { current: 'Harbor2026', password: 'Tidewater42', confirm: 'Tidewater42' });
    expect(changed.statusCode).toBe(303);
    expect(changed.headers.location).toBe('/profile?done=password');
    expect(main(await visitor.get('/profile?done=password'))).toContain('Your password was changed.');
    expect((await login(t.app, '410003', 'Tidewater42')).json()).toEqual({ next: 'home' });
  });

  it('shows the lock next to the current password after 3 wrong ones', async () => {
    const visitor = new Visitor(t);
    await visitor.signIn('410004', 'Harbor2026');
    for (let i = 0; i < 3; i++) {
      const wrong = await visitor.post('/profile/password', { current: `Wrong${i}x`, password: 'Tidewater42', confirm: 'Tidewater42' });
      expect(wrong.statusCode).toBe(401);
      expect(control(wrong, 'current')).toContain('aria-invalid="true"');
      expect(wrong.body).toContain('That is not your current password.');
    }
    const locked = await visitor.post('/profile/password', { current: 'Harbor2026', password: 'Tidewater42', confirm: 'Tidewater42' });
    expect(locked.statusCode).toBe(423);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(control(locked, 'current')).toContain('aria-invalid="true"');
    expect(main(locked)).toContain('temporarily locked');
  });

  it('lists sessions with an End session button each; ending another one signs that browser out, ending this one signs out here', async () => {
    const here = new Visitor(t);
    const there = new Visitor(t, 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0');
    await here.signIn('410005', 'Harbor2026');
    await there.signIn('410005', 'Harbor2026');
    const page = await here.get('/profile/sessions');
    expect(h1s(page)).toEqual(['Where you are signed in']);
    const body = main(page);
    expect(body).toContain('<caption>');
    expect(body).toContain('Safari on macOS');
    expect(body).toContain('(This device)');
    expect(body).toContain('Firefox on Linux');
    expect(body).toContain('127.0.0.1');
    expect(body.match(/>End session<\/button>/g)).toHaveLength(2);
    const ids = [...body.matchAll(/name="session" value="([\w-]+)"/g)].map((m) => m[1]!);
    const thereRow = body.split('<tr').find((row) => row.includes('Firefox on Linux'))!;
    const thereId = /name="session" value="([\w-]+)"/.exec(thereRow)![1]!;
    expect(ids).toContain(thereId);

    const ended = await here.post('/profile/sessions/end', { session: thereId });
    expect(ended.statusCode).toBe(303);
    expect(ended.headers.location).toBe('/profile/sessions?done=sessionEnded');
    expect(main(await here.get('/profile/sessions?done=sessionEnded'))).toContain('The session was ended.');
    expect((await there.get('/profile')).headers.location).toBe('/login');

    const unknown = await here.post('/profile/sessions/end', { session: thereId });
    expect(unknown.statusCode).toBe(404);

    const ownId = ids.find((id) => id !== thereId)!;
    const out = await here.post('/profile/sessions/end', { session: ownId });
    expect(out.headers.location).toBe('/login?signedOut');
    expect(here.cookies.has('portico_session')).toBe(false);
  });

  it('shows recent security activity with a “This wasn’t me” link to the help form', async () => {
    const visitor = new Visitor(t);
    await visitor.signIn('410001', 'Harbor2026');
    const page = await visitor.get('/profile/security');
    expect(h1s(page)).toEqual(['Recent security activity']);
    const body = main(page);
    expect(body).toMatch(/<a href="\/help\/contact">This wasn’t me<\/a>/);
    expect(body).toContain('<td data-label="Event">Signed in</td>');
    expect(body).toContain('<td data-label="Result">Succeeded</td>');
    expect(body).toContain('<td data-label="IP address">127.0.0.1</td>');
    // Times name their time zone (SPEC §14.1).
    expect(body).toMatch(/<td data-label="Time">[^<]+\s(AM|PM)\s([A-Z]{2,5}|GMT[+-]\d+)<\/td>/);
  });

  it('changes the language and shows the next pages in it', async () => {
    const visitor = new Visitor(t);
    await visitor.signIn('410001', 'Harbor2026');
    const invalid = await visitor.post('/profile/language', { language: 'de' });
    expect(invalid.statusCode).toBe(400);
    expect(control(invalid, 'language-en')).toContain('aria-invalid="true"');
    const saved = await visitor.post('/profile/language', { language: 'fr-CA' });
    expect(saved.statusCode).toBe(303);
    expect(visitor.cookies.get('portico_lang')).toBe('fr-CA');
    const page = await visitor.get(saved.headers.location as string);
    expect(page.body).toContain('<html lang="fr-CA"');
    expect(h1s(page)).toEqual(['Modifier mon profil']);
    expect(main(page)).toContain('Votre langue a été enregistrée.');
    expect((await visitor.get('/api/v1/me')).json()).toMatchObject({ language: 'fr-CA' });
  });
});

describe('Edit My Profile under the nist policy', () => {
  it('offers no challenge questions (REG-7)', async () => {
    const t = await createTestApp({ env: { PORTICO_POLICY: 'nist' } });
    try {
      await seedRegistered(t.deps, { employeeId: '420001', password: 'a long harbor passphrase', email: 'q@example.com' });
      const visitor = new Visitor(t);
      await visitor.signIn('420001', 'a long harbor passphrase');
      const page = await visitor.get('/profile');
      expect(page.statusCode).toBe(200);
      expect(main(page)).not.toContain('href="/profile/questions"');
      expect((await visitor.get('/profile/questions')).statusCode).toBe(404);
      expect((await visitor.post('/profile/questions', { question1: 'first-pet', answer1: 'Biscuit' })).statusCode).toBe(404);
    } finally {
      await t.close();
    }
  });
});

describe('describeDevice (SESS-4)', () => {
  it.each([
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', 'Chrome', 'Windows'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0', 'Edge', 'Windows'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15', 'Safari', 'macOS'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0 Mobile/15E148 Safari/604.1', 'Chrome', 'iOS'],
    ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36', 'Chrome', 'Android'],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0', 'Firefox', 'Linux'],
    ['Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', 'Chrome', 'ChromeOS'],
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36', 'Chrome', 'Linux'],
    ['curl/8.5.0', null, null],
    ['', null, null],
  ])('%s → %s on %s', (userAgent, browser, os) => {
    expect(describeDevice(userAgent)).toEqual({ browser, os });
  });
});
