import type { AppDeps } from '../../core/deps.js';
import { enqueueMessage } from '../../delivery/enqueue-message.js';
import { claimSendSlot, releaseSendSlot } from '../../storage/repositories/send-slots.js';
import type { Language } from '../../web/i18n.js';
import { findCurrentCode, issueCode, RESEND_AFTER_MS, RESEND_WINDOW_MS, SENDS_PER_WINDOW, type CodeOwner } from './codes.js';

// The one way a 6-digit code is sent — the sign-in code step (MFA-2), recovery codes (RECOV-3),
// a second factor during recovery (RECOV-6), contact verification (REG-3, PROF) and the proof for
// an MFA change (MFA-6): issue the code, apply the limits, queue the message (DELIV-3: the request
// never waits for the provider).
//
// MFA-2's limits: the 30-second wait guards a code that is still live; a new flow, or a code that
// was used or killed by wrong tries, gets a fresh one at once. The count per window (the first send
// and 3 re-sends per 15 minutes) always applies, claimed atomically (send-slots.ts), so parallel
// re-sends, sign-ins or instances can never send more.

export interface CodeSend {
  owner: CodeOwner;
  to: string;
  language: Language;
  /** A sign-in or recovery code, or a code that verifies a new contact (its e-mail greets by name). */
  message: { kind: 'sign-in' } | { kind: 'verify-contact'; givenName: string };
  /** The first send of a new flow: no 30-second wait, whatever the age of the last code. */
  fresh: boolean;
}

export type CodeSendResult = { sent: true } | { sent: false; retryAfterMs: number };

export async function sendCode(deps: Pick<AppDeps, 'storage' | 'config' | 'clock'>, send: CodeSend): Promise<CodeSendResult> {
  const { db } = deps.storage;
  const { owner } = send;
  const now = deps.clock.now();
  const current = send.fresh ? null : await findCurrentCode(db, owner, now);
  if (current?.live && now - current.createdAt < RESEND_AFTER_MS) return { sent: false, retryAfterMs: RESEND_AFTER_MS - (now - current.createdAt) };

  const slotKey = `code:${owner.purpose}:${owner.channel}:${owner.employeeId}`;
  const slot = await claimSendSlot(db, slotKey, SENDS_PER_WINDOW, RESEND_WINDOW_MS, now);
  if (!slot.allowed) return { sent: false, retryAfterMs: slot.retryAfterMs };
  const issued = await issueCode(db, deps.config.secret, owner, send.to, now, current ? { replaces: current.id } : {});
  if (!issued.issued) {
    // A parallel re-send replaced the same code first: this one sends nothing, and its slot is free again.
    await releaseSendSlot(db, slotKey, slot.slot, now);
    return { sent: false, retryAfterMs: RESEND_AFTER_MS };
  }
  await enqueueMessage(db, deps.config.secret, codeMessage(send, issued.code), now);
  return { sent: true };
}

/** Whether a code of this owner is waiting to be typed: what the code step tells the person (MFA-2). */
export async function hasLiveCode(deps: Pick<AppDeps, 'storage' | 'clock'>, owner: CodeOwner): Promise<boolean> {
  return (await findCurrentCode(deps.storage.db, owner, deps.clock.now()))?.live ?? false;
}

function codeMessage(send: CodeSend, code: string) {
  const { to, language, message } = send;
  if (message.kind === 'sign-in') {
    return send.owner.channel === 'email'
      ? ({ channel: 'email', to, template: 'login-code', language, data: { code } } as const)
      : ({ channel: 'sms', to, template: 'login-code', language, data: { code } } as const);
  }
  return send.owner.channel === 'email'
    ? ({ channel: 'email', to, template: 'email-verification-code', language, data: { givenName: message.givenName, code } } as const)
    : ({ channel: 'sms', to, template: 'sms-verification-code', language, data: { code } } as const);
}
