import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config/config.js';
import type { Clock } from '../security/clock.js';
import { ensurePrivateDirectory, PRIVATE_FILE_MODE } from '../security/private-files.js';
import { createTwilioSender, createWebhookSender } from './http-sms.js';
import { readOutboxDirectory, smsFile } from './outbox-files.js';

export interface OutgoingSms {
  to: string;
  body: string;
}

/** The SMS port (DESIGN §1): outbox, Twilio-compatible REST or a generic webhook. */
export interface SmsSender {
  send(sms: OutgoingSms): Promise<void>;
}

/** Chooses the transport from PORTICO_SMS_URL (DELIV-1, DELIV-2). */
export function createSmsSender(config: Pick<Config, 'smsUrl' | 'smsWebhookSecret'>, clock: Clock): SmsSender {
  const outbox = readOutboxDirectory(config.smsUrl);
  if (outbox !== null) return createOutboxSmsSender(outbox, clock);
  if (config.smsUrl.startsWith('twilio:')) return createTwilioSender(config.smsUrl);
  return createWebhookSender(config.smsUrl.slice('webhook+'.length), { secret: config.smsWebhookSecret, clock });
}

/**
 * Appends one line `{"to","body","sentAt"}` per message to sms.jsonl. One write call per line with
 * O_APPEND, so lines from concurrent sends never interleave.
 */
export function createOutboxSmsSender(outboxDirectory: string, clock: Clock): SmsSender {
  const file = smsFile(outboxDirectory);
  return {
    async send(sms) {
      const line = `${JSON.stringify({ to: sms.to, body: sms.body, sentAt: new Date(clock.now()).toISOString() })}\n`;
      await ensurePrivateDirectory(path.dirname(file));
      await appendFile(file, line, { mode: PRIVATE_FILE_MODE });
    },
  };
}
