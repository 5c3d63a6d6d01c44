import { sql } from 'kysely';
import type { Db } from '../database.js';

// RECOV-2's reset links as stored: the keyed hash of the token, the stamp of the password it was
// sent for, its expiry and when it was used (or voided).

export interface StoredResetClaim {
  employeeId: string;
  passwordStamp: string;
}

/** Voids every unused link of the account and stores the new one, in one transaction. */
export async function replaceResetToken(db: Db, row: { tokenHash: string; employeeId: string; passwordStamp: string; now: number; expiresAt: number }): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await voidResetTokens(tx, row.employeeId, row.now);
    await tx
      .insertInto('reset_tokens')
      .values({ token_hash: row.tokenHash, employee_id: row.employeeId, password_stamp: row.passwordStamp, created_at: row.now, expires_at: row.expiresAt, used_at: null })
      .execute();
  });
}

/** Spends the token in ONE conditional update (DESIGN rule 6): of parallel submits exactly one gets the claim. */
export async function spendResetToken(db: Db, tokenHash: string, now: number): Promise<StoredResetClaim | null> {
  const result = await sql<{ employee_id: string; password_stamp: string }>`
    update reset_tokens set used_at = ${now}
    where token_hash = ${tokenHash} and used_at is null and expires_at > ${now}
    returning employee_id, password_stamp`.execute(db);
  const row = result.rows[0];
  return row ? { employeeId: row.employee_id, passwordStamp: row.password_stamp } : null;
}

export async function findLiveResetToken(db: Db, tokenHash: string, now: number): Promise<StoredResetClaim | null> {
  const row = await db
    .selectFrom('reset_tokens')
    .select(['employee_id as employeeId', 'password_stamp as passwordStamp'])
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row ?? null;
}

/** Every unused link of the account stops working. */
export async function voidResetTokens(db: Db, employeeId: string, now: number): Promise<void> {
  await db.updateTable('reset_tokens').set({ used_at: now }).where('employee_id', '=', employeeId).where('used_at', 'is', null).execute();
}
