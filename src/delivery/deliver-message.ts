import type { AppDeps } from '../core/deps.js';
import { isLanguage } from '../web/i18n.js';
import { assertSafeRecipient, InvalidRecipientError, LOGOUT_TOKEN_TEMPLATE, openMessageData, UnreadableMessageError } from './enqueue-message.js';
import { LogoutReceiverError } from './logout-sender.js';
import { LogoutClientGoneError, auditLogoutPropagation, sendLogoutToken } from '../idp/backchannel-logout.js';
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
    // A logout token the application rejected (a 4xx) would be rejected again.
    const permanent =
      error instanceof UnknownTemplateError ||
      error instanceof InvalidRecipientError ||
      error instanceof UnreadableMessageError ||
      error instanceof LogoutClientGoneError ||
      (error instanceof LogoutReceiverError && error.permanent);
    const reason = describeDeliveryError(error);
    const status = await recordFailure(deps.storage, message, deps.clock.now(), reason, { permanent });
    // Never the body, code, link or token: only what identifies the message and why it failed.
    logger.warn({ messageId: message.id, channel: message.channel, template: message.template, attempts: message.attempts, status, error: reason }, 'message delivery failed');
    if (message.channel === 'logout' && status === 'failed') await auditLogout(deps, message, { sent: false, error: reason }, logger);
    return;
  }
  await recordSent(deps.storage, message, deps.clock.now());
  if (message.channel === 'logout') await auditLogout(deps, message, { sent: true }, logger);
}

/** IDP-8; the message's outcome is recorded already, so a failure here is only logged. */
async function auditLogout(deps: AppDeps, message: ClaimedMessage, outcome: Parameters<typeof auditLogoutPropagation>[2], logger: WorkerLogger): Promise<void> {
  await auditLogoutPropagation(deps, message, outcome).catch((error: unknown) => logger.warn({ messageId: message.id, error: describeDeliveryError(error) }, 'logout propagation not audited'));
}

async function sendMessage(deps: AppDeps, transports: Transports, message: ClaimedMessage): Promise<void> {
  assertSafeRecipient(message.channel, message.recipient);
  if (message.channel === 'logout') {
    if (message.template !== LOGOUT_TOKEN_TEMPLATE) throw new UnknownTemplateError(message.channel, message.template);
    return sendLogoutToken(deps, message);
  }
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
  if (
    error instanceof ProviderError ||
    error instanceof LogoutReceiverError ||
    error instanceof LogoutClientGoneError ||
    error instanceof UnknownTemplateError ||
    error instanceof InvalidRecipientError ||
    error instanceof UnreadableMessageError
  )
    return error.message;
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
