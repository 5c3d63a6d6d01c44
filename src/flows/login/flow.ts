import type { AppDeps, RequestMeta } from '../../core/deps.js';
import type { AuditEventName } from '../../audit/events.js';
import { AppError } from '../../core/errors.js';
import { auditOwnEvent } from '../../audit/record-audit.js';
import { checkEligibility } from '../../identity/eligibility.js';
import { classifyIdentifier, normalisePassword, passwordTooLong } from '../../identity/normalise.js';
import { MINUTE } from '../../security/clock.js';
import { findCandidateByEmailKey, findCandidateByEmployeeId, type SignInCandidate } from '../../storage/repositories/accounts.js';
import { LOGIN_CREDENTIALS } from './methods.js';
import { startFlow } from '../flow-store.js';
import type { PasskeyAmr } from '../../methods/passkey/passkey-amr.js';
import { clearQuestionsLock } from '../../identity/clear-questions-lock.js';
import { startCodeStep, type CodeStepOutcome, type CodeStepView } from './mfa-step.js';
import type { OidcClient } from '../../methods/sso/oidc-client.js';
import { claimSignInAttempt } from './attempt-claims.js';
import { currentTermsVersion } from '../../storage/repositories/terms.js';

/** LOGIN-10: a sign-in at the company's identity provider (`methods/sso/login.ts`): a redirect out, a callback back. */
export interface SsoSignIn {
  readonly name: 'sso';
  start(deps: AppDeps, client: OidcClient, meta: RequestMeta): Promise<{ flowId: string; url: URL }>;
  finish(deps: AppDeps, client: OidcClient, input: { flowId: string; callbackUrl: URL }, meta: RequestMeta): Promise<SsoOutcome>;
}

export type SsoOutcome =
  | { next: 'home'; employeeId: string; secondFactor: boolean }
  | { next: 'register'; employeeId: string; flowId: string }
  | ({ next: 'code'; employeeId: string } & CodeStepView);

/**
 * MFA-7: a passkey sign-in (`methods/passkey/login.ts`): options, then the browser's assertion. A
 * passkey with user verification is both factors; it can also be the code step's second factor.
 */
export interface PasskeySignIn {
  readonly name: 'passkey';
  /** POST /passkeys/login/options {identifier?}: a challenge for any discoverable passkey, or for the identifier's. */
  options(deps: AppDeps, input: { identifier?: string | undefined }, meta: RequestMeta): Promise<{ flowId: string; options: unknown }>;
  /** POST /passkeys/login {flowId, credential}: the same refusals as a password sign-in (LOGIN-4/6/7, ELIG-3), then home or the terms. */
  finish(deps: AppDeps, input: { flowId: string; credential: unknown }, meta: RequestMeta): Promise<PasskeyOutcome>;
  /** After a password: a challenge for the code step's account (the code step's flow, RECOV-12). */
  secondFactorOptions(deps: AppDeps, codeFlowId: string, meta: RequestMeta): Promise<{ options: unknown }>;
  /** The assertion ends the code step as a right code would. */
  secondFactor(deps: AppDeps, codeFlowId: string, credential: unknown, meta: RequestMeta): Promise<CodeStepOutcome>;
}

/** `passkeyAmr`: the passkey's RFC 8176 name, for the identity provider's `amr` (issue 16). */
export type PasskeyOutcome = { next: 'home'; employeeId: string; passkeyAmr: PasskeyAmr } | { next: 'register'; employeeId: string; flowId: string };

export interface LoginInput {
  identifier: string;
  password: string;
}

/** What a correct credential leads to (SPEC §14.2 `next`). */
export type LoginOutcome =
  | { next: 'home'; employeeId: string }
  | { next: 'register'; employeeId: string; flowId: string }
  | { next: 'set_password'; employeeId: string; flowId: string }
  // MFA-2: the password was right, but the account asks for a code first: no session yet (MFA-4).
  | ({ next: 'code'; employeeId: string } & CodeStepView);

/** What a credential proved: the password, a roster PIN (→ the wizard), a help-desk PIN (→ a new password). */
export type Verdict = 'password' | 'register_pin' | 'reset_pin' | 'wrong';

/** A credential method of the sign-in (DESIGN §2: `methods/password/login.ts`, `methods/pin/login.ts`). */
export interface CredentialMethod {
  readonly name: 'password' | 'pin';
  check(deps: AppDeps, candidate: SignInCandidate, typed: string, now: number): Promise<Verdict>;
}

/** Registration and set-password flows started by a PIN live this long. */
const PIN_FLOW_MS = 60 * MINUTE;

/**
 * LOGIN-1..9. Every refusal before the credential check is the same for known and unknown
 * identifiers (LOGIN-5); facts about the account (eligibility, help-desk lock) are revealed only
 * to someone who gave the right credential (ELIG-3).
 */
export async function attemptLogin(deps: AppDeps, input: LoginInput, meta: RequestMeta): Promise<LoginOutcome> {
  const { config, storage, clock } = deps;
  // NORM-7: length limits before any hashing.
  if (input.identifier.trim() === '') throw new AppError('VALIDATION', 'identifierRequired', { extra: { field: 'identifier' } });
  if (input.password === '') throw new AppError('VALIDATION', 'passwordRequired', { extra: { field: 'password' } });
  if (passwordTooLong(input.password)) throw new AppError('VALIDATION', 'passwordTooLong', { extra: { field: 'password' } });

  const identifier = classifyIdentifier(input.identifier);
  const candidate =
    identifier.kind === 'employeeId'
      ? await findCandidateByEmployeeId(storage.db, identifier.employeeId)
      : identifier.kind === 'email'
        ? await findCandidateByEmailKey(storage.db, identifier.email.key)
        : undefined;

  // LOGIN-4/5/6: every limit is claimed before the password is checked (attempt-claims.ts).
  const claim = await claimSignInAttempt(deps, identifier, candidate?.employeeId ?? null, meta);
  if (claim.kind === 'locked') {
    await audit(deps, meta, candidate, 'login.refused', 'refused', { reason: 'locked' });
    throw new AppError('ACCOUNT_LOCKED', 'accountLocked', { retryAfterSeconds: Math.ceil(claim.retryAfterMs / 1000) });
  }

  let verdict: Verdict;
  try {
    // LOGIN-5: locked through another identifier, the password is not checked, but the time is that of a check.
    verdict = claim.evaluate ? await verifyCredential(deps, candidate, input.password, clock.now()) : await deps.hasher.verifyDummy(normalisePassword(input.password)).then(() => 'wrong');
  } catch (error) {
    await claim.release();
    throw error;
  }
  if (verdict === 'wrong' || !candidate) {
    const { locked } = await claim.failed();
    if (claim.evaluate) await audit(deps, meta, candidate, 'login.failure', 'failure', { reason: 'invalid_credentials' });
    else await audit(deps, meta, candidate, 'login.refused', 'refused', { reason: 'not_evaluated' });
    if (locked) await audit(deps, meta, candidate, 'login.lockout', 'info', { minutes: config.lockoutMinutes });
    throw new AppError('INVALID_CREDENTIALS', 'invalidCredentials');
  }
  await claim.succeeded();
  return admit(deps, candidate, verdict, meta);
}

/**
 * LOGIN-3/5: the credential methods in one fixed order, so every path costs one password hash.
 * A PIN is checked first (a keyed hash, no cost); an unregistered account takes only its roster
 * PIN, a registered one a PIN only when the help desk issued it, else the password.
 */
async function verifyCredential(deps: AppDeps, candidate: SignInCandidate | undefined, typed: string, now: number): Promise<Verdict> {
  const password = normalisePassword(typed);
  if (!candidate) return deps.hasher.verifyDummy(password).then(() => 'wrong');
  const pin = await LOGIN_CREDENTIALS.pin.check(deps, candidate, typed, now);
  // Where no password is checked, the dummy verify keeps the timing of a real one (LOGIN-5).
  if (candidate.passwordHash === null) {
    await deps.hasher.verifyDummy(password);
    return pin === 'register_pin' ? pin : 'wrong';
  }
  if (pin === 'reset_pin') {
    await deps.hasher.verifyDummy(password);
    return pin;
  }
  return LOGIN_CREDENTIALS.password.check(deps, candidate, typed, now);
}

/** The credential was right: now the account's own state decides (ELIG-3, LOGIN-7). */
async function admit(deps: AppDeps, candidate: SignInCandidate, verdict: Exclude<Verdict, 'wrong'>, meta: RequestMeta): Promise<LoginOutcome> {
  const now = deps.clock.now();
  const eligibility = checkEligibility(
    { status: candidate.status, country: candidate.country, separation_date: candidate.separationDate },
    new Date(now),
    deps.config,
  );
  if (!eligibility.eligible) {
    await audit(deps, meta, candidate, 'login.refused', 'refused', { reason: 'not_eligible' });
    throw new AppError('NOT_ELIGIBLE', eligibility.accessEndedOn ? 'notEligible' : 'notEligibleNoDate', {
      extra: eligibility.accessEndedOn ? { accessEndedOn: eligibility.accessEndedOn } : {},
    });
  }
  // LOGIN-7: a disabled account is refused. The questions lock of RECOV-7 refuses no password.
  if (candidate.disabledAt !== null) {
    await audit(deps, meta, candidate, 'login.refused', 'refused', { reason: 'disabled' });
    throw new AppError('ACCOUNT_LOCKED_HELPDESK', 'accountLockedHelpdesk', { extra: { helpUrl: '/help/contact' } });
  }
  if (verdict === 'password' && candidate.mfa !== 'off') {
    // MFA-2/MFA-4: a code step, not a session; `login.success` is recorded once the code is accepted.
    return { next: 'code', employeeId: candidate.employeeId, ...(await startCodeStep(deps, candidate.employeeId, meta)) };
  }
  if (verdict === 'password') {
    await audit(deps, meta, candidate, 'login.success', 'success', { method: 'password' });
    if (candidate.helpdeskLockedAt !== null) await clearQuestionsLock(deps, candidate.employeeId, meta, 'sign_in', 'password');
    // REG-2: a new version of the terms is accepted before anything else.
    if ((candidate.termsVersion ?? 0) < (await currentTermsVersion(deps.storage.db))) {
      const flowId = await startFlow(deps.storage.db, deps.config.secret, { kind: 'registration', employeeId: candidate.employeeId, now, lifetimeMs: PIN_FLOW_MS, client: meta.client, state: { signIn: { via: 'password', secondFactorMethod: null, passkeyAmr: null } } });
      return { next: 'register', employeeId: candidate.employeeId, flowId };
    }
    return { next: 'home', employeeId: candidate.employeeId };
  }
  const kind = verdict === 'register_pin' ? 'registration' : 'set_password';
  const flowId = await startFlow(deps.storage.db, deps.config.secret, { kind, employeeId: candidate.employeeId, now, lifetimeMs: PIN_FLOW_MS, client: meta.client, state: {} });
  await audit(deps, meta, candidate, 'login.success', 'success', { method: 'pin' });
  return verdict === 'register_pin'
    ? { next: 'register', employeeId: candidate.employeeId, flowId }
    : { next: 'set_password', employeeId: candidate.employeeId, flowId };
}

function audit(
  deps: AppDeps,
  meta: RequestMeta,
  candidate: SignInCandidate | undefined,
  event: AuditEventName,
  outcome: 'success' | 'failure' | 'refused' | 'info',
  detail: Record<string, string | number>,
): Promise<void> {
  return auditOwnEvent(deps, meta, candidate?.employeeId ?? null, event, outcome, detail);
}
