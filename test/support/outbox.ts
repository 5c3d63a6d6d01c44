// Reads what Portico sent, the way a person would: the delivery worker writes the outbox files,
// and the test reads the newest message to an address.
import type { AppDeps } from '../../src/core/deps.js';
import { startDeliveryWorker, type DeliveryWorker } from '../../src/delivery/delivery-worker.js';
import { mailDirectory, readOutboxDirectory, smsFile } from '../../src/delivery/outbox-files.js';
import { readOutboxEmails, readOutboxSms, type OutboxEmail, type OutboxSms } from '../../src/delivery/read-outbox.js';
import { suiteTempDir } from './temp-root.js';

/** A fresh data directory, so each test app has its own outbox. */
export function tempDataDir(): string {
  return suiteTempDir('portico-data-');
}

export interface OutboxReader {
  worker: DeliveryWorker;
  emailsTo(address: string): Promise<OutboxEmail[]>;
  smsTo(number: string): Promise<OutboxSms[]>;
  /** The 6-digit code in the newest message to this address or number. */
  latestCode(to: string): Promise<string>;
  stop(): Promise<void>;
}

export function createOutboxReader(deps: AppDeps): OutboxReader {
  const worker = startDeliveryWorker(deps, { pollMs: 60_000 });
  const mailDir = mailDirectory(readOutboxDirectory(deps.config.mailUrl) ?? '');
  const smsPath = smsFile(readOutboxDirectory(deps.config.smsUrl) ?? '');
  const reader: OutboxReader = {
    worker,
    async emailsTo(address) {
      await worker.drain();
      return (await readOutboxEmails(mailDir, 500)).filter((mail) => mail.to.toLowerCase().includes(address.toLowerCase()));
    },
    async smsTo(number) {
      await worker.drain();
      return (await readOutboxSms(smsPath, 500)).filter((sms) => sms.to === number);
    },
    async latestCode(to) {
      const text = to.startsWith('+') ? (await reader.smsTo(to))[0]?.body : (await reader.emailsTo(to))[0]?.text;
      const code = /\b(\d{6})\b/.exec(text ?? '')?.[1];
      if (!code) throw new Error(`no code in the newest message to ${to}`);
      return code;
    },
    stop: () => worker.stop(),
  };
  return reader;
}
