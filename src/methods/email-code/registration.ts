import type { RegistrationMethod, VerifiesContact } from '../../flows/registration/flow.js';
import { contactCodeStep } from '../../flows/registration/contact-code-step.js';

// REG-3 by e-mail: the address typed at the contact step counts only once the code sent to it
// comes back.

export const emailCodeRegistration = {
  name: 'email_code',
  channel: 'email',
  codeField: 'emailCode',
  ...contactCodeStep({ channel: 'email', purpose: 'register_email', saved: (progress) => progress.email, verifiedColumn: 'email_verified_at' }),
} as const satisfies RegistrationMethod & VerifiesContact;
