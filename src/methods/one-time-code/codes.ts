import { randomInt } from 'node:crypto';
import type { Db } from '../../storage/database.js';
import { claimCodeTry, consumeCode, findNewestCode, storeNewCode, voidCodesOf } from '../../storage/repositories/verification-codes.js';
import { constantTimeEqual, keyedHash } from '../../security/tokens.js';
import { MINUTE } from '../../security/clock.js';

// MFA-2 / REG-3 / RECOV-3: 6-digit codes that live 10 minutes, are single-use, allow 5 wrong
// tries, and can be re-sent after 30 seconds, at most 3 times per 15 minutes (the limits are
// applied by send-code.ts, the one way a code is sent). Stored as keyed hashes.

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

/** The owner's newest code: `live` while unused, unexpired, under 5 wrong tries and not replaced. */
export interface CurrentCode {
  id: number;
  createdAt: number;
  live: boolean;
}

export async function findCurrentCode(db: Db, owner: CodeOwner, now: number): Promise<CurrentCode | null> {
  const row = await findNewestCode(db, owner);
  if (!row) return null;
  const live = row.consumed_at === null && row.replaced_at === null && row.expires_at > now && row.attempts < CODE_MAX_TRIES;
  return { id: Number(row.id), createdAt: row.created_at, live };
}

export type IssueResult = { issued: true; code: string } | { issued: false };

/**
 * A new code for the owner; any earlier one stops working. With `replaces` (the current code's
 * id), only if that code may be replaced now — dead, or older than RESEND_AFTER_MS — and no
 * parallel send replaced it first: one conditional UPDATE decides, in the same transaction as the
 * insert, so of parallel re-sends exactly one goes out (MFA-2's 30-second wait).
 */
export async function issueCode(db: Db, secret: Buffer, owner: CodeOwner, destination: string, now: number, options: { replaces?: number } = {}): Promise<IssueResult> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const issued = await storeNewCode(
    db,
    owner,
    { destination, codeHash: keyedHash(secret, `${owner.purpose}:${owner.employeeId}:${code}`), now, expiresAt: now + CODE_LIFETIME_MS },
    options.replaces === undefined ? null : { id: options.replaces, resendAfterMs: RESEND_AFTER_MS, maxTries: CODE_MAX_TRIES },
  );
  return issued ? { issued: true, code } : { issued: false };
}

export type CheckResult = { valid: true; destination: string } | { valid: false; dead: boolean };

/**
 * Claims one try before comparing (one SQL statement), so a burst of parallel guesses can never
 * evaluate more than 5; the right code is consumed in a second conditional update, so it works once.
 */
export async function checkCode(db: Db, secret: Buffer, owner: CodeOwner, typed: string, now: number): Promise<CheckResult> {
  const row = await claimCodeTry(db, owner, now, CODE_MAX_TRIES);
  if (!row) return { valid: false, dead: true };
  const digits = typed.normalize('NFKC').replace(/[\s-]/g, '');
  const expected = keyedHash(secret, `${owner.purpose}:${owner.employeeId}:${digits}`);
  if (/^\d{6}$/.test(digits) && constantTimeEqual(expected, row.codeHash) && (await consumeCode(db, row.id, now))) {
    return { valid: true, destination: row.destination };
  }
  return { valid: false, dead: row.attempts >= CODE_MAX_TRIES };
}

/** Ends every live code of the owner (a new code was sent, or the contact changed). */
export function voidCodes(db: Db, owner: CodeOwner, now: number): Promise<void> {
  return voidCodesOf(db, owner, now);
}
