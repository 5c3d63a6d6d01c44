import type { AppDeps, RequestMeta } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { findRecoveryAccount, type RecoveryAccount } from '../../storage/repositories/recovery.js';
import { commitPasswordChange } from '../../identity/after-password-change.js';
import { choosePassword } from '../../identity/choose-password.js';
import { endFlow, findFlow, type FlowRecord } from '../flow-store.js';
import { spendHelpdeskPin } from '../../storage/repositories/accounts.js';
import { findMfaState } from '../../storage/repositories/mfa.js';
import { startCodeStep, type CodeStepView } from './mfa-step.js';

export interface SetPasswordInput {
  password: string;
  confirm: string;
}

export interface SetPasswordContext {
  flow: FlowRecord<'set_password'>;
  account: RecoveryAccount & { passwordHash: string; pinHash: string };
}

/** The live `set_password` flow of a help-desk PIN and its account; FLOW_EXPIRED when either is gone or the PIN is no longer valid. */
export async function loadSetPassword(deps: AppDeps, flowId: string, client: string): Promise<SetPasswordContext> {
  const now = deps.clock.now();
  const flow = await findFlow(deps.storage.db, deps.config.secret, flowId, 'set_password', now, client);
  if (!flow) throw new AppError('FLOW_EXPIRED', 'flowExpired');
  const account = await findRecoveryAccount(deps.storage.db, flow.employeeId);
  if (!account || account.passwordHash === null || account.pinHash === null || (account.pinExpiresAt ?? 0) <= now || account.disabledAt !== null) {
    throw new AppError('FLOW_EXPIRED', 'flowExpired');
  }
  return { flow, account: { ...account, passwordHash: account.passwordHash, pinHash: account.pinHash } };
}

/**
 * LOGIN-3 / HELP-4: after a help-desk PIN, a new password chosen as everywhere. The flow and the
 * PIN are spent in the change's own transaction (identity/after-password-change.ts) — a crash
 * leaves either the old state with a valid PIN or the new password, never a spent PIN without a
 * password. HELP-4: the PIN replaced the password, not the second
 * factor, so an account with MFA goes on to its code step; otherwise the caller signs the person in
 * (a session that never counts as having passed a second factor, MFA-5/MFA-6).
 */
export type SetPasswordOutcome = { next: 'home'; employeeId: string } | { next: 'code'; employeeId: string; step: CodeStepView };

export async function setPasswordAfterPin(deps: AppDeps, flowId: string, input: SetPasswordInput, meta: RequestMeta): Promise<SetPasswordOutcome> {
  const { flow, account } = await loadSetPassword(deps, flowId, meta.client);
  const { employeeId } = account;
  const newHash = await choosePassword(deps, { employeeId, password: input.password, confirm: input.confirm, pinHash: account.pinHash, currentHash: account.passwordHash });
  const now = deps.clock.now();
  await commitPasswordChange(deps, {
    employeeId,
    previousHash: account.passwordHash,
    newHash,
    via: 'helpdesk_pin',
    recipient: account,
    meta,
    alongside: async (tx) => {
      // Single use: of parallel submits exactly one deletes the flow and goes on.
      if (!(await endFlow(tx, flow))) throw new AppError('FLOW_EXPIRED', 'flowExpired');
      // The PIN is spent only if it is still the same, unexpired help-desk PIN.
      if (!(await spendHelpdeskPin(tx, employeeId, account.pinHash, now))) throw new AppError('FLOW_EXPIRED', 'flowExpired');
    },
  });
  const mfa = await findMfaState(deps.storage.db, employeeId);
  if (mfa && mfa.mfa !== 'off') return { next: 'code', employeeId, step: await startCodeStep(deps, employeeId, meta, 'helpdesk_pin') };
  return { next: 'home', employeeId };
}
