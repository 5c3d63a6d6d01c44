// Batched writes for the roster import (ROSTER-5: 500,000 rows well under a minute). The SQL is
// written by hand because building half a million rows through the query builder costs seconds.
// PostgreSQL gets one array parameter per column through unnest() and every write of a batch in a
// single statement (data-modifying CTEs), so the server works on it while Node validates the next
// batch; SQLite gets multi-row VALUES under its 32,766 bound-parameter limit.
import { CompiledQuery, type Kysely } from 'kysely';
import type { Engine } from '../../storage/database.js';

export interface Column {
  name: string;
  /** PostgreSQL array type for unnest(); SQLite ignores it. */
  type: 'text' | 'bigint';
}

export type Value = string | number | null;

/** Rows to insert, or rows whose first value is the key of a row to update (plus `shared` values set on all). */
export type TableWrite =
  | { kind: 'insert'; table: string; columns: Column[]; rows: Value[][] }
  | { kind: 'update'; table: string; key: Column; columns: Column[]; rows: Value[][]; shared?: { name: string; value: Value }[] };

type Executor = Pick<Kysely<unknown>, 'executeQuery'>;

const SQLITE_JSON_ROWS = 10_000;

/** Performs `writes` in order (an update may rely on an earlier insert of the same batch only on SQLite). */
export async function writeBatch(db: Executor, engine: Engine, writes: TableWrite[]): Promise<void> {
  const present = writes.filter((w) => w.rows.length > 0);
  if (present.length === 0) return;
  if (engine === 'postgres') {
    await db.executeQuery(compilePostgres(present));
    return;
  }
  for (const write of present) await runSqlite(db, write);
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

async function runSqlite(db: Executor, write: TableWrite): Promise<void> {
  const columns = write.kind === 'insert' ? write.columns : [write.key, ...write.columns];
  const shared = write.kind === 'update' ? (write.shared ?? []) : [];
  const source = `select ${columns.map((c, i) => `value->>${i} as ${quoteName(c.name)}`).join(', ')} from json_each(?)`;
  let query: string;
  if (write.kind === 'insert') query = `insert into ${quoteName(write.table)} (${names(columns)}) ${source}`;
  else {
    const sets = [...assignments(write.columns), ...shared.map((s) => `${quoteName(s.name)} = ?`)].join(', ');
    query = `with v as (${source}) update ${quoteName(write.table)} set ${sets} from v where ${keyMatch(write.table, write.key)}`;
  }
  for (let start = 0; start < write.rows.length; start += SQLITE_JSON_ROWS) {
    const parameters: Value[] = [JSON.stringify(write.rows.slice(start, start + SQLITE_JSON_ROWS))];
    for (const s of shared) parameters.push(s.value);
    await db.executeQuery(CompiledQuery.raw(query, parameters));
  }
}

function assignments(columns: Column[]): string[] {
  return columns.map((c) => `${quoteName(c.name)} = v.${quoteName(c.name)}`);
}

function keyMatch(table: string, key: Column): string {
  return `${quoteName(table)}.${quoteName(key.name)} = v.${quoteName(key.name)}`;
}

function names(columns: Column[]): string {
  return columns.map((c) => quoteName(c.name)).join(', ');
}

function valuesList(rows: number, width: number): string {
  const row = `(${new Array(width).fill('?').join(', ')})`;
  return new Array(rows).fill(row).join(', ');
}

/** Table and column names come from this module's callers, never from input; quoting keeps keywords safe. */
function quoteName(name: string): string {
  return `"${name}"`;
}
