import type { AppDeps } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import type { Language } from '../../web/i18n.js';
import type { CheckResult, CodeOwner } from './codes.js';
import { sendCode } from './send-code.js';

// A code that proves a contact is the person's own: the wizard's verify step (REG-3) and a new
// e-mail or phone on the profile (PROF-1), by e-mail or by SMS alike.

export interface ContactCodeSend {
  owner: CodeOwner;
  to: string;
  language: Language;
  /** The e-mail greets by name. */
  givenName: string;
}

/**
 * Sends through the one send-code path (MFA-2's limits, the queue; DELIV-3). At the resend limit:
 * 429 when `refuseWhenLimited`, else nothing is sent and the answer is false.
 */
export async function sendContactCode(deps: AppDeps, send: ContactCodeSend, refuseWhenLimited: boolean): Promise<boolean> {
  const message = { kind: 'verify-contact', givenName: send.givenName } as const;
  const result = await sendCode(deps, { owner: send.owner, to: send.to, language: send.language, message, fresh: false });
  if (!result.sent && refuseWhenLimited) throw new AppError('RATE_LIMITED', 'codeResendWait', { retryAfterSeconds: Math.ceil(result.retryAfterMs / 1000) });
  return result.sent;
}

/** What the code field says about a code that proved nothing: dead after 5 tries or expiry, else wrong. */
export function codeProblem(result: CheckResult): 'codeWrong' | 'codeDead' {
  return !result.valid && result.dead ? 'codeDead' : 'codeWrong';
}
