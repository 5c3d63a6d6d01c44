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

/** What the claims and the eligibility check need, in one query. */
export async function findClaimFacts(db: Kysely<Database>, employeeId: string) {
  return db
    .selectFrom('accounts as a')
    .innerJoin('employees as e', 'e.employee_id', 'a.employee_id')
    .select([
      'e.given_name as givenName',
      'e.family_name as familyName',
      'e.country as country',
      'e.status as status',
      'e.separation_date as separationDate',
      'a.language as language',
      'a.email as email',
      'a.email_verified_at as emailVerifiedAt',
      'a.disabled_at as disabledAt',
      'a.mfa as mfa',
    ])
    .where('a.employee_id', '=', employeeId)
    .executeTakeFirst();
}

/** How a session began and what its second factor and passkey were (migration 017), for the `amr` of an authorization. */
export async function findSessionFactors(db: Kysely<Database>, idHash: string): Promise<{ via: string; secondFactorMethod: string | null; passkeyAmr: string | null } | undefined> {
  return db.selectFrom('sessions').select(['via', 'second_factor_method as secondFactorMethod', 'passkey_amr as passkeyAmr']).where('id_hash', '=', idHash).executeTakeFirst();
}
