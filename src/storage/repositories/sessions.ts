import { sql, type InferResult } from 'kysely';
import type { Db } from '../database.js';
import { PROFILE_COLUMNS } from './accounts.js';
import { arg, preparedFor, prepareQuery } from '../prepared.js';

// The `sessions` table. Ids arrive hashed (SESS-1); session/ decides what a session may be and when
// it ends, this module only reads and writes the rows.

export interface NewSession {
  idHash: string;
  employeeId: string;
  now: number;
  expiresAt: number;
  secondFactorAt: number | null;
  via: string;
  /** MFA-7: the session signed in with a passkey, or used one as its second factor. */
  passkeyAt?: number | null;
  /** Issue 16: what passed the second factor, and the RFC 8176 name of the passkey used (`hwk`, `swk`). */
  secondFactorMethod?: string | null;
  passkeyAmr?: string | null;
  ip: string;
  userAgent: string;
}

export async function insertSession(db: Db, session: NewSession): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id_hash: session.idHash,
      employee_id: session.employeeId,
      created_at: session.now,
      last_seen_at: session.now,
      expires_at: session.expiresAt,
      auth_at: session.now,
      second_factor_at: session.secondFactorAt,
      via: session.via,
      passkey_at: session.passkeyAt ?? null,
      second_factor_method: session.secondFactorAt === null ? null : (session.secondFactorMethod ?? null),
      passkey_amr: session.passkeyAt ? (session.passkeyAmr ?? null) : null,
      ip: session.ip,
      user_agent: session.userAgent,
    })
    .execute();
}

/** MFA-5: the session passed a second factor (`method`, issue 16), unless it began one of the `refusedVias` ways (in the statement). */
export async function markSessionSecondFactor(db: Db, idHash: string, now: number, method: string, refusedVias: readonly string[]): Promise<void> {
  await db.updateTable('sessions').set({ second_factor_at: now, second_factor_method: method }).where('id_hash', '=', idHash).where('via', 'not in', refusedVias).execute();
}

/**
 * The session with its person and roles, in ONE query, and the touch: every signed-in request runs
 * them, so they are prepared once (prepared.ts). The roles come as one comma-separated column
 * (`string_agg`, which SQLite has had since 3.44 as well).
 */
const hotStatements = preparedFor((db) => {
  const withProfile = db
    .selectFrom('sessions as s')
    .innerJoin('accounts as a', 'a.employee_id', 's.employee_id')
    .innerJoin('employees as e', 'e.employee_id', 's.employee_id')
    .select([
      's.created_at as createdAt',
      's.last_seen_at as lastSeenAt',
      's.expires_at as expiresAt',
      's.auth_at as authAt',
      's.second_factor_at as secondFactorAt',
      's.passkey_at as passkeyAt',
      ...PROFILE_COLUMNS,
      sql<string | null>`(select string_agg(r.role, ',') from account_roles r where r.employee_id = s.employee_id)`.as('roles'),
      // MFA-7: how many passkeys the account holds (a second factor for MFA-5 whatever its `mfa`).
      sql<number | string>`(select count(*) from passkeys p where p.employee_id = s.employee_id)`.as('passkeys'),
    ])
    .where('s.id_hash', '=', arg<string>(0));
  const touch = db.updateTable('sessions').set({ last_seen_at: arg<number>(1) }).where('id_hash', '=', arg<string>(0));
  return {
    withProfile: prepareQuery<[idHash: string], InferResult<typeof withProfile>[number]>(db, withProfile),
    touch: prepareQuery<[idHash: string, now: number], unknown>(db, touch),
  };
});

export function findSessionWithProfile(db: Db, idHash: string) {
  return hotStatements(db).withProfile.first(idHash);
}

export async function touchSession(db: Db, idHash: string, now: number): Promise<void> {
  await hotStatements(db).touch.run(idHash, now);
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

/** Deletes one session; returns whose it was (null when it no longer existed). */
export async function deleteSessionOfOwner(db: Db, idHash: string): Promise<{ employeeId: string; providerSessionUid: string | null } | null> {
  const ended = await db.deleteFrom('sessions').where('id_hash', '=', idHash).returning(['employee_id', 'provider_session_uid']).executeTakeFirst();
  return ended ? { employeeId: ended.employee_id, providerSessionUid: ended.provider_session_uid } : null;
}

/** Deletes every session of the account, optionally keeping one; returns how many ended. */
export async function deleteEmployeeSessions(db: Db, employeeId: string, exceptIdHash?: string): Promise<number> {
  let query = db.deleteFrom('sessions').where('employee_id', '=', employeeId);
  if (exceptIdHash) query = query.where('id_hash', '!=', exceptIdHash);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Issue 16 (IDP-6): the provider session a session's browser is linked to, and the `sub` of the session's employee (null before their first application). */
export async function findSessionProviderLink(db: Db, idHash: string): Promise<{ providerSessionUid: string | null; sub: string | null } | undefined> {
  return db
    .selectFrom('sessions as s')
    .leftJoin('oidc_subjects as o', 'o.employee_id', 's.employee_id')
    .select(['s.provider_session_uid as providerSessionUid', 'o.sub as sub'])
    .where('s.id_hash', '=', idHash)
    .executeTakeFirst();
}

export async function linkSessionToProviderSession(db: Db, idHash: string, providerSessionUid: string): Promise<void> {
  await db.updateTable('sessions').set({ provider_session_uid: providerSessionUid }).where('id_hash', '=', idHash).execute();
}
