import { cliOperator } from './operator.js';
import type { Command } from 'commander';
import { CommandError, EXIT, openCliContext } from './context.js';
import { normaliseEmployeeId } from '../identity/normalise.js';
import { issuePin } from '../identity/issue-pin.js';

const DEFAULT_REASON = 'issued from the command line';

/** `portico pin issue EMPLOYEE_ID [--reason TEXT]` (HELP-4): prints the PIN and its expiry once. */
export function registerPinIssue(program: Command): void {
  const pin = program.command('pin').description('help-desk PINs (HELP-4)');
  pin
    .command('issue')
    .description('issue a new PIN valid 14 days: "set a new password" for a registered account, the registration wizard otherwise')
    .argument('<employee-id>', 'Employee ID')
    .option('--reason <text>', 'why the PIN is issued (written to the audit log)')
    .action(async (rawId: string, options: { reason?: string }) => {
      const employeeId = normaliseEmployeeId(rawId);
      if (!employeeId) throw new CommandError(`"${rawId}" is not an Employee ID (5–12 digits)`, EXIT.usage);
      const reason = options.reason === undefined ? DEFAULT_REASON : options.reason.trim();
      if (reason === '') throw new CommandError('--reason must not be empty', EXIT.usage);
      const context = await openCliContext();
      const { storage, clock } = context;
      const cli = cliOperator();
      try {
        const issued = await issuePin(context, { employeeId, reason, actorId: null, now: clock.now(), via: 'cli', meta: cli.meta, proof: { operator: cli.operator } });
        if (!issued) throw new CommandError(`no account with Employee ID ${employeeId}`);
        process.stdout.write(`PIN for ${employeeId}: ${issued.pin}\nvalid until ${new Date(issued.expiresAt).toISOString()}\n`);
      } finally {
        await storage.close();
      }
    });
}
