import { sql, type Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import { waitWhileBusy } from './claim-wait.js';
import { MINUTE, type Clock } from './clock.js';

// LOGIN-4: each attempt claims a slot *before* the password is checked, in one SQL statement, so
// a burst of parallel requests or several instances can never evaluate more than `maxAttempts`
// guesses (DESIGN rule 7). A claim stays `pending` until its check ends: a failure turns it into a
// failure (the one that reaches the limit locks), a success resets the count. A claim in flight is
// not a failure, so when every slot is pending a further attempt waits for them instead of being
// told "locked" — parallel sign-ins with the right password never read a false lock message.

export interface LockoutPolicy {
  maxAttempts: number;
  lockMs: number;
}

/** A claim nobody settled for this long (an instance stopped mid-check) no longer holds its slot. */
export const STALE_CLAIM_MS = 2 * MINUTE;

export type AttemptClaim = { allowed: true } | { allowed: false; reason: 'locked' | 'busy'; retryAfterMs: number };

type SlotClaim = { outcome: 'claimed' } | { outcome: 'locked'; retryAfterMs: number } | { outcome: 'busy' };

/** One try at a slot: claimed, refused by a lock, or busy (every free slot is claimed by attempts in flight). */
export async function tryClaimAttempt(db: Kysely<Database>, key: string, now: number, policy: LockoutPolicy): Promise<SlotClaim> {
  const lockOver = sql`(login_attempts.locked_until is not null and login_attempts.locked_until <= ${now})`;
  const staleClaims = sql`(login_attempts.pending > 0 and login_attempts.updated_at <= ${now - STALE_CLAIM_MS} and login_attempts.failures < ${policy.maxAttempts})`;
  const claimed = await sql<{ key: string }>`
    insert into login_attempts (key, failures, pending, locked_until, updated_at) values (${key}, 0, 1, null, ${now})
    on conflict (key) do update set
      failures = case when ${lockOver} then 0 else login_attempts.failures end,
      pending = case when ${lockOver} or ${staleClaims} then 1 else login_attempts.pending + 1 end,
      locked_until = null,
      updated_at = ${now}
    where ${lockOver}
       or (login_attempts.locked_until is null
           and (login_attempts.failures + login_attempts.pending < ${policy.maxAttempts} or ${staleClaims}))
    returning key`.execute(db);
  if (claimed.rows.length > 0) return { outcome: 'claimed' };
  // Refused: only the message depends on why, so reading the row here changes nothing.
  const row = await db.selectFrom('login_attempts').select('locked_until').where('key', '=', key).executeTakeFirst();
  if (row?.locked_until != null && row.locked_until > now) return { outcome: 'locked', retryAfterMs: row.locked_until - now };
  return { outcome: 'busy' };
}

/** Claims a slot, waiting while the slots are busy with attempts in flight (claim-wait.ts). */
export async function claimLoginAttempt(db: Kysely<Database>, key: string, clock: Clock, policy: LockoutPolicy): Promise<AttemptClaim> {
  const claim = await waitWhileBusy(() => tryClaimAttempt(db, key, clock.now(), policy));
  if (claim.outcome === 'claimed') return { allowed: true };
  if (claim.outcome === 'locked') return { allowed: false, reason: 'locked', retryAfterMs: claim.retryAfterMs };
  return { allowed: false, reason: 'busy', retryAfterMs: 1000 };
}

/** The claimed attempt failed: when it used the last slot, the lock starts now. */
export async function recordLoginFailure(db: Kysely<Database>, key: string, now: number, policy: LockoutPolicy): Promise<{ locked: boolean }> {
  const result = await sql<{ locked_until: number | null }>`
    update login_attempts set
      failures = failures + 1,
      pending = case when pending > 0 then pending - 1 else 0 end,
      locked_until = case when failures + 1 >= ${policy.maxAttempts} then cast(${now + policy.lockMs} as bigint) else null end,
      updated_at = ${now}
    where key = ${key} and locked_until is null
    returning locked_until`.execute(db);
  return { locked: result.rows[0]?.locked_until != null };
}

/**
 * A failure that claimed nothing on `key`: a wrong current password (SESS-3) counts as an attempt
 * through each identifier of the account, so its owner reads "locked" whichever they sign in with.
 */
export async function recordUnclaimedFailure(db: Kysely<Database>, key: string, now: number, policy: LockoutPolicy): Promise<void> {
  const lockUntil = policy.maxAttempts <= 1 ? now + policy.lockMs : null;
  await sql`
    insert into login_attempts (key, failures, pending, locked_until, updated_at) values (${key}, 1, 0, ${lockUntil}, ${now})
    on conflict (key) do update set
      failures = case when login_attempts.locked_until is not null then login_attempts.failures else login_attempts.failures + 1 end,
      locked_until = case when login_attempts.locked_until is null and login_attempts.failures + 1 >= ${policy.maxAttempts}
                          then cast(${now + policy.lockMs} as bigint) else login_attempts.locked_until end,
      updated_at = ${now}`.execute(db);
}

/**
 * After a success, the other identifiers of the account start counting afresh (LOGIN-4: a success
 * resets the count). Their locks stay, and so do their claims in flight.
 */
export async function resetFailureCounts(db: Kysely<Database>, keys: string[], now: number): Promise<void> {
  await db.updateTable('login_attempts').set({ failures: 0, updated_at: now }).where('key', 'in', keys).where('failures', '>', 0).where('locked_until', 'is', null).execute();
}

/** A success resets the count of consecutive failures (LOGIN-4) and settles its claim. */
export async function recordLoginSuccess(db: Kysely<Database>, key: string, now: number): Promise<void> {
  await settle(db, key, now, { reset: true });
}

/** The claimed attempt was not checked after all (an error): its slot is free again, nothing is counted. */
export async function releaseLoginAttempt(db: Kysely<Database>, key: string, now: number): Promise<void> {
  await settle(db, key, now, { reset: false });
}

async function settle(db: Kysely<Database>, key: string, now: number, options: { reset: boolean }): Promise<void> {
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

/**
 * Help desk and recovery clear the temporary lock (RECOV-8, `portico unlock`). An account's key
 * also clears what its Employee ID and e-mail answer (LOGIN-5), so the person can sign in at once.
 */
export async function clearLoginLock(db: Kysely<Database>, key: string): Promise<void> {
  const employeeId = key.startsWith(ACCOUNT_PREFIX) ? key.slice(ACCOUNT_PREFIX.length) : null;
  const keys = employeeId !== null && !employeeId.includes(':') ? [key, ...identifierLockKeys(employeeId)] : [key];
  await db.deleteFrom('login_attempts').where('key', 'in', keys).execute();
}

const ACCOUNT_PREFIX = 'account:';

/** The lockout key of an account: its guess budget, shared by all its identifiers (LOGIN-4/5). */
export function accountLockKey(employeeId: string): string {
  return `${ACCOUNT_PREFIX}${employeeId}`;
}

/** What one identifier of an account answers (LOGIN-5): counted per identifier, cleared with the account's lock. */
export function identifierLockKey(employeeId: string, kind: 'employeeId' | 'email'): string {
  return `${accountLockKey(employeeId)}:${kind === 'employeeId' ? 'id' : 'email'}`;
}

/** Both identifiers' keys of an account. */
export function identifierLockKeys(employeeId: string): string[] {
  return [identifierLockKey(employeeId, 'employeeId'), identifierLockKey(employeeId, 'email')];
}

/** The lockout key of an account's authenticator and recovery codes (they have no "new code" to ask for). */
export function secondFactorLockKey(employeeId: string): string {
  return `second_factor:${employeeId}`;
}
