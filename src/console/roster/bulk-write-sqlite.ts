// SQLite side of the batched roster writes. With the raw connection, one prepared statement per
// table is reused for every row (the cheapest path better-sqlite3 offers); through the query builder
// alone, each batch travels as one JSON parameter, since a statement prepared anew per batch is
// cheaper to parse with one placeholder than with thousands.
import { CompiledQuery } from 'kysely';
import type SQLite from 'better-sqlite3';
import { assignments, keyMatch, names, quoteName, type Executor, type TableWrite, type Value } from './bulk-sql.js';

const JSON_ROWS = 10_000;

/** Prepared statements by connection and SQL text, so each is compiled once per import. */
const statements = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();

export function runSqlitePrepared(sqlite: SQLite.Database, write: TableWrite): void {
  const shared = write.kind === 'update' ? (write.shared ?? []) : [];
  const query =
    write.kind === 'insert'
      ? `insert into ${quoteName(write.table)} (${names(write.columns)}) values (${write.columns.map(() => '?').join(', ')})`
      : `update ${quoteName(write.table)} set ${[...write.columns, ...shared].map((c) => `${quoteName(c.name)} = ?`).join(', ')} where ${quoteName(write.key.name)} = ?`;
  const statement = prepare(sqlite, query);
  if (write.kind === 'insert') {
    for (const row of write.rows) statement.run(row);
    return;
  }
  // The key comes first in an update row but last in the statement.
  const sharedValues = shared.map((s) => s.value);
  for (const row of write.rows) statement.run([...row.slice(1), ...sharedValues, row[0]!]);
}

export async function runSqliteJson(db: Executor, write: TableWrite): Promise<void> {
  const columns = write.kind === 'insert' ? write.columns : [write.key, ...write.columns];
  const shared = write.kind === 'update' ? (write.shared ?? []) : [];
  const source = `select ${columns.map((c, i) => `value->>${i} as ${quoteName(c.name)}`).join(', ')} from json_each(?)`;
  let query: string;
  if (write.kind === 'insert') query = `insert into ${quoteName(write.table)} (${names(columns)}) ${source}`;
  else {
    const sets = [...assignments(write.columns), ...shared.map((s) => `${quoteName(s.name)} = ?`)].join(', ');
    query = `with v as (${source}) update ${quoteName(write.table)} set ${sets} from v where ${keyMatch(write.table, write.key)}`;
  }
  for (let start = 0; start < write.rows.length; start += JSON_ROWS) {
    const parameters: Value[] = [JSON.stringify(write.rows.slice(start, start + JSON_ROWS))];
    for (const s of shared) parameters.push(s.value);
    await db.executeQuery(CompiledQuery.raw(query, parameters));
  }
}

function prepare(sqlite: SQLite.Database, query: string): SQLite.Statement {
  let cache = statements.get(sqlite);
  if (!cache) statements.set(sqlite, (cache = new Map<string, SQLite.Statement>()));
  let statement = cache.get(query);
  if (!statement) cache.set(query, (statement = sqlite.prepare(query)));
  return statement;
}
