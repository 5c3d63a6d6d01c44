import type { AppDeps, RequestMeta } from '../../core/deps.js';
import { AppError, type ErrorMessageKey } from '../../core/errors.js';
import type { AnswerInput } from '../../methods/challenge-questions/answer-rules.js';
import type { CodeChannel } from '../../methods/one-time-code/codes.js';
import { constantTimeEqual, keyedHash } from '../../security/tokens.js';
import type { Db } from '../../storage/database.js';
import { findFlow, type FlowRecord } from '../flow-store.js';
import { loadProgress, type RegistrationProgress } from '../../storage/repositories/registration.js';
import { currentTermsVersion } from '../../storage/repositories/terms.js';
import { findRegistrant, type Registrant } from '../../storage/repositories/registrants.js';
import { asLanguage, type Language } from '../../web/i18n.js';
import type { SessionFactors, SessionVia } from '../../session/session-store.js';

// REG-1..7 as a small state machine: the steps done are read from the saved progress, so the
// wizard resumes at the first unfinished step whatever the browser did (REG-6).

export const ALL_STEPS = ['language', 'terms', 'contact', 'verify', 'questions', 'password'] as const;
export type RegistrationStep = (typeof ALL_STEPS)[number];

export interface RegistrationContext {
  flow: FlowRecord<'registration'>;
  registrant: Registrant;
  progress: RegistrationProgress;
  termsVersion: number;
  /** REG-2: a registered employee who must accept a new version of the terms. */
  termsOnly: boolean;
  steps: RegistrationStep[];
}

export function isRegistrationStep(value: string): value is RegistrationStep {
  return (ALL_STEPS as readonly string[]).includes(value);
}

/** The registration flow of this id, or 410 FLOW_EXPIRED. */
export async function loadRegistration(deps: AppDeps, flowId: string, client: string): Promise<RegistrationContext> {
  const now = deps.clock.now();
  const flow = await findFlow(deps.storage.db, deps.config.secret, flowId, 'registration', now, client);
  if (!flow) throw new AppError('FLOW_EXPIRED', 'flowExpired');
  const registrant = await findRegistrant(deps.storage.db, flow.employeeId);
  if (!registrant) throw new AppError('FLOW_EXPIRED', 'flowExpired');
  // LOGIN-10: a first SSO sign-in of someone who never registered asks for the terms only.
  const termsOnly = registrant.registeredAt !== null || flow.state.termsOnly === true;
  const progress = await loadProgress(deps.storage.db, flow.employeeId);
  const termsVersion = await currentTermsVersion(deps.storage.db);
  const steps: RegistrationStep[] = termsOnly
    ? ['terms']
    : ALL_STEPS.filter((step) => step !== 'questions' || deps.config.policy === 'described');
  return { flow, registrant, progress, termsVersion, termsOnly, steps };
}

/**
 * The session the wizard ends in. After new terms (REG-2) it is the interrupted sign-in's: its
 * second factor and what proved it carry over (MFA-5, the provider's `amr`); a first registration
 * is a session of its own, without a second factor.
 */
export function sessionAfterRegistration(context: RegistrationContext): { secondFactor: boolean; via: SessionVia; passkey: boolean } & SessionFactors {
  const { secondFactor, signIn } = context.flow.state;
  if (!signIn) return { secondFactor: secondFactor === true, via: 'registration', passkey: false };
  return { secondFactor: secondFactor === true, via: signIn.via, passkey: signIn.via === 'passkey' || signIn.secondFactorMethod === 'passkey', secondFactorMethod: signIn.secondFactorMethod, passkeyAmr: signIn.passkeyAmr };
}

export function isStepDone(context: RegistrationContext, step: RegistrationStep): boolean {
  const { progress, termsVersion } = context;
  switch (step) {
    case 'language':
      return progress.language !== null;
    case 'terms':
      return (context.termsOnly ? context.registrant.termsVersion : progress.terms_version) === termsVersion;
    case 'contact':
      return progress.email !== null;
    case 'verify':
      return progress.email_verified_at !== null && (progress.mobile === null || progress.mobile_verified_at !== null);
    case 'questions':
      return (progress.questions?.length ?? 0) === 3;
    case 'password':
      return false;
  }
}

export function firstUnfinishedStep(context: RegistrationContext): RegistrationStep {
  return context.steps.find((step) => !isStepDone(context, step)) ?? 'password';
}

/** "Back" may revisit any step up to the first unfinished one, never skip ahead. */
export function assertStepOpen(context: RegistrationContext, step: RegistrationStep): void {
  const index = context.steps.indexOf(step);
  if (index < 0 || index > context.steps.indexOf(firstUnfinishedStep(context))) throw new AppError('VALIDATION', 'stepNotReady', { extra: { step: firstUnfinishedStep(context) } });
}

/** The wizard's language (REG-1): the one chosen in step 1, else the employee's. */
export function wizardLanguage(context: RegistrationContext): Language {
  return asLanguage(context.progress.language ?? context.registrant.language);
}

/** Whether a value (already PIN-normalised) is this person's unspent PIN. */
export function pinChecker(deps: AppDeps, registrant: Registrant): (value: string) => boolean {
  return (value) => registrant.pinHash !== null && constantTimeEqual(keyedHash(deps.config.secret, value), registrant.pinHash);
}

/**
 * A registration method (DESIGN §2): `methods/<method>/registration.ts` implements the parts below
 * it takes part in, and the flow's list is methods.ts. Language, terms and the contact form are
 * the flow's own steps.
 */
export interface RegistrationMethod {
  readonly name: RegistrationMethodName;
}

export type RegistrationMethodName = 'email_code' | 'sms_code' | 'questions' | 'password';

/** REG-3: the verify step proves each contact given at the contact step by a code sent to it. */
export interface VerifiesContact {
  readonly channel: CodeChannel;
  /** The verify form's field for this method's code. */
  readonly codeField: 'emailCode' | 'mobileCode';
  /** The contact to prove, as saved; null when none was given (the phone is optional). */
  destination(progress: RegistrationProgress): string | null;
  isVerified(progress: RegistrationProgress): boolean;
  /** A code to `to`; at the resend limit, 429 when `refuseWhenLimited`, else false (nothing sent). */
  send(deps: AppDeps, context: RegistrationContext, input: { to: string; refuseWhenLimited: boolean }, meta: RequestMeta): Promise<boolean>;
  /** A right code marks the contact verified (null); otherwise the code field's problem. */
  verify(deps: AppDeps, context: RegistrationContext, code: string, meta: RequestMeta): Promise<ErrorMessageKey | null>;
}

/** REG-4: the questions step (the `described` policy only). */
export interface SavesAnswers {
  /** Checks the three answers and saves them, hashed, in the progress; 400 with each field's problem. */
  save(deps: AppDeps, context: RegistrationContext, answers: AnswerInput[], meta: RequestMeta): Promise<void>;
}

export interface PasswordInput {
  password: string;
  confirm: string;
}

/** REG-5: the password step, which ends the wizard (complete.ts). */
export interface SetsFirstPassword {
  /** The cheap checks (lengths, policy, not the PIN), before the flow's own. */
  check(deps: AppDeps, context: RegistrationContext, input: PasswordInput): void;
  /** Sets the first password in ONE transaction with the flow's `alongside` writes (the account, the PIN). */
  commit(deps: AppDeps, context: RegistrationContext, input: PasswordInput & { alongside: (tx: Db) => Promise<void> }, meta: RequestMeta): Promise<void>;
}
