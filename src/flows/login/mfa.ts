import type { AppDeps, RequestMeta } from '../../core/deps.js';
import type { AuditEventName } from '../../audit/events.js';
import { AppError } from '../../core/errors.js';
import { checkCode, type CodeChannel, type CodePurpose } from '../../methods/one-time-code/codes.js';
import { hasLiveCode, sendCode } from '../../methods/one-time-code/send-code.js';
import { hashRecoveryCode, normaliseRecoveryCode } from '../../methods/totp/recovery-codes.js';
import { openSecret } from '../../methods/totp/secret-box.js';
import { matchTotp, normaliseDigits } from '../../methods/totp/totp.js';
import { MINUTE } from '../../security/clock.js';
import { claimLoginAttempt, recordLoginFailure, recordLoginSuccess, releaseLoginAttempt, secondFactorLockKey, type LockoutPolicy } from '../../security/lockout.js';
import {
  acceptTotpStep,
  consumeRecoveryCode,
  countUnusedRecoveryCodes,
  findMfaState,
  type MfaChannel,
  type MfaState,
} from '../../storage/repositories/mfa.js';
import { asLanguage } from '../../web/i18n.js';
import { maskEmail, maskMobile } from '../settings/mask.js';

// MFA-2..4: the second factor itself, shared by the sign-in code step (mfa-step.ts) and by a
// password reset that needs a second channel (RECOV-6). A code by e-mail or SMS follows codes.ts
// (10 minutes, single use, 5 tries, resend limits); an authenticator code (RFC 6238, ±1 step) is
// accepted once per time step; a recovery code once at all.

/**
 * Authenticator and recovery codes have no "new code" to ask for, so their guesses are limited
 * per account instead: 5 wrong ones lock this factor for 15 minutes (the claim comes before the
 * check, in one statement, like LOGIN-4).
 */
export const SECOND_FACTOR_POLICY: LockoutPolicy = { maxAttempts: 5, lockMs: 15 * MINUTE };


export type SecondFactorMethod = 'email_code' | 'sms_code' | 'totp' | 'recovery_code';

export interface CodeDelivery {
  channel: MfaChannel;
  /** Where the code went, masked (MFA-2); null for an authenticator. */
  sentTo: string | null;
  /** A new e-mail or SMS code went out just now (false when a limit held it back, or for an authenticator). */
  codeSent: boolean;
}

export async function requireMfaState(deps: AppDeps, employeeId: string): Promise<MfaState> {
  const state = await findMfaState(deps.storage.db, employeeId);
  if (!state) throw new AppError('FLOW_EXPIRED', 'flowExpired');
  return state;
}

/** The channel to start with: the account's chosen method when it is usable, else the first usable one. */
export function preferredChannel(state: MfaState): MfaChannel | null {
  const chosen = state.mfa === 'off' ? null : state.mfa;
  return chosen && state.channels.includes(chosen) ? chosen : (state.channels[0] ?? null);
}

export function maskedDestination(state: MfaState, channel: MfaChannel): string | null {
  if (channel === 'email') return state.email ? maskEmail(state.email) : null;
  if (channel === 'sms') return state.mobile ? maskMobile(state.mobile) : null;
  return null;
}

/**
 * Sends a code on `channel` (nothing to send for an authenticator) through the one send-code path.
 * `fresh`: the first send of a new flow (MFA-2: at once, within the count per window). `quiet`:
 * when a limit refuses, no error is raised (the first send of a step; `codeSent` tells).
 */
export async function sendSecondFactorCode(
  deps: AppDeps,
  state: MfaState,
  channel: MfaChannel,
  purpose: (channel: CodeChannel) => CodePurpose,
  options: { quiet?: boolean; fresh?: boolean } = {},
): Promise<CodeDelivery> {
  if (!state.channels.includes(channel)) throw new AppError('VALIDATION', 'mfaChannelUnavailable', { fields: { channel: 'mfaChannelUnavailable' } });
  if (channel === 'totp') return { channel, sentTo: null, codeSent: false };
  const to = channel === 'email' ? state.email : state.mobile;
  if (!to) throw new AppError('VALIDATION', 'mfaChannelUnavailable', { fields: { channel: 'mfaChannelUnavailable' } });
  const owner = { employeeId: state.employeeId, purpose: purpose(channel), channel };
  const result = await sendCode(deps, { owner, to, language: asLanguage(state.language), message: { kind: 'sign-in' }, fresh: options.fresh ?? false });
  if (!result.sent && !options.quiet) throw new AppError('RATE_LIMITED', 'codeResendWait', { retryAfterSeconds: Math.ceil(result.retryAfterMs / 1000) });
  return { channel, sentTo: maskedDestination(state, channel), codeSent: result.sent };
}

/** Whether a live e-mail or SMS code waits on `channel` (false for an authenticator). */
export function codeWaiting(deps: AppDeps, state: MfaState, channel: MfaChannel, purpose: (channel: CodeChannel) => CodePurpose): Promise<boolean> {
  if (channel === 'totp') return Promise.resolve(false);
  return hasLiveCode(deps, { employeeId: state.employeeId, purpose: purpose(channel), channel });
}

export interface SecondFactorCheck {
  state: MfaState;
  /** The channel the person is on: an e-mail or SMS code is checked against that channel. */
  channel: MfaChannel;
  typed: string;
  purpose: (channel: CodeChannel) => CodePurpose;
  meta: RequestMeta;
  /** The audit event of a wrong code, e.g. `login.code_failed`. */
  failureEvent: AuditEventName;
}

/**
 * Checks a typed code. Six digits are the code of the current channel; anything shaped like a
 * recovery code is tried as one (MFA-3: recovery codes work instead of a code). Throws 401
 * INVALID_CODE (`newCodeNeeded` when the e-mail/SMS code is dead) or 429 when the guesses are used up.
 */
export async function verifySecondFactor(deps: AppDeps, check: SecondFactorCheck): Promise<SecondFactorMethod> {
  const { state, channel, typed } = check;
  if (typed.trim() === '') throw new AppError('VALIDATION', 'codeRequired', { fields: { code: 'codeRequired' } });
  const digits = normaliseDigits(typed);
  if (/^\d{6}$/.test(digits)) {
    if (channel === 'totp') return verifyLimited(deps, check, 'totp', () => checkTotp(deps, state, digits));
    const result = await checkCode(deps.storage.db, deps.config.secret, { employeeId: state.employeeId, purpose: check.purpose(channel), channel }, digits, deps.clock.now());
    if (result.valid) return channel === 'email' ? 'email_code' : 'sms_code';
    await auditFailure(deps, check, { channel, reason: result.dead ? 'dead' : 'wrong' });
    throw invalidCode(result.dead);
  }
  const recovery = normaliseRecoveryCode(typed);
  if (recovery) {
    const hash = hashRecoveryCode(deps.config.secret, state.employeeId, recovery);
    return verifyLimited(deps, check, 'recovery_code', () => consumeRecoveryCode(deps.storage.db, state.employeeId, hash, deps.clock.now()));
  }
  await auditFailure(deps, check, { channel, reason: 'malformed' });
  throw invalidCode(false);
}

function invalidCode(dead: boolean): AppError {
  return new AppError('INVALID_CODE', dead ? 'codeDead' : 'codeWrong', { extra: { newCodeNeeded: dead }, fields: { code: dead ? 'codeDead' : 'codeWrong' } });
}

async function verifyLimited(deps: AppDeps, check: SecondFactorCheck, method: 'totp' | 'recovery_code', attempt: () => Promise<boolean>): Promise<SecondFactorMethod> {
  const { db } = deps.storage;
  const key = secondFactorLockKey(check.state.employeeId);
  const claim = await claimLoginAttempt(db, key, deps.clock, SECOND_FACTOR_POLICY);
  if (!claim.allowed) {
    if (claim.reason === 'busy') throw new AppError('UNAVAILABLE', 'unavailable', { retryAfterSeconds: 1 });
    await auditFailure(deps, check, { channel: method, reason: 'locked' });
    throw new AppError('RATE_LIMITED', 'codeTooManyTries', { retryAfterSeconds: Math.ceil(claim.retryAfterMs / 1000) });
  }
  let right: boolean;
  try {
    right = await attempt();
  } catch (error) {
    await releaseLoginAttempt(db, key, deps.clock.now());
    throw error;
  }
  if (right) {
    await recordLoginSuccess(db, key, deps.clock.now());
    if (method === 'recovery_code') {
      const left = await countUnusedRecoveryCodes(db, check.state.employeeId);
      await audit(deps, check, 'mfa.recovery_code_used', 'info', { recoveryCodesLeft: left });
    }
    return method;
  }
  await recordLoginFailure(db, key, deps.clock.now(), SECOND_FACTOR_POLICY);
  await auditFailure(deps, check, { channel: method, reason: 'wrong' });
  throw invalidCode(false);
}

async function checkTotp(deps: AppDeps, state: MfaState, digits: string): Promise<boolean> {
  const secret = state.totpSecret ? openSecret(deps.config.secret, state.employeeId, state.totpSecret) : null;
  if (!secret) return false;
  const now = deps.clock.now();
  const step = await matchTotp(secret, digits, now, state.lastStep);
  // The conditional update is what stops a replay racing the first use of the same code.
  return step !== null && acceptTotpStep(deps.storage.db, state.employeeId, step, now);
}

function auditFailure(deps: AppDeps, check: SecondFactorCheck, detail: Record<string, string>): Promise<void> {
  return audit(deps, check, check.failureEvent, 'failure', detail);
}

function audit(deps: AppDeps, check: SecondFactorCheck, event: AuditEventName, outcome: 'failure' | 'info', detail: Record<string, string | number>): Promise<void> {
  return deps.audit.record({
    event,
    outcome,
    actorId: check.state.employeeId,
    subjectId: check.state.employeeId,
    ip: check.meta.ip,
    userAgent: check.meta.userAgent,
    requestId: check.meta.requestId,
    detail,
  });
}
