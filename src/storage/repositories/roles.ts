import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export const ROLES = ['helpdesk', 'hr', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** HELP-6, LOGIN-10: whether the account holds any console role, read fresh from the database. */
export async function holdsConsoleRole(db: Kysely<Database>, employeeId: string): Promise<boolean> {
  const row = await db.selectFrom('account_roles').select('role').where('employee_id', '=', employeeId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Returns false when the employee has no account. */
export async function grantRole(db: Kysely<Database>, employeeId: string, role: Role, now: number): Promise<boolean> {
  const account = await db.selectFrom('accounts').select('employee_id').where('employee_id', '=', employeeId).executeTakeFirst();
  if (!account) return false;
  await db
    .insertInto('account_roles')
    .values({ employee_id: employeeId, role, granted_at: now })
    .onConflict((oc) => oc.columns(['employee_id', 'role']).doNothing())
    .execute();
  return true;
}

/** Returns whether the role was held. */
export async function revokeRole(db: Kysely<Database>, employeeId: string, role: Role): Promise<boolean> {
  const result = await db.deleteFrom('account_roles').where('employee_id', '=', employeeId).where('role', '=', role).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
