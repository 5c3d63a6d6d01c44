import { challengeQuestionsRegistration } from '../../methods/challenge-questions/registration.js';
import { emailCodeRegistration } from '../../methods/email-code/registration.js';
import type { CodeChannel } from '../../methods/one-time-code/codes.js';
import { passwordRegistration } from '../../methods/password/registration.js';
import { smsCodeRegistration } from '../../methods/sms-code/registration.js';
import type { RegistrationMethod, RegistrationMethodName, VerifiesContact } from './flow.js';

// The wizard's methods (DESIGN §2), in the order of its steps: adding one adds a folder under
// methods/ and a line here.

export const REGISTRATION_METHODS = {
  email_code: emailCodeRegistration,
  sms_code: smsCodeRegistration,
  questions: challengeQuestionsRegistration,
  password: passwordRegistration,
} as const satisfies Record<RegistrationMethodName, RegistrationMethod>;

type Listed = (typeof REGISTRATION_METHODS)[RegistrationMethodName];

/** The verify step's methods, in the order of its form: one per channel a contact is proven on. */
export const CONTACT_CODE_METHODS: readonly VerifiesContact[] = Object.values(REGISTRATION_METHODS).filter(
  (method): method is Extract<Listed, VerifiesContact> => 'codeField' in method,
);

export function codeMethodFor(channel: CodeChannel): VerifiesContact {
  const method = CONTACT_CODE_METHODS.find((m) => m.channel === channel);
  if (!method) throw new Error(`no registration method proves a contact by ${channel}`);
  return method;
}
