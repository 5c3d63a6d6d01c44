import type { Db } from '../../storage/database.js';
import type { MessageChannel } from '../../storage/schema.js';
import { listMessagesWithStatus } from '../../storage/repositories/messages.js';
import { maskEmail, maskMobile } from '../../flows/settings/mask.js';

// DELIV-3: the message queue as admins see it. Never the message data (codes, links, notes): only
// where it goes (masked), which template, and how delivery is going.

export const MESSAGE_STATUSES = ['pending', 'sending', 'failed', 'sent'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
export const MESSAGE_LIST_LIMIT = 200;

export interface QueuedMessage {
  id: number;
  channel: MessageChannel;
  /** Masked: `j***@example.com`, `***-***-4567`; an application's logout URI without its query. */
  recipient: string;
  template: string;
  language: string;
  status: MessageStatus;
  attempts: number;
  lastError: string | null;
  createdAt: number;
  nextAttemptAt: number | null;
  sentAt: number | null;
}

/** Newest first, at most 200. The `data` column is never selected. */
export async function listQueuedMessages(db: Db, status: MessageStatus, limit = MESSAGE_LIST_LIMIT): Promise<QueuedMessage[]> {
  const rows = await listMessagesWithStatus(db, status, limit);
  return rows.map((row) => ({
    id: Number(row.id),
    channel: row.channel,
    recipient: row.channel === 'email' ? maskEmail(row.recipient) : row.channel === 'sms' ? maskMobile(row.recipient) : logoutUriShown(row.recipient),
    template: row.template,
    language: row.language,
    status: row.status,
    attempts: Number(row.attempts),
    lastError: row.last_error,
    createdAt: Number(row.created_at),
    nextAttemptAt: row.status === 'pending' ? Number(row.next_attempt_at) : null,
    sentAt: row.sent_at === null ? null : Number(row.sent_at),
  }));
}

/** IDP-6: where a logout token goes, as an admin registered it, less its query (which could hold a key). */
function logoutUriShown(uri: string): string {
  try {
    const url = new URL(uri);
    return `${url.origin}${url.pathname}`;
  } catch {
    return '';
  }
}
