// Codes (MFA-2, REG-3): 10 minutes, single use, 5 tries even under a parallel burst, replaced once
// (dead, or after 30 s), bound to their owner and purpose. The send limits: send-code.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, createTestStorage } from '../../../test/support/databases.js';
import type { Storage } from '../../storage/database.js';
import { insertEmployeeWithAccount } from '../../storage/repositories/employees.js';
import { checkCode, findCurrentCode, issueCode, type CodeOwner } from './codes.js';

const SECRET = Buffer.from('codes-test-secret-0123456789abcdefghij');
const T0 = Date.UTC(2026, 3, 1, 9);

describe.each(ENGINES)('one-time codes on %s', (engine) => {
  let storage: Storage;
  let n = 0;
  const owner = async (): Promise<CodeOwner> => {
    const employeeId = `55500${n++}`;
    await insertEmployeeWithAccount(storage.db, { employeeId, givenName: 'C', familyName: 'D', country: 'US', status: 'active' }, {}, T0);
    return { employeeId, purpose: 'register_email', channel: 'email' };
  };
  beforeAll(async () => {
    storage = await createTestStorage(engine);
  });
  afterAll(() => storage.close());

  const issue = async (who: CodeOwner, now = T0) => {
    const result = await issueCode(storage.db, SECRET, who, 'x@example.com', now);
    if (!result.issued) throw new Error('not issued');
    return result.code;
  };

  it('is 6 digits, works once, and remembers where it was sent', async () => {
    const who = await owner();
    const code = await issue(who);
    expect(code).toMatch(/^\d{6}$/);
    expect(await checkCode(storage.db, SECRET, who, code, T0 + 1000)).toEqual({ valid: true, destination: 'x@example.com' });
    expect((await checkCode(storage.db, SECRET, who, code, T0 + 2000)).valid).toBe(false);
  });

  it('expires after 10 minutes', async () => {
    const who = await owner();
    const code = await issue(who);
    expect(await checkCode(storage.db, SECRET, who, code, T0 + 10 * 60_000)).toEqual({ valid: false, dead: true });
  });

  it('is dead after 5 wrong tries, even for the right value', async () => {
    const who = await owner();
    const code = await issue(who);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expect((await checkCode(storage.db, SECRET, who, wrong, T0)).valid).toBe(false);
    expect(await checkCode(storage.db, SECRET, who, code, T0)).toEqual({ valid: false, dead: true });
  });

  it('a burst of 30 parallel wrong codes evaluates at most 5', async () => {
    const who = await owner();
    const code = await issue(who);
    const wrong = code === '000000' ? '111111' : '000000';
    await Promise.all(Array.from({ length: 30 }, () => checkCode(storage.db, SECRET, who, wrong, T0)));
    const row = await storage.db.selectFrom('verification_codes').select('attempts').where('employee_id', '=', who.employeeId).executeTakeFirstOrThrow();
    expect(row.attempts).toBe(5);
    expect((await checkCode(storage.db, SECRET, who, code, T0)).valid).toBe(false);
  });

  it('a new code voids the old; replacing the current one needs it dead or 30 seconds old, and happens once', async () => {
    const who = await owner();
    const first = await issue(who);
    const current = await findCurrentCode(storage.db, who, T0 + 29_000);
    expect(current).toMatchObject({ createdAt: T0, live: true });
    expect(await issueCode(storage.db, SECRET, who, 'x@example.com', T0 + 29_000, { replaces: current!.id })).toEqual({ issued: false });
    // Of parallel replacements of the same code, exactly one goes through.
    const parallel = await Promise.all(Array.from({ length: 8 }, () => issueCode(storage.db, SECRET, who, 'x@example.com', T0 + 30_000, { replaces: current!.id })));
    expect(parallel.filter((r) => r.issued)).toHaveLength(1);
    expect((await checkCode(storage.db, SECRET, who, first, T0 + 31_000)).valid).toBe(false);
    // A dead code (here: used) may be replaced at once.
    const second = (await findCurrentCode(storage.db, who, T0 + 31_000))!;
    const code = parallel.find((r) => r.issued)!;
    expect(await checkCode(storage.db, SECRET, who, code.issued ? code.code : '', T0 + 31_000)).toMatchObject({ valid: true });
    expect((await findCurrentCode(storage.db, who, T0 + 31_000))?.live).toBe(false);
    expect((await issueCode(storage.db, SECRET, who, 'x@example.com', T0 + 32_000, { replaces: second.id })).issued).toBe(true);
  });

  it("another account's or another purpose's code is refused", async () => {
    const alice = await owner();
    const bob = await owner();
    const code = await issue(alice);
    await issue(bob);
    expect((await checkCode(storage.db, SECRET, bob, code, T0)).valid).toBe(false);
    expect((await checkCode(storage.db, SECRET, { ...alice, purpose: 'profile_email' }, code, T0)).valid).toBe(false);
  });
});
