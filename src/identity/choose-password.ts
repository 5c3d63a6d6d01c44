import type { AppDeps } from '../core/deps.js';
import { AppError } from '../core/errors.js';
import { constantTimeEqual, keyedHash } from '../security/tokens.js';
import { recentPasswordHashes } from '../storage/repositories/profile.js';
import { normalisePassword, passwordTooLong } from './normalise.js';
import { brokenPasswordRules, lengthLimits, type PasswordContext } from './password-policy.js';

// "Choose a new password", one way for every flow that sets one (registration, settings, recovery,
// a help-desk PIN): NORM-7's lengths before any hashing, REG-5's policy, never the PIN, never one
// of the last 5 passwords (RECOV-5, PROF-2); the answer is the new argon2id hash.

export interface PasswordChoice {
  employeeId: string;
  password: string;
  confirm: string;
  /** The keyed hash of the PIN the password may not be, when one is valid. */
  pinHash: string | null;
  /** The password being replaced (history, with the stored last 5); null for the first one. */
  currentHash: string | null;
}

/** The PIN the new password may not repeat: the stored one while it is still valid. */
export function livePinHash(account: { pinHash: string | null; pinExpiresAt: number | null }, now: number): string | null {
  return account.pinHash !== null && (account.pinExpiresAt ?? 0) > now ? account.pinHash : null;
}

/**
 * Lengths and policy only: cheap, no secret, so a form can check them before anything else. The
 * answer names the broken rules and the length limits (SPEC §14.2), and says the limits when the
 * length is what is wrong.
 */
export function checkNewPassword(deps: AppDeps, choice: PasswordChoice): void {
  const { pinHash } = choice;
  const context: PasswordContext = {
    policy: deps.config.policy,
    employeeId: choice.employeeId,
    isPin: (value) => pinHash !== null && constantTimeEqual(keyedHash(deps.config.secret, value), pinHash),
  };
  const limits = lengthLimits(context);
  if (passwordTooLong(choice.password) || passwordTooLong(choice.confirm)) {
    throw new AppError('VALIDATION', 'passwordTooLong', { fields: { password: 'passwordTooLong' }, extra: { limits } });
  }
  const broken = brokenPasswordRules(choice.password, choice.confirm, context);
  if (broken.length > 0) {
    const problem = broken.includes('length') ? 'passwordLength' : 'passwordRules';
    throw new AppError('VALIDATION', 'passwordRules', { fields: { password: problem }, extra: { rules: broken, limits } });
  }
}

/** The whole check, history last (it costs an argon2id verify per entry); the new hash. */
export async function choosePassword(deps: AppDeps, choice: PasswordChoice): Promise<string> {
  checkNewPassword(deps, choice);
  const password = normalisePassword(choice.password);
  for (const earlier of await recentPasswordHashes(deps.storage.db, choice.employeeId, choice.currentHash)) {
    if (await deps.hasher.verify(earlier, password)) {
      throw new AppError('VALIDATION', 'passwordRecent', { fields: { password: 'passwordRecent' }, extra: { rules: ['notRecent'] } });
    }
  }
  return deps.hasher.hash(password);
}
