import { sql } from 'kysely';
import type { Db } from '../database.js';

// The `client_failures` window of LOGIN-6 (security/client-throttle.ts holds the policy). Each
// change is ONE statement (DESIGN rule 7), so a burst from one client never slips past the limit.

export interface ClientWindow {
  limit: number;
  /** A window that began at or before this has ended. */
  endedBefore: number;
}

/** Takes a place in the client's window, starting a new window when the old one ended; the window's start, or null when full. */
export async function claimClientPlace(db: Db, client: string, now: number, window: ClientWindow): Promise<number | null> {
  const windowOver = sql`(client_failures.window_start <= ${window.endedBefore})`;
  const claimed = await sql<{ window_start: number }>`
    insert into client_failures (client_key, window_start, failures, pending) values (${client}, ${now}, 0, 1)
    on conflict (client_key) do update set
      window_start = case when ${windowOver} then ${now} else client_failures.window_start end,
      failures = case when ${windowOver} then 0 else client_failures.failures end,
      pending = case when ${windowOver} then 1 else client_failures.pending + 1 end
    where ${windowOver} or client_failures.failures + client_failures.pending < ${window.limit}
    returning window_start`.execute(db);
  const row = claimed.rows[0];
  return row ? Number(row.window_start) : null;
}

/** Ends a claim in the window it was taken in: a failure counts, anything else gives the place back. */
export async function settleClientPlace(db: Db, client: string, windowStart: number, failed: boolean): Promise<void> {
  await sql`
    update client_failures set
      failures = failures + ${failed ? 1 : 0},
      pending = case when pending > 0 then pending - 1 else 0 end
    where client_key = ${client} and window_start = ${windowStart}`.execute(db);
}

export function findClientWindow(db: Db, client: string): Promise<{ window_start: number; failures: number } | undefined> {
  return db.selectFrom('client_failures').select(['window_start', 'failures']).where('client_key', '=', client).executeTakeFirst();
}
