import type { Command } from 'commander';
import { openCliContext } from './context.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('apply database migrations')
    .action(async () => {
      const { storage } = await openCliContext({ migrate: false });
      try {
        const { migrateToLatest } = await import('../storage/migrate.js');
        const applied = await migrateToLatest(storage.db);
        process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
      } finally {
        await storage.close();
      }
    });
}
