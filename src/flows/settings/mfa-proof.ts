import type { AppDeps, RequestMeta } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import type { CodeChannel } from '../../methods/one-time-code/codes.js';
import { markSecondFactor } from '../../session/session-store.js';
import type { MfaChannel, MfaState } from '../../storage/repositories/mfa.js';
import { sendSecondFactorCode, verifySecondFactor, type CodeDelivery } from '../login/mfa.js';
import { FRESH_AUTH_MS } from './fresh-auth.js';
import type { SignedIn } from '../../session/signed-in.js';

// MFA-6: changing or turning off an existing second factor needs that factor — a session that
// passed it at this sign-in within 5 minutes, or a fresh code from it. The password alone is not
// enough, and neither is a session from a help-desk PIN (HELP-4) or a recovery (RECOV-5): those
// sessions never have `secondFactorAt` set.

const changePurpose = (channel: CodeChannel) => (channel === 'email' ? 'mfa_change_email' : 'mfa_change_sms');

/** The factor the account uses now; null when it has none (MFA off). */
export function currentFactor(state: MfaState): MfaChannel | null {
  if (state.mfa === 'off') return null;
  return state.channels.includes(state.mfa) ? state.mfa : null;
}

/**
 * Passes when the account has no second factor, when this session passed it within 5 minutes, or
 * when `code` is a right code of the current factor (then the session counts as having passed it).
 * Otherwise 403 MFA_REQUIRED; a wrong code is 401 INVALID_CODE.
 */
export async function confirmSecondFactorProof(deps: AppDeps, signedIn: SignedIn, state: MfaState, code: string | undefined, meta: RequestMeta): Promise<void> {
  // MFA-7: a passkey is a second factor whatever `mfa` says; its proof is a passkey sign-in within 5 minutes.
  if (state.mfa === 'off' && state.passkeys === 0) return;
  const now = deps.clock.now();
  if (signedIn.secondFactorAt !== null && now - signedIn.secondFactorAt <= FRESH_AUTH_MS) return;
  const channel = currentFactor(state);
  if (code === undefined || code.trim() === '' || !channel) {
    throw new AppError('MFA_REQUIRED', 'mfaProofRequired', { fields: { code: 'mfaProofRequired' }, extra: { factor: state.mfa === 'off' ? 'passkey' : state.mfa, codeUrl: '/api/v1/me/mfa/code' } });
  }
  const method = await verifySecondFactor(deps, { state, channel, typed: code, purpose: changePurpose, meta, failureEvent: 'mfa.proof_failed' });
  await markSecondFactor(deps.storage.db, signedIn.sessionIdHash, deps.clock.now(), method);
}

/** POST /me/mfa/code: a code to the current e-mail or SMS factor, to confirm a change (resend limits apply). */
export async function sendMfaChangeCode(deps: AppDeps, state: MfaState): Promise<CodeDelivery> {
  const channel = currentFactor(state);
  if (channel !== 'email' && channel !== 'sms') throw new AppError('VALIDATION', 'mfaChannelUnavailable', { fields: { channel: 'mfaChannelUnavailable' } });
  return sendSecondFactorCode(deps, state, channel, changePurpose);
}
