import type { AppDeps } from '../core/deps.js';
import { asLanguage } from '../web/i18n.js';
import { enqueueMessage } from './enqueue-message.js';

export interface PasswordChangeRecipient {
  givenName: string;
  language: string;
  email: string | null;
  mobile: string | null;
  mobileVerifiedAt: number | null;
}

/** RECOV-5 / PROF-2: "your password was changed", with the "this wasn't me" pointer to the help form. */
export async function notifyPasswordChanged(deps: AppDeps, account: PasswordChangeRecipient): Promise<void> {
  const now = deps.clock.now();
  const language = asLanguage(account.language);
  const data = { givenName: account.givenName, helpUrl: new URL('/help/contact', deps.config.publicUrl).toString() };
  if (account.email) await enqueueMessage(deps.storage.db, deps.config.secret, { channel: 'email', to: account.email, template: 'password-changed', language, data }, now);
  if (account.mobile && account.mobileVerifiedAt !== null) {
    await enqueueMessage(deps.storage.db, deps.config.secret, { channel: 'sms', to: account.mobile, template: 'password-changed', language, data }, now);
  }
}
