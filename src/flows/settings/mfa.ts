import type { AppDeps, RequestMeta } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { generateRecoveryCodes, hashRecoveryCode } from '../../methods/totp/recovery-codes.js';
import { openSecret, sealSecret } from '../../methods/totp/secret-box.js';
import { createTotpSecret, matchTotp, otpauthUrl, qrSvg } from '../../methods/totp/totp.js';
import { MINUTE } from '../../security/clock.js';
import {
  activatePendingTotp,
  countUnusedRecoveryCodes,
  findMfaState,
  findPendingTotp,
  isMfaMethod,
  savePendingTotp,
  setMfaMethod,
  type MfaMethod,
  type MfaState,
} from '../../storage/repositories/mfa.js';
import { markSecondFactor } from '../../session/session-store.js';
import { confirmFreshAuth } from './fresh-auth.js';
import { confirmSecondFactorProof, sendMfaChangeCode } from './mfa-proof.js';
import type { CodeDelivery } from '../login/mfa.js';
import { auditOwnChange } from './own-account.js';
import type { SignedIn } from '../../session/signed-in.js';

// MFA-1, MFA-3 and SESS-3 in Edit My Profile: choosing how sign-in codes come, which needs the
// current password or a sign-in within 5 minutes, and enrolling an authenticator app. A new
// authenticator secret waits (sealed) until a code from the app proves it was added; only then
// does it replace anything, and its 10 recovery codes are shown that once.

/** How long a scanned-but-unconfirmed authenticator secret waits for its first code. */
export const TOTP_ENROLMENT_MS = 15 * MINUTE;

export interface TotpEnrolment {
  otpauthUrl: string;
  qrSvg: string;
  /** Base32, for typing into the app by hand. */
  secret: string;
}

export type MfaChange = { method: 'totp'; enrolment: TotpEnrolment } | { method: Exclude<MfaMethod, 'totp'> };

async function requireState(deps: AppDeps, signedIn: SignedIn): Promise<MfaState> {
  const state = await findMfaState(deps.storage.db, signedIn.profile.employeeId);
  if (!state) throw new AppError('UNAUTHENTICATED', 'unauthenticated');
  return state;
}

/**
 * PUT /me/mfa: off, e-mail or SMS apply at once; `totp` starts an enrolment (see `confirmTotp`).
 * SESS-3 (the password or a recent sign-in) and, for an account that has a second factor, MFA-6
 * (that factor). Switching e-mail or SMS codes on types no code, so it does not make the session
 * one that passed a second factor; an authenticator's first code does (confirmTotp).
 */
export async function changeMfa(
  deps: AppDeps,
  signedIn: SignedIn,
  input: { current?: string | undefined; code?: string | undefined; method: string },
  meta: RequestMeta,
): Promise<MfaChange> {
  const { method } = input;
  if (!isMfaMethod(method)) throw new AppError('VALIDATION', 'mfaMethodInvalid', { fields: { method: 'mfaMethodInvalid' } });
  const state = await requireState(deps, signedIn);
  // Codes go only to contacts that were proven with a code (REG-3, PROF-1).
  if (method === 'email' && !state.email) throw new AppError('VALIDATION', 'mfaNeedsEmail', { fields: { method: 'mfaNeedsEmail' } });
  if (method === 'sms' && !state.mobile) throw new AppError('VALIDATION', 'mfaNeedsMobile', { fields: { method: 'mfaNeedsMobile' } });
  await confirmFreshAuth(deps, signedIn, input.current, meta);
  await confirmSecondFactorProof(deps, signedIn, state, input.code, meta);

  const now = deps.clock.now();
  if (method === 'totp') {
    const secret = createTotpSecret();
    await savePendingTotp(deps.storage.db, state.employeeId, sealSecret(deps.config.secret, state.employeeId, secret), now + TOTP_ENROLMENT_MS, now);
    return { method, enrolment: await enrolmentOf(state.employeeId, secret) };
  }
  await setMfaMethod(deps.storage.db, state.employeeId, method, now);
  await auditOwnChange(deps, signedIn, meta, 'mfa.changed', { method, previous: state.mfa });
  return { method };
}

/** POST /me/mfa/code (MFA-6): a code to the current e-mail or SMS factor, to type with the change. */
export async function sendMfaProofCode(deps: AppDeps, signedIn: SignedIn, meta: RequestMeta): Promise<CodeDelivery> {
  const delivery = await sendMfaChangeCode(deps, await requireState(deps, signedIn));
  await auditOwnChange(deps, signedIn, meta, 'mfa.proof_sent', { channel: delivery.channel });
  return delivery;
}

async function enrolmentOf(employeeId: string, secret: string): Promise<TotpEnrolment> {
  const url = otpauthUrl(secret, employeeId);
  return { otpauthUrl: url, qrSvg: await qrSvg(url), secret };
}

/** The enrolment waiting for its first code, for the set-up page; null when there is none. */
export async function pendingEnrolment(deps: AppDeps, signedIn: SignedIn): Promise<TotpEnrolment | null> {
  const employeeId = signedIn.profile.employeeId;
  const sealed = await findPendingTotp(deps.storage.db, employeeId, deps.clock.now());
  const secret = sealed ? openSecret(deps.config.secret, employeeId, sealed) : null;
  return secret ? enrolmentOf(employeeId, secret) : null;
}

/**
 * POST /me/mfa/totp: a code from the app (±1 step) turns the authenticator on and returns 10 new
 * recovery codes, in clear this once. Typing it proves a second factor, so this session now
 * counts as having passed one (MFA-5).
 */
export async function confirmTotp(deps: AppDeps, signedIn: SignedIn, code: string, meta: RequestMeta): Promise<string[]> {
  const employeeId = signedIn.profile.employeeId;
  const { db } = deps.storage;
  const now = deps.clock.now();
  if (code.trim() === '') throw new AppError('VALIDATION', 'codeRequired', { fields: { code: 'codeRequired' } });
  const sealed = await findPendingTotp(db, employeeId, now);
  const secret = sealed ? openSecret(deps.config.secret, employeeId, sealed) : null;
  if (!sealed || !secret) throw new AppError('FLOW_EXPIRED', 'totpNotPending');
  const step = await matchTotp(secret, code, now, null);
  if (step === null) throw new AppError('INVALID_CODE', 'codeWrong', { fields: { code: 'codeWrong' } });

  const previous = (await requireState(deps, signedIn)).mfa;
  const codes = generateRecoveryCodes();
  const recoveryHashes = codes.map((c) => hashRecoveryCode(deps.config.secret, employeeId, c));
  if (!(await activatePendingTotp(db, { employeeId, sealed, step, recoveryHashes, now }))) throw new AppError('FLOW_EXPIRED', 'totpNotPending');
  await markSecondFactor(db, signedIn.sessionIdHash, now);
  await auditOwnChange(deps, signedIn, meta, 'mfa.changed', { method: 'totp', previous });
  return codes;
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
  const state = await requireState(deps, signedIn);
  return {
    method: state.mfa,
    email: state.email,
    mobile: state.mobile,
    recoveryCodesLeft: state.mfa === 'totp' ? await countUnusedRecoveryCodes(deps.storage.db, state.employeeId) : null,
    consoleNeedsMfa: state.mfa === 'off' && signedIn.profile.roles.length > 0,
  };
}
