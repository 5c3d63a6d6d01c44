import { sql } from 'kysely';
import type { Db } from '../database.js';

// The `login_attempts` counters of LOGIN-4/5 (security/lockout.ts holds the policy). Every change
// of a count, a claim or a lock is ONE statement (DESIGN rule 7), exact under bursts and across instances.

export interface AttemptLimits {
  maxAttempts: number;
  /** Claims older than this that never settled no longer hold their slot. */
  staleBefore: number;
}

/** Takes a slot in one statement; false when a lock or the claims in flight refuse it. */
export async function claimAttemptSlot(db: Db, key: string, now: number, limits: AttemptLimits): Promise<boolean> {
  const lockOver = sql`(login_attempts.locked_until is not null and login_attempts.locked_until <= ${now})`;
  const staleClaims = sql`(login_attempts.pending > 0 and login_attempts.updated_at <= ${limits.staleBefore} and login_attempts.failures < ${limits.maxAttempts})`;
  const claimed = await sql<{ key: string }>`
    insert into login_attempts (key, failures, pending, locked_until, updated_at) values (${key}, 0, 1, null, ${now})
    on conflict (key) do update set
      failures = case when ${lockOver} then 0 else login_attempts.failures end,
      pending = case when ${lockOver} or ${staleClaims} then 1 else login_attempts.pending + 1 end,
      locked_until = null,
      updated_at = ${now}
    where ${lockOver}
       or (login_attempts.locked_until is null
           and (login_attempts.failures + login_attempts.pending < ${limits.maxAttempts} or ${staleClaims}))
    returning key`.execute(db);
  return claimed.rows.length > 0;
}

export async function findLockedUntil(db: Db, key: string): Promise<number | null> {
  const row = await db.selectFrom('login_attempts').select('locked_until').where('key', '=', key).executeTakeFirst();
  return row?.locked_until ?? null;
}

/** A claimed attempt failed; the failure that reaches `maxAttempts` locks until `lockUntil`. True when locked now. */
export async function countClaimedFailure(db: Db, key: string, now: number, limit: { maxAttempts: number; lockUntil: number }): Promise<boolean> {
  const result = await sql<{ locked_until: number | null }>`
    update login_attempts set
      failures = failures + 1,
      pending = case when pending > 0 then pending - 1 else 0 end,
      locked_until = case when failures + 1 >= ${limit.maxAttempts} then cast(${limit.lockUntil} as bigint) else null end,
      updated_at = ${now}
    where key = ${key} and locked_until is null
    returning locked_until`.execute(db);
  return result.rows[0]?.locked_until != null;
}

/** A failure with no claim on `key`; `lockNow` is the lock of a first row when one failure is already the limit. */
export async function countUnclaimedFailure(
  db: Db,
  key: string,
  now: number,
  limit: { maxAttempts: number; lockUntil: number; lockNow: number | null },
): Promise<void> {
  await sql`
    insert into login_attempts (key, failures, pending, locked_until, updated_at) values (${key}, 1, 0, ${limit.lockNow}, ${now})
    on conflict (key) do update set
      failures = case when login_attempts.locked_until is not null then login_attempts.failures else login_attempts.failures + 1 end,
      locked_until = case when login_attempts.locked_until is null and login_attempts.failures + 1 >= ${limit.maxAttempts}
                          then cast(${limit.lockUntil} as bigint) else login_attempts.locked_until end,
      updated_at = ${now}`.execute(db);
}

/** Unlocked counts of `keys` start afresh; locks and claims in flight stay. */
export async function resetUnlockedFailures(db: Db, keys: string[], now: number): Promise<void> {
  await db.updateTable('login_attempts').set({ failures: 0, updated_at: now }).where('key', 'in', keys).where('failures', '>', 0).where('locked_until', 'is', null).execute();
}

/** Settles a claim: `reset` also zeroes the failures and lifts the lock. An empty row is then dropped. */
export async function settleAttemptClaim(db: Db, key: string, now: number, options: { reset: boolean }): Promise<void> {
  await sql`
    update login_attempts set
      pending = case when pending > 0 then pending - 1 else 0 end,
      failures = ${options.reset ? sql`0` : sql`failures`},
      locked_until = ${options.reset ? sql`null` : sql`locked_until`},
      updated_at = ${now}
    where key = ${key}`.execute(db);
  // An empty row says nothing; dropping it keeps the table as small as the accounts under attack.
  await db.deleteFrom('login_attempts').where('key', '=', key).where('pending', '=', 0).where('failures', '=', 0).where('locked_until', 'is', null).execute();
}

export async function deleteLoginAttempts(db: Db, keys: string[]): Promise<void> {
  await db.deleteFrom('login_attempts').where('key', 'in', keys).execute();
}

/** The temporary locks of `keys` (the console's queue shows them), with their end times. */
export async function listLoginLocks(db: Db, keys: string[]): Promise<{ key: string; lockedUntil: number | null }[]> {
  const rows = await db.selectFrom('login_attempts').select(['key', 'locked_until']).where('key', 'in', keys).execute();
  return rows.map((row) => ({ key: row.key, lockedUntil: row.locked_until === null ? null : Number(row.locked_until) }));
}
