import type { AppDeps } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import type { CodeChannel, CodePurpose } from '../../methods/one-time-code/codes.js';
import { sendCode } from '../../methods/one-time-code/send-code.js';
import type { Registrant } from '../../storage/repositories/registrants.js';
import type { Language } from '../../web/i18n.js';

export interface CodeDelivery {
  channel: CodeChannel;
  purpose: CodePurpose;
  to: string;
  language: Language;
}

/**
 * Sends a verification code through the one send-code path (limits, queue; DELIV-3).
 * When the resend limit is reached: throws when `refuseWhenLimited`, else sends nothing.
 */
export async function sendContactCode(deps: AppDeps, registrant: Registrant, delivery: CodeDelivery, refuseWhenLimited: boolean): Promise<boolean> {
  const owner = { employeeId: registrant.employeeId, purpose: delivery.purpose, channel: delivery.channel };
  const message = { kind: 'verify-contact', givenName: registrant.givenName } as const;
  const result = await sendCode(deps, { owner, to: delivery.to, language: delivery.language, message, fresh: false });
  if (!result.sent && refuseWhenLimited) throw new AppError('RATE_LIMITED', 'codeResendWait', { retryAfterSeconds: Math.ceil(result.retryAfterMs / 1000) });
  return result.sent;
}
