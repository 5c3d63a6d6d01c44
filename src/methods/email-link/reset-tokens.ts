import type { Db } from '../../storage/database.js';
import { findLiveResetToken, replaceResetToken, spendResetToken } from '../../storage/repositories/reset-tokens.js';
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
export async function issueResetToken(db: Db, secret: Buffer, input: { employeeId: string; passwordHash: string }, now: number): Promise<string> {
  const token = randomToken(32);
  await replaceResetToken(db, {
    tokenHash: keyedHash(secret, token),
    employeeId: input.employeeId,
    passwordStamp: passwordStamp(secret, input.passwordHash),
    now,
    expiresAt: now + RESET_TOKEN_LIFETIME_MS,
  });
  return token;
}

/** Spends the token: of any number of parallel submits exactly one gets the claim. Null when unknown, used, voided or expired. */
export function consumeResetToken(db: Db, secret: Buffer, token: string, now: number): Promise<ResetTokenClaim | null> {
  if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) return Promise.resolve(null);
  return spendResetToken(db, keyedHash(secret, token), now);
}

/** Reads a token without spending it (the link page: mail scanners open links too). */
export function peekResetToken(db: Db, secret: Buffer, token: string, now: number): Promise<ResetTokenClaim | null> {
  if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) return Promise.resolve(null);
  return findLiveResetToken(db, keyedHash(secret, token), now);
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
