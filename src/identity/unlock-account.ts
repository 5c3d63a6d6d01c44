import type { OperatorDeps } from '../core/deps.js';
import { accountLockKey, clearLoginLock, secondFactorLockKey } from '../security/lockout.js';
import { auditOrigin } from '../audit/record-audit.js';
import { accountExists, clearHelpdeskLock, resetAnswerAttempts } from '../storage/repositories/recovery.js';

/** Clears the temporary lock (LOGIN-4) and the help-desk lock (RECOV-7). Returns false for an unknown account. */
export async function unlockAccount(
  deps: OperatorDeps,
  input: {
    employeeId: string;
    reason: string;
    actorId: string | null;
    now: number;
    via: 'cli' | 'console';
    /** HELP-5: where a console action came from. */
    meta?: { ip: string; userAgent: string; requestId: string };
    /** From the command line: the operating-system user and host (src/cli/operator.ts). */
    operator?: string;
  },
): Promise<boolean> {
  const { db } = deps.storage;
  if (!(await accountExists(db, input.employeeId))) return false;
  await clearHelpdeskLock(db, input.employeeId, input.now);
  await clearLoginLock(db, accountLockKey(input.employeeId));
  await clearLoginLock(db, secondFactorLockKey(input.employeeId));
  await resetAnswerAttempts(db, `account:${input.employeeId}`);
  await deps.audit.record({
    at: input.now,
    event: 'account.unlocked',
    outcome: 'success',
    actorId: input.actorId,
    subjectId: input.employeeId,
    ...(input.meta ? auditOrigin(input.meta) : {}),
    detail: { reason: input.reason, via: input.via, ...(input.operator ? { operator: input.operator } : {}) },
  });
  return true;
}
