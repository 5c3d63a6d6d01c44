/** Whether a database error is a unique-constraint violation, on SQLite or PostgreSQL. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string } | null;
  return e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e?.code === '23505';
}

// SPEC §14.2 and §15: a database that cannot answer *now* — stopped, restarting, unreachable, out
// of connections, busy, full, read-only after a fail-over — is 503 UNAVAILABLE, never a 500; the
// request may simply be tried again. Mistakes in a query (a bad column, a constraint) are not here.

/** PostgreSQL SQLSTATE codes: class 08 (connection), class 53 (resources), and the transient rest. */
const PG_CLASSES = ['08', '53'];
const PG_CODES = new Set([
  '57P01', // admin_shutdown: the server is stopping
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or shutting down
  '57014', // query_canceled (statement timeout)
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available
  '25006', // read_only_sql_transaction: a standby after fail-over
]);
/** Node's socket errors while reaching the server. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** node-postgres reports a lost or never-made connection by message only. */
const PG_CLIENT_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|not queryable/i;
/** SQLite result codes (better-sqlite3's `code`, extended codes included): another writer, I/O, disk, memory. */
const SQLITE_CODES = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|NOMEM|PROTOCOL|READONLY)(_|$)/;

/** Whether `error` says the database is unavailable for the moment (see above), on SQLite or PostgreSQL. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (SQLITE_CODES.test(code) || SOCKET_CODES.has(code) || PG_CODES.has(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code) && PG_CLASSES.includes(code.slice(0, 2))) return true;
  }
  if (typeof message === 'string' && PG_CLIENT_MESSAGES.test(message)) return true;
  // Connecting to a host name with several addresses fails with every attempt's error.
  return error instanceof AggregateError && error.errors.some(isDatabaseUnavailable);
}

/** What is logged of such an error: its code and message, never the query's values. */
export function describeDatabaseError(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return [typeof code === 'string' ? code : null, typeof message === 'string' ? message : String(error)].filter(Boolean).join(': ');
}

/** How soon to try again after the database was away (the Retry-After of a 503): a restart or a failover takes seconds. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
