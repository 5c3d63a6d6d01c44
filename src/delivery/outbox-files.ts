import path from 'node:path';

// Where the outbox transport writes (DELIV-2): DIR/mail/*.eml, one RFC 5322 message per file, and
// DIR/sms.jsonl, one JSON object per line. The demo page reads the same places.

/** The directory of an `outbox:DIR` transport URL, or null for any other transport. */
export function readOutboxDirectory(transportUrl: string): string | null {
  if (!transportUrl.startsWith('outbox:')) return null;
  return path.resolve(transportUrl.slice('outbox:'.length));
}

export function mailDirectory(outboxDirectory: string): string {
  return path.join(outboxDirectory, 'mail');
}

export function smsFile(outboxDirectory: string): string {
  return path.join(outboxDirectory, 'sms.jsonl');
}

let sequence = 0;

/**
 * A unique file name that sorts by time: the UTC time to the millisecond, then a per-process
 * counter (several messages in one millisecond keep their order), then randomness (several processes).
 */
export function createMailFileName(now: number, random: string): string {
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace('.', '');
  sequence = (sequence + 1) % 1_000_000;
  return `${stamp}-${String(sequence).padStart(6, '0')}-${random}.eml`;
}

/**
 * Which channels go to the outbox instead of people. Outside demo mode that means nobody receives
 * their codes or links (PORTICO_MAIL_URL or PORTICO_SMS_URL unset): `serve` and `doctor` say so.
 */
export function outboxChannels(config: { mailUrl: string; smsUrl: string }): { channel: 'mail' | 'sms'; variable: string; directory: string }[] {
  const found: { channel: 'mail' | 'sms'; variable: string; directory: string }[] = [];
  const mail = readOutboxDirectory(config.mailUrl);
  if (mail !== null) found.push({ channel: 'mail', variable: 'PORTICO_MAIL_URL', directory: mail });
  const sms = readOutboxDirectory(config.smsUrl);
  if (sms !== null) found.push({ channel: 'sms', variable: 'PORTICO_SMS_URL', directory: sms });
  return found;
}
