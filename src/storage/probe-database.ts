import { sql, type Kysely } from 'kysely';
import type { Engine } from './database.js';

export type DatabaseProbe = { reachable: true; serverNow: number | null; startedAt: number; roundTripMs: number } | { reachable: false; error: string };

/**
 * Asks the database for its clock (portico doctor): proves it answers, and gives PostgreSQL's
 * time to compare with this machine's. SQLite runs in this process, so it has no clock of its own.
 */
export async function probeDatabase<T>(db: Kysely<T>, engine: Engine): Promise<DatabaseProbe> {
  const started = Date.now();
  try {
    if (engine === 'sqlite') {
      await sql`select 1`.execute(db);
      return { reachable: true, serverNow: null, startedAt: started, roundTripMs: Date.now() - started };
    }
    const { rows } = await sql<{ now: string | number }>`select (extract(epoch from clock_timestamp()) * 1000)::float8 as now`.execute(db);
    const finished = Date.now();
    return { reachable: true, serverNow: Number(rows[0]?.now), startedAt: started, roundTripMs: finished - started };
  } catch (error) {
    return { reachable: false, error: error instanceof Error ? error.message : String(error) };
  }
}
