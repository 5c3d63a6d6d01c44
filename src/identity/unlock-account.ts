import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import { accountLockKey, clearLoginLock, secondFactorLockKey } from '../security/lockout.js';
import { recordAudit } from '../audit/record-audit.js';
import { resetAnswerAttempts } from '../storage/repositories/recovery.js';

/** Clears the temporary lock (LOGIN-4) and the help-desk lock (RECOV-7). Returns false for an unknown account. */
export async function unlockAccount(
  db: Kysely<Database>,
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
  const result = await db
    .updateTable('accounts')
    .set({ helpdesk_locked_at: null, updated_at: input.now })
    .where('employee_id', '=', input.employeeId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  await clearLoginLock(db, accountLockKey(input.employeeId));
  await clearLoginLock(db, secondFactorLockKey(input.employeeId));
  await resetAnswerAttempts(db, `account:${input.employeeId}`);
  await recordAudit(db, input.now, {
    event: 'account.unlocked',
    outcome: 'success',
    actorId: input.actorId,
    subjectId: input.employeeId,
    ...(input.meta ? { ip: input.meta.ip, userAgent: input.meta.userAgent, requestId: input.meta.requestId } : {}),
    detail: { reason: input.reason, via: input.via, ...(input.operator ? { operator: input.operator } : {}) },
  });
  return true;
}
