import type { AppDeps, RequestMeta } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { consumeResetToken, peekResetToken, stampMatches } from '../../methods/email-link/reset-tokens.js';
import { keyedHash } from '../../security/tokens.js';
import { findRecoveryAccount } from '../../storage/repositories/recovery.js';
import { auditRecovery, canRecover, createRecoveryFlow, loadRecovery, PROVEN_LIFETIME_MS, stepAfterProof, type RecoveryStep } from './flow.js';

// RECOV-2: the e-mailed link. Opening it (GET) only looks; the token is spent by the POST that
// the page's "Continue" button sends, so a mail scanner that fetches links spends nothing.

/** Whether the link can still be used (the page shows "expired" straight away otherwise). */
export async function isResetLinkUsable(deps: AppDeps, token: string): Promise<boolean> {
  const claim = await peekResetToken(deps.storage.db, deps.config.secret, token, deps.clock.now());
  if (!claim) return false;
  const account = (await findRecoveryAccount(deps.storage.db, claim.employeeId)) ?? null;
  return canRecover(deps, account) && stampMatches(deps.config.secret, claim, account.passwordHash);
}

/**
 * POST /recovery/link: spends the token (exactly one of any parallel submits wins) and opens a new,
 * proven flow for its account, bound to the client that opened the link (RECOV-12). The flow the
 * link was asked from is not reused: its id is known only to whoever asked, who may not be the
 * owner of the mailbox.
 */
export async function redeemResetLink(deps: AppDeps, token: string, meta: RequestMeta): Promise<{ step: RecoveryStep; flowId: string }> {
  const claim = await consumeResetToken(deps.storage.db, deps.config.secret, token, deps.clock.now());
  const account = claim ? ((await findRecoveryAccount(deps.storage.db, claim.employeeId)) ?? null) : null;
  // A password changed since the link was sent (any way) voids it.
  if (!claim || !canRecover(deps, account) || !stampMatches(deps.config.secret, claim, account.passwordHash)) {
    await auditRecovery(deps, meta, claim?.employeeId ?? null, 'recovery.failed', 'failure', { method: 'email_link', reason: 'link_invalid' });
    throw new AppError('FLOW_EXPIRED', 'resetLinkInvalid');
  }
  const flowId = await createRecoveryFlow(deps, {
    identifierHash: keyedHash(deps.config.secret, `id:${account.employeeId}`),
    employeeId: account.employeeId,
    client: meta.client,
    proof: 'email_link',
    lifetimeMs: PROVEN_LIFETIME_MS,
  });
  await auditRecovery(deps, meta, account.employeeId, 'recovery.verified', 'success', { method: 'email_link' });
  return { step: await stepAfterProof(deps, await loadRecovery(deps, flowId, meta.client)), flowId };
}
