import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

// The console's opening page for admins and HR: a few counts, read once per visit of that page. The help
// request, message and audit counts use their indexes; the help-desk-lock and temporary-lock counts
// scan accounts and login_attempts, which is fine for an admin page but belongs in the --large bench.

export interface ConsoleSummaryCounts {
  openHelpRequests: number;
  helpdeskLocked: number;
  /** LOGIN-4's temporary locks in force now. */
  temporarilyLocked: number;
  queuedMessages: number;
  failedMessages: number;
  /** Roster imports since `since` (audit `roster.import`). */
  recentImports: number;
  lastImportAt: number | null;
}

const count = sql<string | number>`count(*)`;

export async function countConsoleSummary(db: Kysely<Database>, now: number, since: number): Promise<ConsoleSummaryCounts> {
  const [help, locked, temporary, messages, imports] = await Promise.all([
    db.selectFrom('help_requests').select(count.as('n')).where('status', '=', 'open').executeTakeFirst(),
    db.selectFrom('accounts').select(count.as('n')).where('helpdesk_locked_at', 'is not', null).executeTakeFirst(),
    db
      .selectFrom('login_attempts')
      .select(count.as('n'))
      .where('key', 'like', 'account:%')
      // An account's own key only, not what each of its identifiers answers (`account:<id>:email`, LOGIN-5).
      .where('key', 'not like', 'account:%:%')
      .where('locked_until', '>', now)
      .executeTakeFirst(),
    db.selectFrom('messages').select(['status', count.as('n')]).where('status', 'in', ['pending', 'sending', 'failed']).groupBy('status').execute(),
    db
      .selectFrom('audit_events')
      .select([count.as('n'), sql<string | number | null>`max(at)`.as('last')])
      .where('event', '=', 'roster.import')
      .where('at', '>=', since)
      .executeTakeFirst(),
  ]);
  const byStatus = (status: string) => Number(messages.find((row) => row.status === status)?.n ?? 0);
  return {
    openHelpRequests: Number(help?.n ?? 0),
    helpdeskLocked: Number(locked?.n ?? 0),
    temporarilyLocked: Number(temporary?.n ?? 0),
    queuedMessages: byStatus('pending') + byStatus('sending'),
    failedMessages: byStatus('failed'),
    recentImports: Number(imports?.n ?? 0),
    lastImportAt: imports?.last === null || imports?.last === undefined ? null : Number(imports.last),
  };
}
