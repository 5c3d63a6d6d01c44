import type { AppDeps, RequestMeta } from '../core/deps.js';
import { auditOwnEvent } from '../audit/record-audit.js';
import { clearHelpdeskLock, resetAnswerAttempts } from '../storage/repositories/recovery.js';

// RECOV-7: a sign-in with the right password (and second factor) proves the account, so the lock
// on recovery by challenge questions (`helpdesk_locked_at`) and its count of wrong sets are
// cleared. (A new password clears it too, in identity/after-password-change.ts.)

export async function clearQuestionsLock(deps: AppDeps, employeeId: string, meta: RequestMeta, via: 'sign_in', method: string): Promise<void> {
  const { db } = deps.storage;
  await resetAnswerAttempts(db, `account:${employeeId}`);
  if (await clearHelpdeskLock(db, employeeId, deps.clock.now())) {
    await auditOwnEvent(deps, meta, employeeId, 'account.unlocked', 'success', { via, method });
  }
}
