import type { Kysely, Updateable } from 'kysely';
import type { Database, RegistrationProgressTable } from '../schema.js';

export interface SavedAnswer {
  questionId: string;
  answerHash: string;
}

export type RegistrationProgress = Omit<RegistrationProgressTable, 'questions'> & { questions: SavedAnswer[] | null };

/** What the wizard saved for this employee, or an empty record. */
export async function loadProgress(db: Kysely<Database>, employeeId: string): Promise<RegistrationProgress> {
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
export async function saveProgress(db: Kysely<Database>, employeeId: string, patch: ProgressPatch, now: number): Promise<void> {
  const { questions, ...rest } = patch;
  const values = { ...rest, ...(questions !== undefined ? { questions: questions ? JSON.stringify(questions) : null } : {}), updated_at: now };
  await db
    .insertInto('registration_progress')
    .values({ employee_id: employeeId, ...values })
    .onConflict((oc) => oc.column('employee_id').doUpdateSet(values))
    .execute();
}

/** Whether another account already uses this e-mail (NORM-2: unique among accounts). */
export async function emailTakenByOther(db: Kysely<Database>, emailKey: string, employeeId: string): Promise<boolean> {
  const row = await db
    .selectFrom('accounts')
    .select('employee_id')
    .where('email_key', '=', emailKey)
    .where('employee_id', '!=', employeeId)
    .executeTakeFirst();
  return row !== undefined;
}
