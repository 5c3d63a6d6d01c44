import type { AuditEventName } from '../../audit/events.js';
import { randomInt } from 'node:crypto';
import type { AppDeps } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { enqueueMessage } from '../../delivery/enqueue-message.js';
import { maskEmail, maskMobile } from '../../flows/settings/mask.js';
import { MINUTE } from '../../security/clock.js';
import { constantTimeEqual, keyedHash } from '../../security/tokens.js';
import {
  blockCallerVerification,
  claimCallerGuess,
  findCallerVerification,
  markCallerVerified,
  saveCallerCode,
} from '../../storage/repositories/caller-verifications.js';
import { findMfaState, type MfaState } from '../../storage/repositories/mfa.js';
import { asLanguage } from '../../web/i18n.js';
import { auditConsoleAction, type ActionContext } from '../employees/action-context.js';

// HELP-7: before a PIN or an MFA reset the agent proves who is calling. A 6-digit code goes to the
// employee's registered e-mail or mobile (the agent sees neither the code nor the full contact);
// the caller reads it back; the agent is then "verified" for this employee for 15 minutes. Three
// wrong codes block verification for 15 minutes and tell the employee.

export const CALLER_CODE_LIFETIME_MS = 10 * MINUTE;
export const CALLER_VERIFIED_MS = 15 * MINUTE;
export const CALLER_BLOCK_MS = 15 * MINUTE;
export const CALLER_MAX_GUESSES = 3;
export const CALLER_RESEND_AFTER_MS = 30_000;

export type CallerChannel = 'email' | 'sms';
export const IDENTITY_CHECKS = ['badge', 'government-id'] as const;
export type IdentityCheck = (typeof IDENTITY_CHECKS)[number];

const codeHashOf = (deps: AppDeps, employeeId: string, code: string) => keyedHash(deps.config.secret, `caller:${employeeId}:${code}`);

async function requireContacts(deps: AppDeps, employeeId: string): Promise<MfaState> {
  const state = await findMfaState(deps.storage.db, employeeId);
  if (!state) throw new AppError('NOT_FOUND', 'notFound');
  return state;
}

function audit(deps: AppDeps, ctx: ActionContext, event: AuditEventName, outcome: 'success' | 'failure' | 'info', detail: Record<string, string | number>) {
  return auditConsoleAction(deps, ctx, event, outcome, detail);
}

function blocked(until: number, now: number): AppError {
  return new AppError('RATE_LIMITED', 'callerVerificationBlocked', { retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)) });
}

/** POST …/verify-caller {reason, channel}: a code to the registered contact; the answer says only where, masked. */
export async function sendCallerCode(deps: AppDeps, ctx: ActionContext, input: { reason: string; channel: unknown }): Promise<{ sentTo: string }> {
  const channel = input.channel === 'email' || input.channel === 'sms' ? input.channel : null;
  if (!channel) throw new AppError('VALIDATION', 'callerChannelInvalid', { fields: { channel: 'callerChannelInvalid' } });
  const state = await requireContacts(deps, ctx.employeeId);
  const to = channel === 'email' ? state.email : state.mobile;
  if (!to) throw new AppError('VALIDATION', 'callerNoContact', { fields: { channel: 'callerNoContact' } });
  const now = deps.clock.now();
  const row = await findCallerVerification(deps.storage.db, ctx.employeeId);
  if (row?.blockedUntil && row.blockedUntil > now) throw blocked(row.blockedUntil, now);
  if (row && now - row.sentAt < CALLER_RESEND_AFTER_MS) {
    throw new AppError('RATE_LIMITED', 'codeResendWait', { retryAfterSeconds: Math.ceil((CALLER_RESEND_AFTER_MS - (now - row.sentAt)) / 1000) });
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await saveCallerCode(deps.storage.db, { employeeId: ctx.employeeId, agentId: ctx.actorId, channel, codeHash: codeHashOf(deps, ctx.employeeId, code), expiresAt: now + CALLER_CODE_LIFETIME_MS, now });
  const language = asLanguage(state.language);
  const data = { givenName: state.givenName, code };
  await enqueueMessage(deps.storage.db, deps.config.secret, { channel, to, template: 'caller-verification-code', language, data }, now);
  await audit(deps, ctx, 'caller.code_sent', 'info', { reason: input.reason, channel });
  return { sentTo: channel === 'email' ? maskEmail(to) : maskMobile(to) };
}

/** POST …/verify-caller/code {code}: the code read back by the caller. */
export async function confirmCallerCode(deps: AppDeps, ctx: ActionContext, rawCode: unknown): Promise<{ verified: true; until: number }> {
  const code = typeof rawCode === 'string' ? rawCode.replace(/\s/g, '') : '';
  if (!/^\d{6}$/.test(code)) throw new AppError('VALIDATION', 'codeRequired', { fields: { code: 'codeRequired' } });
  const now = deps.clock.now();
  const claim = await claimCallerGuess(deps.storage.db, ctx.employeeId, ctx.actorId, now);
  if (!claim) {
    const row = await findCallerVerification(deps.storage.db, ctx.employeeId);
    if (row?.blockedUntil && row.blockedUntil > now) throw blocked(row.blockedUntil, now);
    throw new AppError('FLOW_EXPIRED', 'callerCodeMissing', { fields: { code: 'callerCodeMissing' } });
  }
  if (claim.attempts > CALLER_MAX_GUESSES) throw blocked(now + CALLER_BLOCK_MS, now);
  if (constantTimeEqual(codeHashOf(deps, ctx.employeeId, code), claim.codeHash)) {
    const until = now + CALLER_VERIFIED_MS;
    // A parallel request with the same right code may have spent it first: then there is nothing left to confirm.
    if (!(await markCallerVerified(deps.storage.db, ctx.employeeId, claim.codeHash, ctx.actorId, until))) throw new AppError('FLOW_EXPIRED', 'callerCodeMissing');
    await audit(deps, ctx, 'caller.verified', 'success', { until: new Date(until).toISOString() });
    return { verified: true, until };
  }
  const attemptsLeft = CALLER_MAX_GUESSES - claim.attempts;
  await audit(deps, ctx, 'caller.code_failed', 'failure', { attemptsLeft });
  if (attemptsLeft > 0) throw new AppError('INVALID_CODE', 'callerCodeWrong', { fields: { code: 'callerCodeWrong' }, extra: { attemptsLeft } });
  await blockCaller(deps, ctx, now);
  throw blocked(now + CALLER_BLOCK_MS, now);
}

/** Three wrong codes: verification blocked for 15 minutes, and the employee is told (HELP-7). */
async function blockCaller(deps: AppDeps, ctx: ActionContext, now: number): Promise<void> {
  await blockCallerVerification(deps.storage.db, ctx.employeeId, now + CALLER_BLOCK_MS);
  await audit(deps, ctx, 'caller.verification_blocked', 'info', { minutes: CALLER_BLOCK_MS / MINUTE });
  const state = await findMfaState(deps.storage.db, ctx.employeeId);
  if (!state) return;
  const language = asLanguage(state.language);
  const data = { givenName: state.givenName, helpUrl: new URL('/help/contact', deps.config.publicUrl).toString() };
  // E-mail when there is one, else the mobile (the code may have gone to either).
  const channel = state.email ? 'email' : 'sms';
  const to = state.email ?? state.mobile;
  if (to) await enqueueMessage(deps.storage.db, deps.config.secret, { channel, to, template: 'caller-verification-blocked', language, data }, now);
}

/** What the account page shows this agent about caller verification (HELP-7). */
export type CallerVerificationView =
  | { kind: 'none' }
  | { kind: 'sent'; sentTo: string; expiresAt: number; attemptsLeft: number }
  | { kind: 'verified'; until: number }
  | { kind: 'blocked'; until: number };

export interface CallerPanelFacts {
  /** The registered contacts a code can go to, masked. */
  contacts: Partial<Record<CallerChannel, string>>;
  view: CallerVerificationView;
}

/** The panel's facts for `agentId`: another agent's code or verification is not theirs to use. */
export async function describeCallerVerification(deps: AppDeps, employeeId: string, agentId: string): Promise<CallerPanelFacts> {
  const [state, row] = await Promise.all([findMfaState(deps.storage.db, employeeId), findCallerVerification(deps.storage.db, employeeId)]);
  const contacts: CallerPanelFacts['contacts'] = {};
  if (state?.email) contacts.email = maskEmail(state.email);
  if (state?.mobile) contacts.sms = maskMobile(state.mobile);
  const now = deps.clock.now();
  if (!row) return { contacts, view: { kind: 'none' } };
  if (row.blockedUntil !== null && row.blockedUntil > now) return { contacts, view: { kind: 'blocked', until: row.blockedUntil } };
  if (row.verifiedBy === agentId && row.verifiedUntil !== null && row.verifiedUntil > now) return { contacts, view: { kind: 'verified', until: row.verifiedUntil } };
  const expiresAt = row.agentId === agentId && row.codeHash !== null ? row.codeExpiresAt : null;
  if (expiresAt === null || expiresAt <= now) return { contacts, view: { kind: 'none' } };
  const sentTo = (row.channel === 'sms' ? contacts.sms : contacts.email) ?? '';
  return { contacts, view: { kind: 'sent', sentTo, expiresAt, attemptsLeft: Math.max(0, CALLER_MAX_GUESSES - row.attempts) } };
}

/**
 * HELP-7: a PIN or an MFA reset needs this agent's caller verification from the last 15 minutes,
 * or an in-person identity check recorded with the action. Returns what the audit shows next to it.
 */
export async function requireCallerProof(deps: AppDeps, ctx: ActionContext, rawCheck: unknown): Promise<Record<string, string>> {
  if (rawCheck !== undefined && rawCheck !== null && rawCheck !== '') {
    if (!(IDENTITY_CHECKS as readonly unknown[]).includes(rawCheck)) throw new AppError('VALIDATION', 'identityCheckInvalid', { fields: { identityCheck: 'identityCheckInvalid' } });
    return { verification: 'in_person', identityCheck: rawCheck as IdentityCheck };
  }
  const row = await findCallerVerification(deps.storage.db, ctx.employeeId);
  const now = deps.clock.now();
  if (row?.verifiedBy === ctx.actorId && row.verifiedUntil !== null && row.verifiedUntil > now) {
    return { verification: 'caller_code', verifiedUntil: new Date(row.verifiedUntil).toISOString() };
  }
  throw new AppError('CALLER_NOT_VERIFIED', 'callerNotVerified');
}
