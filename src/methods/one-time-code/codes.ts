import { randomInt } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../storage/schema.js';
import { constantTimeEqual, keyedHash } from '../../security/tokens.js';
import { MINUTE } from '../../security/clock.js';

// MFA-2 / REG-3 / RECOV-3: 6-digit codes that live 10 minutes, are single-use, allow 5 wrong
// tries, and can be re-sent after 30 seconds, at most 3 times per 15 minutes. Stored as keyed hashes.

export const CODE_LIFETIME_MS = 10 * MINUTE;
export const CODE_MAX_TRIES = 5;
export const RESEND_AFTER_MS = 30_000;
export const RESEND_WINDOW_MS = 15 * MINUTE;
/** The first send plus 3 re-sends. */
export const SENDS_PER_WINDOW = 4;

export type CodePurpose = 'register_email' | 'register_mobile' | 'profile_email' | 'profile_mobile' | 'login_email' | 'login_sms' | 'recovery_second' | 'recovery_email' | 'recovery_sms' | 'mfa_change_email' | 'mfa_change_sms' | 'caller_email' | 'caller_sms';
export type CodeChannel = 'email' | 'sms';

export interface CodeOwner {
  employeeId: string;
  purpose: CodePurpose;
  channel: CodeChannel;
}

export type IssueResult = { issued: true; code: string } | { issued: false; retryAfterMs: number };

/** A new code for the owner; any earlier one for the same purpose and channel stops working. */
export async function issueCode(db: Kysely<Database>, secret: Buffer, owner: CodeOwner, destination: string, now: number): Promise<IssueResult> {
  const recent = await db
    .selectFrom('verification_codes')
    .select(['created_at'])
    .where('employee_id', '=', owner.employeeId)
    .where('purpose', '=', owner.purpose)
    .where('channel', '=', owner.channel)
    .where('created_at', '>', now - RESEND_WINDOW_MS)
    .orderBy('created_at', 'desc')
    .execute();
  const latest = recent[0]?.created_at;
  if (latest !== undefined && now - latest < RESEND_AFTER_MS) return { issued: false, retryAfterMs: RESEND_AFTER_MS - (now - latest) };
  if (recent.length >= SENDS_PER_WINDOW) {
    const oldest = recent[recent.length - 1]!.created_at;
    return { issued: false, retryAfterMs: oldest + RESEND_WINDOW_MS - now };
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await db.transaction().execute(async (tx) => {
    await voidCodes(tx, owner, now);
    await tx
      .insertInto('verification_codes')
      .values({
        employee_id: owner.employeeId,
        purpose: owner.purpose,
        channel: owner.channel,
        destination,
        code_hash: keyedHash(secret, `${owner.purpose}:${owner.employeeId}:${code}`),
        attempts: 0,
        created_at: now,
        expires_at: now + CODE_LIFETIME_MS,
        consumed_at: null,
      })
      .execute();
  });
  return { issued: true, code };
}

export type CheckResult = { valid: true; destination: string } | { valid: false; dead: boolean };

/**
 * Claims one try before comparing (one SQL statement), so a burst of parallel guesses can never
 * evaluate more than 5; the right code is consumed in a second conditional update, so it works once.
 */
export async function checkCode(db: Kysely<Database>, secret: Buffer, owner: CodeOwner, typed: string, now: number): Promise<CheckResult> {
  const claimed = await sql<{ id: number; code_hash: string; destination: string; attempts: number }>`
    update verification_codes set attempts = attempts + 1
    where id = (select max(id) from verification_codes
                where employee_id = ${owner.employeeId} and purpose = ${owner.purpose} and channel = ${owner.channel})
      and consumed_at is null and expires_at > ${now} and attempts < ${CODE_MAX_TRIES}
    returning id, code_hash, destination, attempts`.execute(db);
  const row = claimed.rows[0];
  if (!row) return { valid: false, dead: true };
  const digits = typed.normalize('NFKC').replace(/[\s-]/g, '');
  const expected = keyedHash(secret, `${owner.purpose}:${owner.employeeId}:${digits}`);
  if (/^\d{6}$/.test(digits) && constantTimeEqual(expected, row.code_hash)) {
    const consumed = await db
      .updateTable('verification_codes')
      .set({ consumed_at: now })
      .where('id', '=', row.id)
      .where('consumed_at', 'is', null)
      .executeTakeFirst();
    if (Number(consumed.numUpdatedRows) === 1) return { valid: true, destination: row.destination };
  }
  return { valid: false, dead: row.attempts >= CODE_MAX_TRIES };
}

/** Ends every live code of the owner (a new code was sent, or the contact changed). */
export async function voidCodes(db: Kysely<Database>, owner: CodeOwner, now: number): Promise<void> {
  await db
    .updateTable('verification_codes')
    .set({ consumed_at: now })
    .where('employee_id', '=', owner.employeeId)
    .where('purpose', '=', owner.purpose)
    .where('channel', '=', owner.channel)
    .where('consumed_at', 'is', null)
    .execute();
}
