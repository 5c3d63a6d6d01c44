// The code step as web pages without a browser (SPEC §14.1, MFA-2..4): the sign-in form leads to
// /login/code, errors re-show the step (wrong code, re-send too soon), switching channel and
// re-sending are CSRF-protected forms, and the right code signs in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { seedRegistered } from '../../../test/support/seed.js';
import { queuedMessageData } from '../../../test/support/queued-messages.js';

class Visitor {
  readonly cookies = new Map<string, string>();
  constructor(private readonly t: TestApp) {}
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
  async get(url: string) {
    return this.keep(await this.t.app.inject({ method: 'GET', url, headers: { cookie: this.header } }));
  }
  async post(url: string, form: Record<string, string>, csrf = true) {
    const payload = new URLSearchParams({ ...(csrf ? { _csrf: this.cookies.get('portico_csrf') ?? '' } : {}), ...form }).toString();
    return this.keep(await this.t.app.inject({ method: 'POST', url, payload, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.header } }));
  }
}

async function latestCode(t: TestApp, to: string): Promise<string> {
  const [latest] = await queuedMessageData(t.deps, to);
  return latest!.code!;
}

describe('the code step as pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedRegistered(t.deps, { employeeId: '650001', password: 'Harbor2026', email: 'mia@example.com' });
    await t.deps.storage.db.updateTable('accounts').set({ mfa: 'sms', mobile: '+17875550123', mobile_verified_at: t.clock.now() }).where('employee_id', '=', '650001').execute();
  });
  afterAll(() => t.close());

  it('goes from the sign-in form to the code, through mistakes, to the homepage', async () => {
    const visitor = new Visitor(t);
    await visitor.get('/login');
    const signIn = await visitor.post('/login', { identifier: '650001', password: 'Harbor2026' });
    expect(signIn.statusCode).toBe(303);
    expect(signIn.headers.location).toBe('/login/code');
    expect(visitor.cookies.has('portico_session')).toBe(false);

    const page = await visitor.get('/login/code');
    expect(page.body).toContain('***-***-0123');
    expect(page.body).toContain('Send a code by e-mail to m***@example.com instead');

    // Without the form token: refused before anything is checked.
    expect((await visitor.post('/login/code', { code: '123456' }, false)).statusCode).toBe(403);

    const smsCode = await latestCode(t, '+17875550123');
    const wrong = await visitor.post('/login/code', { code: smsCode === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toMatch(/<title>Error: Enter your sign-in code/);
    expect(wrong.body).toContain('role="alert"');
    expect(wrong.body).toMatch(/<input[^>]*id="code"[^>]*aria-invalid="true"/);

    const tooSoon = await visitor.post('/login/code/send', { channel: 'sms' });
    expect(tooSoon.statusCode).toBe(429);
    expect(tooSoon.headers['retry-after']).toBeDefined();
    expect(tooSoon.body).toContain('before asking for another code');

    const switched = await visitor.post('/login/code/send', { channel: 'email' });
    expect(switched.headers.location).toBe('/login/code?sent');
    const after = await visitor.get('/login/code?sent');
    expect(after.body).toContain('We sent a new code to m***@example.com.');
    expect(after.body).toContain('Send a code by text message to ***-***-0123 instead');
    expect((await visitor.post('/login/code/send', { channel: 'fax' })).statusCode).toBe(400);

    const right = await visitor.post('/login/code', { code: await latestCode(t, 'mia@example.com') });
    expect(right.statusCode).toBe(303);
    expect(right.headers.location).toBe('/home');
    expect(visitor.cookies.has('portico_flow')).toBe(false);
    expect((await visitor.get('/home')).statusCode).toBe(200);
    expect((await visitor.get('/login/code')).headers.location).toBe('/home');
  });

  it('an expired step says so on the error page', async () => {
    const visitor = new Visitor(t);
    await visitor.get('/login');
    await visitor.post('/login', { identifier: '650001', password: 'Harbor2026' });
    t.clock.advance(16 * 60_000);
    const expired = await visitor.post('/login/code', { code: '123456' });
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('This step has expired.');
    expect((await visitor.get('/home')).headers.location).toBe('/login');
  });
});
