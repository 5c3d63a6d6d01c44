import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

// MFA-1..3: what the sign-in code step and Edit My Profile read and change about an account's
// second factor. Every "use once" rule is one conditional UPDATE (DESIGN rule 7).

export const MFA_METHODS = ['off', 'email', 'sms', 'totp'] as const;
export type MfaMethod = (typeof MFA_METHODS)[number];
/** Where a sign-in code can come from: the verified contacts and an active authenticator. */
export type MfaChannel = 'email' | 'sms' | 'totp';

export function isMfaMethod(value: unknown): value is MfaMethod {
  return typeof value === 'string' && (MFA_METHODS as readonly string[]).includes(value);
}

export interface MfaState {
  employeeId: string;
  givenName: string;
  language: string;
  termsVersion: number | null;
  mfa: MfaMethod;
  email: string | null;
  mobile: string | null;
  /** Verified channels, in the order they are offered. */
  channels: MfaChannel[];
  /** Sealed authenticator secret, when one is active. */
  totpSecret: string | null;
  lastStep: number | null;
  /** MFA-7: how many passkeys the account holds; any is a second factor whatever `mfa` says. */
  passkeys: number;
}

export async function findMfaState(db: Kysely<Database>, employeeId: string): Promise<MfaState | undefined> {
  const row = await db
    .selectFrom('accounts as a')
    .innerJoin('employees as e', 'e.employee_id', 'a.employee_id')
    .leftJoin('mfa_totp as t', 't.employee_id', 'a.employee_id')
    .select([
      'a.employee_id as employeeId',
      'e.given_name as givenName',
      'a.language as language',
      'a.terms_version as termsVersion',
      'a.mfa as mfa',
      'a.email as email',
      'a.email_verified_at as emailVerifiedAt',
      'a.mobile as mobile',
      'a.mobile_verified_at as mobileVerifiedAt',
      't.active_secret as totpSecret',
      't.last_step as lastStep',
      (eb) => eb.selectFrom('passkeys as p').select((p) => p.fn.countAll<number | string>().as('n')).whereRef('p.employee_id', '=', 'a.employee_id').as('passkeys'),
    ])
    .where('a.employee_id', '=', employeeId)
    .executeTakeFirst();
  if (!row) return undefined;
  const email = row.email !== null && row.emailVerifiedAt !== null ? row.email : null;
  const mobile = row.mobile !== null && row.mobileVerifiedAt !== null ? row.mobile : null;
  const channels: MfaChannel[] = [];
  if (row.totpSecret) channels.push('totp');
  if (email) channels.push('email');
  if (mobile) channels.push('sms');
  return {
    employeeId: row.employeeId,
    givenName: row.givenName,
    language: row.language,
    termsVersion: row.termsVersion,
    mfa: isMfaMethod(row.mfa) ? row.mfa : 'off',
    email,
    mobile,
    channels,
    totpSecret: row.totpSecret ?? null,
    lastStep: row.lastStep ?? null,
    passkeys: Number(row.passkeys ?? 0),
  };
}

/**
 * Sets the method. Leaving `totp` removes the authenticator secret and the recovery codes, so a
 * later enrolment starts from a new secret.
 */
export async function setMfaMethod(db: Kysely<Database>, employeeId: string, method: Exclude<MfaMethod, 'totp'>, now: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('accounts').set({ mfa: method, updated_at: now }).where('employee_id', '=', employeeId).execute();
    await tx.deleteFrom('mfa_recovery_codes').where('employee_id', '=', employeeId).execute();
    await tx.deleteFrom('mfa_totp').where('employee_id', '=', employeeId).execute();
  });
}

/** A new secret waiting for its first code; an active one keeps working until then. */
export async function savePendingTotp(db: Kysely<Database>, employeeId: string, sealed: string, expiresAt: number, now: number): Promise<void> {
  await db
    .insertInto('mfa_totp')
    .values({ employee_id: employeeId, active_secret: null, pending_secret: sealed, pending_expires_at: expiresAt, last_step: null, updated_at: now })
    .onConflict((oc) => oc.column('employee_id').doUpdateSet({ pending_secret: sealed, pending_expires_at: expiresAt, updated_at: now }))
    .execute();
}

export async function findPendingTotp(db: Kysely<Database>, employeeId: string, now: number): Promise<string | null> {
  const row = await db
    .selectFrom('mfa_totp')
    .select('pending_secret')
    .where('employee_id', '=', employeeId)
    .where('pending_expires_at', '>', now)
    .executeTakeFirst();
  return row?.pending_secret ?? null;
}

/**
 * The pending secret becomes the active one (only if it is still the one that was checked), the
 * account's method becomes `totp`, and the recovery codes are replaced: together or not at all.
 */
export async function activatePendingTotp(
  db: Kysely<Database>,
  input: { employeeId: string; sealed: string; step: number; recoveryHashes: string[]; now: number },
): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const moved = await tx
      .updateTable('mfa_totp')
      .set({ active_secret: input.sealed, pending_secret: null, pending_expires_at: null, last_step: input.step, updated_at: input.now })
      .where('employee_id', '=', input.employeeId)
      .where('pending_secret', '=', input.sealed)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) return false;
    await tx.updateTable('accounts').set({ mfa: 'totp', updated_at: input.now }).where('employee_id', '=', input.employeeId).execute();
    await tx.deleteFrom('mfa_recovery_codes').where('employee_id', '=', input.employeeId).execute();
    await tx
      .insertInto('mfa_recovery_codes')
      .values(input.recoveryHashes.map((hash) => ({ employee_id: input.employeeId, code_hash: hash, created_at: input.now, used_at: null })))
      .execute();
    return true;
  });
}

/** Records an accepted time step; false when this step (or a later one) was already used. */
export async function acceptTotpStep(db: Kysely<Database>, employeeId: string, step: number, now: number): Promise<boolean> {
  const result = await db
    .updateTable('mfa_totp')
    .set({ last_step: step, updated_at: now })
    .where('employee_id', '=', employeeId)
    .where('active_secret', 'is not', null)
    .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Uses up one recovery code; false when it is unknown or was used before. */
export async function consumeRecoveryCode(db: Kysely<Database>, employeeId: string, codeHash: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('mfa_recovery_codes')
    .set({ used_at: now })
    .where('employee_id', '=', employeeId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(db: Kysely<Database>, employeeId: string): Promise<number> {
  const row = await db
    .selectFrom('mfa_recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('employee_id', '=', employeeId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** A flow's state changes (the code step's channel); only while it lives. */
