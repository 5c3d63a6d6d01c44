import type { AppDeps, RequestMeta } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { enqueueMessage } from '../../delivery/enqueue-message.js';
import { keyedHash } from '../../security/tokens.js';
import { findRecoveryAccount } from '../../storage/repositories/recovery.js';
import { claimSendSlot } from '../../storage/repositories/send-slots.js';
import { asLanguage } from '../../web/i18n.js';
import {
  ACCOUNT_SENDS_PER_WINDOW,
  auditRecovery,
  canRecover,
  createRecoveryFlow,
  loadRecovery,
  PROVEN_LIFETIME_MS,
  SEND_WINDOW_MS,
  stepAfterProof,
  type RecoveryContext,
  type RecoveryMethod,
  type RecoveryStep,
  type RedeemsLink,
  type SendOutcome,
  type SendsToContact,
} from '../../flows/recovery/flow.js';
import { accountSlotKey, claimClientSend, emailMatches, typedEmail } from '../../flows/recovery/send-rules.js';
import { consumeResetToken, issueResetToken, peekResetToken, resetLinkUrl, stampMatches } from './reset-tokens.js';

// RECOV-2: the e-mailed link; it proves the mailbox. Opening it (GET) only looks; the token is
// spent by the POST that the page's "Continue" button sends, so a mail scanner that fetches links
// spends nothing.

/** POST /recovery/:flowId/link */
async function send(deps: AppDeps, context: RecoveryContext, typed: string, meta: RequestMeta): Promise<SendOutcome> {
  const email = typedEmail(typed, 'email');
  await claimClientSend(deps, meta);
  const { account } = context;
  const employeeId = account?.employeeId ?? null;
  if (!canRecover(deps, account) || !emailMatches(account, email.key)) {
    await auditRecovery(deps, meta, employeeId, 'recovery.failed', 'failure', { method: 'email_link', reason: 'no_match' });
    return 'no_match';
  }
  const now = deps.clock.now();
  const slot = await claimSendSlot(deps.storage.db, accountSlotKey(account.employeeId), ACCOUNT_SENDS_PER_WINDOW, SEND_WINDOW_MS, now);
  if (!slot.allowed) {
    await auditRecovery(deps, meta, employeeId, 'recovery.failed', 'refused', { method: 'email_link', reason: 'account_limit' });
    return 'account_limit';
  }
  const token = await issueResetToken(deps.storage.db, deps.config.secret, { employeeId: account.employeeId, passwordHash: account.passwordHash ?? '' }, now);
  await enqueueMessage(
    deps.storage.db,
    deps.config.secret,
    {
      channel: 'email',
      to: account.email ?? '',
      template: 'password-reset-link',
      language: asLanguage(account.language),
      data: { givenName: account.givenName, link: resetLinkUrl(deps.config.publicUrl, token) },
    },
    now,
  );
  await auditRecovery(deps, meta, employeeId, 'recovery.link_sent', 'success');
  return 'sent';
}

/** Whether the link can still be used (the page shows "expired" straight away otherwise). */
async function isUsable(deps: AppDeps, token: string): Promise<boolean> {
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
async function redeem(deps: AppDeps, token: string, meta: RequestMeta): Promise<{ step: RecoveryStep; flowId: string }> {
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

export const emailLinkRecovery = { name: 'email_link', send, isUsable, redeem } as const satisfies RecoveryMethod & SendsToContact & RedeemsLink;
