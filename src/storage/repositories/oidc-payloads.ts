import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

// IDP-1: the provider library's storage (its "adapter" contract: upsert, find, findByUid,
// findByUserCode, consume, destroy, revokeByGrantId), one table for every kind, the same SQL on
// SQLite and PostgreSQL, so every instance shares sessions, grants, codes and tokens.

export interface OidcPayloadRow {
  payload: string;
  consumedAt: number | null;
  expiresAt: number | null;
}

export async function upsertOidcPayload(
  db: Kysely<Database>,
  row: { kind: string; id: string; payload: string; grantId: string | null; userCode: string | null; uid: string | null; clientId: string | null; accountId: string | null; expiresAt: number | null },
): Promise<void> {
  const values = { payload: row.payload, grant_id: row.grantId, user_code: row.userCode, uid: row.uid, client_id: row.clientId, account_id: row.accountId, expires_at: row.expiresAt };
  await db
    .insertInto('oidc_payloads')
    .values({ kind: row.kind, id: row.id, ...values, consumed_at: null })
    .onConflict((oc) => oc.columns(['kind', 'id']).doUpdateSet(values))
    .execute();
}

const COLUMNS = ['payload', 'consumed_at as consumedAt', 'expires_at as expiresAt'] as const;

/** A live row (not expired at `now`), or undefined. */
export async function findOidcPayload(db: Kysely<Database>, kind: string, id: string, now: number): Promise<OidcPayloadRow | undefined> {
  return live(await db.selectFrom('oidc_payloads').select(COLUMNS).where('kind', '=', kind).where('id', '=', id).executeTakeFirst(), now);
}

export async function findOidcPayloadByUid(db: Kysely<Database>, kind: string, uid: string, now: number): Promise<OidcPayloadRow | undefined> {
  return live(await db.selectFrom('oidc_payloads').select(COLUMNS).where('kind', '=', kind).where('uid', '=', uid).executeTakeFirst(), now);
}

export async function findOidcPayloadByUserCode(db: Kysely<Database>, kind: string, userCode: string, now: number): Promise<OidcPayloadRow | undefined> {
  return live(await db.selectFrom('oidc_payloads').select(COLUMNS).where('kind', '=', kind).where('user_code', '=', userCode).executeTakeFirst(), now);
}

function live(row: OidcPayloadRow | undefined, now: number): OidcPayloadRow | undefined {
  return row && (row.expiresAt === null || row.expiresAt > now) ? row : undefined;
}

/** Marks a code or token used; returns whether this call was the one that did (a reused code is not). */
export async function consumeOidcPayload(db: Kysely<Database>, kind: string, id: string, now: number): Promise<boolean> {
  const result = await db.updateTable('oidc_payloads').set({ consumed_at: now }).where('kind', '=', kind).where('id', '=', id).where('consumed_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function destroyOidcPayload(db: Kysely<Database>, kind: string, id: string): Promise<void> {
  await db.deleteFrom('oidc_payloads').where('kind', '=', kind).where('id', '=', id).execute();
}

/** Every row of a grant (its codes, access and refresh tokens), of one kind. */
export async function revokeOidcGrant(db: Kysely<Database>, kind: string, grantId: string): Promise<void> {
  await db.deleteFrom('oidc_payloads').where('grant_id', '=', grantId).where('kind', '=', kind).execute();
}

/** IDP-2: a removed client's grants, codes and tokens. */
export async function deleteOidcPayloadsOfClient(db: Kysely<Database>, clientId: string): Promise<number> {
  const result = await db.deleteFrom('oidc_payloads').where('client_id', '=', clientId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** IDP-5: the live grants of one account (its `sub`), with the client each belongs to. */
export async function listOidcGrantsOfAccount(db: Kysely<Database>, accountId: string, now: number): Promise<{ clientId: string; payload: string }[]> {
  const rows = await db
    .selectFrom('oidc_payloads')
    .select(['client_id as clientId', 'payload'])
    .where('account_id', '=', accountId)
    .where('kind', '=', 'Grant')
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .execute();
  return rows.flatMap((row) => (row.clientId ? [{ clientId: row.clientId, payload: row.payload }] : []));
}

/** IDP-5: an employee disconnects an application: its grants, codes and tokens for them end. */
export async function deleteOidcPayloadsOfAccountClient(db: Kysely<Database>, accountId: string, clientId: string): Promise<number> {
  const result = await db.deleteFrom('oidc_payloads').where('account_id', '=', accountId).where('client_id', '=', clientId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The kinds that let an application act for an employee without them: what ends with their sessions (IDP-6). */
const GRANT_KINDS = ['Grant', 'RefreshToken', 'AccessToken', 'AuthorizationCode'];

/** IDP-6: every grant, code and token applications hold for an employee (by their `sub`), in one statement. */
export async function deleteOidcGrantsOfEmployee(db: Kysely<Database>, employeeId: string): Promise<number> {
  const result = await db
    .deleteFrom('oidc_payloads')
    .where('kind', 'in', GRANT_KINDS)
    .where('account_id', 'in', db.selectFrom('oidc_subjects').select('sub').where('employee_id', '=', employeeId))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** A provider session as stored: whose it is, and its payload (`authorizations`: per client, its `sid` and grant). */
export interface OidcSessionRow {
  id: string;
  accountId: string | null;
  payload: string;
}

/** One provider session (a browser's, by the id its cookie holds), expired or not. */
export async function findOidcSession(db: Kysely<Database>, sessionId: string): Promise<OidcSessionRow | undefined> {
  return db.selectFrom('oidc_payloads').select(['id', 'account_id as accountId', 'payload']).where('kind', '=', 'Session').where('id', '=', sessionId).executeTakeFirst();
}

/**
 * IDP-6: the provider session of this `uid` (what stays the same while its id changes at each
 * sign-in), expired or not, only while it is this employee's: a browser's provider session passes
 * to whoever signs in there next.
 */
export async function findOidcSessionOfEmployee(db: Kysely<Database>, employeeId: string, sessionUid: string): Promise<OidcSessionRow | undefined> {
  return db
    .selectFrom('oidc_payloads')
    .select(['id', 'account_id as accountId', 'payload'])
    .where('kind', '=', 'Session')
    .where('uid', '=', sessionUid)
    .where('account_id', 'in', db.selectFrom('oidc_subjects').select('sub').where('employee_id', '=', employeeId))
    .executeTakeFirst();
}

/** IDP-6: every provider session of an employee (by their `sub`), expired or not. */
export async function listOidcSessionsOfEmployee(db: Kysely<Database>, employeeId: string): Promise<OidcSessionRow[]> {
  return db
    .selectFrom('oidc_payloads')
    .select(['id', 'account_id as accountId', 'payload'])
    .where('kind', '=', 'Session')
    .where('account_id', 'in', db.selectFrom('oidc_subjects').select('sub').where('employee_id', '=', employeeId))
    .orderBy('id')
    .execute();
}

/** IDP-6: provider sessions whose applications were told of the logout. */
export async function deleteOidcSessions(db: Kysely<Database>, sessionIds: readonly string[]): Promise<void> {
  if (sessionIds.length === 0) return;
  await db.deleteFrom('oidc_payloads').where('kind', '=', 'Session').where('id', 'in', sessionIds).execute();
}

/** IDP-6: the applications holding a grant of an employee, with the `sub` it was given (one row each). */
export async function listOidcGrantClientsOfEmployee(db: Kysely<Database>, employeeId: string): Promise<{ clientId: string; sub: string }[]> {
  const rows = await db
    .selectFrom('oidc_payloads')
    .select(['client_id as clientId', 'account_id as sub'])
    .distinct()
    .where('kind', '=', 'Grant')
    .where('account_id', 'in', db.selectFrom('oidc_subjects').select('sub').where('employee_id', '=', employeeId))
    .orderBy('client_id')
    .execute();
  return rows.flatMap((row) => (row.clientId && row.sub ? [{ clientId: row.clientId, sub: row.sub }] : []));
}
