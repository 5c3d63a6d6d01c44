import { sql, type Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
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

async function tryClaimClient(db: Kysely<Database>, client: string, now: number, policy: ClientThrottlePolicy): Promise<ClientSlot> {
  const windowOver = sql`(client_failures.window_start <= ${now - policy.windowMs})`;
  const claimed = await sql<{ window_start: number }>`
    insert into client_failures (client_key, window_start, failures, pending) values (${client}, ${now}, 0, 1)
    on conflict (client_key) do update set
      window_start = case when ${windowOver} then ${now} else client_failures.window_start end,
      failures = case when ${windowOver} then 0 else client_failures.failures end,
      pending = case when ${windowOver} then 1 else client_failures.pending + 1 end
    where ${windowOver} or client_failures.failures + client_failures.pending < ${policy.limit}
    returning window_start`.execute(db);
  const row = claimed.rows[0];
  if (row) return { outcome: 'claimed', windowStart: Number(row.window_start) };
  const wait = await clientRetryAfterMs(db, client, now, policy);
  return wait > 0 ? { outcome: 'throttled', retryAfterMs: wait } : { outcome: 'busy' };
}

/** Claims a place for one sign-in of `client`, waiting while the free places are busy with sign-ins in flight. */
export async function claimClientAttempt(db: Kysely<Database>, client: string, clock: Clock, policy: ClientThrottlePolicy): Promise<ClientClaim> {
  const claim = await waitWhileBusy(() => tryClaimClient(db, client, clock.now(), policy));
  if (claim.outcome === 'claimed') return { allowed: true, windowStart: claim.windowStart };
  if (claim.outcome === 'throttled') return { allowed: false, reason: 'throttled', retryAfterMs: claim.retryAfterMs };
  return { allowed: false, reason: 'busy', retryAfterMs: 1000 };
}

/** Ends a claim: a failure counts in the claim's window; anything else gives the place back. */
export async function settleClientClaim(db: Kysely<Database>, client: string, windowStart: number, failed: boolean): Promise<void> {
  await sql`
    update client_failures set
      failures = failures + ${failed ? 1 : 0},
      pending = case when pending > 0 then pending - 1 else 0 end
    where client_key = ${client} and window_start = ${windowStart}`.execute(db);
}

/** Milliseconds until the client may try again, or 0 when it may try now. */
export async function clientRetryAfterMs(db: Kysely<Database>, client: string, now: number, policy: ClientThrottlePolicy): Promise<number> {
  const row = await db
    .selectFrom('client_failures')
    .select(['window_start', 'failures'])
    .where('client_key', '=', client)
    .executeTakeFirst();
  if (!row || row.window_start <= now - policy.windowMs || row.failures < policy.limit) return 0;
  return row.window_start + policy.windowMs - now;
}

/** A failure counted without a claim (the recovery questions, whose own counter is claimed first). */
export async function recordClientFailure(db: Kysely<Database>, client: string, now: number, policy: ClientThrottlePolicy): Promise<void> {
  const windowFloor = now - policy.windowMs;
  await sql`
    insert into client_failures (client_key, window_start, failures) values (${client}, ${now}, 1)
    on conflict (client_key) do update set
      failures = case when client_failures.window_start <= ${windowFloor} then 1 else client_failures.failures + 1 end,
      pending = case when client_failures.window_start <= ${windowFloor} then 0 else client_failures.pending end,
      window_start = case when client_failures.window_start <= ${windowFloor} then ${now} else client_failures.window_start end`.execute(db);
}
