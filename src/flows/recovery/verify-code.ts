import type { AppDeps, RequestMeta } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { checkCode, CODE_MAX_TRIES } from '../../methods/one-time-code/codes.js';
import { claimCodeAttempt, newestCodeCreatedAt } from '../../storage/repositories/recovery.js';
import { auditRecovery, canRecover, proveRecovery, requireMethodOpen, type RecoveryContext, type RecoveryStep } from './flow.js';

/**
 * POST /recovery/:flowId/code — RECOV-3. A try is claimed on the flow before anything is compared
 * (one SQL statement), so a burst evaluates at most 5; the flow counts tries even when nothing was
 * sent, so "wrong" and "dead" come at the same moments for a match and a mismatch (RECOV-1). Only
 * the code this flow sent counts: another flow's (or another account's) code is refused.
 */
export async function verifyRecoveryCode(deps: AppDeps, context: RecoveryContext, typed: string, meta: RequestMeta): Promise<RecoveryStep> {
  const code = typed.trim();
  if (code === '') throw new AppError('VALIDATION', 'codeRequired', { fields: { code: 'codeRequired' } });
  const { db } = deps.storage;
  const { flow, account } = context;
  await requireMethodOpen(deps, context, flow.codeChannel === 'sms' ? 'sms_code' : 'email_code');
  const now = deps.clock.now();
  const tries = await claimCodeAttempt(db, flow.idHash, now, CODE_MAX_TRIES);
  if (tries === null) {
    await auditRecovery(deps, meta, account?.employeeId ?? null, 'recovery.failed', 'refused', { method: 'code', reason: 'no_tries_left' });
    throw new AppError('INVALID_CODE', 'codeDead', { fields: { code: 'codeDead' } });
  }
  const channel = flow.codeChannel ?? 'email';
  const purpose = channel === 'email' ? 'recovery_email' : 'recovery_sms';
  let valid = false;
  if (flow.codeIssuedAt !== null && canRecover(deps, account)) {
    const ownCode = (await newestCodeCreatedAt(db, account.employeeId, purpose, channel)) === flow.codeIssuedAt;
    if (ownCode) valid = (await checkCode(db, deps.config.secret, { employeeId: account.employeeId, purpose, channel }, code, now)).valid;
  }
  if (!valid) {
    await auditRecovery(deps, meta, account?.employeeId ?? null, 'recovery.failed', 'failure', { method: `${channel}_code`, reason: 'wrong_code' });
    const key = tries >= CODE_MAX_TRIES ? 'codeDead' : 'codeWrong';
    throw new AppError('INVALID_CODE', key, { fields: { code: key } });
  }
  return proveRecovery(deps, context, channel === 'email' ? 'email_code' : 'sms_code', meta);
}
