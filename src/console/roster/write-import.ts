// The write half of the roster import, run inside the caller's transaction. Only `employees` is
// updated for known people, so a registered account's password, questions and contacts stay as
// they are (ROSTER-2).
import type { Kysely } from 'kysely';
import type { Engine } from '../../storage/database.js';
import type { Database } from '../../storage/schema.js';
import { insertRows, updateRows, type Column } from './bulk-write.js';
import type { PlannedRow } from './plan-import.js';

export interface ImportWrites {
  now: number;
  creates: PlannedRow[];
  /** Keyed hashes of the new employees' PINs, in `creates` order. */
  pinHashes: string[];
  pinExpiresAt: number;
  updates: PlannedRow[];
  /** Employees `--full` marks separated. */
  separations: string[];
  separationDate: string;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Stored as the fingerprint of an employee separated for being absent. It never equals a row's
 * fingerprint, so the same person's old row in a later file counts as a change and reinstates them.
 */
export const ABSENT_FINGERPRINT = 'separated:absent-from-full-import';

const text = (name: string): Column => ({ name, type: 'text' });
const bigint = (name: string): Column => ({ name, type: 'bigint' });

const EMPLOYEE_ID = text('employee_id');
const ROSTER_FIELDS = ['given_name', 'family_name', 'country', 'status', 'separation_date', 'roster_email', 'roster_mobile', 'roster_language', 'roster_hash'].map(text);
const EMPLOYEE_COLUMNS = [EMPLOYEE_ID, ...ROSTER_FIELDS, bigint('created_at'), bigint('updated_at')];
const ACCOUNT_COLUMNS = [EMPLOYEE_ID, text('pin_hash'), bigint('pin_expires_at'), text('pin_purpose'), text('email'), text('email_key'), text('language'), text('mfa'), bigint('created_at'), bigint('updated_at')];

export async function writeImport(trx: Kysely<Database>, engine: Engine, writes: ImportWrites): Promise<void> {
  const { now } = writes;
  const total = writes.creates.length * 2 + writes.updates.length + writes.separations.length;
  let done = 0;
  const onBatch = (count: number) => {
    done += count;
    writes.onProgress?.(done, total);
  };
  const rosterValues = ({ row, hash }: PlannedRow) => [
    row.givenName,
    row.familyName,
    row.country,
    row.status,
    row.separationDate,
    row.email,
    row.mobile,
    row.language,
    hash,
  ];

  const employees = writes.creates.map((planned) => [planned.row.employeeId, ...rosterValues(planned), now, now]);
  await insertRows(trx, engine, 'employees', EMPLOYEE_COLUMNS, employees, onBatch);

  const usedEmails = await loadUsedEmailKeys(trx, writes.creates);
  const accounts = writes.creates.map(({ row }, i) => {
    // NORM-2: e-mail is unique among accounts; a taken address stays on the roster row only.
    const emailKey = row.emailKey !== null && !usedEmails.has(row.emailKey) ? row.emailKey : null;
    if (emailKey !== null) usedEmails.add(emailKey);
    const email = emailKey === null ? null : row.email;
    return [row.employeeId, writes.pinHashes[i]!, writes.pinExpiresAt, 'register', email, emailKey, row.language ?? 'en', 'off', now, now];
  });
  await insertRows(trx, engine, 'accounts', ACCOUNT_COLUMNS, accounts, onBatch);

  const updates = writes.updates.map((planned) => [planned.row.employeeId, ...rosterValues(planned)]);
  await updateRows(trx, engine, 'employees', EMPLOYEE_ID, ROSTER_FIELDS, updates, { shared: [{ name: 'updated_at', value: now }], onBatch });

  const separated = [
    { name: 'status', value: 'separated' },
    { name: 'separation_date', value: writes.separationDate },
    { name: 'roster_hash', value: ABSENT_FINGERPRINT },
    { name: 'updated_at', value: now },
  ];
  const absent = writes.separations.map((employeeId) => [employeeId]);
  await updateRows(trx, engine, 'employees', EMPLOYEE_ID, [], absent, { shared: separated, onBatch });
}

/** The e-mail keys already held by accounts; loaded only when a new row brings an address. */
async function loadUsedEmailKeys(trx: Kysely<Database>, creates: PlannedRow[]): Promise<Set<string>> {
  if (!creates.some(({ row }) => row.emailKey !== null)) return new Set();
  const rows = await trx.selectFrom('accounts').select('email_key').where('email_key', 'is not', null).execute();
  return new Set(rows.map((r) => r.email_key!));
}
