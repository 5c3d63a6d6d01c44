import type { AppDeps, RequestMeta } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import type { SignedIn } from '../../session/signed-in.js';
import { countUnusedRecoveryCodes, isMfaMethod, setMfaMethod, type MfaMethod } from '../../storage/repositories/mfa.js';
import type { CodeDelivery } from '../login/mfa.js';
import { confirmFreshAuth } from './fresh-auth.js';
import type { MfaChange } from './flow.js';
import { confirmSecondFactorProof, sendMfaChangeCode } from './mfa-proof.js';
import { factorMethodFor } from './methods.js';
import { auditOwnChange, requireOwnMfaState } from './own-account.js';

// MFA-1 and SESS-3 in Edit My Profile: choosing how sign-in codes come, which needs the current
// password or a sign-in within 5 minutes, and for an account that has a second factor that factor
// too (MFA-6). What each factor does when chosen is its method's (src/methods/*/settings.ts).

/**
 * PUT /me/mfa: off, e-mail or SMS apply at once; `totp` starts an enrolment (confirmed by its
 * method's confirmEnrolment). Switching e-mail or SMS codes on types no code, so it does not make
 * the session one that passed a second factor; an authenticator's first code does.
 */
export async function changeMfa(
  deps: AppDeps,
  signedIn: SignedIn,
  input: { current?: string | undefined; code?: string | undefined; method: string },
  meta: RequestMeta,
): Promise<MfaChange> {
  const { method } = input;
  if (!isMfaMethod(method)) throw new AppError('VALIDATION', 'mfaMethodInvalid', { fields: { method: 'mfaMethodInvalid' } });
  const state = await requireOwnMfaState(deps, signedIn);
  const factor = method === 'off' ? null : factorMethodFor(method);
  factor?.assertFactorUsable(state);
  await confirmFreshAuth(deps, signedIn, input.current, meta);
  await confirmSecondFactorProof(deps, signedIn, state, input.code, meta);

  if (factor) return factor.turnOnFactor(deps, signedIn, state, meta);
  await setMfaMethod(deps.storage.db, state.employeeId, 'off', deps.clock.now());
  await auditOwnChange(deps, signedIn, meta, 'mfa.changed', { method: 'off', previous: state.mfa });
  return { method: 'off' };
}

/** POST /me/mfa/code (MFA-6): a code to the current e-mail or SMS factor, to type with the change. */
export async function sendMfaProofCode(deps: AppDeps, signedIn: SignedIn, meta: RequestMeta): Promise<CodeDelivery> {
  const delivery = await sendMfaChangeCode(deps, await requireOwnMfaState(deps, signedIn));
  await auditOwnChange(deps, signedIn, meta, 'mfa.proof_sent', { channel: delivery.channel });
  return delivery;
}

/** What the profile shows about the setting: the verified contacts, and how many recovery codes are left. */
export interface MfaOverview {
  method: MfaMethod;
  /** Verified contacts only (unverified ones cannot receive codes). */
  email: string | null;
  mobile: string | null;
  recoveryCodesLeft: number | null;
  /** MFA-5: a console role that cannot be used until MFA is on. */
  consoleNeedsMfa: boolean;
}

export async function mfaOverview(deps: AppDeps, signedIn: SignedIn): Promise<MfaOverview> {
  const state = await requireOwnMfaState(deps, signedIn);
  return {
    method: state.mfa,
    email: state.email,
    mobile: state.mobile,
    recoveryCodesLeft: state.mfa === 'totp' ? await countUnusedRecoveryCodes(deps.storage.db, state.employeeId) : null,
    consoleNeedsMfa: state.mfa === 'off' && signedIn.profile.roles.length > 0,
  };
}
