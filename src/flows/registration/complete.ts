import type { AppDeps, RequestMeta } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { commitPasswordChange, type PasswordChange } from '../../identity/after-password-change.js';
import { checkNewPassword, choosePassword } from '../../identity/choose-password.js';
import { firstUnfinishedStep, type RegistrationContext } from './flow.js';
import { emailTakenByOther, saveProgress } from '../../storage/repositories/registration.js';
import { isUniqueViolation } from '../../storage/errors.js';
import type { Transaction } from 'kysely';
import type { Database } from '../../storage/schema.js';

/**
 * REG-5 and REG-6: the last step. Everything the wizard saved becomes the account in ONE
 * transaction that also spends the PIN, so a crash leaves either a registered account or a
 * still-valid PIN — never a spent PIN without a password.
 */
export async function completeRegistration(
  deps: AppDeps,
  context: RegistrationContext,
  input: { password: string; confirm: string },
  meta: RequestMeta,
): Promise<void> {
  if (firstUnfinishedStep(context) !== 'password' || context.termsOnly) throw new AppError('VALIDATION', 'stepNotReady');
  const { registrant, progress } = context;
  const choice = { employeeId: registrant.employeeId, password: input.password, confirm: input.confirm, pinHash: registrant.pinHash, currentHash: null };
  checkNewPassword(deps, choice);

  const now = deps.clock.now();
  // Someone else may have registered this e-mail since it was verified here: ask for another one.
  if (progress.email_key && (await emailTakenByOther(deps.storage.db, progress.email_key, registrant.employeeId))) {
    await saveProgress(deps.storage.db, registrant.employeeId, { email: null, email_key: null, email_verified_at: null }, now);
    throw new AppError('VALIDATION', 'emailTaken', { fields: { email: 'emailTaken' } });
  }
  const newHash = await choosePassword(deps, choice);
  // The first password is not a change: no "your password was changed" notice.
  const change = { employeeId: registrant.employeeId, previousHash: null, newHash, via: 'registration' as const, recipient: null, meta };
  await runTransaction(deps, change, async (tx) => {
    // Spends the PIN only if it is still unspent and unexpired: a second, racing submit finds nothing.
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
        language: progress.language ?? registrant.language,
        terms_version: progress.terms_version,
        terms_accepted_at: progress.terms_accepted_at,
        updated_at: now,
      })
      .where('employee_id', '=', registrant.employeeId)
      .where('registered_at', 'is', null)
      .where('pin_hash', 'is not', null)
      .where('pin_expires_at', '>', now)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('FLOW_EXPIRED', 'flowExpired');
    const answers = progress.questions ?? [];
    if (answers.length > 0) {
      await tx
        .insertInto('account_questions')
        .values(answers.map((a, position) => ({ employee_id: registrant.employeeId, position, question_id: a.questionId, answer_hash: a.answerHash })))
        .execute();
    }
    await tx.deleteFrom('registration_progress').where('employee_id', '=', registrant.employeeId).execute();
    await tx.deleteFrom('flows').where('employee_id', '=', registrant.employeeId).where('kind', '=', 'registration').execute();
  });
  await deps.audit.record({
    at: now,
    event: 'registration.completed',
    outcome: 'success',
    actorId: registrant.employeeId,
    subjectId: registrant.employeeId,
    ip: meta.ip,
    userAgent: meta.userAgent,
    requestId: meta.requestId,
  });
}

/** The final transaction, the password change's own; a concurrent registration of the same e-mail becomes a 400, not a 500. */
async function runTransaction(deps: AppDeps, change: Omit<PasswordChange, 'alongside'>, work: (tx: Transaction<Database>) => Promise<void>): Promise<void> {
  try {
    await commitPasswordChange(deps, { ...change, alongside: work });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('VALIDATION', 'emailTaken', { fields: { email: 'emailTaken' } });
    throw error;
  }
}
