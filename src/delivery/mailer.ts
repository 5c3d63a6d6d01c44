import { rename, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createTransport } from 'nodemailer';
import type { SendMailOptions } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Config } from '../config/config.js';
import type { Clock } from '../security/clock.js';
import { ensurePrivateDirectory, PRIVATE_FILE_MODE } from '../security/private-files.js';
import type { Language } from '../web/i18n.js';
import { createMailFileName, mailDirectory, readOutboxDirectory } from './outbox-files.js';

/** One rendered e-mail, ready for a transport. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  language: Language;
}

/** The e-mail port (DESIGN §1): the worker does not know which transport is configured. */
export interface Mailer {
  send(mail: OutgoingEmail): Promise<void>;
  close(): void;
}

/** Every network call gives up after this long, so a hung provider cannot stall the worker. */
export const NETWORK_TIMEOUT_MS = 10_000;

/** Chooses the transport from PORTICO_MAIL_URL: `outbox:DIR`, `smtp://…` or `smtps://…` (DELIV-1, DELIV-2). */
export function createMailer(config: Pick<Config, 'mailUrl' | 'mailFrom'>, clock: Clock): Mailer {
  const outbox = readOutboxDirectory(config.mailUrl);
  if (outbox !== null) return createOutboxMailer(outbox, config.mailFrom, clock);
  return createSmtpMailer(config.mailUrl, config.mailFrom, clock);
}

/** The same message for every transport: multipart/alternative, From the configured sender, language tagged. */
export function buildMailOptions(mail: OutgoingEmail, from: string, now: number): SendMailOptions {
  return {
    from,
    // An address object, not a string, so nodemailer does not parse it into several recipients.
    to: { name: '', address: mail.to },
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    date: new Date(now),
    headers: { 'Content-Language': mail.language },
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

function createSmtpMailer(url: string, from: string, clock: Clock): Mailer {
  const transport = createTransport({
    url,
    connectionTimeout: NETWORK_TIMEOUT_MS,
    greetingTimeout: NETWORK_TIMEOUT_MS,
    socketTimeout: NETWORK_TIMEOUT_MS,
    dnsTimeout: NETWORK_TIMEOUT_MS,
  });
  return {
    async send(mail) {
      await transport.sendMail(buildMailOptions(mail, from, clock.now()));
    },
    close: () => transport.close(),
  };
}

/** Composes the full RFC 5322 message (headers, multipart/alternative text and HTML) as bytes. */
export async function composeEmail(mail: OutgoingEmail, from: string, now: number): Promise<Buffer> {
  return new MailComposer(buildMailOptions(mail, from, now)).compile().build();
}

/**
 * The default transport (DELIV-2): each message becomes one .eml file. It is written under a
 * temporary name and renamed, so a reader (the /dev/outbox page) never sees half a message.
 */
function createOutboxMailer(outboxDirectory: string, from: string, clock: Clock): Mailer {
  const directory = mailDirectory(outboxDirectory);
  return {
    async send(mail) {
      const now = clock.now();
      const message = await composeEmail(mail, from, now);
      await ensurePrivateDirectory(directory);
      const name = createMailFileName(now, randomBytes(4).toString('hex'));
      const partial = path.join(directory, `.${name}.partial`);
      await writeFile(partial, message, { flag: 'wx', mode: PRIVATE_FILE_MODE });
      await rename(partial, path.join(directory, name));
    },
    close: () => undefined,
  };
}
