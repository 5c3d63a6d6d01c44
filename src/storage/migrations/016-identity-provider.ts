import type { Kysely } from 'kysely';

// IDP-1..8: Portico as the company's OpenID Connect provider. `oidc_payloads` holds what the
// provider library stores (sessions, interactions, grants, codes, tokens), one row per (kind, id),
// so every instance on PostgreSQL shares them. `oidc_clients` are the applications an admin
// registered (IDP-2; the secret only as a keyed hash). `oidc_keys` are the signing keys, sealed
// with a key derived from PORTICO_SECRET (IDP-7). `oidc_subjects` gives each employee one random,
// stable `sub`, the same for every client and never the Employee ID (IDP-4).
//
// Numbered 016: 015 belongs to another branch (passkeys). Kysely applies migrations in name order.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('oidc_payloads')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('grant_id', 'text')
    .addColumn('user_code', 'text')
    .addColumn('uid', 'text')
    // From the payload, for ending a client's or an account's grants and tokens (IDP-2, IDP-5, IDP-6).
    .addColumn('client_id', 'text')
    .addColumn('account_id', 'text')
    .addColumn('expires_at', 'bigint')
    .addColumn('consumed_at', 'bigint')
    .addPrimaryKeyConstraint('oidc_payloads_pk', ['kind', 'id'])
    .execute();
  await db.schema.createIndex('oidc_payloads_uid').on('oidc_payloads').columns(['kind', 'uid']).execute();
  await db.schema.createIndex('oidc_payloads_user_code').on('oidc_payloads').columns(['kind', 'user_code']).execute();
  await db.schema.createIndex('oidc_payloads_grant').on('oidc_payloads').column('grant_id').execute();
  await db.schema.createIndex('oidc_payloads_client').on('oidc_payloads').column('client_id').execute();
  await db.schema.createIndex('oidc_payloads_account').on('oidc_payloads').column('account_id').execute();
  await db.schema.createIndex('oidc_payloads_expiry').on('oidc_payloads').column('expires_at').execute();

  await db.schema
    .createTable('oidc_clients')
    .addColumn('client_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    // Keyed hash of the client secret; null for a public client.
    .addColumn('secret_hash', 'text')
    // JSON arrays of exact URIs.
    .addColumn('redirect_uris', 'text', (c) => c.notNull())
    .addColumn('post_logout_redirect_uris', 'text', (c) => c.notNull())
    .addColumn('backchannel_logout_uri', 'text')
    .addColumn('public', 'integer', (c) => c.notNull())
    .addColumn('first_party', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .execute();

  await db.schema
    .createTable('oidc_keys')
    .addColumn('kid', 'text', (c) => c.primaryKey())
    .addColumn('alg', 'text', (c) => c.notNull())
    // The private JWK, sealed (AES-256-GCM) and bound to its kid.
    .addColumn('sealed_jwk', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    // When a newer key took over signing; still published until the tokens it signed have expired.
    .addColumn('retired_at', 'bigint')
    .execute();

  await db.schema
    .createTable('oidc_subjects')
    .addColumn('employee_id', 'text', (c) => c.primaryKey().references('accounts.employee_id'))
    .addColumn('sub', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('oidc_subjects').execute();
  await db.schema.dropTable('oidc_keys').execute();
  await db.schema.dropTable('oidc_clients').execute();
  await db.schema.dropTable('oidc_payloads').execute();
}
