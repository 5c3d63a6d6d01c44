import type { AppDeps, RequestMeta } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { findMfaState } from '../../storage/repositories/mfa.js';
import { verifySecondFactor } from '../../flows/login/mfa.js';
import { proveRecovery, requireMethodOpen, type ChecksCode, type RecoveryContext, type RecoveryMethod, type RecoveryStep } from '../../flows/recovery/flow.js';

// RECOV-6: the authenticator as a proof of its own — a code from the app (MFA-3) or one of its
// recovery codes — after a first proof of another kind. The same checks and limits as the
// sign-in code step (flows/login/mfa.ts), including the authenticator's own lock.

/** POST /recovery/:flowId/totp {code} */
async function verify(deps: AppDeps, context: RecoveryContext, typed: string, meta: RequestMeta): Promise<RecoveryStep> {
  const { account, flow } = context;
  if (flow.proofs.length === 0 || !account) throw new AppError('VALIDATION', 'stepNotReady');
  await requireMethodOpen(deps, context, 'totp');
  const state = await findMfaState(deps.storage.db, account.employeeId);
  if (!state?.totpSecret) throw new AppError('VALIDATION', 'recoveryMethodNotOpen');
  const method = await verifySecondFactor(deps, {
    state,
    channel: 'totp',
    typed,
    purpose: () => 'recovery_second',
    meta,
    failureEvent: 'recovery.second_factor_failed',
  });
  return proveRecovery(deps, context, method === 'recovery_code' ? 'recovery_code' : 'totp', meta);
}

export const totpRecovery = { name: 'totp', verify } as const satisfies RecoveryMethod & ChecksCode;
