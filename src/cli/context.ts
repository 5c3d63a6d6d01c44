import { loadConfig } from '../config/load.js';
import { openStorage } from '../storage/database.js';
import { migrateToLatest } from '../storage/migrate.js';
import { systemClock } from '../security/clock.js';
import { createAuditLog } from '../audit/record-audit.js';
import type { OperatorDeps } from '../core/deps.js';

/** A command's dependencies: an operator's (no password hasher; commands that hash build one). */
export type CliContext = OperatorDeps;

/** Loads the configuration and opens a migrated database for a command. */
export async function openCliContext(
  options: { demo?: boolean; migrate?: boolean; overrides?: Record<string, string | undefined> } = {},
): Promise<CliContext> {
  const config = loadConfig({ demo: options.demo ?? false, ...(options.overrides ? { overrides: options.overrides } : {}) });
  const storage = openStorage(config.databaseUrl, { poolSize: config.databasePoolSize });
  if (options.migrate !== false) await migrateToLatest(storage.db);
  return { config, storage, clock: systemClock, audit: createAuditLog(storage, systemClock) };
}

/** Exit codes of SPEC §14.3. */
export const EXIT = { done: 0, failed: 1, usage: 2 } as const;

/** A failure the command reports in one line, without a stack trace. */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failed,
  ) {
    super(message);
  }
}
