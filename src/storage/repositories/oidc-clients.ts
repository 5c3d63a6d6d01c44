import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

// IDP-2: applications registered by an admin.

export interface OidcClientRecord {
  clientId: string;
  name: string;
  secretHash: string | null;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  backchannelLogoutUri: string | null;
  isPublic: boolean;
  firstParty: boolean;
  createdAt: number;
  lastUsedAt: number | null;
}

type Row = Database['oidc_clients'];

function toRecord(row: Row): OidcClientRecord {
  return {
    clientId: row.client_id,
    name: row.name,
    secretHash: row.secret_hash,
    redirectUris: JSON.parse(row.redirect_uris) as string[],
    postLogoutRedirectUris: JSON.parse(row.post_logout_redirect_uris) as string[],
    backchannelLogoutUri: row.backchannel_logout_uri,
    isPublic: row.public === 1,
    firstParty: row.first_party === 1,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}

export async function insertOidcClient(db: Kysely<Database>, client: Omit<OidcClientRecord, 'lastUsedAt'>): Promise<void> {
  await db
    .insertInto('oidc_clients')
    .values({
      client_id: client.clientId,
      name: client.name,
      secret_hash: client.secretHash,
      redirect_uris: JSON.stringify(client.redirectUris),
      post_logout_redirect_uris: JSON.stringify(client.postLogoutRedirectUris),
      backchannel_logout_uri: client.backchannelLogoutUri,
      public: client.isPublic ? 1 : 0,
      first_party: client.firstParty ? 1 : 0,
      created_at: client.createdAt,
      last_used_at: null,
    })
    .execute();
}

export async function findOidcClient(db: Kysely<Database>, clientId: string): Promise<OidcClientRecord | undefined> {
  const row = await db.selectFrom('oidc_clients').selectAll().where('client_id', '=', clientId).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export async function listOidcClients(db: Kysely<Database>): Promise<OidcClientRecord[]> {
  return (await db.selectFrom('oidc_clients').selectAll().orderBy('created_at').orderBy('client_id').execute()).map(toRecord);
}

export async function deleteOidcClient(db: Kysely<Database>, clientId: string): Promise<boolean> {
  const result = await db.deleteFrom('oidc_clients').where('client_id', '=', clientId).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** A new secret hash for a confidential client; false when there is no such confidential client. */
export async function replaceOidcClientSecret(db: Kysely<Database>, clientId: string, secretHash: string): Promise<boolean> {
  const result = await db.updateTable('oidc_clients').set({ secret_hash: secretHash }).where('client_id', '=', clientId).where('public', '=', 0).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markOidcClientUsed(db: Kysely<Database>, clientId: string, now: number): Promise<void> {
  await db.updateTable('oidc_clients').set({ last_used_at: now }).where('client_id', '=', clientId).execute();
}

/** Every payload row a removed client leaves behind (its grants, codes, tokens). */
export async function deleteOidcClientPayloads(db: Kysely<Database>, grantIds: readonly string[]): Promise<void> {
  if (grantIds.length === 0) return;
  await db.deleteFrom('oidc_payloads').where('grant_id', 'in', grantIds).execute();
  await db.deleteFrom('oidc_payloads').where('kind', '=', 'Grant').where('id', 'in', grantIds).execute();
}
