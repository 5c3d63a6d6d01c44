import type { Kysely } from 'kysely';
import { tablesWithId } from './table-with-id.js';

// MFA-7: an employee's passkeys (WebAuthn credentials), the challenges of their ceremonies, and
// whether a session used one (`PORTICO_CONSOLE_REQUIRE_PASSKEY`). A credential's public key is a
// COSE key as the WebAuthn library gave it (base64url); `counter` is the last signature counter
// seen, which only goes up.

export async function up(db: Kysely<unknown>): Promise<void> {
  const createTable = await tablesWithId(db);
  await createTable('passkeys')
    .addColumn('employee_id', 'text', (c) => c.notNull().references('accounts.employee_id'))
    .addColumn('credential_id', 'text', (c) => c.notNull().unique())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('counter', 'bigint', (c) => c.notNull().defaultTo(0))
    // Comma-separated AuthenticatorTransport names, as the browser reported them.
    .addColumn('transports', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('device_type', 'text', (c) => c.notNull())
    .addColumn('backed_up', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .execute();
  await db.schema.createIndex('passkeys_employee').on('passkeys').column('employee_id').execute();

  // RECOV-12: a ceremony's challenge, bound to the client that asked for it; spent by the answer
  // (deleted in the statement that reads it), whatever the outcome. Only keyed hashes of its id
  // and client are stored. `employee_id` is null for a usernameless sign-in.
  await db.schema
    .createTable('passkey_challenges')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('client_hash', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('employee_id', 'text')
    .addColumn('challenge', 'text', (c) => c.notNull())
    // The flow a second-factor or recovery ceremony belongs to (its keyed id hash).
    .addColumn('parent_hash', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('passkey_challenges_parent').on('passkey_challenges').column('parent_hash').execute();
  await db.schema.createIndex('passkey_challenges_expiry').on('passkey_challenges').column('expires_at').execute();

  await db.schema.alterTable('sessions').addColumn('passkey_at', 'bigint').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('passkey_at').execute();
  await db.schema.dropTable('passkey_challenges').execute();
  await db.schema.dropTable('passkeys').execute();
}
