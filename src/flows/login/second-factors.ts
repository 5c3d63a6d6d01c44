import { emailCodeLogin } from '../../methods/email-code/login.js';
import { smsCodeLogin } from '../../methods/sms-code/login.js';
import { totpLogin } from '../../methods/totp/login.js';
import type { MfaChannel } from '../../storage/repositories/mfa.js';
import type { SecondFactor } from './mfa.js';

// The sign-in's second factors (MFA-2/3), one method per channel: adding one adds a folder under
// methods/ and a line here. Kept apart from methods.ts so the code step reads it without a cycle.

export const SECOND_FACTORS = {
  email: emailCodeLogin,
  sms: smsCodeLogin,
  totp: totpLogin,
} as const satisfies Record<MfaChannel, SecondFactor>;
