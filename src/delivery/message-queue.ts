import { randomInt } from 'node:crypto';
import type { Storage } from '../storage/database.js';
import { claimDueMessageRows, settleClaimedMessage } from '../storage/repositories/messages.js';
import { HOUR, MINUTE } from '../security/clock.js';
import type { MessageChannel } from '../storage/schema.js';

// The queue's state changes, each one SQL statement (DESIGN rule 7), so that several workers on
// one PostgreSQL database never send a message twice and a crashed worker loses nothing.

export interface ClaimedMessage {
  id: number;
  channel: MessageChannel;
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

/** Claims up to `limit` due messages under one lease, in one statement (claimDueMessageRows says which are due). */
export async function claimDueMessages(storage: Storage, now: number, limit: number): Promise<ClaimedMessage[]> {
  const claimedUntil = now + CLAIM_LEASE_MS;
  const rows = await claimDueMessageRows(storage, now, limit, claimedUntil);
  return rows.map((row) => ({ ...row, claimedUntil })).sort((a, b) => a.id - b.id);
}

/** Marks a message sent. Its data (codes, links) is no longer needed, so it is dropped. */
export async function recordSent(storage: Storage, message: ClaimedMessage, now: number): Promise<void> {
  await settleClaimedMessage(storage.db, message, { status: 'sent', at: now });
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
  await settleClaimedMessage(
    storage.db,
    message,
    giveUp ? { status: 'failed', error } : { status: 'pending', error, nextAttemptAt: now + computeBackoff(message.attempts) },
  );
  return giveUp ? 'failed' : 'pending';
}
