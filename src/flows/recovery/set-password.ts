import type { AppDeps, RequestMeta } from '../../app/deps.js';
import { AppError } from '../../app/errors.js';
import { normalisePassword, passwordTooLong } from '../../identity/normalise.js';
import { brokenPasswordRules } from '../../identity/password-policy.js';
import { voidResetTokens } from '../../methods/email-link/reset-tokens.js';
import { accountLockKey, clearLoginLock } from '../../security/lockout.js';
import { constantTimeEqual, keyedHash } from '../../security/tokens.js';
import { endAllSessions } from '../../session/session-store.js';
import { recentPasswordHashes, replacePassword } from '../../storage/repositories/profile.js';
import {
  endRecoveryFlows,
  resetAnswerAttempts,
  spendRecoveryFlow,
  type RecoveryAccount,
} from '../../storage/repositories/recovery.js';
import { auditRecovery, canRecover, nextAfterProof, provesContact, type RecoveryContext } from './flow.js';
import { notifyPasswordChanged } from '../../delivery/notify-password-changed.js';
import { clearQuestionsLock } from '../../identity/clear-questions-lock.js';

export interface NewPasswordInput {
  password: string;
  confirm: string;
}

/**
 * RECOV-5, RECOV-7, RECOV-8: after a proof, a new password (REG-5, not one of the last 5). Then
 * every other session ends, the temporary sign-in lock and — for a proof of the registered e-mail
 * or phone — the help-desk lock are cleared, every reset link is void, and the person is told.
 * The caller signs the person in.
 */
export async function setRecoveryPassword(deps: AppDeps, context: RecoveryContext, input: NewPasswordInput, meta: RequestMeta): Promise<{ employeeId: string }> {
  const { flow, account } = context;
  if (flow.proofs.length === 0 || nextAfterProof(context) !== 'set_password') throw new AppError('VALIDATION', 'stepNotReady');
  if (!canRecover(deps, account)) throw new AppError('FLOW_EXPIRED', 'flowExpired');
  // NORM-7: lengths before any hashing.
  if (passwordTooLong(input.password) || passwordTooLong(input.confirm)) throw new AppError('VALIDATION', 'passwordTooLong', { fields: { password: 'passwordTooLong' } });
  const now = deps.clock.now();
  const broken = brokenPasswordRules(input.password, input.confirm, {
    policy: deps.config.policy,
    employeeId: account.employeeId,
    isPin: (value) => account.pinHash !== null && (account.pinExpiresAt ?? 0) > now && constantTimeEqual(keyedHash(deps.config.secret, value), account.pinHash),
  });
  if (broken.length > 0) throw new AppError('VALIDATION', 'passwordRules', { fields: { password: 'passwordRules' }, extra: { rules: broken } });

  const password = normalisePassword(input.password);
  for (const earlier of await recentPasswordHashes(deps.storage.db, account.employeeId, account.passwordHash)) {
    if (await deps.hasher.verify(earlier, password)) {
      throw new AppError('VALIDATION', 'passwordRecent', { fields: { password: 'passwordRecent' }, extra: { rules: ['notRecent'] } });
    }
  }
  const newHash = await deps.hasher.hash(password);
  await applyReset(deps, context as RecoveryContext & { account: RecoveryAccount }, newHash, meta);
  return { employeeId: account.employeeId };
}

async function applyReset(deps: AppDeps, context: RecoveryContext & { account: RecoveryAccount }, newHash: string, meta: RequestMeta): Promise<void> {
  const { db } = deps.storage;
  const { flow, account } = context;
  const { employeeId } = account;
  const now = deps.clock.now();
  // The flow is spent first, in one statement: of parallel submits exactly one goes on.
  if (!(await spendRecoveryFlow(db, flow.idHash, now))) throw new AppError('FLOW_EXPIRED', 'flowExpired');
  await replacePassword(db, employeeId, account.passwordHash, newHash, now);
  await voidResetTokens(db, employeeId, now);
  await endRecoveryFlows(db, employeeId);
  const ended = await endAllSessions(db, employeeId);
  await clearLoginLock(db, accountLockKey(employeeId));
  const proofs = flow.proofs.join(',');
  // RECOV-7: a proof of the registered e-mail or phone clears the questions lock.
  if (flow.proofs.some(provesContact)) await clearQuestionsLock(deps, employeeId, meta, 'recovery', proofs);
  else await resetAnswerAttempts(db, `account:${employeeId}`);
  await notifyPasswordChanged(deps, account);
  await auditRecovery(deps, meta, employeeId, 'recovery.succeeded', 'success', { method: proofs });
  await auditRecovery(deps, meta, employeeId, 'password.changed', 'success', { via: 'recovery', sessionsEnded: ended });
}
