import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

// HELP-7: one row per employee: the code an agent sent (keyed hash), its wrong guesses, a block,
// and which agent verified the caller until when. Guesses are claimed in one statement before the
// code is compared (DESIGN rule 7), so parallel guesses never get more than the limit.

export interface CallerVerificationRow {
  agentId: string;
  channel: string;
  codeHash: string | null;
  codeExpiresAt: number | null;
  sentAt: number;
  attempts: number;
  blockedUntil: number | null;
  verifiedBy: string | null;
  verifiedUntil: number | null;
}

export async function findCallerVerification(db: Kysely<Database>, employeeId: string): Promise<CallerVerificationRow | null> {
  const row = await db.selectFrom('caller_verifications').selectAll().where('employee_id', '=', employeeId).executeTakeFirst();
  if (!row) return null;
  return {
    agentId: row.agent_id,
    channel: row.channel,
    codeHash: row.code_hash,
    codeExpiresAt: row.code_expires_at,
    sentAt: row.sent_at,
    attempts: row.attempts,
    blockedUntil: row.blocked_until,
    verifiedBy: row.verified_by,
    verifiedUntil: row.verified_until,
  };
}

/** A new code replaces any earlier one and any earlier verification; wrong guesses keep counting until a block or a success. */
export async function saveCallerCode(
  db: Kysely<Database>,
  input: { employeeId: string; agentId: string; channel: string; codeHash: string; expiresAt: number; now: number },
): Promise<void> {
  const values = { agent_id: input.agentId, channel: input.channel, code_hash: input.codeHash, code_expires_at: input.expiresAt, sent_at: input.now, verified_by: null, verified_until: null };
  await db
    .insertInto('caller_verifications')
    .values({ employee_id: input.employeeId, attempts: 0, blocked_until: null, ...values })
    .onConflict((oc) => oc.column('employee_id').doUpdateSet(values))
    .execute();
}

/** Claims one guess at the live code of `agentId`; null when there is none to guess (none sent, expired, another agent's, or blocked). */
export async function claimCallerGuess(db: Kysely<Database>, employeeId: string, agentId: string, now: number): Promise<{ attempts: number; codeHash: string } | null> {
  const row = await db
    .updateTable('caller_verifications')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('employee_id', '=', employeeId)
    .where('agent_id', '=', agentId)
    .where('code_hash', 'is not', null)
    .where('code_expires_at', '>', now)
    .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<=', now)]))
    .returning(['attempts', 'code_hash'])
    .executeTakeFirst();
  return row && row.code_hash !== null ? { attempts: row.attempts, codeHash: row.code_hash } : null;
}

/** The right code: spent, and the caller counts as verified by this agent until `until`. */
export async function markCallerVerified(db: Kysely<Database>, employeeId: string, codeHash: string, agentId: string, until: number): Promise<boolean> {
  const result = await db
    .updateTable('caller_verifications')
    .set({ code_hash: null, code_expires_at: null, attempts: 0, verified_by: agentId, verified_until: until })
    .where('employee_id', '=', employeeId)
    .where('code_hash', '=', codeHash)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The guesses are used up: no code, no verification, nothing new until `until`. */
export async function blockCallerVerification(db: Kysely<Database>, employeeId: string, until: number): Promise<void> {
  await db
    .updateTable('caller_verifications')
    .set({ code_hash: null, code_expires_at: null, attempts: 0, blocked_until: until, verified_by: null, verified_until: null })
    .where('employee_id', '=', employeeId)
    .execute();
}
