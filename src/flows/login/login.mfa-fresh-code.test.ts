// MFA-2's fresh code, on SQLite and PostgreSQL: the 30-second wait guards only a code that is still
// live. A new sign-in, or a code that was used or killed by 5 wrong tries, gets a fresh code at once
// — and the API and the page say whether a code is waiting, never "type the code we sent" when
// none is. The count per window (the first send and 3 re-sends per 15 minutes) still holds, and it
// is claimed atomically: parallel re-sends or sign-ins cannot send more.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { seedRegistered } from '../../../test/support/seed.js';
import { queuedMessageData } from '../../../test/support/queued-messages.js';
import { Visitor } from '../../../test/support/visitor.js';
import { ENGINES } from '../../../test/support/databases.js';
import { MINUTE } from '../../security/clock.js';

const PASSWORD = 'Harbor2026';
const TYPE_THE_CODE_WE_SENT = 'type the 6-digit code we sent by e-mail';
const NO_CODE_WAITING = 'There is no code waiting for you right now';

type CodeStep = { next: string; flowId: string; codeSent: boolean };

describe.each(ENGINES)('fresh sign-in codes on %s', (engine) => {
  let t: TestApp;
  let n = 0;

  async function person(): Promise<{ employeeId: string; email: string }> {
    n += 1;
    const employeeId = String(734000 + n);
    const email = `fresh${n}@example.com`;
    await seedRegistered(t.deps, { employeeId, password: PASSWORD, email });
    await t.deps.storage.db.updateTable('accounts').set({ mfa: 'email' }).where('employee_id', '=', employeeId).execute();
    return { employeeId, email };
  }
  const codesTo = async (email: string) => (await queuedMessageData(t.deps, email)).map((data) => data.code);

  async function signIn(visitor: Visitor, employeeId: string): Promise<CodeStep> {
    const response = await visitor.api('POST', '/api/v1/login', { identifier: employeeId, password: PASSWORD });
    expect(response.statusCode).toBe(200);
    const step = response.json<CodeStep>();
    expect(step.next).toBe('code');
    return step;
  }
  const enter = (visitor: Visitor, step: CodeStep, code: string) => visitor.api('POST', '/api/v1/login/code', { flowId: step.flowId, code });
  const wrongFor = (code: string) => (code === '000000' ? '111111' : '000000');

  beforeAll(async () => {
    t = await createTestApp({ engine });
  });
  afterAll(() => t.close());

  it('after 5 wrong codes, a new sign-in sends a fresh code at once, and says so', async () => {
    const { employeeId, email } = await person();
    const visitor = new Visitor(t);
    const first = await signIn(visitor, employeeId);
    expect(first.codeSent).toBe(true);
    const [killed] = await codesTo(email);
    for (let i = 0; i < 5; i++) expect((await enter(visitor, first, wrongFor(killed!))).statusCode).toBe(401);
    // The dead code's page does not pretend a code is waiting.
    const deadPage = await visitor.get('/login/code');
    expect(deadPage.body).not.toContain(TYPE_THE_CODE_WE_SENT);
    expect(deadPage.body).toContain(NO_CODE_WAITING);

    t.clock.advance(5_000);
    const again = new Visitor(t);
    const second = await signIn(again, employeeId);
    expect(second.codeSent).toBe(true);
    const codes = await codesTo(email);
    expect(codes).toHaveLength(2);
    const page = await again.get('/login/code');
    expect(page.body).toContain(TYPE_THE_CODE_WE_SENT);
    expect(page.body).not.toContain(NO_CODE_WAITING);
    expect((await enter(again, second, codes[0]!)).json()).toEqual({ next: 'home' });
  });

  it('a new sign-in right after a used code gets a fresh code at once', async () => {
    const { employeeId, email } = await person();
    const visitor = new Visitor(t);
    const first = await signIn(visitor, employeeId);
    expect((await enter(visitor, first, (await codesTo(email))[0]!)).json()).toEqual({ next: 'home' });
    t.clock.advance(10_000);
    const other = new Visitor(t);
    const second = await signIn(other, employeeId);
    expect(second.codeSent).toBe(true);
    const codes = await codesTo(email);
    expect(codes).toHaveLength(2);
    expect((await enter(other, second, codes[0]!)).json()).toEqual({ next: 'home' });
  });

  it('within one step a killed code is re-sent at once; a live one still waits 30 seconds', async () => {
    const { employeeId, email } = await person();
    const visitor = new Visitor(t);
    const step = await signIn(visitor, employeeId);
    const resend = () => visitor.api('POST', '/api/v1/login/code/send', { flowId: step.flowId, channel: 'email' });
    expect((await resend()).statusCode).toBe(429);
    const [code] = await codesTo(email);
    for (let i = 0; i < 5; i++) await enter(visitor, step, wrongFor(code!));
    expect((await resend()).statusCode).toBe(202);
    expect((await resend()).statusCode).toBe(429);
    expect((await enter(visitor, step, (await codesTo(email))[0]!)).json()).toEqual({ next: 'home' });
  });

  it('parallel re-sends: of a live code exactly one goes out after 30 seconds; of a killed one, one at once while the window allows', async () => {
    const { employeeId, email } = await person();
    const visitor = new Visitor(t);
    const step = await signIn(visitor, employeeId);
    const resendMany = async (count: number) => {
      const answers = await Promise.all(Array.from({ length: count }, () => visitor.api('POST', '/api/v1/login/code/send', { flowId: step.flowId, channel: 'email' })));
      expect(answers.filter((a) => a.statusCode !== 202 && a.statusCode !== 429)).toEqual([]);
      return answers.filter((a) => a.statusCode === 202).length;
    };
    t.clock.advance(31_000);
    expect(await resendMany(10)).toBe(1);
    expect(await codesTo(email)).toHaveLength(2);
    // Killed by wrong tries: one new code at once, until the first send and 3 re-sends per 15 minutes are used.
    const kill = async () => {
      const [live] = await codesTo(email);
      for (let i = 0; i < 5; i++) await enter(visitor, step, wrongFor(live!));
    };
    await kill();
    expect(await resendMany(10)).toBe(1);
    await kill();
    expect(await resendMany(10)).toBe(1);
    await kill();
    expect(await resendMany(10)).toBe(0);
    expect(await codesTo(email)).toHaveLength(4);
  });

  it('parallel new sign-ins send at most 4 codes in 15 minutes; then a sign-in says no new code went out', async () => {
    const { employeeId, email } = await person();
    const steps = await Promise.all(Array.from({ length: 8 }, () => signIn(new Visitor(t), employeeId)));
    const codes = await codesTo(email);
    expect(codes.length).toBeLessThanOrEqual(4);
    expect(steps.filter((s) => s.codeSent).length).toBe(codes.length);
    // The newest code still works in any of these steps: it is the account's, not the step's.
    const visitor = new Visitor(t);
    const late = await signIn(visitor, employeeId);
    expect(late.codeSent).toBe(false);
    expect((await codesTo(email)).length).toBe(codes.length);
    expect((await visitor.get('/login/code')).body).toContain(TYPE_THE_CODE_WE_SENT);
    // Killed, with the window still full: the page says so, and a re-send names the wait.
    for (let i = 0; i < 5; i++) await enter(visitor, late, wrongFor(codes[0]!));
    expect((await visitor.get('/login/code')).body).toContain(NO_CODE_WAITING);
    const refused = await visitor.api('POST', '/api/v1/login/code/send', { flowId: late.flowId, channel: 'email' });
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(30);
    t.clock.advance(15 * MINUTE);
    expect((await signIn(new Visitor(t), employeeId)).codeSent).toBe(true);
  });
});
