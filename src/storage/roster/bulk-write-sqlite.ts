// SQLite side of the batched roster writes: multi-row VALUES statements of a few fixed sizes. The
// storage layer caches prepared statements by their SQL text, so each size is compiled once per
// connection and then only bound and run; a remainder is split into power-of-two pieces so that
// no more than ten statement texts per table ever enter that cache.
import { CompiledQuery } from 'kysely';
import { assignments, keyMatch, names, quoteName, type Executor, type TableWrite, type Value } from './bulk-sql.js';

/** 512 rows of the widest write (12 columns) stay far below SQLite's 32,766 bound parameters. */
const LARGEST = 512;

export async function runSqlite(db: Executor, write: TableWrite): Promise<void> {
  const width = write.kind === 'insert' ? write.columns.length : write.columns.length + 1;
  const shared = write.kind === 'update' ? (write.shared ?? []) : [];
  let start = 0;
  while (start < write.rows.length) {
    const size = pieceSize(write.rows.length - start);
    const parameters: Value[] = [];
    for (let r = start; r < start + size; r++) for (const value of write.rows[r]!) parameters.push(value);
    for (const s of shared) parameters.push(s.value);
    await db.executeQuery(CompiledQuery.raw(buildStatement(write, size, width), parameters));
    start += size;
  }
}

/** The largest allowed size not above `remaining`: 512, 256, …, 1. */
function pieceSize(remaining: number): number {
  let size = LARGEST;
  while (size > remaining) size /= 2;
  return size;
}

function buildStatement(write: TableWrite, rows: number, width: number): string {
  const values = new Array<string>(rows).fill(`(${new Array<string>(width).fill('?').join(', ')})`).join(', ');
  if (write.kind === 'insert') return `insert into ${quoteName(write.table)} (${names(write.columns)}) values ${values}`;
  const sets = [...assignments(write.columns), ...(write.shared ?? []).map((s) => `${quoteName(s.name)} = ?`)].join(', ');
  // The CTE's VALUES precede SET in the text, so the shared parameters are bound after the rows.
  return `with v(${names([write.key, ...write.columns])}) as (values ${values}) update ${quoteName(write.table)} set ${sets} from v where ${keyMatch(write.table, write.key)}`;
}
