import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql, type ControlledTransaction, type Transaction } from 'kysely';
import type { Database } from './schema.js';
import { ensurePrivateDirectorySync, ensurePrivateFileSync } from '../security/private-files.js';

export type Engine = 'sqlite' | 'postgres';

/** The database or a transaction on it: what every repository function takes. */
export type Db = Kysely<Database>;

/** Inside `db.transaction().execute(…)`: for a callback that must be given the transaction itself. */
export type DbTransaction = Transaction<Database>;

/** From `db.startTransaction()`: a transaction the caller commits or rolls back itself. */
export type DbControlledTransaction = ControlledTransaction<Database>;

export interface Storage {
  db: Kysely<Database>;
  engine: Engine;
  /** Answers whether the database is reachable (for /readyz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

// PostgreSQL returns int8 as strings; every bigint here is an epoch-millisecond time or a count.
pg.types.setTypeParser(20, (value) => Number(value));

export function openStorage(databaseUrl: string, options: { poolSize?: number } = {}): Storage {
  const engine: Engine = databaseUrl.startsWith('sqlite:') ? 'sqlite' : 'postgres';
  const db = engine === 'sqlite' ? openSqlite(databaseUrl.slice('sqlite:'.length)) : openPostgres(databaseUrl, options.poolSize ?? 10);
  return {
    db,
    engine,
    async ping() {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    close: () => db.destroy(),
  };
}

function openSqlite(file: string): Kysely<Database> {
  if (file !== ':memory:') {
    // SPEC §15: SQLite gives its WAL and SHM files the database file's mode, so a database created
    // here as 0600 keeps all three private (SQLite alone would create it 0644).
    ensurePrivateDirectorySync(path.dirname(file));
    ensurePrivateFileSync(file);
  }
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  cacheStatements(database);
  return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
}

/**
 * Kysely's SQLite driver prepares every statement anew; preparing was ~15 % of a session check.
 * Statements are reused by their SQL text (bounded, least recently used first out). Safe because
 * nothing here iterates a statement lazily while another query runs.
 */
function cacheStatements(database: SQLite.Database, limit = 500): void {
  const prepare = database.prepare.bind(database);
  const statements = new Map<string, SQLite.Statement>();
  database.prepare = ((source: string) => {
    let statement = statements.get(source);
    if (statement) statements.delete(source);
    else statement = prepare(source);
    statements.set(source, statement);
    if (statements.size > limit) statements.delete(statements.keys().next().value!);
    return statement;
  }) as typeof database.prepare;
}

function openPostgres(url: string, max: number): Kysely<Database> {
  // A server that does not answer (a dropped network rather than a refused port) fails the request
  // after 10 s as 503 UNAVAILABLE instead of holding it forever; keep-alive notices dead peers.
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 10_000, keepAlive: true });
  // A client that loses its connection must not crash the process (SPEC §15: recover by itself).
  // The pool hears idle clients; a client in use (mid-query when the server stops) also emits
  // 'error' after failing its query, and nothing else listens to it then.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
