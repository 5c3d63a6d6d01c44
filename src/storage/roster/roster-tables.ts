// The roster import's side of the tables (console/roster/ holds the import): what it reads before
// the first line, and which columns a new employee, its account and a changed row write. Only
// `employees` is updated for known people: a registered account stays as it is (ROSTER-2).
import type { Db } from '../database.js';
import type { Column, TableWrite, Value } from './bulk-write.js';

export interface StoredEmployee {
  hash: string;
  status: string;
}

/** Every stored employee's fingerprint and status, in one query. */
export async function loadStoredEmployees(db: Db): Promise<Map<string, StoredEmployee>> {
  const rows = await db.selectFrom('employees').select(['employee_id', 'roster_hash', 'status']).execute();
  return new Map(rows.map((r) => [r.employee_id, { hash: r.roster_hash, status: r.status }]));
}

/** The e-mail keys accounts hold already (NORM-2: unique among accounts). */
export async function listUsedEmailKeys(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('accounts').select('email_key').where('email_key', 'is not', null).execute();
  return new Set(rows.map((r) => r.email_key!));
}

/** A roster line as the tables store it, with its fingerprint. */
export interface RosterEntry {
  row: {
    employeeId: string;
    givenName: string;
    familyName: string;
    country: string;
    status: string;
    separationDate: string | null;
    email: string | null;
    mobile: string | null;
    language: string | null;
  };
  hash: string;
}

/** The unregistered account of a new employee, with its PIN's hash. */
export interface NewRosterAccount {
  employeeId: string;
  pinHash: string;
  pinExpiresAt: number;
  email: string | null;
  emailKey: string | null;
  language: string;
}

const text = (name: string): Column => ({ name, type: 'text' });
const bigint = (name: string): Column => ({ name, type: 'bigint' });
const EMPLOYEE_ID = text('employee_id');
const ROSTER_FIELDS = ['given_name', 'family_name', 'country', 'status', 'separation_date', 'roster_email', 'roster_mobile', 'roster_language', 'roster_hash'].map(text);
const EMPLOYEE_COLUMNS = [EMPLOYEE_ID, ...ROSTER_FIELDS, bigint('created_at'), bigint('updated_at')];
const ACCOUNT_COLUMNS = [EMPLOYEE_ID, text('pin_hash'), bigint('pin_expires_at'), text('pin_purpose'), text('email'), text('email_key'), text('language'), text('mfa'), bigint('created_at'), bigint('updated_at')];

/** One batch, in order: the new employees, their accounts (a `register` PIN, no MFA), the changed employees. */
export function rosterBatchWrites(creates: readonly RosterEntry[], accounts: readonly NewRosterAccount[], updates: readonly RosterEntry[], now: number): TableWrite[] {
  return [
    { kind: 'insert', table: 'employees', columns: EMPLOYEE_COLUMNS, rows: creates.map((p) => [p.row.employeeId, ...rosterValues(p), now, now]) },
    { kind: 'insert', table: 'accounts', columns: ACCOUNT_COLUMNS, rows: accounts.map((a) => accountValues(a, now)) },
    { kind: 'update', table: 'employees', key: EMPLOYEE_ID, columns: ROSTER_FIELDS, rows: updates.map((p) => [p.row.employeeId, ...rosterValues(p)]), shared: [{ name: 'updated_at', value: now }] },
  ];
}

/** `--full`: the absent employees become separated on `date`, marked with `fingerprint`. */
export function separationWrite(employeeIds: readonly string[], date: string, fingerprint: string, now: number): TableWrite {
  const shared = [
    { name: 'status', value: 'separated' },
    { name: 'separation_date', value: date },
    { name: 'roster_hash', value: fingerprint },
    { name: 'updated_at', value: now },
  ];
  return { kind: 'update', table: 'employees', key: EMPLOYEE_ID, columns: [], rows: employeeIds.map((id) => [id]), shared };
}

function rosterValues({ row, hash }: RosterEntry): (string | null)[] {
  return [row.givenName, row.familyName, row.country, row.status, row.separationDate, row.email, row.mobile, row.language, hash];
}

function accountValues(account: NewRosterAccount, now: number): Value[] {
  return [account.employeeId, account.pinHash, account.pinExpiresAt, 'register', account.email, account.emailKey, account.language, 'off', now, now];
}
