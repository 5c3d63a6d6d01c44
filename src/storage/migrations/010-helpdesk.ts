import type { Kysely } from 'kysely';

// HELP-4 / MFA-6: `sessions.via` says how a session began, so that a session from a help-desk PIN
// or a recovery can never come to count as having passed a second factor.
// HELP-7: `caller_verifications` holds, per employee, the code an agent sent to the employee's
// registered contact (keyed hash only), the wrong guesses, a block after 3, and who verified until when.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('via', 'text', (c) => c.notNull().defaultTo('password')).execute();

  await db.schema
    .createTable('caller_verifications')
    .addColumn('employee_id', 'text', (c) => c.primaryKey().references('accounts.employee_id'))
    .addColumn('agent_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text')
    .addColumn('code_expires_at', 'bigint')
    .addColumn('sent_at', 'bigint', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('blocked_until', 'bigint')
    .addColumn('verified_by', 'text')
    .addColumn('verified_until', 'bigint')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('caller_verifications').execute();
  await db.schema.alterTable('sessions').dropColumn('via').execute();
}
