// Batched writes for the roster import (ROSTER-5: 500,000 rows well under a minute). The SQL is
// written by hand because building half a million rows through the query builder costs seconds.
// PostgreSQL gets one array parameter per column through unnest() and every write of a batch in a
// single statement (data-modifying CTEs), so the server works on it while Node validates the next
// batch. SQLite is in bulk-write-sqlite.ts.
import { CompiledQuery } from 'kysely';
import type { Engine } from '../database.js';
import { runSqlite } from './bulk-write-sqlite.js';
import { assignments, keyMatch, names, quoteName, type Executor, type TableWrite, type Value } from './bulk-sql.js';

export type { Column, TableWrite, Value } from './bulk-sql.js';

export interface BulkTarget {
  db: Executor;
  engine: Engine;
}

/** Performs `writes` in order. */
export function writeBatch(target: BulkTarget, writes: TableWrite[]): Promise<void> {
  return prepareBatch(target, writes)();
}

/**
 * Does the CPU work for `writes` now and returns what sends them. The import prepares the next batch
 * while the database is still busy with the previous one, so PostgreSQL never waits on Node.
 */
export function prepareBatch(target: BulkTarget, writes: TableWrite[]): () => Promise<void> {
  const present = writes.filter((w) => w.rows.length > 0);
  if (present.length === 0) return () => Promise.resolve();
  if (target.engine === 'postgres') {
    const query = compilePostgres(present);
    return async () => {
      await target.db.executeQuery(query);
    };
  }
  return async () => {
    for (const write of present) await runSqlite(target.db, write);
  };
}

function compilePostgres(writes: TableWrite[]): CompiledQuery {
  const parameters: unknown[] = [];
  const statements = writes.map((write) => {
    const columns = write.kind === 'insert' ? write.columns : [write.key, ...write.columns];
    const first = parameters.length + 1;
    for (let c = 0; c < columns.length; c++) parameters.push(arrayLiteral(write.rows, c));
    const arrays = columns.map((column, i) => `$${first + i}::${column.type}[]`).join(', ');
    const source = `unnest(${arrays}) as v(${columns.map((c) => quoteName(c.name)).join(', ')})`;
    if (write.kind === 'insert') return `insert into ${quoteName(write.table)} (${names(columns)}) select * from ${source}`;
    const shared = (write.shared ?? []).map((s) => {
      parameters.push(s.value);
      return `${quoteName(s.name)} = $${parameters.length}`;
    });
    return `update ${quoteName(write.table)} set ${[...assignments(write.columns), ...shared].join(', ')} from ${source} where ${keyMatch(write.table, write.key)}`;
  });
  if (statements.length === 1) return CompiledQuery.raw(statements[0]!, parameters);
  // Foreign keys are checked at the end of the statement, so accounts may reference employees inserted beside them.
  const ctes = statements.map((statement, i) => `w${i} as (${statement})`).join(', ');
  return CompiledQuery.raw(`with ${ctes} select 1`, parameters);
}

/**
 * Column `c` of `rows` as a PostgreSQL array literal. Built here because the driver's generic array
 * serialiser was a fifth of the import's CPU time.
 */
function arrayLiteral(rows: Value[][], c: number): string {
  const items = new Array<string>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const value = rows[r]![c];
    if (value === null || value === undefined) items[r] = 'NULL';
    else if (typeof value === 'number') items[r] = String(value);
    else items[r] = `"${/["\\]/.test(value) ? value.replace(/["\\]/g, '\\$&') : value}"`;
  }
  return `{${items.join(',')}}`;
}
