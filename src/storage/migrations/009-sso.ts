import type { Kysely } from 'kysely';

// LOGIN-10: company SSO (OpenID Connect). `sso_identities` links a provider's (issuer, subject) to
// the employee it was matched to the first time; `sso_flows` holds the sign-in attempts between the
// redirect to the provider and its callback (no employee is known yet, so `flows` cannot hold them).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sso_identities')
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('employee_id', 'text', (c) => c.notNull().references('accounts.employee_id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sso_identities_pk', ['issuer', 'subject'])
    .execute();
  await db.schema.createIndex('sso_identities_employee').on('sso_identities').column('employee_id').execute();

  await db.schema
    .createTable('sso_flows')
    // Keyed hash of the random id in the `portico_flow` cookie.
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    // state, nonce and PKCE code_verifier, sealed (AES-256-GCM) and bound to the id hash.
    .addColumn('sealed', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sso_flows_expiry').on('sso_flows').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sso_flows').execute();
  await db.schema.dropTable('sso_identities').execute();
}
