import type { AppDeps, RequestMeta } from '../../core/deps.js';
import type { AuditEventName } from '../../audit/events.js';
import { AppError } from '../../core/errors.js';
import type { CodeChannel, CodePurpose } from '../../methods/one-time-code/codes.js';
import { hashRecoveryCode, normaliseRecoveryCode } from '../../methods/totp/recovery-codes.js';
import { normaliseDigits } from '../../methods/totp/totp.js';
import { consumeRecoveryCode, countUnusedRecoveryCodes, findMfaState, type MfaChannel, type MfaState } from '../../storage/repositories/mfa.js';
import { SECOND_FACTORS } from './second-factors.js';
import { auditSecondFactor, checkUnderLock, invalidCode } from './second-factor-checks.js';

// MFA-2..4: the second factor itself, shared by the sign-in code step (mfa-step.ts), by a password
// reset that needs a proof of another kind (RECOV-6) and by settings' proof for MFA changes
// (MFA-6). Each channel is a method (methods/email-code, sms-code, totp: login.ts); a recovery
// code works instead of a code on any channel (MFA-3).

export type SecondFactorMethod = 'email_code' | 'sms_code' | 'totp' | 'recovery_code';

/** A second-factor method of the sign-in (DESIGN §2), one per channel. */
export interface SecondFactor {
  readonly name: Exclude<SecondFactorMethod, 'recovery_code'>;
  readonly channel: MfaChannel;
  /** Where its codes go, masked (MFA-2); null for an authenticator. */
  destination(state: MfaState): string | null;
  /** Sends a code (nothing to send for an authenticator). */
  send(deps: AppDeps, state: MfaState, purpose: (channel: CodeChannel) => CodePurpose, options: { quiet?: boolean; fresh?: boolean }): Promise<CodeDelivery>;
  /** Whether a live code waits (false for an authenticator). */
  waiting(deps: AppDeps, state: MfaState, purpose: (channel: CodeChannel) => CodePurpose): Promise<boolean>;
  /** Checks six typed digits; a wrong code throws 401 (after the audit), used-up guesses 429. */
  verify(deps: AppDeps, check: SecondFactorCheck, digits: string): Promise<void>;
}

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
  return SECOND_FACTORS[channel].destination(state);
}

/** Sends a code on `channel` through its method. `quiet`: a limit does not raise (the first send of a step). */
export async function sendSecondFactorCode(
  deps: AppDeps,
  state: MfaState,
  channel: MfaChannel,
  purpose: (channel: CodeChannel) => CodePurpose,
  options: { quiet?: boolean; fresh?: boolean } = {},
): Promise<CodeDelivery> {
  if (!state.channels.includes(channel)) throw new AppError('VALIDATION', 'mfaChannelUnavailable', { fields: { channel: 'mfaChannelUnavailable' } });
  return SECOND_FACTORS[channel].send(deps, state, purpose, options);
}

/** Whether a live e-mail or SMS code waits on `channel` (false for an authenticator). */
export function codeWaiting(deps: AppDeps, state: MfaState, channel: MfaChannel, purpose: (channel: CodeChannel) => CodePurpose): Promise<boolean> {
  return SECOND_FACTORS[channel].waiting(deps, state, purpose);
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
    const factor = SECOND_FACTORS[channel];
    await factor.verify(deps, check, digits);
    return factor.name;
  }
  const recovery = normaliseRecoveryCode(typed);
  if (recovery) {
    const hash = hashRecoveryCode(deps.config.secret, state.employeeId, recovery);
    await checkUnderLock(deps, check, 'recovery_code', () => consumeRecoveryCode(deps.storage.db, state.employeeId, hash, deps.clock.now()));
    const left = await countUnusedRecoveryCodes(deps.storage.db, state.employeeId);
    await auditSecondFactor(deps, check, 'mfa.recovery_code_used', 'info', { recoveryCodesLeft: left });
    return 'recovery_code';
  }
  await auditSecondFactor(deps, check, check.failureEvent, 'failure', { channel, reason: 'malformed' });
  throw invalidCode(false);
}
