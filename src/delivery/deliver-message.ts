import type { AppDeps } from '../core/deps.js';
import { isLanguage } from '../web/i18n.js';
import { assertSafeRecipient, InvalidRecipientError, openMessageData, UnreadableMessageError } from './enqueue-message.js';
import { ProviderError } from './http-sms.js';
import type { Mailer } from './mailer.js';
import { recordFailure, recordSent, type ClaimedMessage } from './message-queue.js';
import type { SmsSender } from './sms-sender.js';
import { renderEmail, renderSms, UnknownTemplateError } from './templates/render-template.js';
import type { SiteLinks } from './templates/content.js';

export interface Transports {
  mailer: Mailer;
  sms: SmsSender;
}

/** The part of a logger the worker uses (pino and Fastify's logger fit). */
export interface WorkerLogger {
  warn(details: Record<string, unknown>, message: string): void;
}

/** Renders one claimed message, hands it to its transport and records the outcome. Never throws for a send failure. */
export async function deliverMessage(deps: AppDeps, transports: Transports, message: ClaimedMessage, logger: WorkerLogger): Promise<void> {
  try {
    await sendMessage(deps, transports, message);
  } catch (error) {
    // A message that can never be rendered is not retried; anything else may be a passing outage.
    const permanent = error instanceof UnknownTemplateError || error instanceof InvalidRecipientError || error instanceof UnreadableMessageError;
    const reason = describeDeliveryError(error);
    const status = await recordFailure(deps.storage, message, deps.clock.now(), reason, { permanent });
    // Never the body, code or link: only what identifies the message and why it failed.
    logger.warn({ messageId: message.id, channel: message.channel, template: message.template, attempts: message.attempts, status, error: reason }, 'message delivery failed');
    return;
  }
  await recordSent(deps.storage, message, deps.clock.now());
}

async function sendMessage(deps: AppDeps, transports: Transports, message: ClaimedMessage): Promise<void> {
  assertSafeRecipient(message.channel, message.recipient);
  const data = openMessageData(deps.config.secret, message);
  const language = isLanguage(message.language) ? message.language : 'en';
  const site: SiteLinks = { helpUrl: new URL('/help/contact', deps.config.publicUrl).toString() };
  if (message.channel === 'email') {
    const email = renderEmail(message.template, language, data, site);
    await transports.mailer.send({ to: message.recipient, ...email, language });
  } else {
    await transports.sms.send({ to: message.recipient, body: renderSms(message.template, language, data, site) });
  }
}

// Transport errors are reduced to a code and, for connection problems, the system's message: an
// SMTP or HTTP answer to a rejected message could quote the message, so it is never kept.
const CONNECTION_CODES = new Set(['ESOCKET', 'ECONNECTION', 'ETIMEDOUT', 'EDNS', 'ETLS', 'EAUTH', 'EPROXY', 'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND']);

/** A short reason for `last_error` and the log, never containing the message body. */
export function describeDeliveryError(error: unknown): string {
  if (error instanceof ProviderError || error instanceof UnknownTemplateError || error instanceof InvalidRecipientError || error instanceof UnreadableMessageError) return error.message;
  const details = error as { name?: unknown; code?: unknown; responseCode?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown } };
  const name = typeof details.name === 'string' ? details.name : 'Error';
  if (name === 'TimeoutError') return 'timed out';
  const code = typeof details.code === 'string' ? details.code : typeof details.cause?.code === 'string' ? details.cause.code : null;
  const parts = [code ?? name];
  if (typeof details.responseCode === 'number') parts.push(`SMTP ${details.responseCode}`);
  if (code !== null && CONNECTION_CODES.has(code)) {
    const text = typeof details.cause?.message === 'string' ? details.cause.message : details.message;
    if (typeof text === 'string') parts.push(text);
  }
  return parts.join(': ').replace(/[\r\n]+/g, ' ').slice(0, 200);
}
