import type { AppDeps } from '../../app/deps.js';
import { AppError } from '../../app/errors.js';
import { issueCode, type CodeChannel, type CodePurpose } from '../../methods/one-time-code/codes.js';
import { enqueueMessage } from '../../delivery/enqueue-message.js';
import type { Registrant } from '../../storage/repositories/registrants.js';
import type { Language } from '../../web/i18n.js';

export interface CodeDelivery {
  channel: CodeChannel;
  purpose: CodePurpose;
  to: string;
  language: Language;
}

/**
 * Issues a verification code and queues it (DELIV-3: the request never waits for the provider).
 * When the resend limit is reached: throws when `refuseWhenLimited`, else sends nothing.
 */
export async function sendContactCode(deps: AppDeps, registrant: Registrant, delivery: CodeDelivery, refuseWhenLimited: boolean): Promise<boolean> {
  const { db } = deps.storage;
  const now = deps.clock.now();
  const result = await issueCode(db, deps.config.secret, { employeeId: registrant.employeeId, purpose: delivery.purpose, channel: delivery.channel }, delivery.to, now);
  if (!result.issued) {
    if (!refuseWhenLimited) return false;
    throw new AppError('RATE_LIMITED', 'codeResendWait', { retryAfterSeconds: Math.ceil(result.retryAfterMs / 1000) });
  }
  await enqueueMessage(
    db,
    deps.config.secret,
    delivery.channel === 'email'
      ? { channel: 'email', to: delivery.to, template: 'email-verification-code', language: delivery.language, data: { givenName: registrant.givenName, code: result.code } }
      : { channel: 'sms', to: delivery.to, template: 'sms-verification-code', language: delivery.language, data: { code: result.code } },
    now,
  );
  return true;
}
