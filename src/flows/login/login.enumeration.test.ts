// LOGIN-5: known, unregistered and unknown identifiers answer byte-for-byte the same to a wrong
// password, including the lockout answer after 3 failures, and in the same time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { login, seedRegistered, seedUnregistered } from '../../../test/support/seed.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { PORTICO_CLIENT_FAILURE_LIMIT: '100000' } });
  await seedRegistered(t.deps, { employeeId: '111111', password: 'Known2026' });
  await seedRegistered(t.deps, { employeeId: '555555', password: 'Known2026', email: 'known@example.com' });
  await seedUnregistered(t.deps, { employeeId: '222222', pin: 'abcd2345' });
});
afterAll(() => t.close());

function snapshot(response: Awaited<ReturnType<typeof login>>) {
  const { date: _date, ...headers } = response.headers;
  return { status: response.statusCode, body: response.body, headers };
}

describe('no account enumeration on sign-in', () => {
  it('wrong passwords: identical status, headers and body, through the lockout', async () => {
    const identifiers = ['111111', '222222', '999999', 'known@example.com', 'nobody@example.com'];
    const rounds: ReturnType<typeof snapshot>[][] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      rounds.push(await Promise.all(identifiers.map(async (id) => snapshot(await login(t.app, id, `wrong-${attempt}`)))));
    }
    for (const round of rounds) for (const answer of round) expect(answer).toEqual(round[0]);
    expect(rounds.map((round) => round[0]!.status)).toEqual([401, 401, 401, 423, 423]);
    expect(rounds[3]![0]!.headers['set-cookie']).toBeUndefined();
  });

});
