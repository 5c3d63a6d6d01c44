import type { AppDeps, RequestMeta } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import type { Identifier } from '../../identity/normalise.js';
import { claimClientAttempt, settleClientClaim, type ClientThrottlePolicy } from '../../security/client-throttle.js';
import { MINUTE } from '../../security/clock.js';
import {
  accountLockKey,
  claimLoginAttempt,
  identifierLockKey,
  identifierLockKeys,
  recordLoginFailure,
  recordLoginSuccess,
  releaseLoginAttempt,
  resetFailureCounts,
  tryClaimAttempt,
  type LockoutPolicy,
} from '../../security/lockout.js';
import { keyedHash } from '../../security/tokens.js';
import type { Db } from '../../storage/database.js';

// What a sign-in claims BEFORE its password is checked, each in one SQL statement:
// 1. LOGIN-6: a place in the client's budget of failures (429 when it is used up);
// 2. LOGIN-5: a slot of the identifier as typed — it alone decides whether the answer is "locked";
// 3. LOGIN-4: a slot of the account's guess budget, shared by its Employee ID and its e-mail. When
//    it is locked or busy through the other identifier, this attempt is not evaluated and answers
//    like a wrong password (with the time of one).

export type SignInClaim =
  | { kind: 'locked'; retryAfterMs: number }
  | {
      kind: 'claimed';
      /** false: the account's budget is locked or busy through another identifier; do not check the password. */
      evaluate: boolean;
      /** The password was wrong (or not evaluated); `locked`: this failure locked the account (or the unknown identifier). */
      failed(): Promise<{ locked: boolean }>;
      succeeded(): Promise<void>;
      /** The check did not finish (an error): nothing is counted. */
      release(): Promise<void>;
    };

/** Claims of this client or this identifier stayed in flight for the whole wait (claim-wait.ts). */
function busy(): AppError {
  return new AppError('UNAVAILABLE', 'unavailable', { retryAfterSeconds: 1 });
}

export async function claimSignInAttempt(deps: AppDeps, identifier: Identifier, employeeId: string | null, meta: RequestMeta): Promise<SignInClaim> {
  const { config, clock } = deps;
  const { db } = deps.storage;
  const throttle: ClientThrottlePolicy = { limit: config.clientFailureLimit, windowMs: config.clientWindowMinutes * MINUTE };
  const policy: LockoutPolicy = { maxAttempts: config.lockoutAttempts, lockMs: config.lockoutMinutes * MINUTE };

  const client = await claimClientAttempt(db, meta.ip, clock, throttle);
  if (!client.allowed && client.reason === 'busy') throw busy();
  if (!client.allowed) throw new AppError('RATE_LIMITED', 'rateLimited', { retryAfterSeconds: Math.ceil(client.retryAfterMs / 1000) });
  const settleClient = (on: Db, failed: boolean) => settleClientClaim(on, meta.ip, client.windowStart, failed);

  // Identifiers without an account get a lock of their own, keyed so the table holds no typed text.
  const ownKey =
    employeeId !== null && identifier.kind !== 'unknown' ? identifierLockKey(employeeId, identifier.kind) : `identifier:${keyedHash(config.secret, identifier.key)}`;
  const own = await claimLoginAttempt(db, ownKey, clock, policy);
  if (!own.allowed) {
    // Refused without a check: not a failure of this client (LOGIN-6 counts evaluated ones).
    await settleClient(db, false);
    if (own.reason === 'busy') throw busy();
    return { kind: 'locked', retryAfterMs: own.retryAfterMs };
  }

  // One try, no waiting: whether the budget is locked or busy depends on attempts through the
  // OTHER identifier, so it must change neither the answer nor its time (LOGIN-5). Either way this
  // attempt is not evaluated and counts only on its own identifier, like a wrong password.
  const budgetKey = employeeId === null ? null : accountLockKey(employeeId);
  const budget = budgetKey === null ? null : await tryClaimAttempt(db, budgetKey, clock.now(), policy);
  const evaluate = budget === null || budget.outcome === 'claimed';
  const counted = evaluate ? budgetKey : null;

  // The budget is settled before the identifier: an attempt waiting on the identifier must find
  // the budget already free when its own slot frees, or it would be answered "not evaluated".
  return {
    kind: 'claimed',
    evaluate,
    // Each settlement is one transaction: one commit instead of four to six (on PostgreSQL one WAL
    // flush), and the claims are settled together or not at all.
    failed: () =>
      db.transaction().execute(async (trx) => {
        const now = clock.now();
        const shared = counted === null ? null : await recordLoginFailure(trx, counted, now, policy);
        const mine = await recordLoginFailure(trx, ownKey, now, policy);
        // A not-evaluated attempt still counts for the client: otherwise the 429 would come later
        // for an identifier whose account is locked through another one, which would tell.
        await settleClient(trx, true);
        return { locked: shared ? shared.locked : employeeId === null && mine.locked };
      }),
    succeeded: () =>
      db.transaction().execute(async (trx) => {
        const now = clock.now();
        if (counted !== null) await recordLoginSuccess(trx, counted, now);
        await recordLoginSuccess(trx, ownKey, now);
        if (employeeId !== null) await resetFailureCounts(trx, identifierLockKeys(employeeId).filter((key) => key !== ownKey), now);
        await settleClient(trx, false);
      }),
    release: () =>
      db.transaction().execute(async (trx) => {
        const now = clock.now();
        if (counted !== null) await releaseLoginAttempt(trx, counted, now);
        await releaseLoginAttempt(trx, ownKey, now);
        await settleClient(trx, false);
      }),
  };
}
