import { sql, type Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';

// LOGIN-6: failed sign-ins per client address in a fixed window. Only evaluated failures count
// (requests refused by the lockout do not), so the limit slows spraying across many accounts.

export interface ClientThrottlePolicy {
  limit: number;
  windowMs: number;
}

/** Milliseconds until the client may try again, or 0 when it may try now. */
export async function clientRetryAfterMs(db: Kysely<Database>, client: string, now: number, policy: ClientThrottlePolicy): Promise<number> {
  const row = await db
    .selectFrom('client_failures')
    .select(['window_start', 'failures'])
    .where('client_key', '=', client)
    .executeTakeFirst();
  if (!row || row.window_start <= now - policy.windowMs || row.failures < policy.limit) return 0;
  return row.window_start + policy.windowMs - now;
}

export async function recordClientFailure(db: Kysely<Database>, client: string, now: number, policy: ClientThrottlePolicy): Promise<void> {
  const windowFloor = now - policy.windowMs;
  await sql`
    insert into client_failures (client_key, window_start, failures) values (${client}, ${now}, 1)
    on conflict (client_key) do update set
      failures = case when client_failures.window_start <= ${windowFloor} then 1 else client_failures.failures + 1 end,
      window_start = case when client_failures.window_start <= ${windowFloor} then ${now} else client_failures.window_start end`.execute(db);
}
