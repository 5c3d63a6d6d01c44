import { challengeQuestionsSettings } from '../../methods/challenge-questions/settings.js';
import { emailCodeSettings } from '../../methods/email-code/settings.js';
import type { CodeChannel } from '../../methods/one-time-code/codes.js';
import { passwordSettings } from '../../methods/password/settings.js';
import { smsCodeSettings } from '../../methods/sms-code/settings.js';
import { totpSettings } from '../../methods/totp/settings.js';
import type { MfaMethod } from '../../storage/repositories/mfa.js';
import type { SettingsAuthenticatorMethod, SettingsCodeMethod, SettingsMethod } from './flow.js';

// The methods Edit My Profile uses, in the order of the page (and, on the verify form, of its
// fields). A new method is a folder under src/methods/ and a line here. The flow sees them only
// through its interfaces (flow.ts).

export const SETTINGS_METHODS: readonly SettingsMethod[] = [passwordSettings, challengeQuestionsSettings, emailCodeSettings, smsCodeSettings, totpSettings];

type MethodOf<P extends SettingsMethod['part']> = Extract<SettingsMethod, { part: P }>;

function methodsOf<P extends SettingsMethod['part']>(part: P): MethodOf<P>[] {
  return SETTINGS_METHODS.filter((m): m is MethodOf<P> => m.part === part);
}

/** The method of a part that has exactly one: the password, the questions, the authenticator. */
export function partMethod<P extends 'password' | 'questions' | 'authenticator'>(part: P): MethodOf<P> {
  const [method] = methodsOf(part);
  if (!method) throw new Error(`no settings method for ${part}`);
  return method;
}

/** The contacts proven by a code: one method per channel. */
export const CODE_METHODS: readonly SettingsCodeMethod[] = methodsOf('contact');

export function codeMethodFor(channel: CodeChannel): SettingsCodeMethod {
  const method = CODE_METHODS.find((m) => m.channel === channel);
  if (!method) throw new Error(`no settings method proves a contact by ${channel}`);
  return method;
}

/** MFA-1: the method behind each second factor that can be chosen. */
export function factorMethodFor(factor: Exclude<MfaMethod, 'off'>): SettingsCodeMethod | SettingsAuthenticatorMethod {
  const method = SETTINGS_METHODS.find((m): m is SettingsCodeMethod | SettingsAuthenticatorMethod => 'factor' in m && m.factor === factor);
  if (!method) throw new Error(`no settings method offers the ${factor} factor`);
  return method;
}
