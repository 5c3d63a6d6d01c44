import type { AppDeps, RequestMeta } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { spendPasskeyChallengeOf } from '../../flows/flow-store.js';
import { auditRecovery, proveRecovery, requireMethodOpen, type ChecksPasskey, type RecoveryContext, type RecoveryMethod, type RecoveryStep } from '../../flows/recovery/flow.js';
import { findPasskeyByCredentialId, listPasskeys } from '../../storage/repositories/passkeys.js';
import { refuseThrottledClient, underClientThrottle } from './answer-throttle.js';
import { assertionCredentialId, authenticationOptions, checkAssertion, requireRelyingParty, startCeremony } from './webauthn.js';

// RECOV-6 / MFA-7: a passkey is the "authenticator" proof of a reset, after a first proof of
// another kind (the mailbox, the phone or the answers). Its challenge belongs to the recovery flow
// and to the client that holds it (RECOV-12), lives 5 minutes and is spent by the answer.

/** POST /recovery/:flowId/passkey/options → {options} for the account's passkeys. */
async function options(deps: AppDeps, context: RecoveryContext, meta: RequestMeta): Promise<{ options: unknown }> {
  const rp = requireRelyingParty(deps);
  const { account, flow } = context;
  if (flow.state.proofs.length === 0 || !account) throw new AppError('VALIDATION', 'stepNotReady');
  await requireMethodOpen(deps, context, 'passkey');
  await refuseThrottledClient(deps, meta);
  const passkeys = await listPasskeys(deps.storage.db, account.employeeId);
  const generated = await authenticationOptions(rp, passkeys);
  await startCeremony(deps, meta, { purpose: 'recovery', employeeId: account.employeeId, challenge: generated.challenge, parentHash: flow.idHash });
  return { options: generated };
}

/** POST /recovery/:flowId/passkey {credential} → the next step (set_password once the proofs are enough). */
async function verify(deps: AppDeps, context: RecoveryContext, credential: unknown, meta: RequestMeta): Promise<RecoveryStep> {
  const rp = requireRelyingParty(deps);
  const { account, flow } = context;
  if (flow.state.proofs.length === 0 || !account) throw new AppError('VALIDATION', 'stepNotReady');
  await requireMethodOpen(deps, context, 'passkey');
  // LOGIN-6: a failed answer counts for the client, as at sign-in.
  return underClientThrottle(deps, meta, async (outcome) => {
    const ceremony = await spendPasskeyChallengeOf(deps.storage.db, deps.config.secret, flow.idHash, 'recovery', deps.clock.now(), meta.client);
    if (!ceremony || ceremony.employeeId !== account.employeeId) {
      outcome.failed = false;
      throw new AppError('FLOW_EXPIRED', 'flowExpired');
    }
    const credentialId = assertionCredentialId(credential);
    const passkey = credentialId ? await findPasskeyByCredentialId(deps.storage.db, credentialId) : undefined;
    const verdict = passkey && passkey.employeeId === account.employeeId ? await checkAssertion(deps, rp, credential, ceremony.challenge, passkey) : ({ ok: false, reason: 'unknown' } as const);
    if (!verdict.ok) {
      if (verdict.reason === 'counter') await auditRecovery(deps, meta, account.employeeId, 'passkey.counter_regressed', 'refused', { passkey: passkey?.id ?? 0 });
      await auditRecovery(deps, meta, account.employeeId, 'recovery.second_factor_failed', 'failure', { channel: 'passkey', reason: verdict.reason });
      throw new AppError('INVALID_CODE', 'passkeyRefused');
    }
    outcome.failed = false;
    return proveRecovery(deps, context, 'passkey', meta);
  });
}

export const passkeyRecovery = { name: 'passkey', options, verify } as const satisfies RecoveryMethod & ChecksPasskey;
