import type { AppDeps, RequestMeta } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { sendContactNotice } from '../../flows/settings/contact-notice.js';
import type { ChangesContact, OffersFactor, RemovesContact, SettingsMethod } from '../../flows/settings/flow.js';
import { maskMobile } from '../../flows/settings/mask.js';
import { auditOwnChange } from '../../flows/settings/own-account.js';
import type { SignedIn } from '../../session/signed-in.js';
import { setMfaMethod, type MfaState } from '../../storage/repositories/mfa.js';
import { applyMobile, type AccountSecurity } from '../../storage/repositories/profile.js';
import { asLanguage, messagesFor } from '../../web/i18n.js';
import { checkCode, voidCodes, type CodeOwner } from '../one-time-code/codes.js';
import { codeProblem, sendContactCode } from '../one-time-code/contact-code.js';

// PROF-1 by SMS: a new number is used only once the code sent to it comes back, and the old
// contact is told at once; the phone may also be removed. MFA-1: SMS codes go only to a number
// proven that way.

const ownerOf = (employeeId: string): CodeOwner => ({ employeeId, purpose: 'profile_mobile', channel: 'sms' });

async function send(deps: AppDeps, signedIn: SignedIn, input: { account: AccountSecurity; to: string }, meta: RequestMeta): Promise<void> {
  const { account, to } = input;
  const language = asLanguage(account.language);
  // MFA-2's resend limits keep the form from flooding someone else's phone.
  await sendContactCode(deps, { owner: ownerOf(account.employeeId), to, language, givenName: account.givenName }, true);
  // The old number is told; someone adding a first number hears about it by e-mail.
  const oldContact = account.mobile ?? account.email;
  if (oldContact) await sendContactNotice(deps, account, { to: oldContact, changed: 'sms', maskedNewAddress: maskMobile(to), language });
  await auditOwnChange(deps, signedIn, meta, 'contact.change_requested', { field: 'mobile' });
}

async function verify(deps: AppDeps, signedIn: SignedIn, code: string, meta: RequestMeta) {
  const employeeId = signedIn.profile.employeeId;
  const now = deps.clock.now();
  const result = await checkCode(deps.storage.db, deps.config.secret, ownerOf(employeeId), code, now);
  if (!result.valid) return codeProblem(result);
  await applyMobile(deps.storage.db, employeeId, result.destination, now);
  await auditOwnChange(deps, signedIn, meta, 'contact.changed', { field: 'mobile' });
  return null;
}

/** The phone goes at once, with any code still on its way to a new number; the old number is told. */
async function remove(deps: AppDeps, signedIn: SignedIn, account: AccountSecurity, meta: RequestMeta): Promise<void> {
  if (!account.mobile) return;
  const now = deps.clock.now();
  const language = asLanguage(account.language);
  await applyMobile(deps.storage.db, account.employeeId, null, now);
  await voidCodes(deps.storage.db, ownerOf(account.employeeId), now);
  await sendContactNotice(deps, account, { to: account.mobile, changed: 'sms', maskedNewAddress: messagesFor(language).profile.noticeRemoved, language });
  await auditOwnChange(deps, signedIn, meta, 'contact.changed', { field: 'mobile', removed: true });
}

function assertFactorUsable(state: MfaState): void {
  if (!state.mobile) throw new AppError('VALIDATION', 'mfaNeedsMobile', { fields: { method: 'mfaNeedsMobile' } });
}

async function turnOnFactor(deps: AppDeps, signedIn: SignedIn, state: MfaState, meta: RequestMeta) {
  await setMfaMethod(deps.storage.db, state.employeeId, 'sms', deps.clock.now());
  await auditOwnChange(deps, signedIn, meta, 'mfa.changed', { method: 'sms', previous: state.mfa });
  return { method: 'sms' } as const;
}

export const smsCodeSettings = {
  name: 'sms_code',
  channel: 'sms',
  codeField: 'mobileCode',
  send,
  verify,
  remove,
  factor: 'sms',
  assertFactorUsable,
  turnOnFactor,
} as const satisfies SettingsMethod & ChangesContact & RemovesContact & OffersFactor;
