import { sql, type Selectable } from 'kysely';
import type { Db } from '../database.js';
import type { PasskeysTable } from '../schema.js';

// MFA-7: an employee's passkeys and the challenges of their ceremonies. The limit of 10, the
// signature counter and the single use of a challenge are each one conditional statement (DESIGN
// rule 7), so parallel requests and several instances cannot get around them.

export interface PasskeyRow {
  id: number;
  employeeId: string;
  credentialId: string;
  publicKey: string;
  counter: number;
  transports: string[];
  name: string;
  deviceType: string;
  backedUp: boolean;
  createdAt: number;
  lastUsedAt: number | null;
}

/** The one mapping from a stored row: PostgreSQL answers bigint columns as strings. */
function toPasskey(row: Selectable<PasskeysTable>): PasskeyRow {
  return {
    id: Number(row.id),
    employeeId: row.employee_id,
    credentialId: row.credential_id,
    publicKey: row.public_key,
    counter: Number(row.counter),
    transports: row.transports === '' ? [] : row.transports.split(','),
    name: row.name,
    deviceType: row.device_type,
    backedUp: Number(row.backed_up) === 1,
    createdAt: Number(row.created_at),
    lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at),
  };
}

export async function listPasskeys(db: Db, employeeId: string): Promise<PasskeyRow[]> {
  const rows = await db.selectFrom('passkeys').selectAll().where('employee_id', '=', employeeId).orderBy('created_at').orderBy('id').execute();
  return rows.map(toPasskey);
}

export async function countPasskeys(db: Db, employeeId: string): Promise<number> {
  const row = await db.selectFrom('passkeys').select((eb) => eb.fn.countAll<number | string>().as('n')).where('employee_id', '=', employeeId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function findPasskeyByCredentialId(db: Db, credentialId: string): Promise<PasskeyRow | undefined> {
  const row = await db.selectFrom('passkeys').selectAll().where('credential_id', '=', credentialId).executeTakeFirst();
  return row ? toPasskey(row) : undefined;
}

export interface NewPasskey {
  employeeId: string;
  credentialId: string;
  publicKey: string;
  counter: number;
  transports: string[];
  name: string;
  deviceType: string;
  backedUp: boolean;
  now: number;
}

/**
 * Adds a passkey unless the account already holds `limit` of them (the count is in the statement).
 * 'limit': the account is full; 'taken': this credential is registered already.
 */
export async function insertPasskey(db: Db, passkey: NewPasskey, limit: number): Promise<{ id: number } | 'limit' | 'taken'> {
  if (await findPasskeyByCredentialId(db, passkey.credentialId)) return 'taken';
  const values = sql`select ${passkey.employeeId}, ${passkey.credentialId}, ${passkey.publicKey}, ${passkey.counter}, ${passkey.transports.join(',')}, ${passkey.name}, ${passkey.deviceType}, ${passkey.backedUp ? 1 : 0}, ${passkey.now}`;
  const result = await db
    .insertInto('passkeys')
    .columns(['employee_id', 'credential_id', 'public_key', 'counter', 'transports', 'name', 'device_type', 'backed_up', 'created_at'])
    .expression(sql`${values} where (select count(*) from passkeys where employee_id = ${passkey.employeeId}) < ${limit}`)
    .returning('id')
    .executeTakeFirst()
    .catch((error: unknown) => {
      // Two registrations of one credential racing: the unique index keeps one.
      if (error instanceof Error && /unique|duplicate/i.test(error.message)) return 'taken' as const;
      throw error;
    });
  if (result === 'taken') return 'taken';
  return result ? { id: Number(result.id) } : 'limit';
}

export async function renamePasskey(db: Db, employeeId: string, id: number, name: string): Promise<boolean> {
  const result = await db.updateTable('passkeys').set({ name }).where('id', '=', id).where('employee_id', '=', employeeId).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Removes one passkey of the account; returns its name (null: no such passkey of this account). */
export async function deletePasskey(db: Db, employeeId: string, id: number): Promise<string | null> {
  const row = await db.deleteFrom('passkeys').where('id', '=', id).where('employee_id', '=', employeeId).returning('name').executeTakeFirst();
  return row?.name ?? null;
}

/** HELP-7's "reset MFA": every passkey of the account; returns how many. */
export async function deleteEmployeePasskeys(db: Db, employeeId: string): Promise<number> {
  const result = await db.deleteFrom('passkeys').where('employee_id', '=', employeeId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Records a use with the new signature counter (the caller has checked it went up, or that both are
 * 0: an authenticator without a counter), only while the stored counter is still `previous`.
 * False: another request used the passkey in between.
 */
export async function recordPasskeyUse(db: Db, id: number, previous: number, counter: number, now: number): Promise<boolean> {
  const result = await db
    .updateTable('passkeys')
    .set({ counter, last_used_at: now })
    .where('id', '=', id)
    .where('counter', '=', previous)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface ChallengeRow {
  idHash: string;
  clientHash: string;
  purpose: string;
  employeeId: string | null;
  challenge: string;
  parentHash: string | null;
  createdAt: number;
  expiresAt: number;
}

export async function insertPasskeyChallenge(db: Db, row: ChallengeRow): Promise<void> {
  await db
    .insertInto('passkey_challenges')
    .values({
      id_hash: row.idHash,
      client_hash: row.clientHash,
      purpose: row.purpose,
      employee_id: row.employeeId,
      challenge: row.challenge,
      parent_hash: row.parentHash,
      created_at: row.createdAt,
      expires_at: row.expiresAt,
    })
    .execute();
}

/** The challenge of this id hash, started by this client and still live — deleted in the same statement (single use). */
export async function takePasskeyChallenge(db: Db, idHash: string, clientHash: string, now: number): Promise<Omit<ChallengeRow, 'idHash' | 'clientHash' | 'createdAt'> | undefined> {
  const row = await db
    .deleteFrom('passkey_challenges')
    .where('id_hash', '=', idHash)
    .where('client_hash', '=', clientHash)
    .where('expires_at', '>', now)
    .returning(['purpose', 'employee_id as employeeId', 'challenge', 'parent_hash as parentHash', 'expires_at as expiresAt'])
    .executeTakeFirst();
  return row ? { ...row, expiresAt: Number(row.expiresAt) } : undefined;
}

/** The live challenge of `purpose` a flow (its id hash) asked for from this client — all of them deleted in the same statement (single use). */
export async function takePasskeyChallengeOf(db: Db, parentHash: string, purpose: string, clientHash: string, now: number): Promise<{ employeeId: string | null; challenge: string } | undefined> {
  const rows = await db
    .deleteFrom('passkey_challenges')
    .where('parent_hash', '=', parentHash)
    .where('purpose', '=', purpose)
    .where('client_hash', '=', clientHash)
    .returning(['employee_id as employeeId', 'challenge', 'created_at as createdAt', 'expires_at as expiresAt'])
    .execute();
  // The newest live one answers; older ones (a ceremony the person gave up on) are spent with it.
  const live = rows.filter((row) => Number(row.expiresAt) > now).sort((a, b) => Number(b.createdAt) - Number(a.createdAt));
  const newest = live[0];
  return newest ? { employeeId: newest.employeeId, challenge: newest.challenge } : undefined;
}

/** Housekeeping: challenges that can no longer be used. */
export async function deleteExpiredPasskeyChallenges(db: Db, now: number): Promise<number> {
  const result = await db.deleteFrom('passkey_challenges').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
