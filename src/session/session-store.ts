import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import { keyedHash, randomToken } from '../security/tokens.js';

// SESS-1, SESS-2: the cookie holds a 256-bit random id; the database holds only its keyed hash.

/** How a session began. PIN and recovery sessions never count as having passed a second factor (HELP-4, MFA-6). */
export type SessionVia = 'password' | 'sso' | 'registration' | 'helpdesk_pin' | 'recovery';

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
}

/**
 * MFA-5: this session has now passed a second factor — never one that began with a help-desk PIN
 * or a recovery (HELP-4, MFA-6): the condition is in the statement, so no caller can get it wrong.
 */
export async function markSecondFactor(db: Kysely<Database>, sessionIdHash: string, now: number): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ second_factor_at: now })
    .where('id_hash', '=', sessionIdHash)
    .where('via', 'not in', SESSIONS_WITHOUT_SECOND_FACTOR)
    .execute();
}

/** Last-seen is written at most this often, so a session check is usually a single read. */
export const TOUCH_INTERVAL_MS = 60_000;

export async function createSession(
  db: Kysely<Database>,
  secret: Buffer,
  input: { employeeId: string; now: number; ip: string; userAgent: string; secondFactor: boolean; via: SessionVia },
  timeouts: SessionTimeouts,
): Promise<string> {
  const id = randomToken(32);
  await db
    .insertInto('sessions')
    .values({
      id_hash: keyedHash(secret, id),
      employee_id: input.employeeId,
      created_at: input.now,
      last_seen_at: input.now,
      expires_at: input.now + timeouts.absoluteMs,
      auth_at: input.now,
      second_factor_at: input.secondFactor && !SESSIONS_WITHOUT_SECOND_FACTOR.includes(input.via) ? input.now : null,
      via: input.via,
      ip: input.ip,
      user_agent: input.userAgent.slice(0, 300),
    })
    .execute();
  return id;
}

/** The live session for a cookie value, or null when unknown, idle too long or past its lifetime. */
export async function findLiveSession(
  db: Kysely<Database>,
  secret: Buffer,
  id: string,
  now: number,
  timeouts: SessionTimeouts,
): Promise<SessionRow | null> {
  if (id.length === 0 || id.length > 100) return null;
  const idHash = keyedHash(secret, id);
  const row = await db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
  if (!row) return null;
  if (row.expires_at <= now || row.last_seen_at + timeouts.idleMs <= now) {
    await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    return null;
  }
  if (now - row.last_seen_at >= TOUCH_INTERVAL_MS) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
  }
  return {
    idHash,
    employeeId: row.employee_id,
    createdAt: row.created_at,
    lastSeenAt: now,
    authAt: row.auth_at,
    secondFactorAt: row.second_factor_at,
  };
}

/** Ends one session; returns whose it was (null when it no longer existed). */
export async function endSession(db: Kysely<Database>, secret: Buffer, id: string): Promise<string | null> {
  const ended = await db.deleteFrom('sessions').where('id_hash', '=', keyedHash(secret, id)).returning('employee_id').executeTakeFirst();
  return ended?.employee_id ?? null;
}

export async function endSessionByHash(db: Kysely<Database>, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

/** SESS-5 and password changes: every session of the account, optionally keeping one. */
export async function endAllSessions(db: Kysely<Database>, employeeId: string, exceptIdHash?: string): Promise<number> {
  let query = db.deleteFrom('sessions').where('employee_id', '=', employeeId);
  if (exceptIdHash) query = query.where('id_hash', '!=', exceptIdHash);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}
