import type { AppDeps } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { constantTimeEqual, keyedHash } from '../../security/tokens.js';
import { findFlow, type FlowRecord } from '../flow-store.js';
import { loadProgress, type RegistrationProgress } from '../../storage/repositories/registration.js';
import { currentTermsVersion } from '../../storage/repositories/terms.js';
import { findRegistrant, type Registrant } from '../../storage/repositories/registrants.js';

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

/** Whether a value (already PIN-normalised) is this person's unspent PIN. */
export function pinChecker(deps: AppDeps, registrant: Registrant): (value: string) => boolean {
  return (value) => registrant.pinHash !== null && constantTimeEqual(keyedHash(deps.config.secret, value), registrant.pinHash);
}
