import type { AppDeps } from '../../core/deps.js';
import type { SecondFactor } from '../../flows/login/mfa.js';
import { checkUnderLock } from '../../flows/login/second-factor-checks.js';
import { acceptTotpStep, type MfaState } from '../../storage/repositories/mfa.js';
import { openSecret } from './secret-box.js';
import { matchTotp } from './totp.js';

// MFA-3: a code from the authenticator app (RFC 6238, ±1 step), accepted once per time step and
// limited by the authenticator's own lock; nothing is sent.

async function checkTotp(deps: AppDeps, state: MfaState, digits: string): Promise<boolean> {
  const secret = state.totpSecret ? openSecret(deps.config.secret, state.employeeId, state.totpSecret) : null;
  if (!secret) return false;
  const now = deps.clock.now();
  const step = await matchTotp(secret, digits, now, state.lastStep);
  // The conditional update is what stops a replay racing the first use of the same code.
  return step !== null && acceptTotpStep(deps.storage.db, state.employeeId, step, now);
}

export const totpLogin = {
  name: 'totp',
  channel: 'totp',
  destination: () => null,
  send: async () => ({ channel: 'totp', sentTo: null, codeSent: false }),
  waiting: async () => false,
  verify: (deps, check, digits) => checkUnderLock(deps, check, 'totp', () => checkTotp(deps, check.state, digits)),
} as const satisfies SecondFactor;
