import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** What sign-in needs to know about one person: the roster facts and the account. */
export interface SignInCandidate {
  employeeId: string;
  givenName: string;
  familyName: string;
  country: string;
  status: string;
  separationDate: string | null;
  passwordHash: string | null;
  registeredAt: number | null;
  disabledAt: number | null;
  helpdeskLockedAt: number | null;
  pinHash: string | null;
  pinExpiresAt: number | null;
  pinPurpose: string | null;
  language: string;
  mfa: string;
  termsVersion: number | null;
}

function candidateQuery(db: Kysely<Database>) {
  return db
    .selectFrom('accounts as a')
    .innerJoin('employees as e', 'e.employee_id', 'a.employee_id')
    .select([
      'a.employee_id as employeeId',
      'e.given_name as givenName',
      'e.family_name as familyName',
      'e.country as country',
      'e.status as status',
      'e.separation_date as separationDate',
      'a.password_hash as passwordHash',
      'a.registered_at as registeredAt',
      'a.disabled_at as disabledAt',
      'a.helpdesk_locked_at as helpdeskLockedAt',
      'a.pin_hash as pinHash',
      'a.pin_expires_at as pinExpiresAt',
      'a.pin_purpose as pinPurpose',
      'a.language as language',
      'a.mfa as mfa',
      'a.terms_version as termsVersion',
    ]);
}

export function findCandidateByEmployeeId(db: Kysely<Database>, employeeId: string): Promise<SignInCandidate | undefined> {
  return candidateQuery(db).where('a.employee_id', '=', employeeId).executeTakeFirst();
}

export function findCandidateByEmailKey(db: Kysely<Database>, emailKey: string): Promise<SignInCandidate | undefined> {
  return candidateQuery(db).where('a.email_key', '=', emailKey).executeTakeFirst();
}

export async function updatePasswordHash(db: Kysely<Database>, employeeId: string, passwordHash: string, now: number): Promise<void> {
  await db.updateTable('accounts').set({ password_hash: passwordHash, updated_at: now }).where('employee_id', '=', employeeId).execute();
}

/** The profile's columns, over `accounts as a` joined with `employees as e` (also read by the session check). */
export const PROFILE_COLUMNS = [
  'a.employee_id as employeeId',
  'e.given_name as givenName',
  'e.family_name as familyName',
  'e.country as country',
  'e.status as status',
  'e.separation_date as separationDate',
  'a.email as email',
  'a.mobile as mobile',
  'a.language as language',
  'a.mfa as mfa',
  'a.disabled_at as disabledAt',
  'a.helpdesk_locked_at as helpdeskLockedAt',
] as const;

/** The profile shown by `GET /api/v1/me` and the page header. */
export async function findProfile(db: Kysely<Database>, employeeId: string) {
  const row = await db
    .selectFrom('accounts as a')
    .innerJoin('employees as e', 'e.employee_id', 'a.employee_id')
    .select(PROFILE_COLUMNS)
    .where('a.employee_id', '=', employeeId)
    .executeTakeFirst();
  if (!row) return undefined;
  const roles = await db.selectFrom('account_roles').select('role').where('employee_id', '=', employeeId).orderBy('role').execute();
  return { ...row, roles: roles.map((r) => r.role) };
}

export type Profile = NonNullable<Awaited<ReturnType<typeof findProfile>>>;

/** The language chosen for the account (REG-1), or undefined when there is no such account. */
export async function findAccountLanguage(db: Kysely<Database>, employeeId: string): Promise<string | undefined> {
  const account = await db.selectFrom('accounts').select('language').where('employee_id', '=', employeeId).executeTakeFirst();
  return account?.language;
}

export function findPasswordHash(db: Kysely<Database>, employeeId: string): Promise<{ passwordHash: string | null } | undefined> {
  return db.selectFrom('accounts').select(['password_hash as passwordHash']).where('employee_id', '=', employeeId).executeTakeFirst();
}

/** HELP-4: the account's one PIN, replacing any earlier one. False when there is no such account. */
export async function replacePin(
  db: Kysely<Database>,
  employeeId: string,
  pin: { hash: string; expiresAt: number; purpose: 'register' | 'reset' },
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('accounts')
    .set({ pin_hash: pin.hash, pin_expires_at: pin.expiresAt, pin_purpose: pin.purpose, updated_at: now })
    .where('employee_id', '=', employeeId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** HELP-4: spends the account's help-desk PIN, only while it is still this one and unexpired. */
export async function spendHelpdeskPin(db: Kysely<Database>, employeeId: string, pinHash: string, now: number): Promise<boolean> {
  const updated = await db
    .updateTable('accounts')
    .set({ pin_hash: null, pin_expires_at: null, pin_purpose: null, updated_at: now })
    .where('employee_id', '=', employeeId)
    .where('pin_hash', '=', pinHash)
    .where('pin_purpose', '=', 'reset')
    .where('pin_expires_at', '>', now)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** What the help desk queue shows of each account (HELP-3), with its language for the reply. */
export async function listAccountSummaries(db: Kysely<Database>, employeeIds: readonly string[]) {
  const rows = await db
    .selectFrom('accounts')
    .select(['employee_id', 'registered_at', 'disabled_at', 'helpdesk_locked_at', 'mfa', 'language'])
    .where('employee_id', 'in', employeeIds)
    .execute();
  return rows.map((row) => ({
    employeeId: row.employee_id,
    registeredAt: row.registered_at,
    disabledAt: row.disabled_at,
    helpdeskLockedAt: row.helpdesk_locked_at,
    mfa: row.mfa,
    language: row.language,
  }));
}
