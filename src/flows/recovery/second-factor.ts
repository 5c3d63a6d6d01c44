import type { AppDeps, RequestMeta } from '../../app/deps.js';
import { AppError } from '../../app/errors.js';
import { maskedDestination, sendSecondFactorCode, verifySecondFactor, type CodeDelivery } from '../login/mfa.js';
import { findMfaState, type MfaChannel, type MfaState } from '../../storage/repositories/mfa.js';
import { saveRecoveryState, type RecoveryProof } from '../../storage/repositories/recovery.js';
import { auditRecovery, nextAfterProof, type RecoveryContext, type RecoveryNext } from './flow.js';

// RECOV-6: for an account with MFA, a proof (the reset link above all) is not enough on its own:
// a second factor on ANOTHER channel than the one the proof used follows — a code to the other
// verified contact, or an authenticator or recovery code — before the password can be chosen.
// The same checks and limits as the sign-in code step (flows/login/mfa.ts).

const purpose = () => 'recovery_second' as const;

/** The channel the proof itself used: it cannot also be the second factor. */
function provenChannel(proof: RecoveryProof): MfaChannel | null {
  if (proof === 'email_link' || proof === 'email_code') return 'email';
  if (proof === 'sms_code') return 'sms';
  return null;
}

export interface SecondFactorStep {
  state: MfaState;
  /** Verified channels other than the proof's; empty: nothing can complete this reset online. */
  channels: MfaChannel[];
  /** Where the code is expected from now; null until a code was sent (an authenticator needs no send). */
  channel: MfaChannel | null;
  sentTo: string | null;
}

/** The step of a proven flow that needs it (`nextAfterProof` says `code`), or 400 `stepNotReady`. */
export async function loadSecondFactorStep(deps: AppDeps, context: RecoveryContext): Promise<SecondFactorStep> {
  const { flow, account } = context;
  if (flow.proof === null || !account || nextAfterProof(context) !== 'code') throw new AppError('VALIDATION', 'stepNotReady');
  const state = await findMfaState(deps.storage.db, account.employeeId);
  if (!state) throw new AppError('FLOW_EXPIRED', 'flowExpired');
  const used = provenChannel(flow.proof);
  const channels = state.channels.filter((c) => c !== used);
  const saved = channels.find((c) => c === flow.state.secondFactorChannel);
  const channel = saved ?? (channels.includes('totp') ? 'totp' : null);
  return { state, channels, channel, sentTo: channel ? maskedDestination(state, channel) : null };
}

/** POST /recovery/:flowId/second-factor/send: a code on one of the allowed channels (resend limits apply). */
export async function sendRecoverySecondFactor(deps: AppDeps, context: RecoveryContext, channel: MfaChannel, meta: RequestMeta): Promise<SecondFactorStep & CodeDelivery> {
  const step = await loadSecondFactorStep(deps, context);
  if (!step.channels.includes(channel)) throw new AppError('VALIDATION', 'mfaChannelUnavailable', { fields: { channel: 'mfaChannelUnavailable' } });
  // MFA-2: the first code of this flow goes out at once, whatever another flow sent before.
  const delivery = await sendSecondFactorCode(deps, step.state, channel, purpose, { fresh: context.flow.state.secondFactorChannel === undefined });
  await saveRecoveryState(deps.storage.db, context.flow.idHash, { ...context.flow.state, secondFactorChannel: channel });
  if (channel !== 'totp') await auditRecovery(deps, meta, step.state.employeeId, 'recovery.second_factor_sent', 'info', { channel });
  return { ...step, ...delivery };
}

/** POST /recovery/:flowId/second-factor {code} → `set_password` once the code is right. */
export async function verifyRecoverySecondFactor(deps: AppDeps, context: RecoveryContext, code: string, meta: RequestMeta): Promise<RecoveryNext> {
  const step = await loadSecondFactorStep(deps, context);
  if (step.channels.length === 0) throw new AppError('FORBIDDEN', 'mfaRecoveryNoChannel', { extra: { helpUrl: '/help/contact' } });
  // Before any code was sent, six digits can only be an authenticator's (or nothing); a recovery code always works.
  const channel = step.channel ?? step.channels[0]!;
  const state = { ...step.state, channels: step.channels };
  const method = await verifySecondFactor(deps, { state, channel, typed: code, purpose, meta, failureEvent: 'recovery.second_factor_failed' });
  const secondFactorState = { ...context.flow.state, secondFactor: method };
  await saveRecoveryState(deps.storage.db, context.flow.idHash, secondFactorState);
  await auditRecovery(deps, meta, step.state.employeeId, 'recovery.second_factor_passed', 'success', { method });
  return nextAfterProof({ ...context, flow: { ...context.flow, state: secondFactorState } });
}
