import type { AppDeps, RequestMeta } from '../../core/deps.js';
import { AppError, type ErrorMessageKey } from '../../core/errors.js';
import { normaliseEmail, normaliseMobile } from '../../identity/normalise.js';
import type { AnswerInput } from '../../methods/challenge-questions/answer-rules.js';
import type { CodeChannel } from '../../methods/one-time-code/codes.js';
import { acceptTermsAndSpendFlow, emailTakenByOther, saveProgress } from '../../storage/repositories/registration.js';
import { isLanguage } from '../../web/i18n.js';
import { assertStepOpen, type RegistrationContext, type RegistrationStep, type VerifiesContact } from './flow.js';
import { CONTACT_CODE_METHODS, codeMethodFor, REGISTRATION_METHODS } from './methods.js';

// One function per wizard step (REG-1..4); each validates, saves progress, and records the step.
// What a method does (send and check a code, the answers) is in its folder under src/methods/.

type CodeField = VerifiesContact['codeField'];

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
    const accept = { employeeId: context.registrant.employeeId, version: input.version, flowIdHash: context.flow.idHash, now };
    if (!(await acceptTermsAndSpendFlow(deps.storage.db, accept))) throw new AppError('FLOW_EXPIRED', 'flowExpired');
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
  // Re-submitting the same address while its code is still fresh sends nothing new (no flooding).
  const sameEmail = progress.email_key === email.key;
  if (emailChanged && (await codeMethodFor('email').send(deps, context, { to: email.value, refuseWhenLimited: !sameEmail }, meta))) sent.push('email');
  const sameMobile = progress.mobile === mobile;
  if (mobile && mobileChanged && (await codeMethodFor('sms').send(deps, context, { to: mobile, refuseWhenLimited: !sameMobile }, meta))) sent.push('sms');
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
export async function resendContactCode(deps: AppDeps, context: RegistrationContext, channel: CodeChannel, meta: RequestMeta): Promise<void> {
  assertStepOpen(context, 'verify');
  const method = codeMethodFor(channel);
  const to = method.destination(context.progress);
  if (!to || method.isVerified(context.progress)) throw new AppError('VALIDATION', 'stepNotReady');
  await method.send(deps, context, { to, refuseWhenLimited: true }, meta);
}

/** REG-3: each contact not yet proven needs its code; every field's problem is reported at once. */
export async function verifyContact(deps: AppDeps, context: RegistrationContext, input: Partial<Record<CodeField, string | undefined>>, meta: RequestMeta): Promise<void> {
  assertStepOpen(context, 'verify');
  const { progress } = context;
  const fields: Record<string, ErrorMessageKey> = {};
  for (const method of CONTACT_CODE_METHODS) {
    if (method.destination(progress) === null || method.isVerified(progress)) continue;
    const typed = (input[method.codeField] ?? '').trim();
    const problem = typed === '' ? 'codeRequired' : await method.verify(deps, context, typed, meta);
    if (problem) fields[method.codeField] = problem;
  }
  if (Object.keys(fields).length > 0) throw new AppError('INVALID_CODE', 'codeWrong', { fields });
  await auditStep(deps, context, 'verify', meta);
}

/** REG-4 (the `described` policy): the questions step. */
export async function setQuestions(deps: AppDeps, context: RegistrationContext, answers: AnswerInput[], meta: RequestMeta): Promise<void> {
  assertStepOpen(context, 'questions');
  await REGISTRATION_METHODS.questions.save(deps, context, answers, meta);
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
