import type { Compilable, CompiledQuery } from 'kysely';
import type { Storage } from './database.js';

// The statements every signed-in request runs are built and compiled by Kysely once, at start, and
// then only executed with new values: on SQLite as statements prepared once (database.ts keeps them),
// on PostgreSQL as named prepared statements (parsed once per connection, one round trip each).
// Everything else is built per call as usual; this is for the hottest few only.

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

/**
 * Compiles `query` once; its `arg(i)` placeholders take the call's values. Runs outside any
 * transaction, through Kysely's driver (which keeps SQLite's single connection to one user at a time).
 */
export function prepareQuery<A extends readonly unknown[], R>(storage: Storage, query: Compilable<R>): PreparedQuery<A, R> {
  const compiled = query.compile();
  const slots = compiled.parameters.map((value) => (typeof value === 'string' && value.startsWith(ARG_PREFIX) ? Number(value.slice(ARG_PREFIX.length)) : -1));
  if (!slots.some((slot) => slot >= 0) && compiled.parameters.length > 0) throw new Error('a prepared query takes its values through arg(i)');
  storage.keepPrepared(compiled.sql);
  const withValues = (args: A): CompiledQuery<R> => ({ ...compiled, parameters: slots.map((slot, i) => (slot >= 0 ? args[slot] : compiled.parameters[i])) });
  return {
    rows: async (...args) => (await storage.db.executeQuery(withValues(args))).rows,
    first: async (...args) => (await storage.db.executeQuery(withValues(args))).rows[0],
    run: async (...args) => Number((await storage.db.executeQuery(withValues(args))).numAffectedRows ?? 0),
  };
}

/** One set of prepared queries per storage, made on first use. */
export function preparedFor<T extends object>(make: (storage: Storage) => T): (storage: Storage) => T {
  const made = new WeakMap<Storage, T>();
  return (storage) => {
    let queries = made.get(storage);
    if (!queries) {
      queries = make(storage);
      made.set(storage, queries);
    }
    return queries;
  };
}
