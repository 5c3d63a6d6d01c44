import type { AppDeps, RequestMeta } from '../../core/deps.js';
import { AppError, type ErrorMessageKey } from '../../core/errors.js';
import { normaliseEmail, normaliseMobile } from '../../identity/normalise.js';
import { checkAnswers, type AnswerInput, type AnswerProblem } from '../../methods/challenge-questions/answer-rules.js';
import { checkCode, type CodeChannel } from '../../methods/one-time-code/codes.js';
import { emailTakenByOther, saveProgress } from '../../storage/repositories/registration.js';
import { asLanguage, isLanguage } from '../../web/i18n.js';
import { assertStepOpen, pinChecker, type RegistrationContext, type RegistrationStep } from './flow.js';
import { sendContactCode } from './send-contact-code.js';
import { normaliseAnswer } from '../../identity/normalise.js';

// One function per wizard step (REG-1..4); each validates, saves progress, and records the step.

export async function chooseLanguage(deps: AppDeps, context: RegistrationContext, language: string, meta: RequestMeta): Promise<void> {
  assertStepOpen(context, 'language');
  if (!isLanguage(language)) throw new AppError('VALIDATION', 'languageInvalid', { fields: { language: 'languageInvalid' } });
  await saveProgress(deps.storage.db, context.registrant.employeeId, { language }, deps.clock.now());
  await auditStep(deps, context, 'language', meta);
}

export async function acceptTerms(deps: AppDeps, context: RegistrationContext, input: { accept: boolean; version: number }, meta: RequestMeta): Promise<void> {
  assertStepOpen(context, 'terms');
  if (!input.accept) throw new AppError('VALIDATION', 'termsRequired', { fields: { accept: 'termsRequired' } });
  if (input.version !== context.termsVersion) throw new AppError('VALIDATION', 'termsOutdated', { fields: { accept: 'termsOutdated' } });
  const now = deps.clock.now();
  if (context.termsOnly) {
    // The flow is spent with the acceptance, so it cannot be replayed for another session.
    await deps.storage.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('accounts')
        .set({ terms_version: input.version, terms_accepted_at: now, updated_at: now })
        .where('employee_id', '=', context.registrant.employeeId)
        .execute();
      const spent = await tx.deleteFrom('flows').where('id_hash', '=', context.flow.idHash).executeTakeFirst();
      if (Number(spent.numDeletedRows) !== 1) throw new AppError('FLOW_EXPIRED', 'flowExpired');
    });
  } else {
    await saveProgress(deps.storage.db, context.registrant.employeeId, { terms_version: input.version, terms_accepted_at: now }, now);
  }
  await auditStep(deps, context, 'terms', meta, { version: input.version });
}

export interface ContactInput {
  email: string;
  mobile?: string | undefined;
  appId?: string | undefined;
}

/** REG-3: saves the contact details and sends a code to each one not yet verified. */
export async function setContact(deps: AppDeps, context: RegistrationContext, input: ContactInput, meta: RequestMeta): Promise<CodeChannel[]> {
  assertStepOpen(context, 'contact');
  const fields: Record<string, ErrorMessageKey> = {};
  const email = input.email.trim() === '' ? null : normaliseEmail(input.email);
  if (input.email.trim() === '') fields.email = 'emailRequired';
  else if (!email) fields.email = 'emailInvalid';
  const mobileTyped = (input.mobile ?? '').trim();
  const mobile = mobileTyped === '' ? null : normaliseMobile(mobileTyped);
  if (mobileTyped !== '' && !mobile) fields.mobile = 'mobileInvalid';
  const appId = (input.appId ?? '').trim();
  if (appId !== '' && !/^[\w.-]{1,64}$/.test(appId)) fields.appId = 'appIdInvalid';
  if (email && (await emailTakenByOther(deps.storage.db, email.key, context.registrant.employeeId))) fields.email = 'emailTaken';
  if (Object.keys(fields).length > 0 || !email) throw new AppError('VALIDATION', 'validation', { fields });

  const { progress } = context;
  const emailChanged = progress.email_key !== email.key || progress.email_verified_at === null;
  const mobileChanged = mobile !== progress.mobile || (mobile !== null && progress.mobile_verified_at === null);
  const sent: CodeChannel[] = [];
  const language = asLanguage(progress.language ?? context.registrant.language);
  // Re-submitting the same address while its code is still fresh sends nothing new (no flooding).
  const sameEmail = progress.email_key === email.key;
  if (emailChanged && (await sendContactCode(deps, context.registrant, { channel: 'email', purpose: 'register_email', to: email.value, language }, !sameEmail))) {
    sent.push('email');
  }
  const sameMobile = progress.mobile === mobile;
  if (mobile && mobileChanged && (await sendContactCode(deps, context.registrant, { channel: 'sms', purpose: 'register_mobile', to: mobile, language }, !sameMobile))) {
    sent.push('sms');
  }
  // Saved only once the codes are on their way, so a refused re-send leaves the old details in place.
  const now = deps.clock.now();
  await saveProgress(
    deps.storage.db,
    context.registrant.employeeId,
    {
      email: email.value,
      email_key: email.key,
      mobile,
      app_id: appId === '' ? null : appId,
      ...(emailChanged ? { email_verified_at: null } : {}),
      ...(mobileChanged ? { mobile_verified_at: null } : {}),
    },
    now,
  );
  await auditStep(deps, context, 'contact', meta, { mobile: mobile !== null });
  return sent;
}

/** "Send me a new code" on the verify step. */
export async function resendContactCode(deps: AppDeps, context: RegistrationContext, channel: CodeChannel): Promise<void> {
  assertStepOpen(context, 'verify');
  const { progress } = context;
  const to = channel === 'email' ? progress.email : progress.mobile;
  const verified = channel === 'email' ? progress.email_verified_at !== null : progress.mobile_verified_at !== null;
  if (!to || verified) throw new AppError('VALIDATION', 'stepNotReady');
  await sendContactCode(deps, context.registrant, {
    channel,
    purpose: channel === 'email' ? 'register_email' : 'register_mobile',
    to,
    language: asLanguage(progress.language ?? context.registrant.language),
  }, true);
}

export async function verifyContact(
  deps: AppDeps,
  context: RegistrationContext,
  input: { emailCode?: string | undefined; mobileCode?: string | undefined },
  meta: RequestMeta,
): Promise<void> {
  assertStepOpen(context, 'verify');
  const { progress, registrant } = context;
  const { db } = deps.storage;
  const now = deps.clock.now();
  const fields: Record<string, ErrorMessageKey> = {};
  if (progress.email_verified_at === null) {
    const typed = (input.emailCode ?? '').trim();
    if (typed === '') fields.emailCode = 'codeRequired';
    else {
      const result = await checkCode(db, deps.config.secret, { employeeId: registrant.employeeId, purpose: 'register_email', channel: 'email' }, typed, now);
      if (result.valid && result.destination === progress.email) await saveProgress(db, registrant.employeeId, { email_verified_at: now }, now);
      else fields.emailCode = result.valid || !result.dead ? 'codeWrong' : 'codeDead';
    }
  }
  if (progress.mobile !== null && progress.mobile_verified_at === null) {
    const typed = (input.mobileCode ?? '').trim();
    if (typed === '') fields.mobileCode = 'codeRequired';
    else {
      const result = await checkCode(db, deps.config.secret, { employeeId: registrant.employeeId, purpose: 'register_mobile', channel: 'sms' }, typed, now);
      if (result.valid && result.destination === progress.mobile) await saveProgress(db, registrant.employeeId, { mobile_verified_at: now }, now);
      else fields.mobileCode = result.valid || !result.dead ? 'codeWrong' : 'codeDead';
    }
  }
  if (Object.keys(fields).length > 0) throw new AppError('INVALID_CODE', 'codeWrong', { fields });
  await auditStep(deps, context, 'verify', meta);
}

const ANSWER_MESSAGES: Record<AnswerProblem, ErrorMessageKey> = {
  unknownQuestion: 'questionsInvalid',
  sameQuestion: 'questionsInvalid',
  length: 'answerLength',
  sameAnswer: 'answerSame',
  personalData: 'answerPersonal',
};

/** REG-4: three different questions, answers hashed with argon2id. */
export async function setQuestions(deps: AppDeps, context: RegistrationContext, answers: AnswerInput[], meta: RequestMeta): Promise<void> {
  assertStepOpen(context, 'questions');
  const { registrant } = context;
  if (answers.length !== 3) throw new AppError('VALIDATION', 'questionsInvalid', { fields: { questions: 'questionsInvalid' } });
  const problems = checkAnswers(answers, { ...registrant, isPin: pinChecker(deps, registrant) });
  const fields: Record<string, ErrorMessageKey> = {};
  problems.forEach((list, index) => {
    const questionProblem = list.find((p) => p === 'unknownQuestion' || p === 'sameQuestion');
    const answerProblem = list.find((p) => p !== 'unknownQuestion' && p !== 'sameQuestion');
    if (questionProblem) fields[`question${index + 1}`] = ANSWER_MESSAGES[questionProblem];
    if (answerProblem) fields[`answer${index + 1}`] = ANSWER_MESSAGES[answerProblem];
  });
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION', 'validation', { fields });
  const saved = [];
  for (const { questionId, answer } of answers) saved.push({ questionId, answerHash: await deps.hasher.hash(normaliseAnswer(answer)) });
  await saveProgress(deps.storage.db, registrant.employeeId, { questions: saved }, deps.clock.now());
  await auditStep(deps, context, 'questions', meta);
}

export async function auditStep(
  deps: AppDeps,
  context: RegistrationContext,
  step: RegistrationStep,
  meta: RequestMeta,
  detail: Record<string, string | number | boolean> = {},
): Promise<void> {
  await deps.audit.record({
    event: 'registration.step_completed',
    outcome: 'success',
    actorId: context.registrant.employeeId,
    subjectId: context.registrant.employeeId,
    ip: meta.ip,
    userAgent: meta.userAgent,
    requestId: meta.requestId,
    detail: { step, ...detail },
  });
}
