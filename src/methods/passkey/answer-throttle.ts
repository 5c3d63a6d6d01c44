import type { AppDeps, RequestMeta } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { claimClientAttempt, clientRetryAfterMs, settleClientClaim, type ClientThrottlePolicy } from '../../security/client-throttle.js';
import { MINUTE } from '../../security/clock.js';

// LOGIN-6 for every passkey answer (a sign-in, the code step, a reset's second proof): failed
// answers count for the client as failed passwords do, and a client over its limit gets neither a
// new challenge nor an answer checked.

function clientThrottle(deps: AppDeps): ClientThrottlePolicy {
  return { limit: deps.config.clientFailureLimit, windowMs: deps.config.clientWindowMinutes * MINUTE };
}

/** A client that used up its failures gets no new challenge (nothing to answer it with). */
export async function refuseThrottledClient(deps: AppDeps, meta: RequestMeta): Promise<void> {
  const waitMs = await clientRetryAfterMs(deps.storage.db, meta.ip, deps.clock.now(), clientThrottle(deps));
  if (waitMs > 0) throw new AppError('RATE_LIMITED', 'rateLimited', { retryAfterSeconds: Math.ceil(waitMs / 1000) });
}

/**
 * An answer claims a place in the client's budget of failures before anything is checked, as a
 * password does; `check` clears `outcome.failed` when the answer did not fail (it was right, or it
 * had no challenge to answer).
 */
export async function underClientThrottle<T>(deps: AppDeps, meta: RequestMeta, check: (outcome: { failed: boolean }) => Promise<T>): Promise<T> {
  const { db } = deps.storage;
  const client = await claimClientAttempt(db, meta.ip, deps.clock, clientThrottle(deps));
  if (!client.allowed && client.reason === 'busy') throw new AppError('UNAVAILABLE', 'unavailable', { retryAfterSeconds: 1 });
  if (!client.allowed) throw new AppError('RATE_LIMITED', 'rateLimited', { retryAfterSeconds: Math.ceil(client.retryAfterMs / 1000) });
  const outcome = { failed: true };
  try {
    return await check(outcome);
  } finally {
    await settleClientClaim(db, meta.ip, client.windowStart, outcome.failed);
  }
}
