import type { Command } from 'commander';
import { registerMigrate } from './migrate.js';
import { registerServe } from './serve.js';
import { registerUnlock } from './unlock.js';
import { registerRoles } from './roles.js';
import { registerRosterImport } from './roster-import.js';
import { registerPinIssue } from './pin-issue.js';
import { registerAuditExport } from './audit-export.js';
import { registerContentImport } from './content-import.js';
import { registerDoctor } from './doctor.js';
import { registerBackup } from './backup.js';
// Issue 16: the identity provider's clients and keys.
import { registerClients } from './clients.js';
import { registerKeys } from './keys.js';

/** Every command of SPEC §14.3, one file each. */
export function registerCommands(program: Command): void {
  registerServe(program);
  registerMigrate(program);
  registerUnlock(program);
  registerRoles(program);
  registerRosterImport(program);
  registerPinIssue(program);
  registerAuditExport(program);
  registerContentImport(program);
  registerDoctor(program);
  registerBackup(program);
  // Issue 16 (IDP-2, IDP-7).
  registerClients(program);
  registerKeys(program);
}
