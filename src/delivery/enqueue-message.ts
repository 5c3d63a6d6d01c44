import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import type { Language } from '../web/i18n.js';
import type { EmailTemplateData, EmailTemplateName, SmsTemplateData, SmsTemplateName } from './templates/render-template.js';

/** A message to send: the template's data is checked against the template at compile time. */
export type MessageRequest =
  | { [N in EmailTemplateName]: { channel: 'email'; to: string; template: N; language: Language; data: EmailTemplateData<N> } }[EmailTemplateName]
  | { [N in SmsTemplateName]: { channel: 'sms'; to: string; template: N; language: Language; data: SmsTemplateData<N> } }[SmsTemplateName];

/** Thrown for a recipient that could smuggle headers or extra addresses; nothing is queued. */
export class InvalidRecipientError extends Error {
  constructor(channel: string) {
    super(`refused ${channel} recipient: not a single plain address`);
    this.name = 'InvalidRecipientError';
  }
}

// CR/LF would let a recipient inject mail headers; other control characters have no business in
// an address. One bare address only: a comma or angle bracket would add recipients.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const EMAIL = /^[^\s@,;:<>()[\]"\\]+@[^\s@,;:<>()[\]"\\]+\.[^\s@,;:<>()[\]"\\]+$/;
const E164 = /^\+[1-9]\d{6,14}$/;

export function assertSafeRecipient(channel: 'email' | 'sms', to: string): void {
  const valid = !CONTROL.test(to) && to.length <= 320 && (channel === 'email' ? EMAIL.test(to) : E164.test(to));
  if (!valid) throw new InvalidRecipientError(channel);
}

/**
 * Queues a message for the delivery worker (DELIV-3). Only a database insert, so it can run inside
 * the caller's transaction and never waits on, or fails because of, a mail or SMS provider.
 */
export async function enqueueMessage(db: Kysely<Database>, message: MessageRequest, now: number): Promise<number> {
  assertSafeRecipient(message.channel, message.to);
  const row = await db
    .insertInto('messages')
    .values({
      channel: message.channel,
      recipient: message.to,
      template: message.template,
      language: message.language,
      data: JSON.stringify(message.data),
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      claimed_until: null,
      last_error: null,
      created_at: now,
      sent_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
