import type { AppDeps, RequestMeta } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { sendContactNotice } from '../../flows/settings/contact-notice.js';
import type { ChangesContact, OffersFactor, SettingsMethod } from '../../flows/settings/flow.js';
import { maskEmail } from '../../flows/settings/mask.js';
import { auditOwnChange } from '../../flows/settings/own-account.js';
import { normaliseEmail, type NormalisedEmail } from '../../identity/normalise.js';
import type { SignedIn } from '../../session/signed-in.js';
import { setMfaMethod, type MfaState } from '../../storage/repositories/mfa.js';
import { applyVerifiedEmail, type AccountSecurity } from '../../storage/repositories/profile.js';
import { emailTakenByOther } from '../../storage/repositories/registration.js';
import { asLanguage } from '../../web/i18n.js';
import { checkCode, type CodeOwner } from '../one-time-code/codes.js';
import { codeProblem, sendContactCode } from '../one-time-code/contact-code.js';

// PROF-1 by e-mail: a new address is used only once the code sent to it comes back, and the old
// one is told at once. MFA-1: codes by e-mail go only to an address proven that way.

const ownerOf = (employeeId: string): CodeOwner => ({ employeeId, purpose: 'profile_email', channel: 'email' });

async function send(deps: AppDeps, signedIn: SignedIn, input: { account: AccountSecurity; to: string }, meta: RequestMeta): Promise<void> {
  const { account, to } = input;
  const language = asLanguage(account.language);
  // MFA-2's resend limits keep the form from flooding someone else's inbox.
  await sendContactCode(deps, { owner: ownerOf(account.employeeId), to, language, givenName: account.givenName }, true);
  if (account.email) await sendContactNotice(deps, account, { to: account.email, changed: 'email', maskedNewAddress: maskEmail(to), language });
  await auditOwnChange(deps, signedIn, meta, 'contact.change_requested', { field: 'email' });
}

async function verify(deps: AppDeps, signedIn: SignedIn, code: string, meta: RequestMeta) {
  const employeeId = signedIn.profile.employeeId;
  const now = deps.clock.now();
  const result = await checkCode(deps.storage.db, deps.config.secret, ownerOf(employeeId), code, now);
  const email = result.valid ? normaliseEmail(result.destination) : null;
  if (!result.valid || !email) return codeProblem(result);
  if (!(await applyUniqueEmail(deps, employeeId, email, now))) return 'emailTaken';
  await auditOwnChange(deps, signedIn, meta, 'contact.changed', { field: 'email' });
  return null;
}

/** NORM-2: the address may have been taken by another account since the code was sent. */
async function applyUniqueEmail(deps: AppDeps, employeeId: string, email: NormalisedEmail, now: number): Promise<boolean> {
  const { db } = deps.storage;
  if (await emailTakenByOther(db, email.key, employeeId)) return false;
  try {
    await applyVerifiedEmail(db, employeeId, email, now);
    return true;
  } catch (error) {
    // A racing writer won the unique index: the same answer as the check above.
    if (await emailTakenByOther(db, email.key, employeeId)) return false;
    throw error;
  }
}

function assertFactorUsable(state: MfaState): void {
  if (!state.email) throw new AppError('VALIDATION', 'mfaNeedsEmail', { fields: { method: 'mfaNeedsEmail' } });
}

async function turnOnFactor(deps: AppDeps, signedIn: SignedIn, state: MfaState, meta: RequestMeta) {
  await setMfaMethod(deps.storage.db, state.employeeId, 'email', deps.clock.now());
  await auditOwnChange(deps, signedIn, meta, 'mfa.changed', { method: 'email', previous: state.mfa });
  return { method: 'email' } as const;
}

export const emailCodeSettings = {
  name: 'email_code',
  channel: 'email',
  codeField: 'emailCode',
  send,
  verify,
  factor: 'email',
  assertFactorUsable,
  turnOnFactor,
} as const satisfies SettingsMethod & ChangesContact & OffersFactor;
