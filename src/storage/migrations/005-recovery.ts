import type { Kysely } from 'kysely';

// RECOV-1..11: recovery flows (ids stored as keyed hashes), e-mailed reset tokens, the wrong
// answer-set counter behind the help-desk lock, and the send slots that limit links and codes.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('recovery_flows')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    // Keyed hash of the normalised identifier: unknown identifiers get the same flow as known ones.
    .addColumn('identifier_hash', 'text', (c) => c.notNull())
    .addColumn('employee_id', 'text', (c) => c.references('accounts.employee_id'))
    // The method that succeeded (email_link, email_code, sms_code, questions), null before.
    .addColumn('proof', 'text')
    .addColumn('proven_at', 'bigint')
    // The flow's one-time code: where it went, when the real code was issued (null when nothing
    // was sent), and the tries claimed on it (counted even when nothing was sent, RECOV-1).
    .addColumn('code_channel', 'text')
    .addColumn('code_issued_at', 'bigint')
    .addColumn('code_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('recovery_flows_employee').on('recovery_flows').column('employee_id').execute();
  await db.schema.createIndex('recovery_flows_expiry').on('recovery_flows').column('expires_at').execute();

  await db.schema
    .createTable('reset_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('employee_id', 'text', (c) => c.notNull().references('accounts.employee_id'))
    // Keyed hash of the password hash when the link was sent: any password change voids the link.
    .addColumn('password_stamp', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();
  await db.schema.createIndex('reset_tokens_employee').on('reset_tokens').column('employee_id').execute();

  await db.schema
    .createTable('recovery_answer_attempts')
    // `account:<id>` for accounts with questions, `decoy:<id>` / `identifier:<hash>` otherwise.
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    // Set when these failures put the account in a help-desk lock; an unlock restarts the count.
    .addColumn('locked_at', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('recovery_send_slots')
    // `account:<id>` or `client:<ip>`: each row is one send allowed per window (RECOV-11).
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('slot', 'integer', (c) => c.notNull())
    .addColumn('used_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('recovery_send_slots_pk', ['key', 'slot'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['recovery_send_slots', 'recovery_answer_attempts', 'reset_tokens', 'recovery_flows']) {
    await db.schema.dropTable(table).execute();
  }
}
