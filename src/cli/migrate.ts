import type { Command } from 'commander';
import { CommandError, EXIT, openCliContext } from './context.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('apply database migrations (serve also applies them at start)')
    .option('--to <name>', 'instead, revert every migration newer than NAME (before starting an older version)')
    .action(async (options: { to?: string }) => {
      const { storage } = await openCliContext({ migrate: false });
      try {
        const { migrateDownTo, migrateToLatest, MIGRATION_NAMES } = await import('../storage/migrate.js');
        if (options.to !== undefined) {
          if (!MIGRATION_NAMES.includes(options.to)) throw new CommandError(`--to: unknown migration "${options.to}"; known: ${MIGRATION_NAMES.join(', ')}`, EXIT.usage);
          const reverted = await migrateDownTo(storage.db, options.to);
          process.stdout.write(reverted.length ? `reverted: ${reverted.join(', ')}\n` : `nothing to revert: ${options.to} is the newest applied\n`);
          return;
        }
        const applied = await migrateToLatest(storage.db);
        process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
      } finally {
        await storage.close();
      }
    });
}
