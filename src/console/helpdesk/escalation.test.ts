// HELP-6, HELP-4, MFA-5, MFA-6 and HELP-7 together: the chain "agent issues a PIN to the admin →
// signs in with it → sets a password → enrols a new authenticator → the console answers as admin"
// is broken at every link, and a PIN or an MFA reset needs a verified caller. On both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { ENGINES } from '../../../test/support/databases.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../../../test/support/outbox.js';
import { signInConsole, type ConsoleClient, cookieClient } from '../../../test/support/console-session.js';
import { seedRegistered } from '../../../test/support/seed.js';
import { queuedMessageData } from '../../../test/support/queued-messages.js';

const AGENT = '910001';
const AGENT2 = '910002';
const ADMIN = '910003';
const ADMIN2 = '910004';
const EMPLOYEE = '910005';

type ErrorBody = { error: { code: string; attemptsLeft?: number } };

async function accountRow(t: TestApp, employeeId: string) {
  return t.deps.storage.db.selectFrom('accounts').select(['pin_hash', 'mfa', 'password_hash', 'helpdesk_locked_at']).where('employee_id', '=', employeeId).executeTakeFirstOrThrow();
}
const sessionCount = async (t: TestApp, employeeId: string) => (await t.deps.storage.db.selectFrom('sessions').select('id_hash').where('employee_id', '=', employeeId).execute()).length;

describe.each(ENGINES)('help desk privilege boundaries and caller verification on %s', (engine) => {
  let t: TestApp;
  let outbox: OutboxReader;
  let agent: ConsoleClient;
  let admin: ConsoleClient;
  let otherAgent: ConsoleClient;

  beforeAll(async () => {
    t = await createTestApp({ engine, env: { PORTICO_DATA_DIR: tempDataDir() } });
    outbox = createOutboxReader(t.deps);
    agent = await signInConsole(t, outbox, AGENT, 'helpdesk');
    otherAgent = await signInConsole(t, outbox, AGENT2, 'helpdesk');
    admin = await signInConsole(t, outbox, ADMIN, 'admin');
    await signInConsole(t, outbox, ADMIN2, 'admin');
    await signInConsole(t, outbox, EMPLOYEE, null);
  });
  afterAll(async () => {
    await outbox.stop();
    await t.close();
  });

  it('refuses every action of an agent on an admin and on another agent: 403, nothing changed, no PIN returned', async () => {
    for (const target of [ADMIN, AGENT2]) {
      const before = { account: await accountRow(t, target), sessions: await sessionCount(t, target), messages: (await queuedMessageData(t.deps, `${target}@example.com`)).length };
      for (const [action, body] of [
        ['pin', { reason: 'Caller says forgot', identityCheck: 'badge' }],
        ['reset-mfa', { reason: 'Caller says lost phone', identityCheck: 'badge' }],
        ['end-sessions', { reason: 'Caller asked' }],
        ['unlock', { reason: 'Caller asked' }],
        ['verify-caller', { reason: 'Caller asked', channel: 'email' }],
      ] as const) {
        const response = await agent.post(`/api/v1/admin/employees/${target}/${action}`, body);
        expect(response.statusCode, `${action} on ${target}`).toBe(403);
        expect(response.json<ErrorBody>().error.code).toBe('FORBIDDEN');
        expect(response.body).not.toMatch(/"pin"/);
      }
      expect(await accountRow(t, target)).toEqual(before.account);
      expect(await sessionCount(t, target)).toBe(before.sessions);
      expect(await queuedMessageData(t.deps, `${target}@example.com`)).toHaveLength(before.messages);
    }
  });

  it('refuses anyone acting on their own account through the console', async () => {
    for (const [client, self] of [[admin, ADMIN], [agent, AGENT]] as const) {
      const response = await client.post(`/api/v1/admin/employees/${self}/pin`, { reason: 'Myself', identityCheck: 'badge' });
      expect(response.statusCode).toBe(403);
      expect(response.json<ErrorBody>().error.code).toBe('FORBIDDEN');
    }
    expect((await accountRow(t, ADMIN)).pin_hash).toBeNull();
  });

  it("an admin's PIN to an admin with e-mail MFA: the code step still follows the new password, and the PIN session never opens the console or changes MFA", async () => {
    const issued = await admin.post(`/api/v1/admin/employees/${ADMIN2}/pin`, { reason: 'Forgot password', identityCheck: 'government-id' });
    expect(issued.statusCode).toBe(200);
    const { pin } = issued.json<{ pin: string }>();
    // (A minute on: the 30-second resend wait of the suite's own sign-in code is over; issue 11 makes a fresh step send at once.)
    t.clock.advance(60_000);
    const victim = cookieClient(t.app);
    const start = (await victim.post('/api/v1/login', { identifier: ADMIN2, password: pin })).json<{ next: string; flowId: string }>();
    expect(start.next).toBe('set_password');
    const set = await victim.post('/api/v1/login/password', { flowId: start.flowId, password: 'Newpass2026', confirm: 'Newpass2026' });
    expect(set.statusCode).toBe(200);
    const step = set.json<{ next: string; flowId: string; channels: string[] }>();
    expect(step.next).toBe('code');
    expect(step.channels).toContain('email');
    // No session before the code (MFA-4).
    expect((await victim.get('/api/v1/me')).statusCode).toBe(401);
    const mails = await outbox.emailsTo(`${ADMIN2}@example.com`);
    // The sign-in code mails of this account (an earlier one from the suite's sign-in is void): the live one gets in.
    const codes = mails.filter((mail) => mail.subject === 'Your Portico security code').map((mail) => /\b(\d{6})\b/.exec(mail.text)![1]!);
    const answers = [];
    for (const code of codes) answers.push((await victim.post('/api/v1/login/code', { flowId: step.flowId, code })).json<{ next?: string }>());
    expect(answers.filter((answer) => answer.next === 'home')).toHaveLength(1);
    // HELP-4 / MFA-5: a session that came from a PIN never counts as having passed a second factor.
    const whoami = await victim.get('/api/v1/admin/whoami');
    expect(whoami.statusCode).toBe(403);
    expect(whoami.json<ErrorBody>().error.code).toBe('MFA_REQUIRED');
    // MFA-6: the password alone does not replace the e-mail factor with a new authenticator.
    const totp = await victim.request({ method: 'PUT', url: '/api/v1/me/mfa', payload: { method: 'totp', current: 'Newpass2026' } });
    expect(totp.statusCode).toBe(403);
    expect(totp.json<ErrorBody>().error.code).toBe('MFA_REQUIRED');
    expect((await accountRow(t, ADMIN2)).mfa).toBe('email');
  });

  it('verifies the caller by a code only the employee receives; PIN and MFA reset need it or an in-person check', async () => {
    const refused = await agent.post(`/api/v1/admin/employees/${EMPLOYEE}/pin`, { reason: 'Caller forgot password' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json<ErrorBody>().error.code).toBe('CALLER_NOT_VERIFIED');
    expect((await agent.post(`/api/v1/admin/employees/${EMPLOYEE}/reset-mfa`, { reason: 'Lost phone' })).json<ErrorBody>().error.code).toBe('CALLER_NOT_VERIFIED');
    expect((await accountRow(t, EMPLOYEE)).pin_hash).toBeNull();

    const sent = await agent.post(`/api/v1/admin/employees/${EMPLOYEE}/verify-caller`, { reason: 'Caller forgot password', channel: 'email' });
    expect(sent.statusCode).toBe(202);
    const code = await outbox.latestCode(`${EMPLOYEE}@example.com`);
    // The agent sees neither the code nor the full address.
    expect(sent.body).not.toContain(code);
    expect(sent.body).not.toContain(`${EMPLOYEE}@example.com`);
    const page = await agent.get(`/api/v1/admin/employees/${EMPLOYEE}`);
    expect(page.body).not.toContain(code);

    const wrong = await agent.post(`/api/v1/admin/employees/${EMPLOYEE}/verify-caller/code`, { code: code === '111111' ? '222222' : '111111' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json<ErrorBody>().error).toMatchObject({ code: 'INVALID_CODE', attemptsLeft: 2 });
    const right = await agent.post(`/api/v1/admin/employees/${EMPLOYEE}/verify-caller/code`, { code });
    expect(right.statusCode).toBe(200);
    expect(right.json()).toMatchObject({ verified: true, until: expect.any(String) });
    expect(right.body).not.toContain(code);
    // The verification is this agent's: another agent still has to verify the caller.
    expect((await otherAgent.post(`/api/v1/admin/employees/${EMPLOYEE}/pin`, { reason: 'Caller forgot password' })).json<ErrorBody>().error.code).toBe('CALLER_NOT_VERIFIED');

    const pin = await agent.post(`/api/v1/admin/employees/${EMPLOYEE}/pin`, { reason: 'Caller forgot password' });
    expect(pin.statusCode).toBe(200);
    const audit = await t.deps.storage.db.selectFrom('audit_events').select(['event', 'detail', 'actor_id']).where('subject_id', '=', EMPLOYEE).orderBy('id').execute();
    const events = audit.map((row) => row.event);
    expect(events.slice(-4)).toEqual(['caller.code_sent', 'caller.code_failed', 'caller.verified', 'pin.issued']);
    expect(JSON.parse(audit.at(-1)!.detail ?? '{}')).toMatchObject({ verification: 'caller_code' });
    for (const row of audit) expect(row.detail ?? '').not.toContain(code);

    const inPerson = await agent.post(`/api/v1/admin/employees/${EMPLOYEE}/reset-mfa`, { reason: 'At the kiosk', identityCheck: 'badge' });
    expect(inPerson.statusCode).toBe(204);
    const reset = await t.deps.storage.db.selectFrom('audit_events').select('detail').where('subject_id', '=', EMPLOYEE).where('event', '=', 'mfa.reset').executeTakeFirstOrThrow();
    expect(JSON.parse(reset.detail ?? '{}')).toMatchObject({ verification: 'in_person', identityCheck: 'badge' });
  });

  it('blocks verification after 3 wrong codes for 15 minutes and tells the employee', async () => {
    const target = '910006';
    await seedRegistered(t.deps, { employeeId: target, password: 'Harbor2026', email: `${target}@example.com` });
    expect((await agent.post(`/api/v1/admin/employees/${target}/verify-caller`, { reason: 'Caller asks for PIN', channel: 'email' })).statusCode).toBe(202);
    const code = await outbox.latestCode(`${target}@example.com`);
    const wrongCode = code === '111111' ? '222222' : '111111';
    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push(await agent.post(`/api/v1/admin/employees/${target}/verify-caller/code`, { code: wrongCode }));
    expect(answers.map((a) => a.statusCode)).toEqual([401, 401, 429]);
    expect(answers[2]!.json<{ error: { retryAfterSeconds: number } }>().error.retryAfterSeconds).toBeGreaterThan(800);
    // Even the right code is refused now, and no new code can be sent.
    expect((await agent.post(`/api/v1/admin/employees/${target}/verify-caller/code`, { code })).statusCode).toBe(429);
    t.clock.advance(60_000);
    expect((await agent.post(`/api/v1/admin/employees/${target}/verify-caller`, { reason: 'Again', channel: 'email' })).statusCode).toBe(429);
    const notices = await t.deps.storage.db.selectFrom('messages').select('template').where('recipient', '=', `${target}@example.com`).execute();
    expect(notices.map((n) => n.template)).toContain('caller-verification-blocked');
    expect((await agent.post(`/api/v1/admin/employees/${target}/pin`, { reason: 'Caller asks for PIN' })).statusCode).toBe(403);
  });
});
