// LOGIN-5 per identifier, with one shared guess budget per account: the answer to an identifier
// depends only on the attempts made with that identifier (an account locked through its Employee
// ID does not show as locked to someone probing with its e-mail, which would tell that the two
// belong together), while no second identifier buys extra guesses: during the lock, attempts
// through the other identifier are not evaluated — not even the right password — and answer like
// any wrong password until that identifier's own count locks it. SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, listen, type TestApp } from '../../../test/support/test-app.js';
import { login, seedRegistered } from '../../../test/support/seed.js';
import { ENGINES } from '../../../test/support/databases.js';
import { MINUTE } from '../../security/clock.js';
import { unlockAccount } from '../../identity/unlock-account.js';

const PASSWORD = 'Correct2026';

function snapshot(response: LightMyRequestResponse) {
  const { date: _date, ...headers } = response.headers;
  return { status: response.statusCode, body: response.body, headers };
}

describe.each(ENGINES)('sign-in answers per identifier on %s', (engine) => {
  let t: TestApp;
  let n = 0;
  /** A fresh account with an Employee ID and an e-mail, and a never-seen e-mail to compare with. */
  async function person() {
    n += 1;
    const employeeId = String(733000 + n);
    const email = `person${n}@example.com`;
    await seedRegistered(t.deps, { employeeId, password: PASSWORD, email });
    return { employeeId, email, stranger: `stranger${n}@example.com` };
  }

  beforeAll(async () => {
    t = await createTestApp({ engine, env: { PORTICO_CLIENT_FAILURE_LIMIT: '100000' } });
  });
  afterAll(() => t.close());

  it('locked through the Employee ID, the e-mail answers exactly like a never-seen e-mail, and the right password does not get in', async () => {
    const { employeeId, email, stranger } = await person();
    for (let i = 1; i <= 3; i++) expect((await login(t.app, employeeId, `wrong-${i}`)).statusCode).toBe(401);
    expect((await login(t.app, employeeId, PASSWORD)).statusCode).toBe(423);

    // Through the e-mail, even the right password: the answers of a stranger's e-mail, round by round.
    const rounds: [ReturnType<typeof snapshot>, ReturnType<typeof snapshot>][] = [];
    for (let i = 1; i <= 4; i++) rounds.push([snapshot(await login(t.app, email, PASSWORD)), snapshot(await login(t.app, stranger, `wrong-${i}`))]);
    for (const [mine, theirs] of rounds) expect(mine).toEqual(theirs);
    expect(rounds.map(([mine]) => mine.status)).toEqual([401, 401, 401, 423]);
    expect(rounds.every(([mine]) => mine.headers['set-cookie'] === undefined)).toBe(true);

    // Once the lock is over, the right password gets in through either identifier.
    t.clock.advance(15 * MINUTE + 1000);
    expect((await login(t.app, email, PASSWORD)).json()).toEqual({ next: 'home' });
    expect((await login(t.app, employeeId, PASSWORD)).json()).toEqual({ next: 'home' });
  });

  it('the budget is shared: 2 wrong through the ID and 1 through the e-mail lock the account without either showing it', async () => {
    const { employeeId, email, stranger } = await person();
    expect((await login(t.app, employeeId, 'wrong-1')).statusCode).toBe(401);
    expect((await login(t.app, employeeId, 'wrong-2')).statusCode).toBe(401);
    expect((await login(t.app, email, 'wrong-3')).statusCode).toBe(401);
    // The account has had its 3 guesses; neither identifier has had 3, so neither says "locked".
    const throughId = await login(t.app, employeeId, PASSWORD);
    expect(snapshot(throughId)).toEqual(snapshot(await login(t.app, `${stranger}.id`, 'wrong')));
    expect(throughId.statusCode).toBe(401);
    expect((await login(t.app, email, PASSWORD)).statusCode).toBe(401);
    t.clock.advance(15 * MINUTE + 1000);
    expect((await login(t.app, employeeId, PASSWORD)).json()).toEqual({ next: 'home' });
  });

  it('a success through one identifier lets the other start counting afresh (LOGIN-4: a success resets the count)', async () => {
    const { employeeId, email } = await person();
    expect((await login(t.app, employeeId, 'wrong-1')).statusCode).toBe(401);
    expect((await login(t.app, employeeId, 'wrong-2')).statusCode).toBe(401);
    expect((await login(t.app, email, PASSWORD)).json()).toEqual({ next: 'home' });
    expect((await login(t.app, employeeId, 'wrong-3')).statusCode).toBe(401);
    expect((await login(t.app, employeeId, 'wrong-4')).statusCode).toBe(401);
    expect((await login(t.app, employeeId, PASSWORD)).json()).toEqual({ next: 'home' });
  });

  it('a help-desk unlock clears what every identifier of the account answers', async () => {
    const { employeeId, email } = await person();
    for (let i = 1; i <= 3; i++) await login(t.app, employeeId, `wrong-${i}`);
    for (let i = 1; i <= 3; i++) await login(t.app, email, `wrong-${i}`);
    expect((await login(t.app, employeeId, PASSWORD)).statusCode).toBe(423);
    expect((await login(t.app, email, PASSWORD)).statusCode).toBe(423);
    expect(await unlockAccount(t.deps, { employeeId, reason: 'caller verified', actorId: null, now: t.clock.now(), via: 'cli' })).toBe(true);
    expect((await login(t.app, email, PASSWORD)).json()).toEqual({ next: 'home' });
    expect((await login(t.app, employeeId, PASSWORD)).json()).toEqual({ next: 'home' });
  });

  it('a parallel burst through both identifiers evaluates at most 3 guesses', async () => {
    const { employeeId, email } = await person();
    const base = await listen(t.app);
    const statuses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        fetch(`${base}/api/v1/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ identifier: i % 2 === 0 ? employeeId : email, password: `wrong-${i}` }),
        }).then(async (r) => (await r.arrayBuffer(), r.status)),
      ),
    );
    expect(statuses.filter((s) => s !== 401 && s !== 423)).toEqual([]);
    // Black-box, a guess that was not evaluated looks like a wrong one; the audit log tells them apart.
    const evaluated = await t.deps.storage.db
      .selectFrom('audit_events')
      .select('detail')
      .where('subject_id', '=', employeeId)
      .where('event', '=', 'login.failure')
      .execute();
    expect(evaluated.filter((e) => (e.detail ?? '').includes('invalid_credentials')).length).toBeLessThanOrEqual(3);
    // And the right password, through either identifier, does not get in during the lock.
    expect((await login(t.app, employeeId, PASSWORD)).statusCode).not.toBe(200);
    expect((await login(t.app, email, PASSWORD)).statusCode).not.toBe(200);
  });
});
