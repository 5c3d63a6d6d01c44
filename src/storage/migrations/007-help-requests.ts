import type { Kysely } from 'kysely';
import { tablesWithId } from './table-with-id.js';

// HELP-2: the Technical Help Form's requests (the console's queue, HELP-3), the yearly sequence that
// numbers them (`HR-YYYY-NNNNNN`, one atomic upsert per number) and the per-client submit window.
export async function up(db: Kysely<unknown>): Promise<void> {
  const createTable = await tablesWithId(db);
  await createTable('help_requests')
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    // As typed, normalised (NORM-1) when valid; never checked against the roster (no enumeration).
    .addColumn('employee_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('contact', 'text', (c) => c.notNull())
    .addColumn('contact_channel', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('closed_at', 'bigint')
    .addColumn('closed_by', 'text')
    .addColumn('outcome_note', 'text')
    .addColumn('client_ip', 'text')
    .execute();
  await db.schema.createIndex('help_requests_queue').on('help_requests').columns(['status', 'created_at']).execute();

  await db.schema
    .createTable('help_request_sequences')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last_value', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('help_request_clients')
    .addColumn('client_key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('submits', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('help_request_clients').execute();
  await db.schema.dropTable('help_request_sequences').execute();
  await db.schema.dropTable('help_requests').execute();
}
