import { randomInt } from 'node:crypto';
import { sql, type ExpressionBuilder } from 'kysely';
import type { Database } from '../storage/schema.js';
import type { Storage } from '../storage/database.js';
import { HOUR, MINUTE } from '../security/clock.js';

// The queue's state changes, each one SQL statement (DESIGN rule 7), so that several workers on
// one PostgreSQL database never send a message twice and a crashed worker loses nothing.

export interface ClaimedMessage {
  id: number;
  channel: 'email' | 'sms';
  recipient: string;
  template: string;
  language: string;
  data: string;
  /** Attempts including this one. */
  attempts: number;
  /** The claim's lease; results are only recorded while it is still ours. */
  claimedUntil: number;
}

/** Longer than the slowest send (every network call has a 10 s timeout), so a live claim never expires. */
export const CLAIM_LEASE_MS = 5 * MINUTE;
export const MAX_ATTEMPTS = 10;
const BACKOFF_MS = [15_000, MINUTE, 5 * MINUTE, 15 * MINUTE, HOUR, 2 * HOUR, 4 * HOUR];
const MAX_BACKOFF_MS = 6 * HOUR;

/** Delay before attempt `attempts + 1`: growing steps, capped, plus up to 20 % jitter so retries spread out. */
export function computeBackoff(attempts: number): number {
  const base = BACKOFF_MS[Math.max(0, attempts - 1)] ?? MAX_BACKOFF_MS;
  return base + randomInt(Math.floor(base / 5) + 1);
}

/**
 * Claims up to `limit` due messages in one statement: pending ones whose time has come, and ones
 * left `sending` by a worker whose lease ran out (crash recovery). PostgreSQL skips rows another
 * worker is claiming at the same moment; SQLite has a single writer, so the statement is atomic.
 */
export async function claimDueMessages(storage: Storage, now: number, limit: number): Promise<ClaimedMessage[]> {
  const { db } = storage;
  const claimedUntil = now + CLAIM_LEASE_MS;
  const isDue = (eb: ExpressionBuilder<Database, 'messages'>) =>
    eb.or([
      eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
      eb.and([eb('status', '=', 'sending'), eb('claimed_until', '<', now)]),
    ]);
  // MATERIALIZED: the batch is chosen once. Left to the planner, `id IN (SELECT … LIMIT n)` may be
  // re-run for each row it updates, and with SKIP LOCKED every re-run finds n more rows.
  const rows = await db
    .with(
      (cte) => cte('due').materialized(),
      (qb) => {
        const due = qb.selectFrom('messages').select('id').where(isDue).orderBy('id').limit(limit);
        return storage.engine === 'postgres' ? due.forUpdate().skipLocked() : due;
      },
    )
    .updateTable('messages')
    .set({ status: 'sending', claimed_until: claimedUntil, attempts: sql<number>`attempts + 1` })
    .where('id', 'in', (qb) => qb.selectFrom('due').select('due.id'))
    // Repeated here so PostgreSQL re-checks it on the newest row version: a row another worker
    // claimed a moment ago is never claimed again.
    .where(isDue)
    .returning(['id', 'channel', 'recipient', 'template', 'language', 'data', 'attempts'])
    .execute();
  return rows.map((row) => ({ ...row, claimedUntil })).sort((a, b) => a.id - b.id);
}

/** Marks a message sent. Its data (codes, links) is no longer needed, so it is dropped. */
export async function recordSent(storage: Storage, message: ClaimedMessage, now: number): Promise<void> {
  await storage.db
    .updateTable('messages')
    .set({ status: 'sent', sent_at: now, claimed_until: null, last_error: null, data: '{}' })
    .where('id', '=', message.id)
    .where('status', '=', 'sending')
    .where('claimed_until', '=', message.claimedUntil)
    .execute();
}

/**
 * Schedules the next attempt after a failure, or gives up (`failed`) after MAX_ATTEMPTS or when
 * retrying cannot help. Returns the new status.
 */
export async function recordFailure(
  storage: Storage,
  message: ClaimedMessage,
  now: number,
  error: string,
  options: { permanent?: boolean } = {},
): Promise<'pending' | 'failed'> {
  const giveUp = options.permanent === true || message.attempts >= MAX_ATTEMPTS;
  await storage.db
    .updateTable('messages')
    .set(
      giveUp
        ? { status: 'failed', claimed_until: null, last_error: error }
        : { status: 'pending', claimed_until: null, last_error: error, next_attempt_at: now + computeBackoff(message.attempts) },
    )
    .where('id', '=', message.id)
    .where('status', '=', 'sending')
    .where('claimed_until', '=', message.claimedUntil)
    .execute();
  return giveUp ? 'failed' : 'pending';
}
