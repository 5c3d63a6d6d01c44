import { sql, type Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';

// LOGIN-4: each attempt claims a slot *before* the password is checked, in one SQL statement, so
// a burst of parallel requests or several instances can never evaluate more than `maxAttempts`
// guesses (DESIGN rule 7). A success gives the slots back; a failure that uses the last one locks.

export interface LockoutPolicy {
  maxAttempts: number;
  lockMs: number;
}

export type AttemptClaim = { allowed: true } | { allowed: false; retryAfterMs: number };

export async function claimLoginAttempt(db: Kysely<Database>, key: string, now: number, policy: LockoutPolicy): Promise<AttemptClaim> {
  const lockUntil = now + policy.lockMs;
  const result = await sql<{ failures: number; locked_until: number | null }>`
    insert into login_attempts (key, failures, locked_until, updated_at) values (${key}, 1, null, ${now})
    on conflict (key) do update set
      failures = case when login_attempts.locked_until is not null and login_attempts.locked_until <= ${now}
                      then 1 else login_attempts.failures + 1 end,
      locked_until = case
        when login_attempts.locked_until is not null and login_attempts.locked_until <= ${now} then null
        when login_attempts.locked_until is null and login_attempts.failures + 1 > ${policy.maxAttempts} then ${lockUntil}
        else login_attempts.locked_until end,
      updated_at = ${now}
    returning failures, locked_until`.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error('login_attempts upsert returned no row');
  if (row.locked_until !== null && row.locked_until > now) return { allowed: false, retryAfterMs: row.locked_until - now };
  if (row.failures > policy.maxAttempts) return { allowed: false, retryAfterMs: policy.lockMs };
  return { allowed: true };
}

/** The claimed attempt failed: when it used the last slot, the lock starts now. */
export async function recordLoginFailure(db: Kysely<Database>, key: string, now: number, policy: LockoutPolicy): Promise<{ locked: boolean }> {
  const result = await db
    .updateTable('login_attempts')
    .set({ locked_until: now + policy.lockMs, updated_at: now })
    .where('key', '=', key)
    .where('failures', '>=', policy.maxAttempts)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .executeTakeFirst();
  return { locked: Number(result.numUpdatedRows) > 0 };
}

/** A success resets the count of consecutive failures (LOGIN-4). */
export async function recordLoginSuccess(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('key', '=', key).execute();
}

/** Help desk and recovery clear the temporary lock (RECOV-8, `portico unlock`). */
export async function clearLoginLock(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('key', '=', key).execute();
}

/** The lockout key of an account; identifiers without one are keyed by their keyed hash (LOGIN-5). */
export function accountLockKey(employeeId: string): string {
  return `account:${employeeId}`;
}

/** The lockout key of an account's authenticator and recovery codes (they have no "new code" to ask for). */
export function secondFactorLockKey(employeeId: string): string {
  return `second_factor:${employeeId}`;
}
