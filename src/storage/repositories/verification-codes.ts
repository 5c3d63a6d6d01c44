import { sql } from 'kysely';
import type { Db } from '../database.js';

// One-time codes as stored (methods/one-time-code/codes.ts gives them their rules): keyed hashes,
// a count of tries, and when each was consumed or replaced.

export interface CodeOwnerKey {
  employeeId: string;
  purpose: string;
  channel: string;
}

export async function findNewestCode(db: Db, owner: CodeOwnerKey) {
  return db
    .selectFrom('verification_codes')
    .select(['id', 'created_at', 'consumed_at', 'replaced_at', 'expires_at', 'attempts'])
    .where('employee_id', '=', owner.employeeId)
    .where('purpose', '=', owner.purpose)
    .where('channel', '=', owner.channel)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Stores a new code for the owner and ends its earlier ones, in one transaction. With `replaces`,
 * only when that code may be replaced now (`resendAfterMs` old, or dead) and no parallel send
 * replaced it first: one conditional UPDATE decides. False when it did not happen.
 */
export async function storeNewCode(
  db: Db,
  owner: CodeOwnerKey,
  code: { destination: string; codeHash: string; now: number; expiresAt: number },
  replace: { id: number; resendAfterMs: number; maxTries: number } | null,
): Promise<boolean> {
  const { now } = code;
  return db.transaction().execute(async (tx) => {
    if (replace) {
      const replaced = await sql`
        update verification_codes set replaced_at = ${now}, consumed_at = coalesce(consumed_at, ${now})
        where id = ${replace.id} and replaced_at is null
          and (created_at <= ${now - replace.resendAfterMs} or consumed_at is not null or expires_at <= ${now} or attempts >= ${replace.maxTries})`.execute(tx);
      if (Number(replaced.numAffectedRows ?? 0) !== 1) return false;
    }
    await voidCodesOf(tx, owner, now);
    await tx
      .insertInto('verification_codes')
      .values({
        employee_id: owner.employeeId,
        purpose: owner.purpose,
        channel: owner.channel,
        destination: code.destination,
        code_hash: code.codeHash,
        attempts: 0,
        created_at: now,
        expires_at: code.expiresAt,
        consumed_at: null,
      })
      .execute();
    return true;
  });
}

/** Claims one try on the owner's newest live code (one statement), or null when there is none left. */
export async function claimCodeTry(db: Db, owner: CodeOwnerKey, now: number, maxTries: number): Promise<{ id: number; codeHash: string; destination: string; attempts: number } | null> {
  const claimed = await sql<{ id: number; code_hash: string; destination: string; attempts: number }>`
    update verification_codes set attempts = attempts + 1
    where id = (select max(id) from verification_codes
                where employee_id = ${owner.employeeId} and purpose = ${owner.purpose} and channel = ${owner.channel})
      and consumed_at is null and expires_at > ${now} and attempts < ${maxTries}
    returning id, code_hash, destination, attempts`.execute(db);
  const row = claimed.rows[0];
  return row ? { id: row.id, codeHash: row.code_hash, destination: row.destination, attempts: row.attempts } : null;
}

/** Consumes a code once; false when a parallel request consumed it first. */
export async function consumeCode(db: Db, id: number, now: number): Promise<boolean> {
  const consumed = await db.updateTable('verification_codes').set({ consumed_at: now }).where('id', '=', id).where('consumed_at', 'is', null).executeTakeFirst();
  return Number(consumed.numUpdatedRows) === 1;
}

export async function voidCodesOf(db: Db, owner: CodeOwnerKey, now: number): Promise<void> {
  await db
    .updateTable('verification_codes')
    .set({ consumed_at: now })
    .where('employee_id', '=', owner.employeeId)
    .where('purpose', '=', owner.purpose)
    .where('channel', '=', owner.channel)
    .where('consumed_at', 'is', null)
    .execute();
}
