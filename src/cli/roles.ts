import { cliOperator } from './operator.js';
import type { Command } from 'commander';
import { CommandError, EXIT, openCliContext } from './context.js';
import { normaliseEmployeeId } from '../identity/normalise.js';
import { ROLES, grantRole, isRole, revokeRole } from '../storage/repositories/roles.js';
import { auditOrigin } from '../audit/record-audit.js';

export function registerRoles(program: Command): void {
  const roles = program.command('roles').description(`grant or revoke console roles (${ROLES.join(', ')})`);
  roles
    .command('grant')
    .description('give an employee a console role')
    .argument('<employee-id>', 'Employee ID')
    .argument('<role>', ROLES.join(' | '))
    .action(async (rawId: string, role: string) => changeRole(rawId, role, 'grant'));
  roles
    .command('revoke')
    .description('take a console role away')
    .argument('<employee-id>', 'Employee ID')
    .argument('<role>', ROLES.join(' | '))
    .action(async (rawId: string, role: string) => changeRole(rawId, role, 'revoke'));
}

async function changeRole(rawId: string, role: string, change: 'grant' | 'revoke'): Promise<void> {
  const employeeId = normaliseEmployeeId(rawId);
  if (!employeeId) throw new CommandError(`"${rawId}" is not an Employee ID (5–12 digits)`, EXIT.usage);
  if (!isRole(role)) throw new CommandError(`role "${role}" is not one of ${ROLES.join(', ')}`, EXIT.usage);
  const { storage, clock, audit } = await openCliContext();
  const cli = cliOperator();
  try {
    const now = clock.now();
    if (change === 'grant') {
      if (!(await grantRole(storage.db, employeeId, role, now))) throw new CommandError(`no account with Employee ID ${employeeId}`);
    } else if (!(await revokeRole(storage.db, employeeId, role))) {
      throw new CommandError(`${employeeId} does not have the role ${role}`);
    }
    await audit.record({
      at: now,
      event: change === 'grant' ? 'role.granted' : 'role.revoked',
      outcome: 'success',
      subjectId: employeeId,
      ...auditOrigin(cli.meta),
      detail: { role, via: 'cli', operator: cli.operator },
    });
    process.stdout.write(`${change === 'grant' ? 'granted' : 'revoked'} ${role} ${change === 'grant' ? 'to' : 'from'} ${employeeId}\n`);
  } finally {
    await storage.close();
  }
}
