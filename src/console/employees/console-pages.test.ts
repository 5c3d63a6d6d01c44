// Console pages on SQLite and PostgreSQL: a signed-out console page goes to sign-in and comes back
// after the code step (the JSON API keeps its 401); console accounts land on the console; issue
// PIN, reset MFA and end sessions change nothing until the confirmation (no JavaScript needed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { ENGINES } from '../../../test/support/databases.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../../../test/support/outbox.js';
import { cookieClient, signInConsole, type ConsoleClient } from '../../../test/support/console-session.js';
import { login } from '../../../test/support/seed.js';
import { searchAudit } from '../../storage/repositories/audit-events.js';

const form = (fields: Record<string, string>) => ({
  method: 'POST' as const,
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(fields).toString(),
});

describe.each(ENGINES)('console pages (%s)', (engine) => {
  let t: TestApp;
  let outbox: OutboxReader;
  let agent: ConsoleClient;
  const csrf = (client: ConsoleClient) => client.formToken();

  beforeAll(async () => {
    t = await createTestApp({ engine, env: { PORTICO_DATA_DIR: tempDataDir() } });
    outbox = createOutboxReader(t.deps);
    agent = await signInConsole(t, outbox, '610001', 'helpdesk');
    await signInConsole(t, outbox, '610002', null);
    await agent.get('/admin/employees');
  });
  afterAll(async () => {
    await outbox.stop();
    await t.close();
  });

  it('sends a signed-out console page to sign-in with its return path, while the API answers 401 JSON', async () => {
    const page = await cookieClient(t.app).get('/admin/employees?q=Ortiz');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/login?return=%2Fadmin%2Femployees%3Fq%3DOrtiz');
    const api = await cookieClient(t.app).get('/api/v1/admin/whoami');
    expect(api.statusCode).toBe(401);
    expect(api.headers['content-type']).toContain('application/json');
    expect(api.json<{ error: { code: string } }>().error.code).toBe('UNAUTHENTICATED');
    // A form POST cannot be replayed after sign-in: plain sign-in page.
    const post = await cookieClient(t.app).request({ url: '/admin/employees/610002/unlock', ...form({ reason: 'x' }) });
    expect(post.statusCode).toBe(303);
    expect(post.headers.location).toBe('/login');
  });

  it('comes back to the page after the password and the code step, and never to another site', async () => {
    t.clock.advance(2 * 60_000);
    const browser = cookieClient(t.app);
    const signInPage = await browser.get('/login?return=%2Fadmin%2Faudit%3FemployeeId%3D610002');
    expect(signInPage.body).toContain('name="return" value="/admin/audit?employeeId=610002"');
    const password = await browser.request({ url: '/login', ...form({ _csrf: csrf(browser), identifier: '610001', password: 'Harbor2026', return: '/admin/audit?employeeId=610002' }) });
    expect(password.headers.location).toBe('/login/code');
    const code = await browser.request({ url: '/login/code', ...form({ _csrf: csrf(browser), code: await outbox.latestCode('610001@example.com') }) });
    expect(code.statusCode).toBe(303);
    expect(code.headers.location).toBe('/admin/audit?employeeId=610002');
    expect((await browser.get('/admin/audit?employeeId=610002')).statusCode).toBe(200);

    t.clock.advance(2 * 60_000);
    const hostile = cookieClient(t.app);
    expect((await hostile.get('/login?return=%2F%2Fevil.example')).body).not.toContain('name="return"');
    await hostile.request({ url: '/login', ...form({ _csrf: csrf(hostile), identifier: '610001', password: 'Harbor2026', return: '//evil.example/admin' }) });
    const landed = await hostile.request({ url: '/login/code', ...form({ _csrf: csrf(hostile), code: await outbox.latestCode('610001@example.com') }) });
    // No usable return path: a console account lands on the console.
    expect(landed.headers.location).toBe('/admin');
  });

  it('a first POST of reset MFA, end sessions or issue PIN without confirm changes nothing and asks', async () => {
    const before = await t.deps.storage.db.selectFrom('accounts').select('mfa').where('employee_id', '=', '610002').executeTakeFirstOrThrow();
    expect(before.mfa).toBe('email');
    const ask = await agent.request({ url: '/admin/employees/610002/reset-mfa', ...form({ _csrf: csrf(agent), reason: 'Lost phone, ticket 9' }) });
    expect(ask.statusCode).toBe(200);
    expect(ask.body).toContain('Yes, reset MFA');
    expect(ask.body).toContain('Lost phone, ticket 9');
    expect(ask.body).toContain('name="confirm" value="yes"');
    expect(ask.body).toContain('href="/admin/employees/610002"');
    for (const action of ['end-sessions', 'pin']) {
      const page = await agent.request({ url: `/admin/employees/610002/${action}`, ...form({ _csrf: csrf(agent), reason: 'Lost phone, ticket 9' }) });
      expect(page.statusCode, action).toBe(200);
      expect(page.body, action).not.toMatch(/<output class="pin">/);
    }
    const after = await t.deps.storage.db.selectFrom('accounts').select('mfa').where('employee_id', '=', '610002').executeTakeFirstOrThrow();
    expect(after.mfa).toBe('email');
    const events = (await searchAudit(t.deps.storage.db, { employeeId: '610002' })).map((e) => e.event);
    expect(events).not.toContain('mfa.reset');
    expect(events).not.toContain('pin.issued');
    expect(events).not.toContain('session.ended');
    expect((await login(t.app, '610002', 'Harbor2026')).json<{ next: string }>().next).toBe('code');
    // A bad reason shows the account page with the problem, before any confirmation.
    const bad = await agent.request({ url: '/admin/employees/610002/reset-mfa', ...form({ _csrf: csrf(agent), reason: 'x' }) });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="reset-mfa-reason-error"');

    const confirmed = await agent.request({ url: '/admin/employees/610002/reset-mfa', ...form({ _csrf: csrf(agent), reason: 'Lost phone, ticket 9', identityCheck: 'badge', confirm: 'yes' }) });
    expect(confirmed.statusCode).toBe(303);
    expect(confirmed.headers.location).toBe('/admin/employees/610002?done=resetMfa');
    const reset = await t.deps.storage.db.selectFrom('accounts').select('mfa').where('employee_id', '=', '610002').executeTakeFirstOrThrow();
    expect(reset.mfa).toBe('off');
  });

  it('the account page shows the state badges, the verify-caller panel before the destructive actions', async () => {
    const page = await agent.get('/admin/employees/610002');
    expect(page.statusCode).toBe(200);
    const body = page.body;
    expect(body).toContain('class="badge badge--ok">Registered');
    const verify = body.indexOf('id="verify-caller-heading"');
    expect(verify).toBeGreaterThan(body.indexOf('action="/admin/employees/610002/unlock"'));
    for (const action of ['pin', 'reset-mfa', 'end-sessions']) expect(body.indexOf(`action="/admin/employees/610002/${action}"`), action).toBeGreaterThan(verify);
    expect(body.match(/class="button button--danger"/g)).toHaveLength(3);
  });

  it('HELP-7 on the pages: the PIN form asks how the caller was confirmed; without a code verification only an in-person check issues it', async () => {
    const page = await agent.get('/admin/employees/610002');
    expect(page.body).toContain('name="identityCheck" value="badge"');
    expect(page.body).toContain('name="identityCheck" value="government-id"');
    const asked = await agent.request({ url: '/admin/employees/610002/pin', ...form({ _csrf: csrf(agent), reason: 'Caller lost the PIN letter', identityCheck: 'badge' }) });
    expect(asked.body).toMatch(/name="identityCheck" value="badge"/);
    const byCode = await agent.request({ url: '/admin/employees/610002/pin', ...form({ _csrf: csrf(agent), reason: 'Caller lost the PIN letter', identityCheck: '', confirm: 'yes' }) });
    expect(byCode.statusCode).toBe(403);
    expect(byCode.body).toContain('Verify the caller first');
    expect(byCode.body).not.toMatch(/<output class="pin">/);
    const inPerson = await agent.request({ url: '/admin/employees/610002/pin', ...form({ _csrf: csrf(agent), reason: 'Caller lost the PIN letter', identityCheck: 'badge', confirm: 'yes' }) });
    expect(inPerson.statusCode).toBe(200);
    expect(inPerson.body).toMatch(/<output class="pin">[a-z2-9]{8}<\/output>/);
  });
  it('HELP-7 on the pages: send a code, a wrong read-back keeps the form with tries left, the right one verifies and a PIN by code follows', async () => {
    t.clock.advance(16 * 60_000);
    const page = await agent.get('/admin/employees/610002');
    expect(page.body).toContain('action="/admin/employees/610002/verify-caller"');
    expect(page.body).toMatch(/E-mail 6\*+@example\.com/);
    expect(page.body).not.toContain('610002@example.com');
    const noReason = await agent.request({ url: '/admin/employees/610002/verify-caller', ...form({ _csrf: csrf(agent), reason: '', channel: 'email' }) });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('id="verify-caller-reason-error"');

    const sent = await agent.request({ url: '/admin/employees/610002/verify-caller', ...form({ _csrf: csrf(agent), reason: 'Caller asks for a PIN, ticket 12', channel: 'email' }) });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe('/admin/employees/610002?done=callerCodeSent');
    const code = await outbox.latestCode('610002@example.com');
    const waiting = await agent.get('/admin/employees/610002?done=callerCodeSent');
    expect(waiting.body).toContain('The code was sent to the employee’s registered contact.');
    expect(waiting.body).toContain('3 tries left.');
    expect(waiting.body).toContain('action="/admin/employees/610002/verify-caller/code"');
    // The field the form posts is the one the next request sends.
    expect(waiting.body).toMatch(/<input id="verify-caller-code" name="code"/);
    expect(waiting.body).not.toContain(code);

    const wrong = code === '000000' ? '111111' : '000000';
    const miss = await agent.request({ url: '/admin/employees/610002/verify-caller/code', ...form({ _csrf: csrf(agent), code: wrong }) });
    expect(miss.statusCode).toBe(401);
    expect(miss.body).toContain('id="verify-caller-code-error"');
    expect(miss.body).toContain('2 tries left.');

    const right = await agent.request({ url: '/admin/employees/610002/verify-caller/code', ...form({ _csrf: csrf(agent), code }) });
    expect(right.statusCode).toBe(303);
    expect(right.headers.location).toBe('/admin/employees/610002?done=callerVerified');
    expect((await agent.get('/admin/employees/610002')).body).toContain('You verified the caller.');
    const pin = await agent.request({ url: '/admin/employees/610002/pin', ...form({ _csrf: csrf(agent), reason: 'Caller asks for a PIN, ticket 12', identityCheck: '', confirm: 'yes' }) });
    expect(pin.statusCode).toBe(200);
    expect(pin.body).toMatch(/<output class="pin">[a-z2-9]{8}<\/output>/);
    const events = (await searchAudit(t.deps.storage.db, { employeeId: '610002' })).map((e) => e.event);
    expect(events).toEqual(expect.arrayContaining(['caller.code_sent', 'caller.code_failed', 'caller.verified', 'pin.issued']));
  });

  it('HELP-7 on the pages: three wrong codes block verification and the panel says so', async () => {
    t.clock.advance(16 * 60_000);
    await agent.request({ url: '/admin/employees/610002/verify-caller', ...form({ _csrf: csrf(agent), reason: 'Caller asks again, ticket 13', channel: 'email' }) });
    const code = await outbox.latestCode('610002@example.com');
    const wrong = code === '000000' ? '111111' : '000000';
    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push(await agent.request({ url: '/admin/employees/610002/verify-caller/code', ...form({ _csrf: csrf(agent), code: wrong }) }));
    expect(answers.map((a) => a.statusCode)).toEqual([401, 401, 429]);
    expect(answers[2]?.headers['retry-after']).toBeDefined();
    const page = await agent.get('/admin/employees/610002');
    expect(page.body).toContain('Verification by code is blocked until');
    expect(page.body).not.toContain('action="/admin/employees/610002/verify-caller"');
  });
});
