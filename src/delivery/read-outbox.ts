import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

// Reads back what the outbox transports wrote, for the demo page (DELIV-2). The .eml files are
// nodemailer's output, so this reads just enough MIME: unfolded headers, RFC 2047 encoded words,
// and the text/plain part in base64, quoted-printable or 7/8 bit.

export interface OutboxEmail {
  file: string;
  date: Date | null;
  to: string;
  subject: string;
  text: string;
}

export interface OutboxSms {
  to: string;
  body: string;
  sentAt: string;
}

const MAX_FILE_BYTES = 1024 * 1024;

/** The newest e-mails first (file names sort by time). */
export async function readOutboxEmails(directory: string, limit = 50): Promise<OutboxEmail[]> {
  const names = await readdir(directory).catch(() => [] as string[]);
  const newest = names.filter((name) => name.endsWith('.eml') && !name.startsWith('.')).sort().reverse().slice(0, limit);
  const emails = await Promise.all(newest.map((name) => readEmailFile(path.join(directory, name))));
  return emails.filter((email): email is OutboxEmail => email !== null);
}

/** The newest text messages first; unreadable lines are skipped. */
export async function readOutboxSms(file: string, limit = 50): Promise<OutboxSms[]> {
  const content = await readFile(file, 'utf8').catch(() => '');
  const lines = content.split('\n').filter((line) => line.trim() !== '');
  return lines
    .slice(-limit)
    .reverse()
    .flatMap((line) => {
      try {
        const { to, body, sentAt } = JSON.parse(line) as Partial<OutboxSms>;
        return typeof to === 'string' && typeof body === 'string' && typeof sentAt === 'string' ? [{ to, body, sentAt }] : [];
      } catch {
        return [];
      }
    });
}

async function readEmailFile(file: string): Promise<OutboxEmail | null> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile() || info.size > MAX_FILE_BYTES) return null;
  // latin1 keeps every byte as one character, so the parts can be decoded byte for byte.
  const { headers, body } = splitEntity(await readFile(file, 'latin1'));
  const date = headers.get('date');
  const parsedDate = date ? new Date(date) : null;
  return {
    file: path.basename(file),
    date: parsedDate && !Number.isNaN(parsedDate.getTime()) ? parsedDate : null,
    to: decodeWords(headers.get('to') ?? ''),
    subject: decodeWords(headers.get('subject') ?? ''),
    text: findTextPart(headers, body) ?? '',
  };
}

function splitEntity(source: string): { headers: Map<string, string>; body: string } {
  const match = /\r?\n\r?\n/.exec(source);
  const head = match ? source.slice(0, match.index) : source;
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    if (colon > 0 && !headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, body: match ? source.slice(match.index + match[0].length) : '' };
}

function findTextPart(headers: Map<string, string>, body: string): string | null {
  const type = (headers.get('content-type') ?? 'text/plain').toLowerCase();
  if (type.startsWith('text/plain')) return decodeBody(body, headers.get('content-transfer-encoding') ?? '7bit');
  const boundary = /boundary="?([^";]+)"?/i.exec(headers.get('content-type') ?? '')?.[1];
  if (!type.startsWith('multipart/') || !boundary) return null;
  for (const part of body.split(`--${boundary}`).slice(1)) {
    if (part.startsWith('--')) break;
    const entity = splitEntity(part.replace(/^\r?\n/, ''));
    const text = findTextPart(entity.headers, entity.body.replace(/\r?\n$/, ''));
    if (text !== null) return text;
  }
  return null;
}

function decodeBody(body: string, encoding: string): string {
  const lower = encoding.toLowerCase().trim();
  if (lower === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (lower === 'quoted-printable') return decodeQuotedPrintable(body.replace(/=\r?\n/g, ''));
  return Buffer.from(body, 'latin1').toString('utf8');
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** RFC 2047: adjacent encoded words are joined byte-wise first, so a character split across two words survives. */
function decodeWords(value: string): string {
  const joined = value.replace(/\?=\s+=\?/g, '?==?');
  const bytes = joined.replace(/=\?[^?]+\?([BbQq])\?([^?]*)\?=/g, (_, kind: string, data: string) =>
    kind.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('latin1') : decodeQWord(data),
  );
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

function decodeQWord(data: string): string {
  return data.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
