// IDP-3: a sign-in that an application started ends in that application, even when it goes
// through the registration wizard (a first sign-in with a PIN) or the new-password page (a help-desk
// PIN): the interaction's return path is carried through them, and only that kind of path (never
// an absolute or foreign URL, never another Portico page). The pages on the way allow the
// application's origin in `form-action`, since Chromium applies it to the redirects after a post.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { seedRegistered, seedUnregistered } from '../../../test/support/seed.js';
import { Visitor } from '../../../test/support/visitor.js';
import { queuedMessageData } from '../../../test/support/queued-messages.js';
import { ANSWERS } from '../../../test/support/register-over-http.js';
import { tempDataDir } from '../../../test/support/outbox.js';
import { RP_REDIRECT, authorizationPath, follow, injectedJar, registerClient } from '../../../test/support/relying-party.js';
import { issuePin } from '../../identity/issue-pin.js';
import { publishTerms } from '../../storage/repositories/terms.js';

const APP_ORIGIN = new URL(RP_REDIRECT).origin;
const PASSWORD = 'Journey2026x';

let t: TestApp;
let clientId: string;
beforeAll(async () => {
  t = await createTestApp({ env: { PORTICO_DATA_DIR: tempDataDir() } });
  ({ clientId } = await registerClient(t.deps, { isPublic: true }));
});
afterAll(() => t.close());

const formAction = (response: LightMyRequestResponse) => /form-action ([^;]*)/.exec(String(response.headers['content-security-policy']))?.[1];

/** An application sends the browser to Portico; returns the sign-in page's return path (the interaction). */
async function authorize(visitor: Visitor): Promise<string> {
  const toInteraction = await visitor.get(authorizationPath(clientId, { state: 'some-state', nonce: 'some-nonce' }));
  const toLogin = await visitor.get(toInteraction.headers.location!);
  const location = String(toLogin.headers.location);
  expect(location).toMatch(/^\/login\?return=%2Foidc%2Finteraction%2F[\w-]+$/);
  return decodeURIComponent(location.slice('/login?return='.length));
}

/** Follows Portico's redirects from a path until the browser is sent to another origin. */
async function followToApplication(visitor: Visitor, from: string): Promise<string> {
  return (await follow(injectedJar(visitor, t.deps), from)).at;
}

/** Walks the wizard's steps before the last one over the JSON API, with the browser's flow cookie. */
async function walkWizardToPassword(visitor: Visitor, email: string): Promise<void> {
  expect((await visitor.api('POST', '/api/v1/registration/language', { language: 'en' })).statusCode).toBe(200);
  const state = (await visitor.api('GET', '/api/v1/registration')).json<{ terms: { version: number } }>();
  expect((await visitor.api('POST', '/api/v1/registration/terms', { accept: true, version: state.terms.version })).statusCode).toBe(200);
  expect((await visitor.api('POST', '/api/v1/registration/contact', { email })).statusCode).toBe(200);
  const [latest] = await queuedMessageData(t.deps, email);
  expect((await visitor.api('POST', '/api/v1/registration/contact/verify', { emailCode: latest!.code! })).statusCode).toBe(200);
  expect((await visitor.api('POST', '/api/v1/registration/questions', { answers: ANSWERS })).statusCode).toBe(200);
}


describe('an application’s sign-in that meets new terms (REG-2)', () => {
  /** Accepts the terms on the wizard's page; returns where the browser is sent then. */
  async function acceptTerms(visitor: Visitor): Promise<string> {
    expect((await visitor.get('/register')).headers.location).toBe('/register/terms');
    const page = await visitor.get('/register/terms');
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    return String((await visitor.post('/register/terms', { version, accept: 'yes' })).headers.location);
  }

  it('after the code step: its path lives as long as the application’s sign-in, and the terms end in the application', async () => {
    await seedRegistered(t.deps, { employeeId: '720011', password: 'OldPass2026', email: 'uma@example.com' });
    await t.deps.storage.db.updateTable('accounts').set({ mfa: 'email', email_verified_at: t.clock.now() }).where('employee_id', '=', '720011').execute();
    const visitor = new Visitor(t);
    const back = await authorize(visitor);
    await publishTerms(t.deps.storage.db, [{ language: 'en', title: 'Terms v9', body: 'New terms.' }], t.clock.now());
    await visitor.get(`/login?return=${encodeURIComponent(back)}`);
    const signedIn = await visitor.post('/login', { identifier: '720011', password: 'OldPass2026', return: back });
    expect(signedIn.headers.location).toBe('/login/code');
    expect((signedIn.cookies as { name: string; maxAge?: number }[]).find((cookie) => cookie.name === 'portico_return')?.maxAge).toBe(3600);
    const [latest] = await queuedMessageData(t.deps, 'uma@example.com');
    expect((await visitor.post('/login/code', { code: latest!.code! })).headers.location).toBe('/register');
    expect(await acceptTerms(visitor)).toBe(back);
  });

  it('after a passkey sign-in: /register?return= names it (passkeys.js), and only an interaction path is kept', async () => {
    await seedRegistered(t.deps, { employeeId: '720012', password: 'OldPass2026' });
    const visitor = new Visitor(t);
    const back = await authorize(visitor);
    await publishTerms(t.deps.storage.db, [{ language: 'en', title: 'Terms v10', body: 'New terms.' }], t.clock.now());
    await visitor.get(`/login?return=${encodeURIComponent(back)}`);
    expect((await visitor.post('/login', { identifier: '720012', password: 'OldPass2026', return: back })).headers.location).toBe('/register');
    // As after a passkey sign-in, which sets no return cookie of its own.
    visitor.cookies.delete('portico_return');
    const refused = await visitor.get('/register?return=%2Fadmin');
    expect((refused.cookies as { name: string }[]).some((cookie) => cookie.name === 'portico_return')).toBe(false);
    await visitor.get(`/register?return=${encodeURIComponent(back)}`);
    expect(visitor.cookies.get('portico_return')).toBe(back);
    expect(await acceptTerms(visitor)).toBe(back);
  });
});

describe('an application’s sign-in through the sign-in pages', () => {
  it('lets the sign-in page’s form reach the application’s origin only while its interaction is pending', async () => {
    const visitor = new Visitor(t);
    const back = await authorize(visitor);
    expect(formAction(await visitor.get(`/login?return=${encodeURIComponent(back)}`))).toBe(`'self' ${APP_ORIGIN}`);
    expect(formAction(await visitor.get('/login'))).toBe("'self'");
    expect(formAction(await visitor.get(`/login?return=${encodeURIComponent('/oidc/interaction/no-such-interaction')}`))).toBe("'self'");
    // A wrong password re-shows the form: still for the application.
    const wrong = await visitor.post('/login', { identifier: '000000', password: 'wrong-password', return: back });
    expect(wrong.statusCode).toBe(401);
    expect(formAction(wrong)).toBe(`'self' ${APP_ORIGIN}`);
  });

  it('lets the code step’s form reach the application’s origin, and ends in the application', async () => {
    await seedRegistered(t.deps, { employeeId: '720006', password: 'OldPass2026', email: 'raj@example.com' });
    await t.deps.storage.db.updateTable('accounts').set({ mfa: 'email', email_verified_at: t.clock.now() }).where('employee_id', '=', '720006').execute();
    const visitor = new Visitor(t);
    const back = await authorize(visitor);
    await visitor.get(`/login?return=${encodeURIComponent(back)}`);
    expect((await visitor.post('/login', { identifier: '720006', password: 'OldPass2026', return: back })).headers.location).toBe('/login/code');
    expect(formAction(await visitor.get('/login/code'))).toBe(`'self' ${APP_ORIGIN}`);
    const [latest] = await queuedMessageData(t.deps, 'raj@example.com');
    const done = await visitor.post('/login/code', { code: latest!.code! });
    expect(done.headers.location).toBe(back);
    expect(await followToApplication(visitor, back)).toMatch(new RegExp(`^${APP_ORIGIN}/callback\\?code=`));
  });

  it('carries the application’s sign-in through the whole registration wizard and ends in the application', async () => {
    await seedUnregistered(t.deps, { employeeId: '720001', pin: 'abcd2345', givenName: 'Ines', familyName: 'Vega' });
    const visitor = new Visitor(t);
    const back = await authorize(visitor);
    await visitor.get(`/login?return=${encodeURIComponent(back)}`);
    const signedIn = await visitor.post('/login', { identifier: '720001', password: 'abcd2345', return: back });
    expect(signedIn.headers.location).toBe('/register');
    await walkWizardToPassword(visitor, 'ines.vega@example.com');
    const passwordStep = await visitor.get('/register/password');
    expect(formAction(passwordStep)).toBe(`'self' ${APP_ORIGIN}`);
    const done = await visitor.post('/register/password', { password: PASSWORD, confirm: PASSWORD });
    expect(done.headers.location).toBe(back);
    expect(visitor.cookies.has('portico_return')).toBe(false);
    expect(await followToApplication(visitor, back)).toMatch(new RegExp(`^${APP_ORIGIN}/callback\\?code=[\\w-]+&state=some-state`));
  });

  it('carries it through the new-password page after a help-desk PIN', async () => {
    await seedRegistered(t.deps, { employeeId: '720002', password: 'OldPass2026', email: 'omar@example.com' });
    const pin = (await issuePin(t.deps, { employeeId: '720002', actorId: null, reason: 'caller verified', now: t.clock.now(), via: 'cli' }))!.pin;
    const visitor = new Visitor(t);
    const back = await authorize(visitor);
    await visitor.get(`/login?return=${encodeURIComponent(back)}`);
    expect((await visitor.post('/login', { identifier: '720002', password: pin, return: back })).headers.location).toBe('/login/password');
    expect(formAction(await visitor.get('/login/password'))).toBe(`'self' ${APP_ORIGIN}`);
    const done = await visitor.post('/login/password', { password: PASSWORD, confirm: PASSWORD });
    expect(done.headers.location).toBe(back);
    expect(await followToApplication(visitor, back)).toMatch(new RegExp(`^${APP_ORIGIN}/callback\\?code=`));
  });

  it('carries no absolute, foreign or other Portico return through the wizard: it ends at home', async () => {
    for (const [employeeId, unsafe] of [
      ['720003', 'https://evil.example/oidc/interaction/abc'],
      ['720004', '//evil.example/oidc/interaction/abc'],
      ['720005', '/admin'],
    ] as const) {
      await seedUnregistered(t.deps, { employeeId, pin: 'abcd2345', givenName: 'Lea', familyName: 'Tester' });
      const visitor = new Visitor(t);
      await visitor.get('/login');
      expect((await visitor.post('/login', { identifier: employeeId, password: 'abcd2345', return: unsafe })).headers.location).toBe('/register');
      expect(visitor.cookies.has('portico_return'), unsafe).toBe(false);
      await walkWizardToPassword(visitor, `${employeeId}@example.com`);
      expect(formAction(await visitor.get('/register/password'))).toBe("'self'");
      const done = await visitor.post('/register/password', { password: PASSWORD, confirm: PASSWORD });
      expect(done.headers.location, unsafe).toBe('/home?done=accountReady');
    }
  });
});
