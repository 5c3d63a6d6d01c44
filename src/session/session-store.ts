import type { Db } from '../storage/database.js';
import {
  deleteEmployeeSessions,
  deleteSessionOfOwner,
  insertSession,
  markSessionSecondFactor,
} from '../storage/repositories/sessions.js';
import { keyedHash, randomToken } from '../security/tokens.js';
// Issue 16: the identity provider's sessions and grants end with the sessions.
import { deleteOidcGrantsOfEmployee } from '../storage/repositories/oidc-payloads.js';
import { endEmployeeProviderSessions } from '../idp/backchannel-logout.js';
import { endLinkedBrowserGrants } from '../idp/browser-grants.js';
import { endOwnSession } from '../storage/repositories/profile.js';

// SESS-1, SESS-2: the cookie holds a 256-bit random id; the database holds only its keyed hash.

/** How a session began. PIN and recovery sessions never count as having passed a second factor (HELP-4, MFA-6). */
export type SessionVia = 'password' | 'sso' | 'registration' | 'helpdesk_pin' | 'recovery' | 'passkey';

/** Sessions of these beginnings are never marked as having passed a second factor. */
export const SESSIONS_WITHOUT_SECOND_FACTOR: readonly SessionVia[] = ['helpdesk_pin', 'recovery'];

export interface SessionTimeouts {
  idleMs: number;
  absoluteMs: number;
}

export interface SessionRow {
  idHash: string;
  employeeId: string;
  createdAt: number;
  lastSeenAt: number;
  authAt: number;
  secondFactorAt: number | null;
  /** MFA-7: when the session used a passkey (sign-in or second factor), or null. */
  passkeyAt: number | null;
  /** MFA-7: how many passkeys the account holds. */
  passkeys: number;
}

/**
 * MFA-5: this session has now passed a second factor — never one that began with a help-desk PIN
 * or a recovery (HELP-4, MFA-6): the condition is in the statement, so no caller can get it wrong.
 */
export async function markSecondFactor(db: Db, sessionIdHash: string, now: number, method: string): Promise<void> {
  await markSessionSecondFactor(db, sessionIdHash, now, method, SESSIONS_WITHOUT_SECOND_FACTOR);
}

/** Issue 16 (IDP-3): what a sign-in used, for the identity provider's `amr` and `acr` (src/idp/amr.ts). */
export interface SessionFactors {
  /** What passed the second factor: a code's method, `passkey`, or `provider` (the company SSO provider). */
  secondFactorMethod?: string | null;
  /** The RFC 8176 name of the passkey used: `hwk` (bound to its device) or `swk` (synced). */
  passkeyAmr?: 'hwk' | 'swk' | null;
}

/** Last-seen is written at most this often, so a session check is usually a single read. */
export const TOUCH_INTERVAL_MS = 60_000;

export async function createSession(
  db: Db,
  secret: Buffer,
  input: { employeeId: string; now: number; ip: string; userAgent: string; secondFactor: boolean; via: SessionVia; passkey?: boolean } & SessionFactors,
  timeouts: SessionTimeouts,
): Promise<string> {
  const id = randomToken(32);
  await insertSession(db, {
    idHash: keyedHash(secret, id),
    employeeId: input.employeeId,
    now: input.now,
    expiresAt: input.now + timeouts.absoluteMs,
    secondFactorAt: input.secondFactor && !SESSIONS_WITHOUT_SECOND_FACTOR.includes(input.via) ? input.now : null,
    via: input.via,
    passkeyAt: input.passkey ? input.now : null,
    secondFactorMethod: input.secondFactorMethod ?? null,
    passkeyAmr: input.passkeyAmr ?? null,
    ip: input.ip,
    userAgent: input.userAgent.slice(0, 300),
  });
  return id;
}

/** Ends one session; returns whose it was (null when it no longer existed). */
export async function endSession(db: Db, secret: Buffer, id: string): Promise<string | null> {
  return (await deleteSessionOfOwner(db, keyedHash(secret, id)))?.employeeId ?? null;
}

/**
 * LOGIN-9: a browser's session ends because someone signs in there; returns whose it was. When
 * it was another employee's, the applications signed in through that browser are told as at a
 * sign-out (IDP-6), in the same transaction; the same employee signing in again keeps them.
 */
export function endSessionForSignIn(db: Db, input: { id: string; secret: Buffer; now: number; nextEmployeeId: string }): Promise<string | null> {
  return db.transaction().execute(async (tx) => {
    const ended = await deleteSessionOfOwner(tx, keyedHash(input.secret, input.id));
    if (ended?.providerSessionUid && ended.employeeId !== input.nextEmployeeId) await endLinkedBrowserGrants(tx, input.secret, input.now, ended.employeeId, ended.providerSessionUid);
    return ended?.employeeId ?? null;
  });
}

/**
 * SESS-4: one session of the account ends (Edit My Profile), whichever browser holds it; false when
 * the account has no such session. Issue 16 (IDP-6): that browser's provider session ends as at a
 * sign-out there (logout tokens queued, grants ended), in the same transaction.
 */
export async function endOneSession(db: Db, input: { employeeId: string; idHash: string; secret: Buffer; now: number }): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const ended = await endOwnSession(tx, input.employeeId, input.idHash);
    if (ended?.providerSessionUid) await endLinkedBrowserGrants(tx, input.secret, input.now, input.employeeId, ended.providerSessionUid);
    return ended !== undefined;
  });
}

export interface EndAllSessions {
  employeeId: string;
  /** The one session that stays (SESS-3: the browser that changed the password). */
  exceptIdHash?: string;
  /** PORTICO_SECRET, which seals the queued logout messages, and the time they are due. */
  secret: Buffer;
  now: number;
}

/**
 * SESS-5 and password changes: every session of the account, optionally keeping one. Issue 16
 * (IDP-6): what applications hold for the account through Portico ends too, the browser that
 * stays included: the provider's sessions (each application with a back-channel logout URI gets a
 * logout token through the queue), then the grants and refresh tokens. `db` may be a transaction.
 */
export async function endAllSessions(db: Db, input: EndAllSessions): Promise<number> {
  const end = async (tx: Db) => {
    const ended = await deleteEmployeeSessions(tx, input.employeeId, input.exceptIdHash);
    await endEmployeeProviderSessions(tx, input.secret, input.now, input.employeeId);
    await deleteOidcGrantsOfEmployee(tx, input.employeeId);
    return ended;
  };
  // Inside the caller's transaction when there is one (a password change); otherwise its own.
  return db.isTransaction ? end(db) : db.transaction().execute(end);
}
