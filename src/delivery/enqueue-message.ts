import type { Db } from '../storage/database.js';
import { insertMessage } from '../storage/repositories/messages.js';
import { seal, unseal } from '../security/secret-box.js';
import type { Language } from '../web/i18n.js';
import type { MessageChannel } from '../storage/schema.js';
import { uriProblem } from '../idp/clients.js';
import type { EmailTemplateData, EmailTemplateName, SmsTemplateData, SmsTemplateName } from './templates/render-template.js';

/** IDP-6: the one "template" of the logout channel: the worker signs a logout token from this data when it sends. */
export const LOGOUT_TOKEN_TEMPLATE = 'backchannel-logout';

/** What a queued logout token is made of (the `sub` is the provider's opaque one, IDP-4). */
export interface LogoutTokenData {
  clientId: string;
  sub: string;
  /** The provider session's; left out, the token ends every session of `sub` at the application. */
  sid?: string;
}

/** A message to send: the template's data is checked against the template at compile time. */
export type MessageRequest =
  | { [N in EmailTemplateName]: { channel: 'email'; to: string; template: N; language: Language; data: EmailTemplateData<N> } }[EmailTemplateName]
  | { [N in SmsTemplateName]: { channel: 'sms'; to: string; template: N; language: Language; data: SmsTemplateData<N> } }[SmsTemplateName]
  | { channel: 'logout'; to: string; template: typeof LOGOUT_TOKEN_TEMPLATE; language: Language; data: LogoutTokenData };

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

export function assertSafeRecipient(channel: MessageChannel, to: string): void {
  // A back-channel logout URI is checked as when it was registered: http(s), any address (an
  // admin registered it, IDP-6; the loopback included).
  const valid = !CONTROL.test(to) && (channel === 'logout' ? uriProblem(to) === null : to.length <= 320 && (channel === 'email' ? EMAIL.test(to) : E164.test(to)));
  if (!valid) throw new InvalidRecipientError(channel);
}

/** What a queued message's data is sealed to: a copy onto another recipient's row does not open. */
function messageBinding(channel: string, recipient: string, template: string): string {
  return `${channel}\n${recipient}\n${template}`;
}

/** The template data of a queued message: codes and links are sealed at rest until sent (then dropped). */
export function sealMessageData(secret: Buffer, message: { channel: string; recipient: string; template: string }, data: unknown): string {
  return seal(secret, 'message-data-v1', messageBinding(message.channel, message.recipient, message.template), JSON.stringify(data));
}

/** Thrown for queued data that does not open (another PORTICO_SECRET, or tampered with): never retried. */
export class UnreadableMessageError extends Error {
  constructor() {
    super('unreadable message data');
    this.name = 'UnreadableMessageError';
  }
}

/** The data of a claimed message. */
export function openMessageData(secret: Buffer, message: { channel: string; recipient: string; template: string; data: string }): unknown {
  try {
    // Rows queued before data was sealed hold plain JSON; they still go out.
    if (message.data.startsWith('{')) return JSON.parse(message.data) as unknown;
    const plain = unseal(secret, 'message-data-v1', messageBinding(message.channel, message.recipient, message.template), message.data);
    if (plain !== null) return JSON.parse(plain) as unknown;
  } catch {
    // Falls through: unreadable.
  }
  throw new UnreadableMessageError();
}

/**
 * Queues a message for the delivery worker (DELIV-3). Only a database insert, so it can run inside
 * the caller's transaction and never waits on, or fails because of, a mail or SMS provider.
 */
export async function enqueueMessage(db: Db, secret: Buffer, message: MessageRequest, now: number): Promise<number> {
  assertSafeRecipient(message.channel, message.to);
  return insertMessage(db, {
    channel: message.channel,
    recipient: message.to,
    template: message.template,
    language: message.language,
    data: sealMessageData(secret, { channel: message.channel, recipient: message.to, template: message.template }, message.data),
    now,
  });
}
