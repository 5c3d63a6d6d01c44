import { sql, type ExpressionBuilder } from 'kysely';
import type { Db, Storage } from '../database.js';
import type { Database, MessageChannel, MessagesTable } from '../schema.js';

// The delivery queue's table (delivery/ decides what to send and when to retry). Every change of a
// message's state is ONE statement (DESIGN rule 7): several workers never send a message twice.

export type MessageStatus = MessagesTable['status'];

export interface NewMessage {
  channel: MessageChannel;
  recipient: string;
  template: string;
  language: string;
  /** Sealed template data. */
  data: string;
  now: number;
}

/** Queues a pending message, due at once; returns its id. */
export async function insertMessage(db: Db, message: NewMessage): Promise<number> {
  const row = await db
    .insertInto('messages')
    .values({
      channel: message.channel,
      recipient: message.recipient,
      template: message.template,
      language: message.language,
      data: message.data,
      status: 'pending',
      attempts: 0,
      next_attempt_at: message.now,
      claimed_until: null,
      last_error: null,
      created_at: message.now,
      sent_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Claims up to `limit` due messages in one statement: pending ones whose time has come, and ones
 * left `sending` by a worker whose lease ran out (crash recovery). PostgreSQL skips rows another
 * worker is claiming at the same moment; SQLite has a single writer, so the statement is atomic.
 */
export function claimDueMessageRows(storage: Storage, now: number, limit: number, claimedUntil: number) {
  const isDue = (eb: ExpressionBuilder<Database, 'messages'>) =>
    eb.or([
      eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
      eb.and([eb('status', '=', 'sending'), eb('claimed_until', '<', now)]),
    ]);
  // MATERIALIZED: the batch is chosen once. Left to the planner, `id IN (SELECT … LIMIT n)` may be
  // re-run for each row it updates, and with SKIP LOCKED every re-run finds n more rows.
  return storage.db
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
}

/** A claimed message's outcome, recorded only while the claim (its lease) is still ours. */
export type MessageOutcome =
  | { status: 'sent'; at: number }
  | { status: 'failed'; error: string }
  | { status: 'pending'; error: string; nextAttemptAt: number };

export async function settleClaimedMessage(db: Db, claim: { id: number; claimedUntil: number }, outcome: MessageOutcome): Promise<void> {
  await db
    .updateTable('messages')
    .set(
      outcome.status === 'sent'
        ? // The data (codes, links) is no longer needed once sent, so it is dropped.
          { status: 'sent', sent_at: outcome.at, claimed_until: null, last_error: null, data: '{}' }
        : outcome.status === 'failed'
          ? { status: 'failed', claimed_until: null, last_error: outcome.error }
          : { status: 'pending', claimed_until: null, last_error: outcome.error, next_attempt_at: outcome.nextAttemptAt },
    )
    .where('id', '=', claim.id)
    .where('status', '=', 'sending')
    .where('claimed_until', '=', claim.claimedUntil)
    .execute();
}

/** DELIV-3: the queue as admins see it, newest first. The `data` column is never selected. */
export function listMessagesWithStatus(db: Db, status: MessageStatus, limit: number) {
  return db
    .selectFrom('messages')
    .select(['id', 'channel', 'recipient', 'template', 'language', 'status', 'attempts', 'last_error', 'created_at', 'next_attempt_at', 'sent_at'])
    .where('status', '=', status)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Messages not yet delivered (pending or being sent), for the metrics. */
export async function countUndeliveredMessages(db: Db): Promise<number> {
  const row = await db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', 'in', ['pending', 'sending'])
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
