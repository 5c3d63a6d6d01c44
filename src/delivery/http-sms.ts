import { createHmac, randomBytes } from 'node:crypto';
import type { Clock } from '../security/clock.js';
import { NETWORK_TIMEOUT_MS } from './mailer.js';
import type { SmsSender } from './sms-sender.js';

/** A provider refused or failed a message; the status is recorded, the provider's answer is not. */
export class ProviderError extends Error {
  constructor(readonly status: number) {
    super(`SMS provider answered HTTP ${status}`);
    this.name = 'ProviderError';
  }
}

const TWILIO_API = 'https://api.twilio.com';

interface TwilioSettings {
  accountSid: string;
  authToken: string;
  from: string;
  baseUrl: string;
}

/**
 * Reads `twilio://SID:TOKEN@default?from=+1…`. `default` means Twilio itself; any other host is a
 * compatible API (plain http on the loopback, so tests can run one locally).
 */
export function parseTwilioUrl(value: string): TwilioSettings {
  const url = new URL(value);
  // URLSearchParams would turn the "+" of an E.164 number into a space, so `from` is read raw.
  const rawFrom = /[?&]from=([^&]*)/.exec(url.search)?.[1] ?? '';
  const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  return {
    accountSid: decodeURIComponent(url.username),
    authToken: decodeURIComponent(url.password),
    from: decodeURIComponent(rawFrom),
    baseUrl: url.hostname === 'default' ? TWILIO_API : `${local ? 'http' : 'https'}://${url.host}`,
  };
}

export function createTwilioSender(value: string): SmsSender {
  const settings = parseTwilioUrl(value);
  const endpoint = `${settings.baseUrl}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString('base64')}`;
  return {
    async send(sms) {
      const body = new URLSearchParams({ To: sms.to, From: settings.from, Body: sms.body });
      await post(endpoint, { authorization, 'content-type': 'application/x-www-form-urlencoded' }, body.toString());
    },
  };
}

/**
 * The Standard Webhooks signature (standardwebhooks.com): HMAC-SHA256 over `id.timestamp.body`,
 * base64, as `v1,…`. A secret `whsec_…` is base64 after the prefix (as those libraries expect);
 * any other secret is used as its UTF-8 bytes.
 */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = secret.startsWith('whsec_') ? Buffer.from(secret.slice('whsec_'.length), 'base64') : Buffer.from(secret, 'utf8');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`;
}

/**
 * POSTs `{to, body}` as JSON. Credentials in the URL become a Basic header (fetch refuses them in
 * URLs). With a secret, every request carries webhook-id, webhook-timestamp and webhook-signature.
 */
export function createWebhookSender(value: string, signing: { secret: string | null; clock: Clock } = { secret: null, clock: { now: () => Date.now() } }): SmsSender {
  const url = new URL(value);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (url.username || url.password) {
    const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    headers.authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
    url.username = '';
    url.password = '';
  }
  const endpoint = url.toString();
  return {
    async send(sms) {
      const body = JSON.stringify({ to: sms.to, body: sms.body });
      if (signing.secret === null) return post(endpoint, headers, body);
      const id = `msg_${randomBytes(16).toString('hex')}`;
      const timestamp = Math.floor(signing.clock.now() / 1000);
      const signature = signWebhook(signing.secret, id, timestamp, body);
      await post(endpoint, { ...headers, 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature }, body);
    },
  };
}

async function post(url: string, headers: Record<string, string>, body: string): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers, body, redirect: 'error', signal: AbortSignal.timeout(NETWORK_TIMEOUT_MS) });
  // The answer is read and dropped so the connection can be reused; it may echo the message.
  await response.arrayBuffer().catch(() => undefined);
  if (!response.ok) throw new ProviderError(response.status);
}
