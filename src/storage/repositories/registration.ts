import type { Updateable } from 'kysely';
import type { Db } from '../database.js';
import type { RegistrationProgressTable } from '../schema.js';
import { consumeFlow } from './flows.js';

export interface SavedAnswer {
  questionId: string;
  answerHash: string;
}

export type RegistrationProgress = Omit<RegistrationProgressTable, 'questions'> & { questions: SavedAnswer[] | null };

/** What the wizard saved for this employee, or an empty record. */
export async function loadProgress(db: Db, employeeId: string): Promise<RegistrationProgress> {
  const row = await db.selectFrom('registration_progress').selectAll().where('employee_id', '=', employeeId).executeTakeFirst();
  if (!row) {
    return {
      employee_id: employeeId,
      language: null,
      terms_version: null,
      terms_accepted_at: null,
      email: null,
      email_key: null,
      email_verified_at: null,
      mobile: null,
      mobile_verified_at: null,
      app_id: null,
      questions: null,
      updated_at: 0,
    };
  }
  return { ...row, questions: row.questions ? (JSON.parse(row.questions) as SavedAnswer[]) : null };
}

type ProgressPatch = Omit<Updateable<RegistrationProgressTable>, 'employee_id' | 'questions' | 'updated_at'> & { questions?: SavedAnswer[] | null };

/** Saves one step's answers (REG-6: progress survives closing the browser). */
export async function saveProgress(db: Db, employeeId: string, patch: ProgressPatch, now: number): Promise<void> {
  const { questions, ...rest } = patch;
  const values = { ...rest, ...(questions !== undefined ? { questions: questions ? JSON.stringify(questions) : null } : {}), updated_at: now };
  await db
    .insertInto('registration_progress')
    .values({ employee_id: employeeId, ...values })
    .onConflict((oc) => oc.column('employee_id').doUpdateSet(values))
    .execute();
}

/** Whether another account already uses this e-mail (NORM-2: unique among accounts). */
export async function emailTakenByOther(db: Db, emailKey: string, employeeId: string): Promise<boolean> {
  const row = await db
    .selectFrom('accounts')
    .select('employee_id')
    .where('email_key', '=', emailKey)
    .where('employee_id', '!=', employeeId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * REG-2 for a registered employee: the new terms, and the flow spent with them so it cannot be
 * replayed for another session. False when the flow was already spent (nothing is changed then).
 */
export async function acceptTermsAndSpendFlow(db: Db, accept: { employeeId: string; version: number; flowIdHash: string; now: number }): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    if (!(await consumeFlow(tx, accept.flowIdHash))) return false;
    await tx
      .updateTable('accounts')
      .set({ terms_version: accept.version, terms_accepted_at: accept.now, updated_at: accept.now })
      .where('employee_id', '=', accept.employeeId)
      .execute();
    return true;
  });
}

export interface CompletedRegistration {
  employeeId: string;
  progress: RegistrationProgress;
  language: string;
  now: number;
}

/**
 * REG-5: what the wizard saved becomes the account, in the caller's transaction, and the wizard
 * ends. Spends the PIN only while it is unspent and unexpired: false (nothing written) when a
 * racing submit, or the PIN's expiry, got there first.
 */
export async function registerAccount(tx: Db, account: CompletedRegistration): Promise<boolean> {
  const { employeeId, progress, now } = account;
  const updated = await tx
    .updateTable('accounts')
    .set({
      registered_at: now,
      pin_hash: null,
      pin_expires_at: null,
      pin_purpose: null,
      email: progress.email,
      email_key: progress.email_key,
      email_verified_at: progress.email_verified_at,
      mobile: progress.mobile,
      mobile_verified_at: progress.mobile_verified_at,
      app_id: progress.app_id,
      language: account.language,
      terms_version: progress.terms_version,
      terms_accepted_at: progress.terms_accepted_at,
      updated_at: now,
    })
    .where('employee_id', '=', employeeId)
    .where('registered_at', 'is', null)
    .where('pin_hash', 'is not', null)
    .where('pin_expires_at', '>', now)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return false;
  const answers = progress.questions ?? [];
  if (answers.length > 0) {
    await tx
      .insertInto('account_questions')
      .values(answers.map((a, position) => ({ employee_id: employeeId, position, question_id: a.questionId, answer_hash: a.answerHash })))
      .execute();
  }
  await tx.deleteFrom('registration_progress').where('employee_id', '=', employeeId).execute();
  await tx.deleteFrom('flows').where('employee_id', '=', employeeId).where('kind', '=', 'registration').execute();
  return true;
}
