import type { AppDeps } from '../../core/deps.js';
import { enqueueMessage } from '../../delivery/enqueue-message.js';
import type { CodeChannel } from '../../methods/one-time-code/codes.js';
import type { AccountSecurity } from '../../storage/repositories/profile.js';
import type { Language } from '../../web/i18n.js';

/**
 * PROF-1: the old address or number is told at once of a change (the new one masked), so a
 * hijacked session cannot move the contact details away quietly. An SMS when `to` is a number.
 */
export async function sendContactNotice(
  deps: AppDeps,
  account: AccountSecurity,
  notice: { to: string; changed: CodeChannel; maskedNewAddress: string; language: Language },
): Promise<void> {
  const { to, language } = notice;
  const data = { givenName: account.givenName, channel: notice.changed, maskedNewAddress: notice.maskedNewAddress };
  await enqueueMessage(
    deps.storage.db,
    deps.config.secret,
    to.startsWith('+')
      ? { channel: 'sms', to, template: 'contact-change-notice', language, data }
      : { channel: 'email', to, template: 'contact-change-notice', language, data },
    deps.clock.now(),
  );
}
