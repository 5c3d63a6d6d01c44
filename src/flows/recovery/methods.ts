import { emailLinkRecovery } from '../../methods/email-link/recovery.js';
import { emailCodeRecovery } from '../../methods/email-code/recovery.js';
import { smsCodeRecovery } from '../../methods/sms-code/recovery.js';
import { challengeQuestionsRecovery } from '../../methods/challenge-questions/recovery.js';
import { totpRecovery } from '../../methods/totp/recovery.js';
import { passkeyRecovery } from '../../methods/passkey/recovery.js';
import type { CodeChannel } from '../../methods/one-time-code/codes.js';
import type { RecoveryContext, RecoveryMethod } from './flow.js';

// The recovery flow's methods (DESIGN §2): adding one adds a folder under methods/ and a line here.

export const RECOVERY_METHODS = {
  email_link: emailLinkRecovery,
  email_code: emailCodeRecovery,
  sms_code: smsCodeRecovery,
  questions: challengeQuestionsRecovery,
  totp: totpRecovery,
  passkey: passkeyRecovery,
} as const satisfies Record<string, RecoveryMethod>;

/** The method that sends codes on `channel` (RECOV-3). */
export function codeMethod(channel: CodeChannel) {
  return channel === 'email' ? RECOVERY_METHODS.email_code : RECOVERY_METHODS.sms_code;
}

/** The method whose code the flow sent last (RECOV-3): the code step checks it. */
export function sentCodeMethod(context: RecoveryContext) {
  return codeMethod(context.flow.state.codeChannel ?? 'email');
}
