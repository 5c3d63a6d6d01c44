// The "Multi-factor sign-in" section of Edit My Profile as web pages without a browser (PROF-1,
// MFA-1, MFA-3, SESS-3): errors next to the choice or the current password, the authenticator
// set-up page with its QR code and key, the recovery codes shown once, and the state afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { seedRegistered } from '../../../test/support/seed.js';
import { MINUTE } from '../../security/clock.js';
import { totpCodeAt } from '../../methods/totp/totp.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../../../test/support/outbox.js';
import { Visitor } from '../../../test/support/visitor.js';


describe('Multi-factor sign-in in Edit My Profile', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedRegistered(t.deps, { employeeId: '660001', password: 'Harbor2026', email: 'noor@example.com' });
  });
  afterAll(() => t.close());

  it('shows the section, explains what is missing, and asks for the current password after 5 minutes', async () => {
    const visitor = new Visitor(t);
    await visitor.signIn('660001', 'Harbor2026');
    expect((await visitor.get('/profile')).body).toMatch(/<a href="\/profile\/mfa">Change<span class="visually-hidden"> Multi-factor sign-in<\/span><\/a>/);
    const profile = await visitor.get('/profile/mfa');
    expect(profile.body).toContain('<h1 id="page-heading">Multi-factor sign-in</h1>');
    expect(profile.body).toContain('<a href="/profile/mfa" aria-current="page">');
    // Within 5 minutes of signing in the sign-in stands in for the current password (SESS-3).
    expect(profile.body).not.toContain('id="mfa-current"');
    expect(profile.body).toContain('Off: your password only');
    expect(profile.body).toContain('Needs a confirmed mobile number');

    const sms = await visitor.post('/profile/mfa', { method: 'sms', current: '' });
    expect(sms.statusCode).toBe(400);
    expect(sms.body).toContain('id="mfa-off-error"');
    expect(sms.body).toMatch(/<input[^>]*id="mfa-sms"[^>]*checked/);

    t.clock.advance(6 * MINUTE);
    expect((await visitor.get('/profile/mfa')).body).toContain('<label for="mfa-current">Current password</label>');
    const stale = await visitor.post('/profile/mfa', { method: 'email', current: '' });
    expect(stale.statusCode).toBe(401);
    expect(stale.body).toContain('id="mfa-current-error"');
    const saved = await visitor.post('/profile/mfa', { method: 'email', current: 'Harbor2026' });
    expect(saved.headers.location).toBe('/profile?done=mfa');
    const done = await visitor.get('/profile?done=mfa');
    expect(done.body).toContain('Your sign-in setting was saved.');
    expect(done.body).toContain('Code by e-mail to noor@example.com');
  });

  it('sets up an authenticator with the QR code and the key, then shows 10 recovery codes once', async () => {
    const visitor = new Visitor(t);
    await t.deps.storage.db.updateTable('accounts').set({ mfa: 'off' }).where('employee_id', '=', '660001').execute();
    await visitor.signIn('660001', 'Harbor2026');
    expect((await visitor.get('/profile/mfa/totp')).body).toContain('There is no set-up waiting.');

    expect((await visitor.post('/profile/mfa', { method: 'totp', current: '' })).headers.location).toBe('/profile/mfa/totp');
    const setup = await visitor.get('/profile/mfa/totp');
    expect(setup.body).toMatch(/<img src="data:image\/svg\+xml;base64,[^"]+" alt="QR code that adds your Portico account to an authenticator app"/);
    const key = /<code id="totp-key">([A-Z2-7 ]+)<\/code>/.exec(setup.body)?.[1]?.replace(/ /g, '') ?? '';
    expect(key).toHaveLength(32);

    const wrong = await visitor.post('/profile/mfa/totp', { code: '12' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('id="totp-code-error"');

    const codes = await visitor.post('/profile/mfa/totp', { code: await totpCodeAt(key, t.clock.now()) });
    expect(codes.statusCode).toBe(200);
    expect(codes.body).toContain('Save your recovery codes');
    expect([...codes.body.matchAll(/<li><code>([a-z2-9]{5}-[a-z2-9]{5})<\/code><\/li>/g)]).toHaveLength(10);

    expect(codes.body).toContain('href="/profile/mfa?done=mfaTotp"');
    const profile = await visitor.get('/profile/mfa?done=mfaTotp');
    expect(profile.body).toContain('Your authenticator app is set up');
    expect(profile.body).toContain('Code from an authenticator app');
    expect(profile.body).toMatch(/Unused recovery codes<\/dt><dd>10</);
    const overview = await visitor.get('/profile');
    expect(overview.body).toContain('Code from an authenticator app');
    expect(overview.body).toContain('10 recovery codes left');
    // The set-up is over: the key is not shown again.
    expect((await visitor.get('/profile/mfa/totp')).body).not.toContain('totp-key');
  });
});

describe('MFA-6 on the profile page', () => {
  let t: TestApp;
  let outbox: OutboxReader;
  beforeAll(async () => {
    t = await createTestApp({ env: { PORTICO_DATA_DIR: tempDataDir() } });
    outbox = createOutboxReader(t.deps);
    await seedRegistered(t.deps, { employeeId: '640101', password: 'Harbor2026', email: 'proof.page@example.com' });
    await t.deps.storage.db.updateTable('accounts').set({ mfa: 'email', email_verified_at: t.clock.now() }).where('employee_id', '=', '640101').execute();
  });
  afterAll(async () => {
    await outbox.stop();
    await t.close();
  });

  it('turning e-mail codes off needs a code from them: asked next to the field, sent by a button, then saved', async () => {
    const browser = new Visitor(t);
    await browser.get('/login');
    expect((await browser.post('/login', { identifier: '640101', password: 'Harbor2026' })).headers.location).toBe('/login/code');
    expect((await browser.post('/login/code', { code: await outbox.latestCode('proof.page@example.com') })).headers.location).toBe('/home');
    t.clock.advance(6 * MINUTE);

    const asked = await browser.post('/profile/mfa', { method: 'off', current: 'Harbor2026' });
    expect(asked.statusCode).toBe(403);
    expect(asked.body).toContain('id="mfa-code"');
    expect(asked.body).toContain('To change your second sign-in step, first confirm it');
    expect((await browser.post('/profile/mfa/code', {})).headers.location).toBe('/profile/mfa?done=mfaProofSent');
    const saved = await browser.post('/profile/mfa', { method: 'off', current: 'Harbor2026', code: await outbox.latestCode('proof.page@example.com') });
    expect(saved.headers.location).toBe('/profile?done=mfa');
    const account = await t.deps.storage.db.selectFrom('accounts').select('mfa').where('employee_id', '=', '640101').executeTakeFirstOrThrow();
    expect(account.mfa).toBe('off');
  });
});
