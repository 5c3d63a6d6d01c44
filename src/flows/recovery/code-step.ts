import type { AppDeps, RequestMeta } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { checkCode, CODE_MAX_TRIES, RESEND_AFTER_MS, RESEND_WINDOW_MS, SENDS_PER_WINDOW, type CodeChannel } from '../../methods/one-time-code/codes.js';
import { sendCode } from '../../methods/one-time-code/send-code.js';
import { claimCodeAttempt, newestCodeCreatedAt, recordCodeSend, type RecoveryAccount } from '../../storage/repositories/recovery.js';
import { claimSendSlot, releaseSendSlot } from '../../storage/repositories/send-slots.js';
import { asLanguage } from '../../web/i18n.js';
import { ACCOUNT_SENDS_PER_WINDOW, auditRecovery, canRecover, proveRecovery, requireMethodOpen, SEND_WINDOW_MS, type RecoveryContext, type RecoveryStep, type SendOutcome } from './flow.js';
import { accountSlotKey, claimClientSend } from './send-rules.js';

// RECOV-3: the code step the e-mail and SMS code methods share. The flow keeps the code's channel,
// its sends and its tries; methods/email-code/recovery.ts and methods/sms-code/recovery.ts say
// which contact must match.

/** A code method's part: its channel, and whether the typed contact is the account's verified one. */
export interface CodeRoute {
  channel: CodeChannel;
  matches(account: RecoveryAccount): boolean;
}

function methodOf(channel: CodeChannel): 'email_code' | 'sms_code' {
  return channel === 'email' ? 'email_code' : 'sms_code';
}

function purposeOf(channel: CodeChannel): 'recovery_email' | 'recovery_sms' {
  return channel === 'email' ? 'recovery_email' : 'recovery_sms';
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

/** POST /recovery/:flowId/code/send — RECOV-3 (MFA-2 limits) and RECOV-11. The typed contact was checked for shape by the method. */
export async function sendRecoveryCode(deps: AppDeps, context: RecoveryContext, route: CodeRoute, meta: RequestMeta): Promise<SendOutcome> {
  await claimClientSend(deps, meta);
  const { account, flow } = context;
  const employeeId = account?.employeeId ?? null;
  const method = methodOf(route.channel);
  const now = deps.clock.now();
  await requireMethodOpen(deps, context, method);
  if (!flowAcceptsSend(flow.codeSends, now)) {
    await auditRecovery(deps, meta, employeeId, 'recovery.failed', 'refused', { method, reason: 'resend_wait' });
    return 'resend_wait';
  }
  const matches = canRecover(deps, account) && route.matches(account);
  // MFA-2: the first send of a new flow gets a fresh code at once (within the count per window).
  const fresh = flow.codeSends.length === 0;
  const outcome = matches ? await sendToAccount(deps, account, route.channel, fresh, now) : 'no_match';
  const sends = [...flow.codeSends.filter((at) => at > now - RESEND_WINDOW_MS), now];
  await recordCodeSend(deps.storage.db, flow.idHash, { channel: route.channel, issuedAt: outcome === 'sent' ? now : null, codeSends: sends });
  if (outcome === 'sent') await auditRecovery(deps, meta, employeeId, 'recovery.code_sent', 'success', { channel: route.channel });
  else await auditRecovery(deps, meta, employeeId, 'recovery.failed', outcome === 'no_match' ? 'failure' : 'refused', { method, reason: outcome });
  return outcome;
}

/** RECOV-11's account limit, then the one send-code path (MFA-2's limits; `fresh` for the flow's first send). */
async function sendToAccount(deps: AppDeps, account: RecoveryAccount, channel: CodeChannel, fresh: boolean, now: number): Promise<SendOutcome> {
  const { db } = deps.storage;
  const slotKey = accountSlotKey(account.employeeId);
  const slot = await claimSendSlot(db, slotKey, ACCOUNT_SENDS_PER_WINDOW, SEND_WINDOW_MS, now);
  if (!slot.allowed) return 'account_limit';
  const owner = { employeeId: account.employeeId, purpose: purposeOf(channel), channel };
  const to = channel === 'email' ? (account.email ?? '') : (account.mobile ?? '');
  const result = await sendCode(deps, { owner, to, language: asLanguage(account.language), message: { kind: 'sign-in' }, fresh });
  if (!result.sent) {
    // Another flow of this account sent a code moments ago: this send did not happen.
    await releaseSendSlot(db, slotKey, slot.slot, now);
    return 'resend_wait';
  }
  return 'sent';
}

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
  const channel = flow.codeChannel ?? 'email';
  await requireMethodOpen(deps, context, methodOf(channel));
  const now = deps.clock.now();
  const tries = await claimCodeAttempt(db, flow.idHash, now, CODE_MAX_TRIES);
  if (tries === null) {
    await auditRecovery(deps, meta, account?.employeeId ?? null, 'recovery.failed', 'refused', { method: 'code', reason: 'no_tries_left' });
    throw new AppError('INVALID_CODE', 'codeDead', { fields: { code: 'codeDead' } });
  }
  const purpose = purposeOf(channel);
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
  return proveRecovery(deps, context, methodOf(channel), meta);
}
