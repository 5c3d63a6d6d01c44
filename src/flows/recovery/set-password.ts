import type { AppDeps, RequestMeta } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { commitPasswordChange } from '../../identity/after-password-change.js';
import { choosePassword, livePinHash } from '../../identity/choose-password.js';
import { spendRecoveryFlow } from '../../storage/repositories/recovery.js';
import { auditRecovery, canRecover, nextAfterProof, type RecoveryContext } from './flow.js';

export interface NewPasswordInput {
  password: string;
  confirm: string;
}

/**
 * RECOV-5, RECOV-7, RECOV-8: once the proofs are enough, a new password chosen as everywhere (REG-5,
 * not one of the last 5). The flow is spent with the change, in its transaction: every session
 * ends, every lock clears (the questions lock too: a recovery while it holds has proven the
 * registered e-mail or phone), every reset link is void, and the person is told. The caller signs
 * the person in.
 */
export async function setRecoveryPassword(deps: AppDeps, context: RecoveryContext, input: NewPasswordInput, meta: RequestMeta): Promise<{ employeeId: string }> {
  const { flow, account } = context;
  if (flow.state.proofs.length === 0 || nextAfterProof(context) !== 'set_password') throw new AppError('VALIDATION', 'stepNotReady');
  if (!canRecover(deps, account)) throw new AppError('FLOW_EXPIRED', 'flowExpired');
  const { employeeId } = account;
  const now = deps.clock.now();
  const newHash = await choosePassword(deps, { employeeId, password: input.password, confirm: input.confirm, pinHash: livePinHash(account, now), currentHash: account.passwordHash });
  await commitPasswordChange(deps, {
    employeeId,
    previousHash: account.passwordHash,
    newHash,
    via: 'recovery',
    recipient: account,
    meta,
    // Of parallel submits exactly one spends the flow and goes on.
    alongside: async (tx) => {
      if (!(await spendRecoveryFlow(tx, flow.idHash, now))) throw new AppError('FLOW_EXPIRED', 'flowExpired');
    },
  });
  await auditRecovery(deps, meta, employeeId, 'recovery.succeeded', 'success', { method: flow.state.proofs.join(',') });
  return { employeeId };
}
