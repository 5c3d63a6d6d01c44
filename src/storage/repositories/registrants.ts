import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** The person going through the wizard: roster facts and the account's registration state. */
export interface Registrant {
  employeeId: string;
  givenName: string;
  familyName: string;
  registeredAt: number | null;
  pinHash: string | null;
  pinExpiresAt: number | null;
  pinPurpose: string | null;
  language: string;
  termsVersion: number | null;
}

export function findRegistrant(db: Kysely<Database>, employeeId: string): Promise<Registrant | undefined> {
  return db
    .selectFrom('accounts as a')
    .innerJoin('employees as e', 'e.employee_id', 'a.employee_id')
    .select([
      'a.employee_id as employeeId',
      'e.given_name as givenName',
      'e.family_name as familyName',
      'a.registered_at as registeredAt',
      'a.pin_hash as pinHash',
      'a.pin_expires_at as pinExpiresAt',
      'a.pin_purpose as pinPurpose',
      'a.language as language',
      'a.terms_version as termsVersion',
    ])
    .where('a.employee_id', '=', employeeId)
    .executeTakeFirst();
}
