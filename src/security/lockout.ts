import type { Db } from '../storage/database.js';
import {
  claimAttemptSlot,
  countClaimedFailure,
  countUnclaimedFailure,
  deleteLoginAttempts,
  findLockedUntil,
  resetUnlockedFailures,
  settleAttemptClaim,
} from '../storage/repositories/login-attempts.js';
import { waitWhileBusy } from './claim-wait.js';
import { MINUTE, type Clock } from './clock.js';

// LOGIN-4: each attempt claims a slot *before* the password is checked, in one SQL statement, so
// a burst of parallel requests or several instances can never evaluate more than `maxAttempts`
// guesses (DESIGN rule 7). A claim stays `pending` until its check ends: a failure turns it into a
// failure (the one that reaches the limit locks), a success resets the count. A claim in flight is
// not a failure, so when every slot is pending a further attempt waits for them instead of being
// told "locked" — parallel sign-ins with the right password never read a false lock message.

/** RECOV-7: consecutive wrong answer sets before the questions lock (methods/challenge-questions). */
export const ANSWER_SETS_BEFORE_LOCK = 3;

export interface LockoutPolicy {
  maxAttempts: number;
  lockMs: number;
}

/** A claim nobody settled for this long (an instance stopped mid-check) no longer holds its slot. */
export const STALE_CLAIM_MS = 2 * MINUTE;

export type AttemptClaim = { allowed: true } | { allowed: false; reason: 'locked' | 'busy'; retryAfterMs: number };

type SlotClaim = { outcome: 'claimed' } | { outcome: 'locked'; retryAfterMs: number } | { outcome: 'busy' };

/** One try at a slot: claimed, refused by a lock, or busy (every free slot is claimed by attempts in flight). */
export async function tryClaimAttempt(db: Db, key: string, now: number, policy: LockoutPolicy): Promise<SlotClaim> {
  const claimed = await claimAttemptSlot(db, key, now, { maxAttempts: policy.maxAttempts, staleBefore: now - STALE_CLAIM_MS });
  if (claimed) return { outcome: 'claimed' };
  // Refused: only the message depends on why, so reading the row here changes nothing.
  const lockedUntil = await findLockedUntil(db, key);
  if (lockedUntil !== null && lockedUntil > now) return { outcome: 'locked', retryAfterMs: lockedUntil - now };
  return { outcome: 'busy' };
}

/** Claims a slot, waiting while the slots are busy with attempts in flight (claim-wait.ts). */
export async function claimLoginAttempt(db: Db, key: string, clock: Clock, policy: LockoutPolicy): Promise<AttemptClaim> {
  const claim = await waitWhileBusy(() => tryClaimAttempt(db, key, clock.now(), policy));
  if (claim.outcome === 'claimed') return { allowed: true };
  if (claim.outcome === 'locked') return { allowed: false, reason: 'locked', retryAfterMs: claim.retryAfterMs };
  return { allowed: false, reason: 'busy', retryAfterMs: 1000 };
}

/** The claimed attempt failed: when it used the last slot, the lock starts now. */
export async function recordLoginFailure(db: Db, key: string, now: number, policy: LockoutPolicy): Promise<{ locked: boolean }> {
  const locked = await countClaimedFailure(db, key, now, { maxAttempts: policy.maxAttempts, lockUntil: now + policy.lockMs });
  return { locked };
}

/**
 * A failure that claimed nothing on `key`: a wrong current password (SESS-3) counts as an attempt
 * through each identifier of the account, so its owner reads "locked" whichever they sign in with.
 */
export async function recordUnclaimedFailure(db: Db, key: string, now: number, policy: LockoutPolicy): Promise<void> {
  const lockUntil = now + policy.lockMs;
  await countUnclaimedFailure(db, key, now, { maxAttempts: policy.maxAttempts, lockUntil, lockNow: policy.maxAttempts <= 1 ? lockUntil : null });
}

/**
 * After a success, the other identifiers of the account start counting afresh (LOGIN-4: a success
 * resets the count). Their locks stay, and so do their claims in flight.
 */
export async function resetFailureCounts(db: Db, keys: string[], now: number): Promise<void> {
  await resetUnlockedFailures(db, keys, now);
}

/** A success resets the count of consecutive failures (LOGIN-4) and settles its claim. */
export async function recordLoginSuccess(db: Db, key: string, now: number): Promise<void> {
  await settleAttemptClaim(db, key, now, { reset: true });
}

/** The claimed attempt was not checked after all (an error): its slot is free again, nothing is counted. */
export async function releaseLoginAttempt(db: Db, key: string, now: number): Promise<void> {
  await settleAttemptClaim(db, key, now, { reset: false });
}

/**
 * Help desk and recovery clear the temporary lock (RECOV-8, `portico unlock`). An account's key
 * also clears what its Employee ID and e-mail answer (LOGIN-5), so the person can sign in at once.
 */
export async function clearLoginLock(db: Db, key: string): Promise<void> {
  const employeeId = key.startsWith(ACCOUNT_PREFIX) ? key.slice(ACCOUNT_PREFIX.length) : null;
  const keys = employeeId !== null && !employeeId.includes(':') ? [key, ...identifierLockKeys(employeeId)] : [key];
  await deleteLoginAttempts(db, keys);
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
