import type { AppDeps, RequestMeta } from '../../app/deps.js';
import { AppError } from '../../app/errors.js';
import { auditOwnEvent } from '../../console/audit/record-audit.js';
import { notifyPasswordChanged } from '../../delivery/notify-password-changed.js';
import { normalisePassword, passwordTooLong } from '../../identity/normalise.js';
import { brokenPasswordRules } from '../../identity/password-policy.js';
import { accountLockKey, clearLoginLock, secondFactorLockKey } from '../../security/lockout.js';
import { constantTimeEqual, keyedHash } from '../../security/tokens.js';
import { endAllSessions } from '../../session/session-store.js';
import { recentPasswordHashes, recordPasswordHistory } from '../../storage/repositories/profile.js';
import { findRecoveryAccount, resetAnswerAttempts, type RecoveryAccount } from '../../storage/repositories/recovery.js';
import { findFlow, type FlowRecord } from '../flow-store.js';
import { findMfaState } from '../../storage/repositories/mfa.js';
import { startCodeStep, type CodeStepView } from './mfa-step.js';

export interface SetPasswordInput {
  password: string;
  confirm: string;
}

export interface SetPasswordContext {
  flow: FlowRecord;
  account: RecoveryAccount & { passwordHash: string; pinHash: string };
}

/** The live `set_password` flow of a help-desk PIN and its account; FLOW_EXPIRED when either is gone or the PIN is no longer valid. */
export async function loadSetPassword(deps: AppDeps, flowId: string): Promise<SetPasswordContext> {
  const now = deps.clock.now();
  const flow = await findFlow(deps.storage.db, deps.config.secret, flowId, 'set_password', now);
  if (!flow) throw new AppError('FLOW_EXPIRED', 'flowExpired');
  const account = await findRecoveryAccount(deps.storage.db, flow.employeeId);
  if (!account || account.passwordHash === null || account.pinHash === null || (account.pinExpiresAt ?? 0) <= now || account.disabledAt !== null) {
    throw new AppError('FLOW_EXPIRED', 'flowExpired');
  }
  return { flow, account: { ...account, passwordHash: account.passwordHash, pinHash: account.pinHash } };
}

/**
 * LOGIN-3 / HELP-4: after a help-desk PIN, a new password (REG-5, not one of the last 5). In ONE
 * transaction: the flow is spent, the password stored (with its history), the PIN spent, every
 * session ended and the temporary and help-desk locks cleared — a crash leaves either the old
 * state with a valid PIN or the new password, never a spent PIN without a password. Then the
 * person is told (`password-changed`). HELP-4: the PIN replaced the password, not the second
 * factor, so an account with MFA goes on to its code step; otherwise the caller signs the person in
 * (a session that never counts as having passed a second factor, MFA-5/MFA-6).
 */
export type SetPasswordOutcome = { next: 'home'; employeeId: string } | { next: 'code'; employeeId: string; step: CodeStepView };

export async function setPasswordAfterPin(deps: AppDeps, flowId: string, input: SetPasswordInput, meta: RequestMeta): Promise<SetPasswordOutcome> {
  const { flow, account } = await loadSetPassword(deps, flowId);
  const { employeeId } = account;
  // NORM-7: lengths before any hashing.
  if (passwordTooLong(input.password) || passwordTooLong(input.confirm)) throw new AppError('VALIDATION', 'passwordTooLong', { fields: { password: 'passwordTooLong' } });
  const broken = brokenPasswordRules(input.password, input.confirm, {
    policy: deps.config.policy,
    employeeId,
    isPin: (value) => constantTimeEqual(keyedHash(deps.config.secret, value), account.pinHash),
  });
  if (broken.length > 0) throw new AppError('VALIDATION', 'passwordRules', { fields: { password: 'passwordRules' }, extra: { rules: broken } });

  const password = normalisePassword(input.password);
  for (const earlier of await recentPasswordHashes(deps.storage.db, employeeId, account.passwordHash)) {
    if (await deps.hasher.verify(earlier, password)) {
      throw new AppError('VALIDATION', 'passwordRecent', { fields: { password: 'passwordRecent' }, extra: { rules: ['notRecent'] } });
    }
  }
  const newHash = await deps.hasher.hash(password);
  const now = deps.clock.now();
  const { sessionsEnded, wasHelpdeskLocked } = await deps.storage.db.transaction().execute(async (tx) => {
    // Single use: of parallel submits exactly one deletes the flow and goes on.
    const spent = await tx.deleteFrom('flows').where('id_hash', '=', flow.idHash).where('kind', '=', 'set_password').executeTakeFirst();
    if (Number(spent.numDeletedRows) !== 1) throw new AppError('FLOW_EXPIRED', 'flowExpired');
    // The PIN is spent only if it is still the same, unexpired help-desk PIN.
    const updated = await tx
      .updateTable('accounts')
      .set({ password_hash: newHash, pin_hash: null, pin_expires_at: null, pin_purpose: null, helpdesk_locked_at: null, updated_at: now })
      .where('employee_id', '=', employeeId)
      .where('pin_hash', '=', account.pinHash)
      .where('pin_purpose', '=', 'reset')
      .where('pin_expires_at', '>', now)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('FLOW_EXPIRED', 'flowExpired');
    await recordPasswordHistory(tx, employeeId, account.passwordHash, newHash, now);
    await tx.deleteFrom('flows').where('employee_id', '=', employeeId).where('kind', '=', 'set_password').execute();
    const ended = await endAllSessions(tx, employeeId);
    await clearLoginLock(tx, accountLockKey(employeeId));
    await clearLoginLock(tx, secondFactorLockKey(employeeId));
    await resetAnswerAttempts(tx, `account:${employeeId}`);
    return { sessionsEnded: ended, wasHelpdeskLocked: account.helpdeskLockedAt !== null };
  });

  await notifyPasswordChanged(deps, account);
  const audit = (event: string, detail: Record<string, string | number>) => auditOwnEvent(deps, meta, employeeId, event, 'success', detail);
  if (wasHelpdeskLocked) await audit('account.unlocked', { via: 'helpdesk_pin' });
  await audit('password.changed', { via: 'helpdesk_pin', sessionsEnded });
  const mfa = await findMfaState(deps.storage.db, employeeId);
  if (mfa && mfa.mfa !== 'off') return { next: 'code', employeeId, step: await startCodeStep(deps, employeeId, meta, 'helpdesk_pin') };
  return { next: 'home', employeeId };
}

