import { createHash } from 'node:crypto';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql, type ControlledTransaction, type KyselyConfig, type LogEvent, type Transaction } from 'kysely';
import type { Database } from './schema.js';
import { keepPreparedWith } from './prepared.js';
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

export interface StorageOptions {
  poolSize?: number;
  /** Hears every statement as it runs (the index-use test reads the hot paths' statements this way). */
  onQuery?: (statement: { sql: string; parameters: readonly unknown[] }) => void;
}

export function openStorage(databaseUrl: string, options: StorageOptions = {}): Storage {
  const engine: Engine = databaseUrl.startsWith('sqlite:') ? 'sqlite' : 'postgres';
  const onQuery = options.onQuery;
  const log = onQuery
    ? {
        log: (event: LogEvent) => {
          if (event.level === 'query') onQuery(event.query);
        },
      }
    : {};
  const { db, keepPrepared } = engine === 'sqlite' ? openSqlite(databaseUrl.slice('sqlite:'.length), log) : openPostgres(databaseUrl, options.poolSize ?? 10, log);
  // A prepared statement (prepared.ts) is never dropped from SQLite's statement cache, and runs as a
  // named prepared statement on PostgreSQL.
  keepPreparedWith(db, keepPrepared);
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

interface Opened {
  db: Kysely<Database>;
  keepPrepared: (sqlText: string) => void;
}

function openSqlite(file: string, log: Pick<KyselyConfig, 'log'>): Opened {
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
  // 32 MiB of page cache instead of SQLite's 2 MiB: a large roster's indexes and the audit log's
  // recent pages stay in memory (the cache only grows as pages are read).
  database.pragma('cache_size = -32768');
  const keepPrepared = cacheStatements(database);
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database }), ...log }), keepPrepared };
}

/**
 * Kysely's SQLite driver prepares every statement anew; preparing was ~15 % of a session check.
 * Statements are reused by their SQL text (bounded, least recently used first out). Safe because
 * nothing here iterates a statement lazily while another query runs. The hot statements are kept
 * out of the rotation.
 */
function cacheStatements(database: SQLite.Database, limit = 500): (sqlText: string) => void {
  const prepare = database.prepare.bind(database);
  const statements = new Map<string, SQLite.Statement>();
  const kept = new Map<string, SQLite.Statement>();
  database.prepare = ((source: string) => {
    const hot = kept.get(source);
    if (hot) return hot;
    let statement = statements.get(source);
    if (statement) statements.delete(source);
    else statement = prepare(source);
    statements.set(source, statement);
    if (statements.size > limit) statements.delete(statements.keys().next().value!);
    return statement;
  }) as typeof database.prepare;
  return (sqlText) => {
    if (!kept.has(sqlText)) kept.set(sqlText, prepare(sqlText));
  };
}

function openPostgres(url: string, max: number, log: Pick<KyselyConfig, 'log'>): Opened {
  // A server that does not answer (a dropped network rather than a refused port) fails the request
  // after 10 s as 503 UNAVAILABLE instead of holding it forever; keep-alive notices dead peers.
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 10_000, keepAlive: true });
  // A client that loses its connection must not crash the process (SPEC §15: recover by itself).
  // The pool hears idle clients; a client in use (mid-query when the server stops) also emits
  // 'error' after failing its query, and nothing else listens to it then.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  // Kysely's driver sends `client.query(text, values)`; a kept statement goes as a named one instead,
  // which each connection parses and plans once.
  const names = new Map<string, string>();
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const name = typeof args[0] === 'string' && args.length === 2 ? names.get(args[0]) : undefined;
      return name ? query({ name, text: args[0], values: args[1] }) : query(...args);
    };
  });
  const keepPrepared = (sqlText: string) => {
    names.set(sqlText, `portico_${createHash('sha256').update(sqlText).digest('hex').slice(0, 16)}`);
  };
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...log }), keepPrepared };
}
