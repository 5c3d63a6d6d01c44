import type { Db } from '../storage/database.js';
import { claimClientPlace, findClientWindow, settleClientPlace } from '../storage/repositories/client-failures.js';
import { waitWhileBusy } from './claim-wait.js';
import type { Clock } from './clock.js';

// LOGIN-6: failed sign-ins per client address in a fixed window. A sign-in claims its place
// *before* the password is checked, in one SQL statement, so a burst from one client — on one
// instance or several — never gets more than `limit` evaluated. Only failures count: a claim is
// `pending` while its password is checked, then becomes a failure or is given back (a right
// password, or an attempt the lockout refused without checking). While the free places are all
// pending, a further sign-in waits for them rather than being throttled by a success.

export interface ClientThrottlePolicy {
  limit: number;
  windowMs: number;
}

/**
 * `windowStart` names the window the claim was taken in; settling it touches that window only.
 * `busy`: the places stayed claimed by sign-ins in flight for the whole wait. (A claim an instance
 * never settles, because it stopped mid-check, holds its place until the window ends.)
 */
export type ClientClaim = { allowed: true; windowStart: number } | { allowed: false; reason: 'throttled' | 'busy'; retryAfterMs: number };

type ClientSlot = { outcome: 'claimed'; windowStart: number } | { outcome: 'throttled'; retryAfterMs: number } | { outcome: 'busy' };

async function tryClaimClient(db: Db, client: string, now: number, policy: ClientThrottlePolicy): Promise<ClientSlot> {
  const windowStart = await claimClientPlace(db, client, now, { limit: policy.limit, endedBefore: now - policy.windowMs });
  if (windowStart !== null) return { outcome: 'claimed', windowStart };
  const wait = await clientRetryAfterMs(db, client, now, policy);
  return wait > 0 ? { outcome: 'throttled', retryAfterMs: wait } : { outcome: 'busy' };
}

/** Claims a place for one sign-in of `client`, waiting while the free places are busy with sign-ins in flight. */
export async function claimClientAttempt(db: Db, client: string, clock: Clock, policy: ClientThrottlePolicy): Promise<ClientClaim> {
  const claim = await waitWhileBusy(() => tryClaimClient(db, client, clock.now(), policy));
  if (claim.outcome === 'claimed') return { allowed: true, windowStart: claim.windowStart };
  if (claim.outcome === 'throttled') return { allowed: false, reason: 'throttled', retryAfterMs: claim.retryAfterMs };
  return { allowed: false, reason: 'busy', retryAfterMs: 1000 };
}

/** Ends a claim: a failure counts in the claim's window; anything else gives the place back. */
export async function settleClientClaim(db: Db, client: string, windowStart: number, failed: boolean): Promise<void> {
  await settleClientPlace(db, client, windowStart, failed);
}

/** Milliseconds until the client may try again, or 0 when it may try now. */
export async function clientRetryAfterMs(db: Db, client: string, now: number, policy: ClientThrottlePolicy): Promise<number> {
  const row = await findClientWindow(db, client);
  if (!row || row.window_start <= now - policy.windowMs || row.failures < policy.limit) return 0;
  return row.window_start + policy.windowMs - now;
}
