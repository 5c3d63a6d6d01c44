import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

// LOGIN-10: provider identities linked to employees, and the SSO sign-ins waiting for their callback.

/** The employee a provider identity was linked to, if any. */
export async function findSsoLink(db: Kysely<Database>, issuer: string, subject: string): Promise<string | undefined> {
  const row = await db.selectFrom('sso_identities').select('employee_id').where('issuer', '=', issuer).where('subject', '=', subject).executeTakeFirst();
  return row?.employee_id;
}

/**
 * Links (issuer, subject) to an employee, or notes its use when already linked. Returns the employee
 * the identity is linked to afterwards: when two first sign-ins race, the link stored first wins.
 */
export async function linkSsoIdentity(db: Kysely<Database>, link: { issuer: string; subject: string; employeeId: string; now: number }): Promise<string> {
  await db
    .insertInto('sso_identities')
    .values({ issuer: link.issuer, subject: link.subject, employee_id: link.employeeId, created_at: link.now, last_used_at: link.now })
    .onConflict((oc) => oc.columns(['issuer', 'subject']).doUpdateSet({ last_used_at: link.now }))
    .execute();
  return (await findSsoLink(db, link.issuer, link.subject)) ?? link.employeeId;
}

/**
 * Employees who never registered whose roster e-mail is `emailKey` (compared case-insensitively,
 * NORM-2). At most two are returned: the caller accepts only a single match.
 */
export async function findUnregisteredByRosterEmail(db: Kysely<Database>, emailKey: string): Promise<string[]> {
  const rows = await db
    .selectFrom('employees as e')
    .innerJoin('accounts as a', 'a.employee_id', 'e.employee_id')
    .select('e.employee_id')
    .where(sql<string>`lower(${sql.ref('e.roster_email')})`, '=', emailKey)
    .where('a.registered_at', 'is', null)
    .limit(2)
    .execute();
  return rows.map((r) => r.employee_id);
}

export async function saveSsoFlow(db: Kysely<Database>, flow: { idHash: string; sealed: string; now: number; expiresAt: number }): Promise<void> {
  await db.insertInto('sso_flows').values({ id_hash: flow.idHash, sealed: flow.sealed, created_at: flow.now, expires_at: flow.expiresAt }).execute();
}

/** The sealed state of a live SSO sign-in, deleted as it is read: a callback is used once, even by two racing requests. */
export async function takeSsoFlow(db: Kysely<Database>, idHash: string, now: number): Promise<string | null> {
  const row = await db.selectFrom('sso_flows').select('sealed').where('id_hash', '=', idHash).where('expires_at', '>', now).executeTakeFirst();
  const deleted = await db.deleteFrom('sso_flows').where('id_hash', '=', idHash).executeTakeFirst();
  return row && Number(deleted.numDeletedRows) === 1 ? row.sealed : null;
}
