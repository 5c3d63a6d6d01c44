import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

// IDP-7: the provider's signing keys, sealed; the newest unretired key signs.

export interface OidcKeyRow {
  kid: string;
  alg: string;
  sealedJwk: string;
  createdAt: number;
  retiredAt: number | null;
}

const COLUMNS = ['kid', 'alg', 'sealed_jwk as sealedJwk', 'created_at as createdAt', 'retired_at as retiredAt'] as const;

/**
 * A retired key stays published this long: the ID tokens it signed live an hour (src/idp), and a day
 * also covers relying parties that cache the JWKS.
 */
export const RETIRED_KEY_PUBLISHED_MS = 24 * 60 * 60 * 1000;

/** Keys still published: the signing key first, then retired keys newest first. */
export async function listOidcKeys(db: Kysely<Database>, retiredSince: number): Promise<OidcKeyRow[]> {
  const rows = await db
    .selectFrom('oidc_keys')
    .select(COLUMNS)
    .where((eb) => eb.or([eb('retired_at', 'is', null), eb('retired_at', '>', retiredSince)]))
    .orderBy('created_at', 'desc')
    .orderBy('kid')
    .execute();
  return [...rows.filter((r) => r.retiredAt === null), ...rows.filter((r) => r.retiredAt !== null)];
}

/** Adds the first key, unless another instance added one meanwhile; returns whether it did. */
export async function insertFirstOidcKey(db: Kysely<Database>, key: { kid: string; alg: string; sealedJwk: string; now: number }): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('oidc_keys').select('kid').where('retired_at', 'is', null).executeTakeFirst();
    if (existing) return false;
    await trx.insertInto('oidc_keys').values({ kid: key.kid, alg: key.alg, sealed_jwk: key.sealedJwk, created_at: key.now, retired_at: null }).execute();
    return true;
  });
}

/** `portico keys rotate`: the new key signs from now on; every other key is retired now. Returns the retired kids. */
export async function rotateOidcKey(db: Kysely<Database>, key: { kid: string; alg: string; sealedJwk: string; now: number }): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('oidc_keys').select('kid').where('retired_at', 'is', null).execute();
    await trx.updateTable('oidc_keys').set({ retired_at: key.now }).where('retired_at', 'is', null).execute();
    await trx.insertInto('oidc_keys').values({ kid: key.kid, alg: key.alg, sealed_jwk: key.sealedJwk, created_at: key.now, retired_at: null }).execute();
    return current.map((r) => r.kid);
  });
}

/** A fingerprint of the key set, so an instance notices another's rotation cheaply. */
export async function oidcKeySetVersion(db: Kysely<Database>): Promise<string> {
  const row = await db.selectFrom('oidc_keys').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('created_at').as('newest'), eb.fn.max('retired_at').as('retired')]).executeTakeFirst();
  return `${Number(row?.n ?? 0)}:${Number(row?.newest ?? 0)}:${Number(row?.retired ?? 0)}`;
}

/** Housekeeping: keys retired before `before` sign nothing still valid. */
export async function deleteRetiredOidcKeys(db: Kysely<Database>, before: number): Promise<number> {
  const result = await db.deleteFrom('oidc_keys').where('retired_at', 'is not', null).where('retired_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
