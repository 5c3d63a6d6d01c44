import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import type { Database } from './schema.js';

// The statements every signed-in request runs (the session check, the homepage's panels) are built
// and compiled by Kysely once per database handle, and then only executed with new values: on
// SQLite as statements prepared once (database.ts keeps them), on PostgreSQL as named prepared
// statements (parsed once per connection, one round trip each). Everything else is built per call.

const ARG_PREFIX = '\u0000portico-arg:';

/** Stands for the `index`-th value of a prepared query in its Kysely builder. */
export function arg<T>(index: number): T {
  return `${ARG_PREFIX}${index}` as T;
}

export interface PreparedQuery<A extends readonly unknown[], R> {
  /** Every row. */
  rows(...args: A): Promise<R[]>;
  /** The first row, if any. */
  first(...args: A): Promise<R | undefined>;
  /** For a change: how many rows it touched. */
  run(...args: A): Promise<number>;
}

/** What the storage that opened a database handle does to keep a statement prepared (database.ts). */
const keepers = new WeakMap<Kysely<Database>, (sqlText: string) => void>();

export function keepPreparedWith(db: Kysely<Database>, keep: (sqlText: string) => void): void {
  keepers.set(db, keep);
}

/**
 * Compiles `query` once; its `arg(i)` placeholders take the call's values. Runs through Kysely's
 * driver, so SQLite's single connection still serves one user at a time.
 */
export function prepareQuery<A extends readonly unknown[], R>(db: Kysely<Database>, query: Compilable<R>): PreparedQuery<A, R> {
  const compiled = query.compile();
  const slots = compiled.parameters.map((value) => (typeof value === 'string' && value.startsWith(ARG_PREFIX) ? Number(value.slice(ARG_PREFIX.length)) : -1));
  keepers.get(db)?.(compiled.sql);
  const withValues = (args: A): CompiledQuery<R> => ({ ...compiled, parameters: slots.map((slot, i) => (slot >= 0 ? args[slot] : compiled.parameters[i])) });
  return {
    rows: async (...args) => (await db.executeQuery(withValues(args))).rows,
    first: async (...args) => (await db.executeQuery(withValues(args))).rows[0],
    run: async (...args) => Number((await db.executeQuery(withValues(args))).numAffectedRows ?? 0),
  };
}

/** The largest limit a prepared statement is written with (the longest list a page asks for is 100). */
export const MAX_PREPARED_LIMIT = 1000;

/**
 * A limit is written into a prepared statement rather than passed as a value: SQLite plans a
 * statement with `limit ?` again every time it runs (about 20 µs, more than the query itself).
 * So a query with a limit is prepared once per limit its callers use, a handful of constants
 * (the homepage's panels, the pages' sizes); `limit` must not come from a request. Since it is
 * SQL text, anything but a small positive integer throws (and is never kept).
 */
export function perLimit<T>(make: (limit: number) => T): (limit: number) => T {
  const made = new Map<number, T>();
  return (limit) => {
    let queries = made.get(limit);
    if (!queries) {
      if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PREPARED_LIMIT) throw new Error(`perLimit: ${String(limit)} is not a limit from 1 to ${MAX_PREPARED_LIMIT}`);
      queries = make(limit);
      made.set(limit, queries);
    }
    return queries;
  };
}

/** One set of prepared queries per database handle (or transaction), made on first use. */
export function preparedFor<T extends object>(make: (db: Kysely<Database>) => T): (db: Kysely<Database>) => T {
  const made = new WeakMap<Kysely<Database>, T>();
  return (db) => {
    let queries = made.get(db);
    if (!queries) {
      queries = make(db);
      made.set(db, queries);
    }
    return queries;
  };
}
