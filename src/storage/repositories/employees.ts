import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export interface NewEmployee {
  employeeId: string;
  givenName: string;
  familyName: string;
  country: string;
  status: string;
  separationDate?: string | null;
  language?: string;
}

export interface NewAccount {
  passwordHash?: string | null;
  registeredAt?: number | null;
  pinHash?: string | null;
  pinExpiresAt?: number | null;
  pinPurpose?: 'register' | 'reset' | null;
  email?: { value: string; key: string } | null;
  mobile?: string | null;
  mfa?: string;
  termsVersion?: number | null;
}

/** One person and their account, as the demo and tests create them (the roster import batches its own). */
export async function insertEmployeeWithAccount(db: Kysely<Database>, employee: NewEmployee, account: NewAccount, now: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('employees')
      .values({
        employee_id: employee.employeeId,
        given_name: employee.givenName,
        family_name: employee.familyName,
        country: employee.country,
        status: employee.status,
        separation_date: employee.separationDate ?? null,
        roster_email: account.email?.value ?? null,
        roster_mobile: account.mobile ?? null,
        roster_language: employee.language ?? null,
        roster_hash: createHash('sha256').update(JSON.stringify(employee)).digest('base64url'),
        created_at: now,
        updated_at: now,
      })
      .execute();
    await tx
      .insertInto('accounts')
      .values({
        employee_id: employee.employeeId,
        password_hash: account.passwordHash ?? null,
        registered_at: account.registeredAt ?? null,
        disabled_at: null,
        helpdesk_locked_at: null,
        pin_hash: account.pinHash ?? null,
        pin_expires_at: account.pinExpiresAt ?? null,
        pin_purpose: account.pinPurpose ?? null,
        email: account.email?.value ?? null,
        email_key: account.email?.key ?? null,
        email_verified_at: account.email ? now : null,
        mobile: account.mobile ?? null,
        mobile_verified_at: account.mobile ? now : null,
        language: employee.language ?? 'en',
        mfa: account.mfa ?? 'off',
        terms_version: account.termsVersion ?? null,
        terms_accepted_at: account.termsVersion ? now : null,
        app_id: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  });
}

export async function countEmployees(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('employees').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The active employees whose ID starts with `prefix`, in ID order (the demo's fictional crowd). */
export async function listActiveEmployeesByIdPrefix(db: Kysely<Database>, prefix: string): Promise<{ employeeId: string; country: string }[]> {
  const rows = await db
    .selectFrom('employees')
    .select(['employee_id', 'country'])
    .where('employee_id', 'like', `${prefix}%`)
    .where('status', '=', 'active')
    .orderBy('employee_id')
    .execute();
  return rows.map((row) => ({ employeeId: row.employee_id, country: row.country }));
}

/** Which of `employeeIds` are on the roster, one query per 500 (well under every engine's parameter limit). */
export async function findRosterEmployeeIds(db: Kysely<Database>, employeeIds: readonly string[]): Promise<Set<string>> {
  const known = new Set<string>();
  for (let i = 0; i < employeeIds.length; i += 500) {
    const rows = await db.selectFrom('employees').select('employee_id').where('employee_id', 'in', employeeIds.slice(i, i + 500)).execute();
    for (const row of rows) known.add(row.employee_id);
  }
  return known;
}
