import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

// IDP-4: one random, stable `sub` per employee, the same for every client.

/** The employee's `sub`, made on first use; when two first uses race, the one stored first wins. */
export async function subjectOf(db: Kysely<Database>, employeeId: string, candidate: string, now: number): Promise<string> {
  const found = await db.selectFrom('oidc_subjects').select('sub').where('employee_id', '=', employeeId).executeTakeFirst();
  if (found) return found.sub;
  await db.insertInto('oidc_subjects').values({ employee_id: employeeId, sub: candidate, created_at: now }).onConflict((oc) => oc.column('employee_id').doNothing()).execute();
  const stored = await db.selectFrom('oidc_subjects').select('sub').where('employee_id', '=', employeeId).executeTakeFirstOrThrow();
  return stored.sub;
}

export async function employeeOfSubject(db: Kysely<Database>, sub: string): Promise<string | undefined> {
  const row = await db.selectFrom('oidc_subjects').select('employee_id').where('sub', '=', sub).executeTakeFirst();
  return row?.employee_id;
}
