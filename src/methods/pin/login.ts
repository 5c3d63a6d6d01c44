import { normalisePin } from '../../identity/normalise.js';
import { constantTimeEqual, keyedHash } from '../../security/tokens.js';
import type { CredentialMethod } from '../../flows/login/flow.js';

// LOGIN-2/3 and HELP-4: an unexpired PIN in the password field — the roster's (a `register` PIN,
// → the wizard) or the help desk's (a `reset` PIN, → a new password). Only its keyed hash is stored.

export const pinLogin = {
  name: 'pin',
  check: async (deps, candidate, typed, now) => {
    const pin = normalisePin(typed);
    if (!pin || !candidate.pinHash || candidate.pinExpiresAt === null || candidate.pinExpiresAt <= now) return 'wrong';
    if (!constantTimeEqual(keyedHash(deps.config.secret, pin), candidate.pinHash)) return 'wrong';
    return candidate.pinPurpose === 'register' ? 'register_pin' : candidate.pinPurpose === 'reset' ? 'reset_pin' : 'wrong';
  },
} as const satisfies CredentialMethod;
