import type { AppDeps, RequestMeta } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { auditOwnEvent } from '../../audit/record-audit.js';
import { normalisePassword, passwordTooLong } from '../../identity/normalise.js';
import { MINUTE } from '../../security/clock.js';
import {
  accountLockKey,
  claimLoginAttempt,
  identifierLockKeys,
  recordLoginFailure,
  recordLoginSuccess,
  recordUnclaimedFailure,
  releaseLoginAttempt,
  resetFailureCounts,
  type LockoutPolicy,
} from '../../security/lockout.js';
import { findAccountSecurity } from '../../storage/repositories/profile.js';
import type { SignedIn } from '../../session/signed-in.js';

/** SESS-3: a sign-in this recent stands in for the current password. */
export const FRESH_AUTH_MS = 5 * MINUTE;

/**
 * SESS-3: changing the password, e-mail, phone or challenge questions needs the current password,
 * or a sign-in within the last 5 minutes. A typed password is always checked, and it is checked
 * exactly like a sign-in (PROF-2, LOGIN-4): the attempt is claimed on the account's lock before
 * the hash is verified, so a stolen session cannot be used to guess the password either.
 */
export async function confirmFreshAuth(deps: AppDeps, signedIn: SignedIn, current: string | undefined, meta: RequestMeta): Promise<void> {
  const now = deps.clock.now();
  const employeeId = signedIn.profile.employeeId;
  if (current === undefined || current === '') {
    if (now - signedIn.authAt <= FRESH_AUTH_MS) return;
    throw new AppError('INVALID_CREDENTIALS', 'currentPasswordRequired', { fields: { current: 'currentPasswordRequired' } });
  }
  if (passwordTooLong(current)) throw new AppError('VALIDATION', 'passwordTooLong', { fields: { current: 'passwordTooLong' } });

  const { db } = deps.storage;
  const lockKey = accountLockKey(employeeId);
  const policy: LockoutPolicy = { maxAttempts: deps.config.lockoutAttempts, lockMs: deps.config.lockoutMinutes * MINUTE };
  const claim = await claimLoginAttempt(db, lockKey, deps.clock, policy);
  if (!claim.allowed) {
    if (claim.reason === 'busy') throw new AppError('UNAVAILABLE', 'unavailable', { retryAfterSeconds: 1 });
    await auditOwnEvent(deps, meta, employeeId, 'reauth.refused', 'refused', { reason: 'locked' });
    throw new AppError('ACCOUNT_LOCKED', 'accountLocked', { retryAfterSeconds: Math.ceil(claim.retryAfterMs / 1000) });
  }
  let matches: boolean;
  try {
    const account = await findAccountSecurity(db, employeeId);
    matches = account?.passwordHash ? await deps.hasher.verify(account.passwordHash, normalisePassword(current)) : false;
  } catch (error) {
    await releaseLoginAttempt(db, lockKey, deps.clock.now());
    throw error;
  }
  if (!matches) {
    const { locked } = await recordLoginFailure(db, lockKey, deps.clock.now(), policy);
    // LOGIN-5: made as the account itself, so it counts for each of its identifiers too.
    for (const key of identifierLockKeys(employeeId)) await recordUnclaimedFailure(db, key, deps.clock.now(), policy);
    await auditOwnEvent(deps, meta, employeeId, 'reauth.failure', 'failure', { reason: 'invalid_credentials' });
    if (locked) await auditOwnEvent(deps, meta, employeeId, 'login.lockout', 'info', { minutes: deps.config.lockoutMinutes });
    throw new AppError('INVALID_CREDENTIALS', 'currentPasswordWrong', { fields: { current: 'currentPasswordWrong' } });
  }
  await recordLoginSuccess(db, lockKey, deps.clock.now());
  await resetFailureCounts(db, identifierLockKeys(employeeId), deps.clock.now());
}

