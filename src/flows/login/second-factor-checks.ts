import type { AppDeps } from '../../core/deps.js';
import type { AuditEventName } from '../../audit/events.js';
import { AppError } from '../../core/errors.js';
import { checkCode, type CodeChannel, type CodePurpose } from '../../methods/one-time-code/codes.js';
import { hasLiveCode, sendCode } from '../../methods/one-time-code/send-code.js';
import { MINUTE } from '../../security/clock.js';
import { claimLoginAttempt, recordLoginFailure, recordLoginSuccess, releaseLoginAttempt, secondFactorLockKey, type LockoutPolicy } from '../../security/lockout.js';
import type { MfaState } from '../../storage/repositories/mfa.js';
import { asLanguage } from '../../web/i18n.js';
import type { CodeDelivery, SecondFactorCheck } from './mfa.js';

// MFA-2/3: what the second-factor methods share. A code by e-mail or SMS follows codes.ts (10
// minutes, single use, 5 tries, resend limits) through the one send-code path; an authenticator
// code and a recovery code have no "new code" to ask for, so their guesses are limited per account.

/** 5 wrong authenticator or recovery codes lock this factor for 15 minutes (claimed before the check, in one statement, like LOGIN-4). */
export const SECOND_FACTOR_POLICY: LockoutPolicy = { maxAttempts: 5, lockMs: 15 * MINUTE };

export function invalidCode(dead: boolean): AppError {
  return new AppError('INVALID_CODE', dead ? 'codeDead' : 'codeWrong', { extra: { newCodeNeeded: dead }, fields: { code: dead ? 'codeDead' : 'codeWrong' } });
}

export function auditSecondFactor(deps: AppDeps, check: SecondFactorCheck, event: AuditEventName, outcome: 'failure' | 'info', detail: Record<string, string | number>): Promise<void> {
  const { meta, state } = check;
  return deps.audit.record({ event, outcome, actorId: state.employeeId, subjectId: state.employeeId, ip: meta.ip, userAgent: meta.userAgent, requestId: meta.requestId, detail });
}

/**
 * Sends an e-mail or SMS code to `to`. `fresh`: the first send of a new flow (MFA-2: at once,
 * within the count per window). `quiet`: when a limit refuses, no error is raised (`codeSent` tells).
 */
export async function deliverCode(
  deps: AppDeps,
  state: MfaState,
  target: { channel: CodeChannel; to: string | null; sentTo: string | null },
  purpose: (channel: CodeChannel) => CodePurpose,
  options: { quiet?: boolean; fresh?: boolean },
): Promise<CodeDelivery> {
  const { channel, to } = target;
  if (!to) throw new AppError('VALIDATION', 'mfaChannelUnavailable', { fields: { channel: 'mfaChannelUnavailable' } });
  const owner = { employeeId: state.employeeId, purpose: purpose(channel), channel };
  const result = await sendCode(deps, { owner, to, language: asLanguage(state.language), message: { kind: 'sign-in' }, fresh: options.fresh ?? false });
  if (!result.sent && !options.quiet) throw new AppError('RATE_LIMITED', 'codeResendWait', { retryAfterSeconds: Math.ceil(result.retryAfterMs / 1000) });
  return { channel, sentTo: target.sentTo, codeSent: result.sent };
}

/** Checks six digits against the live e-mail or SMS code of `channel`; a wrong or dead code throws 401. */
export async function checkDeliveredCode(deps: AppDeps, check: SecondFactorCheck, channel: CodeChannel, digits: string): Promise<void> {
  const owner = { employeeId: check.state.employeeId, purpose: check.purpose(channel), channel };
  const result = await checkCode(deps.storage.db, deps.config.secret, owner, digits, deps.clock.now());
  if (result.valid) return;
  await auditSecondFactor(deps, check, check.failureEvent, 'failure', { channel, reason: result.dead ? 'dead' : 'wrong' });
  throw invalidCode(result.dead);
}

/** Runs `attempt` under the authenticator's own lock: 429 once the guesses are used up, 401 for a wrong code. */
export async function checkUnderLock(deps: AppDeps, check: SecondFactorCheck, method: 'totp' | 'recovery_code', attempt: () => Promise<boolean>): Promise<void> {
  const { db } = deps.storage;
  const key = secondFactorLockKey(check.state.employeeId);
  const claim = await claimLoginAttempt(db, key, deps.clock, SECOND_FACTOR_POLICY);
  if (!claim.allowed) {
    if (claim.reason === 'busy') throw new AppError('UNAVAILABLE', 'unavailable', { retryAfterSeconds: 1 });
    await auditSecondFactor(deps, check, check.failureEvent, 'failure', { channel: method, reason: 'locked' });
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
    return;
  }
  await recordLoginFailure(db, key, deps.clock.now(), SECOND_FACTOR_POLICY);
  await auditSecondFactor(deps, check, check.failureEvent, 'failure', { channel: method, reason: 'wrong' });
  throw invalidCode(false);
}

/** Whether a live e-mail or SMS code of `purpose` waits on `channel`. */
export function liveCodeWaiting(deps: AppDeps, state: MfaState, channel: CodeChannel, purpose: (channel: CodeChannel) => CodePurpose): Promise<boolean> {
  return hasLiveCode(deps, { employeeId: state.employeeId, purpose: purpose(channel), channel });
}
