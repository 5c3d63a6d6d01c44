import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.js';

// Edit My Profile (PROF-1, PROF-2, SESS-4): what the settings flows read and change on an account.

/** How many earlier passwords may not be used again (RECOV-5, PROF-2). */
export const PASSWORD_HISTORY_SIZE = 5;

export interface AccountSecurity {
  employeeId: string;
  givenName: string;
  familyName: string;
  passwordHash: string | null;
  pinHash: string | null;
  pinExpiresAt: number | null;
  email: string | null;
  emailVerifiedAt: number | null;
  mobile: string | null;
  mobileVerifiedAt: number | null;
  appId: string | null;
  language: string;
  mfa: string;
}

export function findAccountSecurity(db: Kysely<Database>, employeeId: string): Promise<AccountSecurity | undefined> {
  return db
    .selectFrom('accounts as a')
    .innerJoin('employees as e', 'e.employee_id', 'a.employee_id')
    .select([
      'a.employee_id as employeeId',
      'e.given_name as givenName',
      'e.family_name as familyName',
      'a.password_hash as passwordHash',
      'a.pin_hash as pinHash',
      'a.pin_expires_at as pinExpiresAt',
      'a.email as email',
      'a.email_verified_at as emailVerifiedAt',
      'a.mobile as mobile',
      'a.mobile_verified_at as mobileVerifiedAt',
      'a.app_id as appId',
      'a.language as language',
      'a.mfa as mfa',
    ])
    .where('a.employee_id', '=', employeeId)
    .executeTakeFirst();
}

/**
 * The hashes of the last passwords, newest first: the current one, then the history. Accounts
 * created before history was kept (or by a seed) still count their current password.
 */
export async function recentPasswordHashes(db: Kysely<Database>, employeeId: string, currentHash: string | null): Promise<string[]> {
  const rows = await db
    .selectFrom('password_history')
    .select('password_hash')
    .where('employee_id', '=', employeeId)
    .orderBy('created_at', 'desc')
    .limit(PASSWORD_HISTORY_SIZE)
    .execute();
  const hashes = [...new Set([...(currentHash ? [currentHash] : []), ...rows.map((r) => r.password_hash)])];
  return hashes.slice(0, PASSWORD_HISTORY_SIZE);
}

/** Sets the new password and records it in the history, keeping the newest entries (at least 5). */
export async function replacePassword(db: Kysely<Database>, employeeId: string, previousHash: string | null, newHash: string, now: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('accounts').set({ password_hash: newHash, updated_at: now }).where('employee_id', '=', employeeId).execute();
    await recordPasswordHistory(tx, employeeId, previousHash, newHash, now);
  });
}

/** A new password ends every pending "set a new password" step of the account (the login flow's). */
export async function endSetPasswordFlows(db: Kysely<Database>, employeeId: string): Promise<void> {
  await db.deleteFrom('flows').where('employee_id', '=', employeeId).where('kind', '=', 'set_password').execute();
}

/** Adds the new password (and the replaced one, if missing) to the history and trims it; runs in the caller's transaction. */
export async function recordPasswordHistory(tx: Transaction<Database>, employeeId: string, previousHash: string | null, newHash: string, now: number): Promise<void> {
  // History is ordered by time alone, so each entry gets a later time than the one before, even
  // when two changes fall in the same millisecond.
  const latest = await tx
    .selectFrom('password_history')
    .select((eb) => eb.fn.max('created_at').as('at'))
    .where('employee_id', '=', employeeId)
    .executeTakeFirst();
  let at = latest?.at === null || latest?.at === undefined ? now - 1 : Math.max(now - 1, Number(latest.at));
  // The password being replaced belongs to the history too, even if it was set without one.
  if (previousHash) {
    const known = await tx
      .selectFrom('password_history')
      .select('created_at')
      .where('employee_id', '=', employeeId)
      .where('password_hash', '=', previousHash)
      .executeTakeFirst();
    if (!known) {
      at += 1;
      await tx.insertInto('password_history').values({ employee_id: employeeId, password_hash: previousHash, created_at: at }).execute();
    }
  }
  await tx.insertInto('password_history').values({ employee_id: employeeId, password_hash: newHash, created_at: Math.max(now, at + 1) }).execute();
  const kept = await tx
    .selectFrom('password_history')
    .select('created_at')
    .where('employee_id', '=', employeeId)
    .orderBy('created_at', 'desc')
    .offset(PASSWORD_HISTORY_SIZE - 1)
    .limit(1)
    .executeTakeFirst();
  if (kept) await tx.deleteFrom('password_history').where('employee_id', '=', employeeId).where('created_at', '<', kept.created_at).execute();
}

export async function applyVerifiedEmail(db: Kysely<Database>, employeeId: string, email: { value: string; key: string }, now: number): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ email: email.value, email_key: email.key, email_verified_at: now, updated_at: now })
    .where('employee_id', '=', employeeId)
    .execute();
}

/** A verified number, or null to remove the phone. */
export async function applyMobile(db: Kysely<Database>, employeeId: string, mobile: string | null, now: number): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ mobile, mobile_verified_at: mobile === null ? null : now, updated_at: now })
    .where('employee_id', '=', employeeId)
    .execute();
}

export async function setAppId(db: Kysely<Database>, employeeId: string, appId: string | null, now: number): Promise<void> {
  await db.updateTable('accounts').set({ app_id: appId, updated_at: now }).where('employee_id', '=', employeeId).execute();
}

export async function setLanguage(db: Kysely<Database>, employeeId: string, language: string, now: number): Promise<void> {
  await db.updateTable('accounts').set({ language, updated_at: now }).where('employee_id', '=', employeeId).execute();
}

/** The chosen question ids, in order (answers stay hashed and are never read here). */
export async function listQuestionIds(db: Kysely<Database>, employeeId: string): Promise<string[]> {
  const rows = await db.selectFrom('account_questions').select('question_id').where('employee_id', '=', employeeId).orderBy('position').execute();
  return rows.map((r) => r.question_id);
}

/** REG-4 answers replace the old ones together or not at all. */
export async function replaceQuestions(db: Kysely<Database>, employeeId: string, answers: { questionId: string; answerHash: string }[]): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('account_questions').where('employee_id', '=', employeeId).execute();
    await tx
      .insertInto('account_questions')
      .values(answers.map((a, position) => ({ employee_id: employeeId, position, question_id: a.questionId, answer_hash: a.answerHash })))
      .execute();
  });
}

/** Contact changes waiting for their code: the newest live code per channel and where it went. */
export async function pendingContactChanges(db: Kysely<Database>, employeeId: string, now: number): Promise<{ email: string | null; mobile: string | null }> {
  const rows = await db
    .selectFrom('verification_codes')
    .select(['purpose', 'destination', 'id'])
    .where('employee_id', '=', employeeId)
    .where('purpose', 'in', ['profile_email', 'profile_mobile'])
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('id', 'desc')
    .execute();
  const newest = (purpose: string) => rows.find((r) => r.purpose === purpose)?.destination ?? null;
  return { email: newest('profile_email'), mobile: newest('profile_mobile') };
}

export interface SessionListRow {
  idHash: string;
  createdAt: number;
  lastSeenAt: number;
  ip: string;
  userAgent: string;
}

/** SESS-4: the account's sessions that are still live (not idle too long, not past their lifetime), newest first. */
export async function listLiveSessions(db: Kysely<Database>, employeeId: string, now: number, idleMs: number): Promise<SessionListRow[]> {
  const rows = await db
    .selectFrom('sessions')
    .select(['id_hash', 'created_at', 'last_seen_at', 'ip', 'user_agent'])
    .where('employee_id', '=', employeeId)
    .where('expires_at', '>', now)
    .where('last_seen_at', '>', now - idleMs)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({ idHash: r.id_hash, createdAt: r.created_at, lastSeenAt: r.last_seen_at, ip: r.ip, userAgent: r.user_agent }));
}

/**
 * Ends one session of this account; undefined when the account has no such session. Issue 16
 * (IDP-6): answers the provider session its browser was linked to, which ends with it.
 */
export async function endOwnSession(db: Kysely<Database>, employeeId: string, idHash: string): Promise<{ providerSessionUid: string | null } | undefined> {
  const ended = await db.deleteFrom('sessions').where('employee_id', '=', employeeId).where('id_hash', '=', idHash).returning('provider_session_uid').executeTakeFirst();
  return ended ? { providerSessionUid: ended.provider_session_uid } : undefined;
}

export interface ActivityRow {
  at: number;
  event: string;
  outcome: string;
  ip: string | null;
}

/** PROF-1: the newest security events about this person; only fields that hold no secrets. */
export async function listSecurityActivity(db: Kysely<Database>, employeeId: string, limit: number): Promise<ActivityRow[]> {
  return db
    .selectFrom('audit_events')
    .select(['at', 'event', 'outcome', 'ip'])
    .where('subject_id', '=', employeeId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
