import type { AuditEventName } from '../audit/events.js';
import type { AppDeps, RequestMeta } from '../core/deps.js';
import { auditOwnEvent } from '../audit/record-audit.js';
import { notifyPasswordChanged, type PasswordChangeRecipient } from '../delivery/notify-password-changed.js';
import { voidResetTokens } from '../storage/repositories/reset-tokens.js';
import { accountLockKey, clearLoginLock, secondFactorLockKey } from '../security/lockout.js';
import { endAllSessions } from '../session/session-store.js';
import type { DbTransaction } from '../storage/database.js';
import { updatePasswordHash } from '../storage/repositories/accounts.js';
import { endSetPasswordFlows, recordPasswordHistory } from '../storage/repositories/profile.js';
import { clearHelpdeskLock, endRecoveryFlows, resetAnswerAttempts } from '../storage/repositories/recovery.js';

// What every new password sets off, one way for registration, settings, recovery and a help-desk
// PIN (SESS-3, RECOV-5, RECOV-7, RECOV-8, HELP-4). In ONE transaction, with the caller's own
// writes (spending its flow, its PIN): the hash and its history, every other session ended, the
// temporary, second-factor and questions locks cleared, every reset link and recovery flow void.
// Then the person is told ("your password was changed", with the "this wasn't me" pointer) and
// it is on the record.

export type PasswordChangeVia = 'registration' | 'settings' | 'recovery' | 'helpdesk_pin';

export interface PasswordChange {
  employeeId: string;
  previousHash: string | null;
  newHash: string;
  via: PasswordChangeVia;
  /** The session that made the change and stays (SESS-3); every other one ends. */
  keepSessionIdHash?: string;
  /** Who is told; null for the first password at registration, which changes nothing. */
  recipient: PasswordChangeRecipient | null;
  meta: RequestMeta;
  /** The caller's writes that belong to the change (spend the flow, the PIN); throwing cancels it all. */
  alongside?: (tx: DbTransaction) => Promise<void>;
}

export async function commitPasswordChange(deps: AppDeps, change: PasswordChange): Promise<{ sessionsEnded: number }> {
  const { employeeId } = change;
  const now = deps.clock.now();
  const { sessionsEnded, unlocked } = await deps.storage.db.transaction().execute(async (tx) => {
    await change.alongside?.(tx);
    await updatePasswordHash(tx, employeeId, change.newHash, now);
    await recordPasswordHistory(tx, employeeId, change.previousHash, change.newHash, now);
    await voidResetTokens(tx, employeeId, now);
    await endRecoveryFlows(tx, employeeId);
    await endSetPasswordFlows(tx, employeeId);
    const ended = await endAllSessions(tx, { employeeId, exceptIdHash: change.keepSessionIdHash, secret: deps.config.secret, now });
    await clearLoginLock(tx, accountLockKey(employeeId));
    await clearLoginLock(tx, secondFactorLockKey(employeeId));
    await resetAnswerAttempts(tx, `account:${employeeId}`);
    return { sessionsEnded: ended, unlocked: await clearHelpdeskLock(tx, employeeId, now) };
  });
  if (change.recipient) await notifyPasswordChanged(deps, change.recipient);
  const audit = (event: AuditEventName, detail: Record<string, string | number>) => auditOwnEvent(deps, change.meta, employeeId, event, 'success', detail);
  if (unlocked) await audit('account.unlocked', { via: change.via });
  await audit('password.changed', { via: change.via, sessionsEnded });
  return { sessionsEnded };
}
