import type { AuditCursor } from '../../storage/repositories/audit-events.js';

// AUDIT-2: the search's page positions as the console and the API hand them out.

/** Opaque to callers: base64url of `at.id`. */
export function encodeAuditCursor(cursor: AuditCursor): string {
  return Buffer.from(`${cursor.at}.${cursor.id}`).toString('base64url');
}

/** The cursor, or null when it is not one this server wrote. */
export function decodeAuditCursor(text: string): AuditCursor | null {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(text)) return null;
  const match = /^(\d{1,16})\.(\d{1,16})$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
  if (!match) return null;
  const at = Number(match[1]);
  const id = Number(match[2]);
  return Number.isSafeInteger(at) && Number.isSafeInteger(id) ? { at, id } : null;
}

