// Batched writes for the roster import (ROSTER-5: 500,000 rows well under a minute). The SQL is
// written by hand because building half a million rows through the query builder costs seconds:
// SQLite gets multi-row VALUES under its 32,766 bound-parameter limit; PostgreSQL gets one array
// parameter per column through unnest(), which has no parameter limit and parses fast.
import { CompiledQuery, type Kysely } from 'kysely';
import type { Engine } from '../../storage/database.js';

export interface Column {
  name: string;
  /** PostgreSQL array type for unnest(); SQLite ignores it. */
  type: 'text' | 'bigint';
}

type Value = string | number | null;
type Executor = Pick<Kysely<unknown>, 'executeQuery'>;

const SQLITE_MAX_PARAMETERS = 32_766;
const SQLITE_MAX_ROWS = 500;
const POSTGRES_ROWS = 10_000;

/** Inserts `rows` (values in `columns` order) in batches; calls `onBatch` with each batch's size. */
export async function insertRows(db: Executor, engine: Engine, table: string, columns: Column[], rows: Value[][], onBatch?: (count: number) => void): Promise<void> {
  const names = columns.map((c) => quoteName(c.name)).join(', ');
  if (engine === 'postgres') {
    const query = `insert into ${quoteName(table)} (${names}) select * from ${unnestColumns(columns)}`;
    await runPostgresBatches(db, query, columns.length, rows, [], onBatch);
  } else {
    const head = `insert into ${quoteName(table)} (${names}) values `;
    await runSqliteBatches(db, (count) => head + valuesList(count, columns.length), columns.length, rows, [], onBatch);
  }
}

/** Sets `columns` from each row on the row whose `key` equals the row's first value; `shared` columns get one value for all. */
export async function updateRows(
  db: Executor,
  engine: Engine,
  table: string,
  key: Column,
  columns: Column[],
  rows: Value[][],
  options: { shared?: { name: string; value: Value }[]; onBatch?: (count: number) => void } = {},
): Promise<void> {
  const shared = options.shared ?? [];
  const all = [key, ...columns];
  const firstShared = engine === 'postgres' ? all.length + 1 : 1;
  const assignments = [
    ...columns.map((c) => `${quoteName(c.name)} = v.${quoteName(c.name)}`),
    ...shared.map((s, i) => `${quoteName(s.name)} = ${engine === 'postgres' ? `$${firstShared + i}` : '?'}`),
  ].join(', ');
  const match = `${quoteName(table)}.${quoteName(key.name)} = v.${quoteName(key.name)}`;
  const sharedValues = shared.map((s) => s.value);
  if (engine === 'postgres') {
    const query = `update ${quoteName(table)} set ${assignments} from ${unnestColumns(all)} where ${match}`;
    await runPostgresBatches(db, query, all.length, rows, sharedValues, options.onBatch);
  } else {
    const names = all.map((c) => quoteName(c.name)).join(', ');
    // The CTE's VALUES precede SET in the text, so the shared parameters are bound after the rows.
    const build = (count: number) => `with v(${names}) as (values ${valuesList(count, all.length)}) update ${quoteName(table)} set ${assignments} from v where ${match}`;
    await runSqliteBatches(db, build, all.length, rows, sharedValues, options.onBatch);
  }
}

async function runPostgresBatches(db: Executor, query: string, width: number, rows: Value[][], extra: Value[], onBatch?: (count: number) => void): Promise<void> {
  for (let start = 0; start < rows.length; start += POSTGRES_ROWS) {
    const batch = rows.slice(start, start + POSTGRES_ROWS);
    const arrays: Value[][] = Array.from({ length: width }, () => new Array<Value>(batch.length));
    for (let r = 0; r < batch.length; r++) {
      const row = batch[r]!;
      for (let c = 0; c < width; c++) arrays[c]![r] = row[c]!;
    }
    await db.executeQuery(CompiledQuery.raw(query, [...arrays, ...extra]));
    onBatch?.(batch.length);
  }
}

async function runSqliteBatches(
  db: Executor,
  build: (count: number) => string,
  width: number,
  rows: Value[][],
  extra: Value[],
  onBatch?: (count: number) => void,
): Promise<void> {
  const size = Math.min(SQLITE_MAX_ROWS, Math.floor((SQLITE_MAX_PARAMETERS - extra.length) / width));
  const fullQuery = build(size);
  for (let start = 0; start < rows.length; start += size) {
    const batch = rows.slice(start, start + size);
    const parameters = batch.flat();
    parameters.push(...extra);
    await db.executeQuery(CompiledQuery.raw(batch.length === size ? fullQuery : build(batch.length), parameters));
    onBatch?.(batch.length);
  }
}

function unnestColumns(columns: Column[]): string {
  const arrays = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  return `unnest(${arrays}) as v(${columns.map((c) => quoteName(c.name)).join(', ')})`;
}

function valuesList(rows: number, width: number): string {
  const row = `(${new Array(width).fill('?').join(', ')})`;
  return new Array(rows).fill(row).join(', ');
}

/** Identifiers here are constants of this module's callers, never input; quoting keeps keywords safe. */
function quoteName(name: string): string {
  return `"${name}"`;
}
