import { challengeQuestionsSettings } from '../../methods/challenge-questions/settings.js';
import { emailCodeSettings } from '../../methods/email-code/settings.js';
import type { CodeChannel } from '../../methods/one-time-code/codes.js';
import { passwordSettings } from '../../methods/password/settings.js';
import { smsCodeSettings } from '../../methods/sms-code/settings.js';
import { totpSettings } from '../../methods/totp/settings.js';
import { passkeySettings } from '../../methods/passkey/settings.js';
import type { MfaMethod } from '../../storage/repositories/mfa.js';
import type { ChangesContact, OffersFactor, SettingsMethod, SettingsMethodName } from './flow.js';

// Edit My Profile's methods (DESIGN §2), in the order of the page: adding one adds a folder under
// methods/ and a line here.

export const SETTINGS_METHODS = {
  password: passwordSettings,
  questions: challengeQuestionsSettings,
  email_code: emailCodeSettings,
  sms_code: smsCodeSettings,
  totp: totpSettings,
  passkey: passkeySettings,
} as const satisfies Record<SettingsMethodName, SettingsMethod>;

type Listed = (typeof SETTINGS_METHODS)[SettingsMethodName];
const LISTED: readonly Listed[] = Object.values(SETTINGS_METHODS);

/** The contacts proven by a code, in the order of the verify form: one method per channel. */
export const CONTACT_CODE_METHODS: readonly ChangesContact[] = LISTED.filter((method): method is Extract<Listed, ChangesContact> => 'codeField' in method);

export function codeMethodFor(channel: CodeChannel): ChangesContact {
  const method = CONTACT_CODE_METHODS.find((m) => m.channel === channel);
  if (!method) throw new Error(`no settings method proves a contact by ${channel}`);
  return method;
}

/** MFA-1: the method behind each second factor that can be chosen. */
export function factorMethodFor(factor: Exclude<MfaMethod, 'off'>): OffersFactor {
  const method = LISTED.find((m): m is Extract<Listed, OffersFactor> => 'factor' in m && m.factor === factor);
  if (!method) throw new Error(`no settings method offers the ${factor} factor`);
  return method;
}
