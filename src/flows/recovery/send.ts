import type { AppDeps, RequestMeta } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { enqueueMessage } from '../../delivery/enqueue-message.js';
import { normaliseEmail, normaliseMobile } from '../../identity/normalise.js';
import { issueResetToken, resetLinkUrl } from '../../methods/email-link/reset-tokens.js';
import { RESEND_AFTER_MS, RESEND_WINDOW_MS, SENDS_PER_WINDOW, type CodeChannel } from '../../methods/one-time-code/codes.js';
import { sendCode } from '../../methods/one-time-code/send-code.js';
import { recordCodeSend, type RecoveryAccount } from '../../storage/repositories/recovery.js';
import { claimSendSlot, releaseSendSlot } from '../../storage/repositories/send-slots.js';
import { asLanguage } from '../../web/i18n.js';
import {
  ACCOUNT_SENDS_PER_WINDOW,
  auditRecovery,
  canRecover,
  CLIENT_SENDS_PER_WINDOW,
  requireMethodOpen,
  SEND_WINDOW_MS,
  type RecoveryContext,
} from './flow.js';

// RECOV-1/2/3/11: the person types the registered e-mail or mobile; something is sent only when
// it matches the account's verified contact. Whatever happens, the caller answers the same
// "If these details match our records, we have sent …" — the outcome is only in the audit log.

export type SendOutcome = 'sent' | 'no_match' | 'account_limit' | 'resend_wait';

/** RECOV-11: every send request of a client counts, matching or not (so the 429 says nothing about accounts). */
async function claimClientSend(deps: AppDeps, meta: RequestMeta): Promise<void> {
  const claim = await claimSendSlot(deps.storage.db, `client:${meta.ip}`, CLIENT_SENDS_PER_WINDOW, SEND_WINDOW_MS, deps.clock.now());
  if (!claim.allowed) throw new AppError('RATE_LIMITED', 'recoveryRateLimited', { retryAfterSeconds: Math.ceil(claim.retryAfterMs / 1000) });
}

function accountSlotKey(employeeId: string): string {
  return `account:${employeeId}`;
}

/** The typed e-mail, normalised; 400 when it is not an address at all (says nothing about accounts). */
function typedEmail(typed: string, field: string) {
  if (typed.trim() === '') throw new AppError('VALIDATION', 'emailRequired', { fields: { [field]: 'emailRequired' } });
  const email = normaliseEmail(typed);
  if (!email) throw new AppError('VALIDATION', 'emailInvalid', { fields: { [field]: 'emailInvalid' } });
  return email;
}

function typedMobile(typed: string, field: string): string {
  if (typed.trim() === '') throw new AppError('VALIDATION', 'mobileRequired', { fields: { [field]: 'mobileRequired' } });
  const mobile = normaliseMobile(typed);
  if (!mobile) throw new AppError('VALIDATION', 'mobileInvalid', { fields: { [field]: 'mobileInvalid' } });
  return mobile;
}

function emailMatches(account: RecoveryAccount, key: string): boolean {
  return account.emailKey !== null && account.emailVerifiedAt !== null && account.emailKey === key;
}

function mobileMatches(account: RecoveryAccount, mobile: string): boolean {
  return account.mobile !== null && account.mobileVerifiedAt !== null && account.mobile === mobile;
}

/** POST /recovery/:flowId/link — RECOV-2. */
export async function requestResetLink(deps: AppDeps, context: RecoveryContext, typed: string, meta: RequestMeta): Promise<SendOutcome> {
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

/**
 * The flow's own resend rule (30 s apart, at most 4 per 15 minutes), applied whether or not the
 * details matched: the tries on the flow's code restart only with an accepted send, so how the code
 * step answers afterwards (wrong, or dead after 5) is the same for a match and a mismatch.
 */
function flowAcceptsSend(codeSends: readonly number[], now: number): boolean {
  const sends = codeSends.filter((at) => at > now - RESEND_WINDOW_MS);
  const latest = sends.length > 0 ? Math.max(...sends) : null;
  return (latest === null || now - latest >= RESEND_AFTER_MS) && sends.length < SENDS_PER_WINDOW;
}

/** POST /recovery/:flowId/code/send — RECOV-3 (MFA-2 limits) and RECOV-11. */
export async function requestRecoveryCode(deps: AppDeps, context: RecoveryContext, channel: CodeChannel, typed: string, meta: RequestMeta): Promise<SendOutcome> {
  const email = channel === 'email' ? typedEmail(typed, 'to') : null;
  const mobile = channel === 'sms' ? typedMobile(typed, 'to') : null;
  await claimClientSend(deps, meta);
  const { account, flow } = context;
  const employeeId = account?.employeeId ?? null;
  const method = channel === 'email' ? 'email_code' : 'sms_code';
  const now = deps.clock.now();
  await requireMethodOpen(deps, context, method);
  if (!flowAcceptsSend(flow.codeSends, now)) {
    await auditRecovery(deps, meta, employeeId, 'recovery.failed', 'refused', { method, reason: 'resend_wait' });
    return 'resend_wait';
  }
  const matches = canRecover(deps, account) && (email ? emailMatches(account, email.key) : mobileMatches(account, mobile ?? ''));
  // MFA-2: the first send of a new flow gets a fresh code at once (within the count per window).
  const fresh = flow.codeSends.length === 0;
  const outcome = matches ? await sendRecoveryCode(deps, account, channel, fresh, now) : 'no_match';
  const sends = [...flow.codeSends.filter((at) => at > now - RESEND_WINDOW_MS), now];
  await recordCodeSend(deps.storage.db, flow.idHash, { channel, issuedAt: outcome === 'sent' ? now : null, codeSends: sends });
  if (outcome === 'sent') await auditRecovery(deps, meta, employeeId, 'recovery.code_sent', 'success', { channel });
  else await auditRecovery(deps, meta, employeeId, 'recovery.failed', outcome === 'no_match' ? 'failure' : 'refused', { method, reason: outcome });
  return outcome;
}

/** RECOV-11's account limit, then the one send-code path (MFA-2's limits; `fresh` for the flow's first send). */
async function sendRecoveryCode(deps: AppDeps, account: RecoveryAccount, channel: CodeChannel, fresh: boolean, now: number): Promise<SendOutcome> {
  const { db } = deps.storage;
  const slotKey = accountSlotKey(account.employeeId);
  const slot = await claimSendSlot(db, slotKey, ACCOUNT_SENDS_PER_WINDOW, SEND_WINDOW_MS, now);
  if (!slot.allowed) return 'account_limit';
  const owner = { employeeId: account.employeeId, purpose: channel === 'email' ? 'recovery_email' : 'recovery_sms', channel } as const;
  const to = channel === 'email' ? (account.email ?? '') : (account.mobile ?? '');
  const result = await sendCode(deps, { owner, to, language: asLanguage(account.language), message: { kind: 'sign-in' }, fresh });
  if (!result.sent) {
    // Another flow of this account sent a code moments ago: this send did not happen.
    await releaseSendSlot(db, slotKey, slot.slot, now);
    return 'resend_wait';
  }
  return 'sent';
}
