import type { AppDeps, RequestMeta } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import type { EnrolsFactor, OffersFactor, SettingsMethod, TotpEnrolment } from '../../flows/settings/flow.js';
import { auditOwnChange, requireOwnMfaState } from '../../flows/settings/own-account.js';
import { MINUTE } from '../../security/clock.js';
import { markSecondFactor } from '../../session/session-store.js';
import type { SignedIn } from '../../session/signed-in.js';
import { activatePendingTotp, findPendingTotp, savePendingTotp } from '../../storage/repositories/mfa.js';
import { generateRecoveryCodes, hashRecoveryCode } from './recovery-codes.js';
import { openSecret, sealSecret } from './secret-box.js';
import { createTotpSecret, matchTotp, otpauthUrl, qrSvg } from './totp.js';

// MFA-3 on the profile: a new authenticator secret waits (sealed) until a code from the app
// proves it was added; only then does it replace anything, and its 10 recovery codes are shown
// that once.

/** How long a scanned-but-unconfirmed authenticator secret waits for its first code. */
export const TOTP_ENROLMENT_MS = 15 * MINUTE;

async function enrolmentOf(employeeId: string, secret: string): Promise<TotpEnrolment> {
  const url = otpauthUrl(secret, employeeId);
  return { otpauthUrl: url, qrSvg: await qrSvg(url), secret };
}

/** Any account may enrol an app: nothing to have proven first. */
const assertFactorUsable: OffersFactor['assertFactorUsable'] = () => {};

/** Starts an enrolment; nothing changes until its first code (confirmEnrolment). */
const turnOnFactor: OffersFactor['turnOnFactor'] = async (deps, _signedIn, state) => {
  const now = deps.clock.now();
  const secret = createTotpSecret();
  await savePendingTotp(deps.storage.db, state.employeeId, sealSecret(deps.config.secret, state.employeeId, secret), now + TOTP_ENROLMENT_MS, now);
  return { method: 'totp', enrolment: await enrolmentOf(state.employeeId, secret) };
};

async function pendingEnrolment(deps: AppDeps, signedIn: SignedIn): Promise<TotpEnrolment | null> {
  const employeeId = signedIn.profile.employeeId;
  const sealed = await findPendingTotp(deps.storage.db, employeeId, deps.clock.now());
  const secret = sealed ? openSecret(deps.config.secret, employeeId, sealed) : null;
  return secret ? enrolmentOf(employeeId, secret) : null;
}

/**
 * A code from the app (±1 step) turns the authenticator on and answers 10 new recovery codes.
 * Typing it proves a second factor, so this session now counts as having passed one (MFA-5).
 */
async function confirmEnrolment(deps: AppDeps, signedIn: SignedIn, code: string, meta: RequestMeta): Promise<string[]> {
  const employeeId = signedIn.profile.employeeId;
  const { db } = deps.storage;
  const now = deps.clock.now();
  if (code.trim() === '') throw new AppError('VALIDATION', 'codeRequired', { fields: { code: 'codeRequired' } });
  const sealed = await findPendingTotp(db, employeeId, now);
  const secret = sealed ? openSecret(deps.config.secret, employeeId, sealed) : null;
  if (!sealed || !secret) throw new AppError('FLOW_EXPIRED', 'totpNotPending');
  const step = await matchTotp(secret, code, now, null);
  if (step === null) throw new AppError('INVALID_CODE', 'codeWrong', { fields: { code: 'codeWrong' } });

  const previous = (await requireOwnMfaState(deps, signedIn)).mfa;
  const codes = generateRecoveryCodes();
  const recoveryHashes = codes.map((c) => hashRecoveryCode(deps.config.secret, employeeId, c));
  if (!(await activatePendingTotp(db, { employeeId, sealed, step, recoveryHashes, now }))) throw new AppError('FLOW_EXPIRED', 'totpNotPending');
  await markSecondFactor(db, signedIn.sessionIdHash, now, 'totp');
  await auditOwnChange(deps, signedIn, meta, 'mfa.changed', { method: 'totp', previous });
  return codes;
}

export const totpSettings = {
  name: 'totp',
  factor: 'totp',
  assertFactorUsable,
  turnOnFactor,
  pendingEnrolment,
  confirmEnrolment,
} as const satisfies SettingsMethod & OffersFactor & EnrolsFactor;
