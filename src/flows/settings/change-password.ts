import type { AppDeps, RequestMeta } from '../../app/deps.js';
import { AppError } from '../../app/errors.js';
import { normalisePassword, passwordTooLong } from '../../identity/normalise.js';
import { brokenPasswordRules } from '../../identity/password-policy.js';
import { constantTimeEqual, keyedHash } from '../../security/tokens.js';
import { endAllSessions } from '../../session/session-store.js';
import { recentPasswordHashes, replacePassword } from '../../storage/repositories/profile.js';
import { confirmFreshAuth } from './fresh-auth.js';
import { auditOwnChange, requireAccount, type SignedIn } from './signed-in.js';
import { notifyPasswordChanged } from '../../delivery/notify-password-changed.js';

export interface ChangePasswordInput {
  current?: string | undefined;
  password: string;
  confirm: string;
}

/**
 * PROF-2 and SESS-3: the REG-5 policy, not one of the last 5 passwords, then every other session
 * of the account ends and the person is told by e-mail (and SMS when a phone is verified).
 */
export async function changePassword(deps: AppDeps, signedIn: SignedIn, input: ChangePasswordInput, meta: RequestMeta): Promise<void> {
  const employeeId = signedIn.profile.employeeId;
  // NORM-7: lengths before any hashing; the policy is cheap and needs no secret, so it comes first.
  if (passwordTooLong(input.password) || passwordTooLong(input.confirm)) {
    throw new AppError('VALIDATION', 'passwordTooLong', { fields: { password: 'passwordTooLong' } });
  }
  const account = await requireAccount(deps, signedIn);
  const now = deps.clock.now();
  const broken = brokenPasswordRules(input.password, input.confirm, {
    policy: deps.config.policy,
    employeeId,
    isPin: (value) => account.pinHash !== null && (account.pinExpiresAt ?? 0) > now && constantTimeEqual(keyedHash(deps.config.secret, value), account.pinHash),
  });
  if (broken.length > 0) throw new AppError('VALIDATION', 'passwordRules', { fields: { password: 'passwordRules' }, extra: { rules: broken } });

  await confirmFreshAuth(deps, signedIn, input.current, meta);

  const password = normalisePassword(input.password);
  for (const earlier of await recentPasswordHashes(deps.storage.db, employeeId, account.passwordHash)) {
    if (await deps.hasher.verify(earlier, password)) {
      throw new AppError('VALIDATION', 'passwordRecent', { fields: { password: 'passwordRecent' }, extra: { rules: ['notRecent'] } });
    }
  }
  const newHash = await deps.hasher.hash(password);
  await replacePassword(deps.storage.db, employeeId, account.passwordHash, newHash, deps.clock.now());
  // SESS-3: every other session ends; the one that made the change stays.
  const ended = await endAllSessions(deps.storage.db, employeeId, signedIn.sessionIdHash);
  await notifyPasswordChanged(deps, account);
  await auditOwnChange(deps, signedIn, meta, 'password.changed', { sessionsEnded: ended });
}
