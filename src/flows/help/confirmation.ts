import type { AppDeps } from '../../core/deps.js';
import { inAllowedDiallingPlan } from '../../delivery/dialling-plan.js';
import { enqueueMessage } from '../../delivery/enqueue-message.js';
import { DAY } from '../../security/clock.js';
import { keyedHash } from '../../security/tokens.js';
import { claimHelpConfirmation } from '../../storage/repositories/help-requests.js';
import type { Db } from '../../storage/database.js';
import type { Language } from '../../web/i18n.js';

// HELP-2: the form is public, so its confirmation must not become a way to flood a stranger's
// inbox or phone, or to send paid texts abroad. One recipient gets at most 3 confirmations a day
// (later requests are still recorded, silently); a phone gets one only in the `+1` plan.

export const HELP_CONFIRMATION_LIMIT = { limit: 3, windowMs: DAY } as const;

export type HelpConfirmation = 'sent' | 'daily_limit' | 'outside_dialling_plan';

export interface HelpConfirmationInput {
  contact: string;
  contactChannel: 'email' | 'sms';
  reference: string;
  language: Language;
  now: number;
}

/** Queues the confirmation when it may go out (in the request's transaction) and says what happened. */
export async function confirmHelpRequest(db: Db, deps: Pick<AppDeps, 'config'>, input: HelpConfirmationInput): Promise<HelpConfirmation> {
  const { contact, contactChannel, reference, language, now } = input;
  if (contactChannel === 'sms' && !inAllowedDiallingPlan(contact)) return 'outside_dialling_plan';
  // The counter is keyed by a keyed hash: the table of windows holds no contact data. E-mail local parts compare case-insensitively (NORM-2).
  const recipient = keyedHash(deps.config.secret, `help-confirmation:${contactChannel}:${contact.toLowerCase()}`);
  if ((await claimHelpConfirmation(db, recipient, now, HELP_CONFIRMATION_LIMIT)) > 0) return 'daily_limit';
  const data = { reference };
  await enqueueMessage(
    db,
    deps.config.secret,
    contactChannel === 'email'
      ? { channel: 'email', to: contact, template: 'help-request-received', language, data }
      : { channel: 'sms', to: contact, template: 'help-request-received', language, data },
    now,
  );
  return 'sent';
}
