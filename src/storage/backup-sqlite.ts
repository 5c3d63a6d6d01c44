import { existsSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { ensurePrivateFileSync } from '../security/private-files.js';

export interface SqliteBackup {
  bytes: number;
  integrity: string;
}

/**
 * A consistent copy of a live SQLite database through SQLite's online backup API (`portico
 * backup`). All pages are copied in one step, inside one read transaction: in WAL mode the
 * server keeps writing meanwhile, and the copy is the database as it was at one instant (a
 * step-by-step copy would restart whenever the server writes, and may never finish under load).
 * The copy is a single self-contained file (rollback journal, not WAL), mode 0600, checked by
 * `PRAGMA integrity_check` before it is reported.
 */
export async function backupSqlite(source: string, destination: string): Promise<SqliteBackup> {
  if (!existsSync(source)) throw new Error(`${source} does not exist`);
  if (existsSync(destination)) throw new Error(`${destination} already exists; choose a new file name`);
  const database = new SQLite(source, { fileMustExist: true });
  try {
    database.pragma('busy_timeout = 5000');
    ensurePrivateFileSync(destination);
    await database.backup(destination, { progress: () => 0x7fffffff });
  } finally {
    database.close();
  }
  const copy = new SQLite(destination, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const integrity = String(copy.pragma('integrity_check', { simple: true }));
    const pages = Number(copy.pragma('page_count', { simple: true }));
    const pageSize = Number(copy.pragma('page_size', { simple: true }));
    return { bytes: pages * pageSize, integrity };
  } finally {
    copy.close();
  }
}
