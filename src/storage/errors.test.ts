// Which database errors mean "unavailable for the moment" (503) and which are mistakes (500), on
// both engines: the error handler answers the first kind with UNAVAILABLE and a try-again page.
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './errors.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['SQLite: another writer past the busy timeout', withCode('SQLITE_BUSY', 'database is locked')],
    ['SQLite: a WAL snapshot that moved', withCode('SQLITE_BUSY_SNAPSHOT')],
    ['SQLite: a locked table', withCode('SQLITE_LOCKED')],
    ['SQLite: a failing disk', withCode('SQLITE_IOERR_WRITE')],
    ['SQLite: a full disk', withCode('SQLITE_FULL')],
    ['SQLite: a database file that went read-only', withCode('SQLITE_READONLY_DBMOVED')],
    ['SQLite: a file it cannot open', withCode('SQLITE_CANTOPEN')],
    ['PostgreSQL: the server is stopping', withCode('57P01', 'terminating connection due to administrator command')],
    ['PostgreSQL: the server is starting', withCode('57P03', 'the database system is starting up')],
    ['PostgreSQL: too many connections', withCode('53300')],
    ['PostgreSQL: a connection failure', withCode('08006')],
    ['PostgreSQL: a standby after fail-over', withCode('25006')],
    ['PostgreSQL: a deadlock', withCode('40P01')],
    ['a refused port', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a reset connection', withCode('ECONNRESET')],
    ['an unknown host', withCode('ENOTFOUND')],
    ['a lost connection', new Error('Connection terminated unexpectedly')],
    ['a connection that timed out', new Error('Connection terminated due to connection timeout')],
    ['a full pool', new Error('timeout exceeded when trying to connect')],
    ['every address of a host refused', new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')])],
  ])('%s: yes', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation on SQLite', withCode('SQLITE_CONSTRAINT_UNIQUE')],
    ['a unique violation on PostgreSQL', withCode('23505')],
    ['a missing table', withCode('42P01', 'relation "nope" does not exist')],
    ['a syntax error', withCode('42601')],
    ['a SQLite query mistake', withCode('SQLITE_ERROR', 'no such column: nope')],
    ['a corrupt SQLite file (trying again will not help)', withCode('SQLITE_CORRUPT')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['not an error', 'ECONNREFUSED'],
    ['nothing', null],
  ])('%s: no', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
