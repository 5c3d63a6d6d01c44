// The plan a database chooses for a statement: which tables it reads in full. EXPLAIN QUERY PLAN on
// SQLite; EXPLAIN (FORMAT JSON) on PostgreSQL with sequential scans priced out, so that a plan that
// still scans a table has no index to use for it.
import { CompiledQuery, sql } from 'kysely';
import type { Storage } from '../../src/storage/database.js';

/** A statement as the storage's `onQuery` heard it. */
export interface Heard {
  sql: string;
  parameters: readonly unknown[];
}

/** The tables the plan reads in full (a scan of the table, or of a whole index with no condition). */
export async function scannedTables(storage: Storage, statement: Heard): Promise<{ tables: string[]; plan: string }> {
  const { db, engine } = storage;
  const explain = (prefix: string) => CompiledQuery.raw(`${prefix} ${statement.sql}`, [...statement.parameters]);
  if (engine === 'sqlite') {
    const details = (await db.executeQuery<{ detail: string }>(explain('explain query plan'))).rows.map((r) => r.detail);
    // The plan names a table by its alias where the statement gives one (`"employees" as "e"`).
    const aliases = new Map([...statement.sql.matchAll(/"(\w+)" as "(\w+)"/g)].map((m) => [m[2]!, m[1]!]));
    const tables = details.flatMap((d) => [.../^SCAN (\w+)/.exec(d)?.slice(1) ?? []]).map((name) => aliases.get(name) ?? name);
    return { tables, plan: details.join('\n') };
  }
  const plan = await db.connection().execute(async (connection) => {
    await sql`set enable_seqscan = off`.execute(connection);
    try {
      return (await connection.executeQuery<{ 'QUERY PLAN': unknown }>(explain('explain (format json)'))).rows[0]!['QUERY PLAN'];
    } finally {
      await sql`reset enable_seqscan`.execute(connection);
    }
  });
  const tables: string[] = [];
  const visit = (node: Record<string, unknown>) => {
    const relation = node['Relation Name'];
    const type = String(node['Node Type']);
    const full = type === 'Seq Scan' || (/Index( Only)? Scan$/.test(type) && node['Index Cond'] === undefined);
    if (typeof relation === 'string' && full) tables.push(relation);
    for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) visit(child);
  };
  const root = (typeof plan === 'string' ? JSON.parse(plan) : plan) as { Plan: Record<string, unknown> }[];
  visit(root[0]!.Plan);
  return { tables, plan: JSON.stringify(root[0]!.Plan) };
}


/** Every index on `table` with its definition, as the database describes it. */
export async function tableIndexes(storage: Storage, table: string): Promise<string[]> {
  const { rows } =
    storage.engine === 'sqlite'
      ? await sql<{ d: string }>`select name || ': ' || coalesce(sql, '(automatic)') as d from sqlite_master where type = 'index' and tbl_name = ${table} order by name`.execute(storage.db)
      : await sql<{ d: string }>`select indexname || ': ' || indexdef as d from pg_indexes where tablename = ${table} order by indexname`.execute(storage.db);
  return rows.map((row) => row.d);
}
