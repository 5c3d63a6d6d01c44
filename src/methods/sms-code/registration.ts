import type { RegistrationMethod, VerifiesContact } from '../../flows/registration/flow.js';
import { contactCodeStep } from '../../flows/registration/contact-code-step.js';

// REG-3 by SMS: a mobile number is optional, and one that was given counts only once the code
// sent to it comes back.

export const smsCodeRegistration = {
  name: 'sms_code',
  channel: 'sms',
  codeField: 'mobileCode',
  ...contactCodeStep({ channel: 'sms', purpose: 'register_mobile', saved: (progress) => progress.mobile, verifiedColumn: 'mobile_verified_at' }),
} as const satisfies RegistrationMethod & VerifiesContact;
