import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export const ROLES = ['helpdesk', 'hr', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
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
