import { cliOperator } from './operator.js';
import type { Command } from 'commander';
import { CommandError, EXIT, openCliContext } from './context.js';
import { normaliseEmployeeId } from '../identity/normalise.js';
import { unlockAccount } from '../identity/unlock-account.js';

export function registerUnlock(program: Command): void {
  program
    .command('unlock')
    .description('clear the temporary sign-in lock and the help-desk lock of an account')
    .argument('<employee-id>', 'Employee ID')
    .requiredOption('--reason <text>', 'why the account is unlocked (written to the audit log)')
    .action(async (rawId: string, options: { reason: string }) => {
      const employeeId = normaliseEmployeeId(rawId);
      if (!employeeId) throw new CommandError(`"${rawId}" is not an Employee ID (5–12 digits)`, EXIT.usage);
      const reason = options.reason.trim();
      if (reason === '') throw new CommandError('--reason must not be empty', EXIT.usage);
      const context = await openCliContext();
      const { storage, clock } = context;
      const cli = cliOperator();
      try {
        const found = await unlockAccount(context, { employeeId, reason, actorId: null, now: clock.now(), via: 'cli', meta: cli.meta, operator: cli.operator });
        if (!found) throw new CommandError(`no account with Employee ID ${employeeId}`);
        process.stdout.write(`unlocked ${employeeId}\n`);
      } finally {
        await storage.close();
      }
    });
}
