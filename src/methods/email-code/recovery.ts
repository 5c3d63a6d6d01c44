import type { ChecksCode, RecoveryMethod, SendsToContact } from '../../flows/recovery/flow.js';
import { sendRecoveryCode, verifyRecoveryCode } from '../../flows/recovery/code-step.js';
import { emailMatches, typedEmail } from '../../flows/recovery/send-rules.js';

// RECOV-3 by e-mail: a code goes to the typed address only when it is the account's verified
// e-mail; it proves the mailbox (RECOV-6).

export const emailCodeRecovery = {
  name: 'email_code',
  send: (deps, context, typed, meta) => {
    const email = typedEmail(typed, 'to');
    return sendRecoveryCode(deps, context, { channel: 'email', matches: (account) => emailMatches(account, email.key) }, meta);
  },
  verify: verifyRecoveryCode,
} as const satisfies RecoveryMethod & SendsToContact & ChecksCode;
