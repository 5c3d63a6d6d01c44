// The one send-code path (MFA-2, RECOV-3, REG-3) on SQLite and PostgreSQL: the 30-second wait
// guards only a live code; a fresh flow or a dead code sends at once; the first send and 3
// re-sends per 15 minutes stay the limit, claimed atomically so parallel sends never exceed it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { ENGINES } from '../../../test/support/databases.js';
import { queuedMessageData } from '../../../test/support/queued-messages.js';
import { insertEmployeeWithAccount } from '../../storage/repositories/employees.js';
import { MINUTE } from '../../security/clock.js';
import { checkCode, type CodeOwner } from './codes.js';
import { hasLiveCode, sendCode, type CodeSend } from './send-code.js';

describe.each(ENGINES)('sending codes on %s', (engine) => {
  let t: TestApp;
  let n = 0;
  beforeAll(async () => {
    t = await createTestApp({ engine });
  });
  afterAll(() => t.close());

  async function person(): Promise<{ owner: CodeOwner; send: (fresh?: boolean) => ReturnType<typeof sendCode>; to: string }> {
    n += 1;
    const employeeId = `55600${n}`;
    await insertEmployeeWithAccount(t.deps.storage.db, { employeeId, givenName: 'C', familyName: 'D', country: 'US', status: 'active' }, {}, t.clock.now());
    const owner: CodeOwner = { employeeId, purpose: 'login_email', channel: 'email' };
    const to = `send${n}@example.com`;
    const request = (fresh: boolean): CodeSend => ({ owner, to, language: 'en', message: { kind: 'sign-in' }, fresh });
    return { owner, to, send: (fresh = false) => sendCode(t.deps, request(fresh)) };
  }
  const codesTo = async (to: string) => (await queuedMessageData(t.deps, to)).map((d) => d.code!);

  it('waits 30 seconds between codes only while the last one is live', async () => {
    const { owner, to, send } = await person();
    expect(await send()).toEqual({ sent: true });
    expect(await hasLiveCode(t.deps, owner)).toBe(true);
    t.clock.advance(10_000);
    expect(await send()).toEqual({ sent: false, retryAfterMs: 20_000 });
    // A new flow's first send does not wait.
    expect(await send(true)).toEqual({ sent: true });
    // Used: the next one goes at once.
    const [latest] = await codesTo(to);
    expect((await checkCode(t.deps.storage.db, t.deps.config.secret, owner, latest!, t.clock.now())).valid).toBe(true);
    expect(await hasLiveCode(t.deps, owner)).toBe(false);
    expect(await send()).toEqual({ sent: true });
    // The count per window: the first send and 3 re-sends, whatever the kind of send.
    expect(await send(true)).toEqual({ sent: true });
    const refused = await send(true);
    expect(refused.sent).toBe(false);
    expect(!refused.sent && refused.retryAfterMs).toBe(15 * MINUTE - 10_000);
    t.clock.advance(15 * MINUTE - 10_000);
    expect(await send(true)).toEqual({ sent: true });
    expect(await codesTo(to)).toHaveLength(5);
  });

  it('parallel fresh sends never exceed the first send and 3 re-sends per 15 minutes', async () => {
    const { to, send } = await person();
    const results = await Promise.all(Array.from({ length: 12 }, () => send(true)));
    expect(results.filter((r) => r.sent)).toHaveLength(4);
    expect(await codesTo(to)).toHaveLength(4);
  });

  it('parallel re-sends of a code old enough: exactly one goes out', async () => {
    const { to, send } = await person();
    await send();
    t.clock.advance(31_000);
    const results = await Promise.all(Array.from({ length: 12 }, () => send()));
    expect(results.filter((r) => r.sent)).toHaveLength(1);
    expect(await codesTo(to)).toHaveLength(2);
  });
});
