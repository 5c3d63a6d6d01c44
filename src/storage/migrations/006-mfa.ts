import type { Kysely } from 'kysely';

// MFA-1..3: the authenticator secret of an account (active, and one waiting for its first code)
// and its single-use recovery codes. `accounts.mfa` itself exists since 001.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('mfa_totp')
    .addColumn('employee_id', 'text', (c) => c.primaryKey().references('accounts.employee_id'))
    // Sealed with AES-256-GCM under a key derived from PORTICO_SECRET (methods/totp/secret-box.ts).
    .addColumn('active_secret', 'text')
    .addColumn('pending_secret', 'text')
    .addColumn('pending_expires_at', 'bigint')
    // The last accepted RFC 6238 time step: a code of that step or an earlier one is never accepted again.
    .addColumn('last_step', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('mfa_recovery_codes')
    .addColumn('employee_id', 'text', (c) => c.notNull().references('accounts.employee_id'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .addPrimaryKeyConstraint('mfa_recovery_codes_pk', ['employee_id', 'code_hash'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('mfa_recovery_codes').execute();
  await db.schema.dropTable('mfa_totp').execute();
}
