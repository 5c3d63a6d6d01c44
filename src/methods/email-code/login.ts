import type { SecondFactor } from '../../flows/login/mfa.js';
import type { MfaState } from '../../storage/repositories/mfa.js';
import { checkDeliveredCode, deliverCode, liveCodeWaiting } from '../../flows/login/second-factor-checks.js';
import { maskEmail } from '../../flows/settings/mask.js';

// MFA-2 by e-mail: a six-digit code to the account's verified address.

function destination(state: MfaState): string | null {
  return state.email ? maskEmail(state.email) : null;
}

export const emailCodeLogin = {
  name: 'email_code',
  channel: 'email',
  destination,
  send: (deps, state, purpose, options) => deliverCode(deps, state, { channel: 'email', to: state.email, sentTo: destination(state) }, purpose, options),
  waiting: (deps, state, purpose) => liveCodeWaiting(deps, state, 'email', purpose),
  verify: (deps, check, digits) => checkDeliveredCode(deps, check, 'email', digits),
} as const satisfies SecondFactor;
