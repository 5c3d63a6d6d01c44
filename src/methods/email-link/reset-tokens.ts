import { sql, type Kysely } from 'kysely';
import type { Database } from '../../storage/schema.js';
import { MINUTE } from '../../security/clock.js';
import { constantTimeEqual, keyedHash, randomToken } from '../../security/tokens.js';

// RECOV-2: reset links. The token is 256 bits from the CSPRNG, only its keyed hash is stored, it
// lives 30 minutes, works once, and is void once a newer link is sent or the password changes in
// any way (the link carries a stamp of the password hash it was sent for).

export const RESET_TOKEN_LIFETIME_MS = 30 * MINUTE;

/** Longer than any token we issue: refused before hashing. */
const MAX_TOKEN_LENGTH = 100;

export interface ResetTokenClaim {
  employeeId: string;
  passwordStamp: string;
}

/** What a link is tied to: the password hash of the account when it was sent. */
export function passwordStamp(secret: Buffer, passwordHash: string | null): string {
  return keyedHash(secret, `reset-stamp:${passwordHash ?? ''}`);
}

/** Whether the password is still the one the link was sent for. */
export function stampMatches(secret: Buffer, claim: ResetTokenClaim, currentPasswordHash: string | null): boolean {
  return currentPasswordHash !== null && constantTimeEqual(passwordStamp(secret, currentPasswordHash), claim.passwordStamp);
}

/** A new link for the account; every earlier unused link stops working. */
export async function issueResetToken(db: Kysely<Database>, secret: Buffer, input: { employeeId: string; passwordHash: string }, now: number): Promise<string> {
  const token = randomToken(32);
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('reset_tokens').set({ used_at: now }).where('employee_id', '=', input.employeeId).where('used_at', 'is', null).execute();
    await tx
      .insertInto('reset_tokens')
      .values({
        token_hash: keyedHash(secret, token),
        employee_id: input.employeeId,
        password_stamp: passwordStamp(secret, input.passwordHash),
        created_at: now,
        expires_at: now + RESET_TOKEN_LIFETIME_MS,
        used_at: null,
      })
      .execute();
  });
  return token;
}

/**
 * Spends the token in ONE conditional update (DESIGN rule 6), so of any number of parallel
 * submits exactly one gets the claim. Null when unknown, used, voided or expired.
 */
export async function consumeResetToken(db: Kysely<Database>, secret: Buffer, token: string, now: number): Promise<ResetTokenClaim | null> {
  if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) return null;
  const result = await sql<{ employee_id: string; password_stamp: string }>`
    update reset_tokens set used_at = ${now}
    where token_hash = ${keyedHash(secret, token)} and used_at is null and expires_at > ${now}
    returning employee_id, password_stamp`.execute(db);
  const row = result.rows[0];
  return row ? { employeeId: row.employee_id, passwordStamp: row.password_stamp } : null;
}

/** Reads a token without spending it (the link page: mail scanners open links too). */
export async function peekResetToken(db: Kysely<Database>, secret: Buffer, token: string, now: number): Promise<ResetTokenClaim | null> {
  if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) return null;
  const row = await db
    .selectFrom('reset_tokens')
    .select(['employee_id', 'password_stamp'])
    .where('token_hash', '=', keyedHash(secret, token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row ? { employeeId: row.employee_id, passwordStamp: row.password_stamp } : null;
}

/** Every unused link of the account stops working (the password was just reset). */
export async function voidResetTokens(db: Kysely<Database>, employeeId: string, now: number): Promise<void> {
  await db.updateTable('reset_tokens').set({ used_at: now }).where('employee_id', '=', employeeId).where('used_at', 'is', null).execute();
}

/**
 * `PUBLIC_URL/recovery/link?token=…`, from the configured public URL only — never from the
 * request's Host or X-Forwarded-Host, which an attacker controls (RECOV-2).
 */
export function resetLinkUrl(publicUrl: URL, token: string): string {
  const base = publicUrl.href.endsWith('/') ? publicUrl.href : `${publicUrl.href}/`;
  const url = new URL('recovery/link', base);
  url.searchParams.set('token', token);
  return url.toString();
}
