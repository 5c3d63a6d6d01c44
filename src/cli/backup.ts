import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { backupSqlite } from '../storage/backup-sqlite.js';
import { CommandError, EXIT } from './context.js';

// `portico backup FILE` (SPEC §14.3): a consistent copy of a running SQLite database. PostgreSQL
// has pg_dump for this (docs/deployment.md, "Backups and restore").

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('write a consistent copy of the SQLite database to FILE (safe while the server runs)')
    .argument('<file>', 'a new file for the copy (it must not exist yet); its directory must exist')
    .action(async (file: string) => {
      const config = loadConfig();
      if (!config.databaseUrl.startsWith('sqlite:')) {
        throw new CommandError('backup copies SQLite databases; for PostgreSQL use pg_dump (docs/deployment.md, "Backups and restore")', EXIT.usage);
      }
      const source = config.databaseUrl.slice('sqlite:'.length);
      if (source === ':memory:') throw new CommandError('an in-memory database has nothing to back up', EXIT.usage);
      const destination = path.resolve(file);
      let result;
      try {
        result = await backupSqlite(source, destination);
      } catch (error) {
        throw new CommandError(`backup failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (result.integrity !== 'ok') throw new CommandError(`the copy in ${destination} failed its integrity check: ${result.integrity}`);
      process.stdout.write(`backed up ${source} to ${destination} (${(result.bytes / 1024 / 1024).toFixed(1)} MiB, integrity ok)\n`);
    });
}
