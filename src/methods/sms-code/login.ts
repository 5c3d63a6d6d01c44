import type { SecondFactor } from '../../flows/login/mfa.js';
import type { MfaState } from '../../storage/repositories/mfa.js';
import { checkDeliveredCode, deliverCode, liveCodeWaiting } from '../../flows/login/second-factor-checks.js';
import { maskMobile } from '../../flows/settings/mask.js';

// MFA-2 by SMS: a six-digit code to the account's verified mobile.

function destination(state: MfaState): string | null {
  return state.mobile ? maskMobile(state.mobile) : null;
}

export const smsCodeLogin = {
  name: 'sms_code',
  channel: 'sms',
  destination,
  send: (deps, state, purpose, options) => deliverCode(deps, state, { channel: 'sms', to: state.mobile, sentTo: destination(state) }, purpose, options),
  waiting: (deps, state, purpose) => liveCodeWaiting(deps, state, 'sms', purpose),
  verify: (deps, check, digits) => checkDeliveredCode(deps, check, 'sms', digits),
} as const satisfies SecondFactor;
