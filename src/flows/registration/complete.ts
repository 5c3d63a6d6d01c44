import type { AppDeps, RequestMeta } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { isUniqueViolation } from '../../storage/errors.js';
import { emailTakenByOther, registerAccount, saveProgress } from '../../storage/repositories/registration.js';
import { firstUnfinishedStep, type PasswordInput, type RegistrationContext } from './flow.js';
import { REGISTRATION_METHODS } from './methods.js';

/**
 * REG-5 and REG-6: the last step. Everything the wizard saved becomes the account in ONE
 * transaction — the password method's own — that also spends the PIN, so a crash leaves either a
 * registered account or a still-valid PIN, never a spent PIN without a password.
 */
export async function completeRegistration(deps: AppDeps, context: RegistrationContext, input: PasswordInput, meta: RequestMeta): Promise<void> {
  if (firstUnfinishedStep(context) !== 'password' || context.termsOnly) throw new AppError('VALIDATION', 'stepNotReady');
  const { registrant, progress } = context;
  const { password } = REGISTRATION_METHODS;
  password.check(deps, context, input);

  const now = deps.clock.now();
  // Someone else may have registered this e-mail since it was verified here: ask for another one.
  if (progress.email_key && (await emailTakenByOther(deps.storage.db, progress.email_key, registrant.employeeId))) {
    await saveProgress(deps.storage.db, registrant.employeeId, { email: null, email_key: null, email_verified_at: null }, now);
    throw new AppError('VALIDATION', 'emailTaken', { fields: { email: 'emailTaken' } });
  }
  const account = { employeeId: registrant.employeeId, progress, language: progress.language ?? registrant.language, now };
  try {
    await password.commit(deps, context, {
      ...input,
      // A second, racing submit finds the PIN spent: its whole transaction is cancelled.
      alongside: async (tx) => {
        if (!(await registerAccount(tx, account))) throw new AppError('FLOW_EXPIRED', 'flowExpired');
      },
    }, meta);
  } catch (error) {
    // A concurrent registration of the same e-mail is a 400, not a 500.
    if (isUniqueViolation(error)) throw new AppError('VALIDATION', 'emailTaken', { fields: { email: 'emailTaken' } });
    throw error;
  }
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
