import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

// RECOV-1..11: what the recovery flow reads and changes. Counters and claims change in one SQL
// statement (DESIGN rule 7) so parallel requests and several instances stay exact.

/** The methods a recovery flow can succeed with (RECOV-2..4, and RECOV-6's authenticator). */
export const RECOVERY_PROOFS = ['email_link', 'email_code', 'sms_code', 'questions', 'totp', 'recovery_code', 'passkey'] as const;
export type RecoveryProof = (typeof RECOVERY_PROOFS)[number];

const isProof = (value: string): value is RecoveryProof => (RECOVERY_PROOFS as readonly string[]).includes(value);

export interface RecoveryFlowRow {
  idHash: string;
  identifierHash: string;
  employeeId: string | null;
  /** The methods that succeeded, in order (RECOV-6 counts the different ones). */
  proofs: RecoveryProof[];
  codeChannel: 'email' | 'sms' | null;
  codeIssuedAt: number | null;
  codeAttempts: number;
  /** When this flow's accepted code sends happened (MFA-2 limits). */
  codeSends: number[];
  createdAt: number;
  expiresAt: number;
}

function parseProofs(column: string): RecoveryProof[] {
  return column.split(',').filter(isProof);
}

function parseCodeSends(state: string): number[] {
  const parsed: unknown = JSON.parse(state);
  const sends = typeof parsed === 'object' && parsed !== null && 'codeSends' in parsed ? parsed.codeSends : null;
  return Array.isArray(sends) ? sends.filter((at): at is number => typeof at === 'number') : [];
}

export async function insertRecoveryFlow(
  db: Kysely<Database>,
  flow: { idHash: string; identifierHash: string; employeeId: string | null; clientHash: string; proofs: readonly RecoveryProof[]; now: number; expiresAt: number },
): Promise<void> {
  const [proof] = flow.proofs;
  await db
    .insertInto('recovery_flows')
    .values({
      id_hash: flow.idHash,
      identifier_hash: flow.identifierHash,
      employee_id: flow.employeeId,
      client_hash: flow.clientHash,
      proof: proof ?? null,
      proofs: flow.proofs.join(','),
      proven_at: proof ? flow.now : null,
      code_channel: null,
      code_issued_at: null,
      code_attempts: 0,
      state: '{}',
      created_at: flow.now,
      expires_at: flow.expiresAt,
    })
    .execute();
}

/** The unexpired flow with this id hash started by this client (RECOV-12), or null. */
export async function findRecoveryFlow(db: Kysely<Database>, idHash: string, clientHash: string, now: number): Promise<RecoveryFlowRow | null> {
  const row = await db
    .selectFrom('recovery_flows')
    .selectAll()
    .where('id_hash', '=', idHash)
    .where('client_hash', '=', clientHash)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (!row) return null;
  return {
    idHash: row.id_hash,
    identifierHash: row.identifier_hash,
    employeeId: row.employee_id,
    proofs: parseProofs(row.proofs),
    codeChannel: row.code_channel === 'email' || row.code_channel === 'sms' ? row.code_channel : null,
    codeIssuedAt: row.code_issued_at,
    codeAttempts: row.code_attempts,
    codeSends: parseCodeSends(row.state),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

/** Old flows are deleted as new ones start, so the table holds only the last hour or so. */
export async function deleteExpiredRecoveryFlows(db: Kysely<Database>, now: number): Promise<void> {
  await db.deleteFrom('recovery_flows').where('expires_at', '<=', now).execute();
}

/**
 * A method succeeded: it joins the flow's proofs, and the password must follow by `expiresAt`.
 * Compared with the proofs the caller read, so of two parallel successes only one is added.
 */
export async function addRecoveryProof(
  db: Kysely<Database>,
  flow: { idHash: string; proofs: readonly RecoveryProof[] },
  proof: RecoveryProof,
  now: number,
  expiresAt: number,
): Promise<boolean> {
  const result = await db
    .updateTable('recovery_flows')
    .set((eb) => ({ proofs: [...flow.proofs, proof].join(','), proof: eb.fn.coalesce('proof', eb.val(proof)), proven_at: now, expires_at: expiresAt }))
    .where('id_hash', '=', flow.idHash)
    .where('proofs', '=', flow.proofs.join(','))
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Spends a proven flow: of parallel submits exactly one gets `true`. */
export async function spendRecoveryFlow(db: Kysely<Database>, idHash: string, now: number): Promise<boolean> {
  const result = await db
    .deleteFrom('recovery_flows')
    .where('id_hash', '=', idHash)
    .where('proof', 'is not', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** The password was reset: no other recovery flow of the account can be used any more. */
export async function endRecoveryFlows(db: Kysely<Database>, employeeId: string): Promise<void> {
  await db.deleteFrom('recovery_flows').where('employee_id', '=', employeeId).execute();
}

/** A code send the flow accepted: the code's tries start again (`issuedAt` null when nothing went out). */
export async function recordCodeSend(
  db: Kysely<Database>,
  idHash: string,
  send: { channel: 'email' | 'sms'; issuedAt: number | null; codeSends: number[] },
): Promise<void> {
  await db
    .updateTable('recovery_flows')
    .set({ code_channel: send.channel, code_issued_at: send.issuedAt, code_attempts: 0, state: JSON.stringify({ codeSends: send.codeSends }) })
    .where('id_hash', '=', idHash)
    .execute();
}

/** Claims one try on the flow's code before anything is compared; null when none is left. */
export async function claimCodeAttempt(db: Kysely<Database>, idHash: string, now: number, maxTries: number): Promise<number | null> {
  const result = await sql<{ code_attempts: number }>`
    update recovery_flows set code_attempts = code_attempts + 1
    where id_hash = ${idHash} and code_channel is not null and code_attempts < ${maxTries} and expires_at > ${now}
    returning code_attempts`.execute(db);
  return result.rows[0]?.code_attempts ?? null;
}

/** When the newest code of this owner was made: a flow accepts only the code it sent itself. */
export async function newestCodeCreatedAt(db: Kysely<Database>, employeeId: string, purpose: string, channel: string): Promise<number | null> {
  const row = await db
    .selectFrom('verification_codes')
    .select('created_at')
    .where('employee_id', '=', employeeId)
    .where('purpose', '=', purpose)
    .where('channel', '=', channel)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.created_at ?? null;
}

export interface RecoveryAccount {
  employeeId: string;
  givenName: string;
  country: string;
  status: string;
  separationDate: string | null;
  passwordHash: string | null;
  registeredAt: number | null;
  disabledAt: number | null;
  helpdeskLockedAt: number | null;
  pinHash: string | null;
  pinExpiresAt: number | null;
  email: string | null;
  emailKey: string | null;
  emailVerifiedAt: number | null;
  mobile: string | null;
  mobileVerifiedAt: number | null;
  language: string;
  mfa: string;
  /** MFA-7: how many passkeys the account holds (any is a second factor for RECOV-6). */
  passkeys: number;
}

export async function findRecoveryAccount(db: Kysely<Database>, employeeId: string): Promise<RecoveryAccount | undefined> {
  const row = await db
    .selectFrom('accounts as a')
    .innerJoin('employees as e', 'e.employee_id', 'a.employee_id')
    .select([
      'a.employee_id as employeeId',
      'e.given_name as givenName',
      'e.country as country',
      'e.status as status',
      'e.separation_date as separationDate',
      'a.password_hash as passwordHash',
      'a.registered_at as registeredAt',
      'a.disabled_at as disabledAt',
      'a.helpdesk_locked_at as helpdeskLockedAt',
      'a.pin_hash as pinHash',
      'a.pin_expires_at as pinExpiresAt',
      'a.email as email',
      'a.email_key as emailKey',
      'a.email_verified_at as emailVerifiedAt',
      'a.mobile as mobile',
      'a.mobile_verified_at as mobileVerifiedAt',
      'a.language as language',
      'a.mfa as mfa',
      (eb) => eb.selectFrom('passkeys as p').select((p) => p.fn.countAll<number | string>().as('n')).whereRef('p.employee_id', '=', 'a.employee_id').as('passkeys'),
    ])
    .where('a.employee_id', '=', employeeId)
    .executeTakeFirst();
  return row ? { ...row, passkeys: Number(row.passkeys ?? 0) } : undefined;
}

/** The employee id an identifier names: the Employee ID itself, or the account with that e-mail. */
export async function findEmployeeIdByEmailKey(db: Kysely<Database>, emailKey: string): Promise<string | null> {
  const row = await db.selectFrom('accounts').select('employee_id').where('email_key', '=', emailKey).executeTakeFirst();
  return row?.employee_id ?? null;
}

export async function accountExists(db: Kysely<Database>, employeeId: string): Promise<boolean> {
  const row = await db.selectFrom('accounts').select('employee_id').where('employee_id', '=', employeeId).executeTakeFirst();
  return row !== undefined;
}

/** The stored answers in question order (argon2id hashes; never the answers). */
export async function listAnswerHashes(db: Kysely<Database>, employeeId: string): Promise<{ questionId: string; answerHash: string }[]> {
  const rows = await db
    .selectFrom('account_questions')
    .select(['question_id', 'answer_hash'])
    .where('employee_id', '=', employeeId)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({ questionId: r.question_id, answerHash: r.answer_hash }));
}

/**
 * RECOV-7: claims one answer set before it is checked (one SQL statement, DESIGN rule 7) and
 * returns the count of consecutive wrong sets including this one.
 */
export async function claimAnswerAttempt(db: Kysely<Database>, key: string, now: number): Promise<number> {
  const result = await sql<{ failures: number }>`
    insert into recovery_answer_attempts (key, failures, locked_at, updated_at) values (${key}, 1, null, ${now})
    on conflict (key) do update set failures = recovery_answer_attempts.failures + 1, updated_at = ${now}
    returning failures`.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error('recovery_answer_attempts upsert returned no row');
  return Number(row.failures);
}

/**
 * When these failures had locked the account and the help desk has unlocked it since (`portico
 * unlock` knows nothing of this table), the count starts again. The mark is read before the
 * account, and it is written only after the lock (questions.ts), so a lock being put on is never
 * taken for an unlock; the compare-and-set lets one of several parallel requests do the restart.
 */
export async function restartAnswerCountAfterUnlock(db: Kysely<Database>, key: string, employeeId: string): Promise<void> {
  const row = await db.selectFrom('recovery_answer_attempts').select('locked_at').where('key', '=', key).executeTakeFirst();
  if (!row || row.locked_at === null) return;
  const account = await db.selectFrom('accounts').select('helpdesk_locked_at').where('employee_id', '=', employeeId).executeTakeFirst();
  if (!account || account.helpdesk_locked_at !== null) return;
  await db
    .updateTable('recovery_answer_attempts')
    .set({ failures: 0, locked_at: null })
    .where('key', '=', key)
    .where('locked_at', '=', row.locked_at)
    .execute();
}

/** These failures locked the account (an unlock later restarts the count). */
export async function markAnswersLocked(db: Kysely<Database>, key: string, now: number): Promise<void> {
  await db.updateTable('recovery_answer_attempts').set({ locked_at: now, updated_at: now }).where('key', '=', key).execute();
}

/** A right answer set, or a password reset: the consecutive count starts again. */
export async function resetAnswerAttempts(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('recovery_answer_attempts').where('key', '=', key).execute();
}

/** RECOV-7: true when this call put the lock on (it was not locked already). */
export async function setHelpdeskLock(db: Kysely<Database>, employeeId: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('accounts')
    .set({ helpdesk_locked_at: now, updated_at: now })
    .where('employee_id', '=', employeeId)
    .where('helpdesk_locked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A proof of the registered contact clears the help-desk lock (RECOV-7); true when one was cleared. */
export async function clearHelpdeskLock(db: Kysely<Database>, employeeId: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('accounts')
    .set({ helpdesk_locked_at: null, updated_at: now })
    .where('employee_id', '=', employeeId)
    .where('helpdesk_locked_at', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
