import type { ChecksCode, RecoveryMethod, SendsToContact } from '../../flows/recovery/flow.js';
import { sendRecoveryCode, verifyRecoveryCode } from '../../flows/recovery/code-step.js';
import { mobileMatches, typedMobile } from '../../flows/recovery/send-rules.js';

// RECOV-3 by SMS: a code goes to the typed number only when it is the account's verified mobile;
// it proves the phone (RECOV-6).

export const smsCodeRecovery = {
  name: 'sms_code',
  send: (deps, context, typed, meta) => {
    const mobile = typedMobile(typed, 'to');
    return sendRecoveryCode(deps, context, { channel: 'sms', matches: (account) => mobileMatches(account, mobile) }, meta);
  },
  verify: verifyRecoveryCode,
} as const satisfies RecoveryMethod & SendsToContact & ChecksCode;
