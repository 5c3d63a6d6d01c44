import type { Kysely } from 'kysely';

// RECOV-12: every flow is bound to the client that started it. `client_hash` is the keyed hash of
// the random value in that client's `portico_client` cookie; a flow id presented without it is
// an unknown flow. RECOV-6: `proofs` lists the methods that succeeded in a recovery flow, in order
// (comma-separated), so "two different proofs" is one rule over one column.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('flows').addColumn('client_hash', 'text').execute();
  await db.schema.alterTable('recovery_flows').addColumn('client_hash', 'text').execute();
  await db.schema.alterTable('recovery_flows').addColumn('proofs', 'text', (c) => c.notNull().defaultTo('')).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('recovery_flows').dropColumn('proofs').execute();
  await db.schema.alterTable('recovery_flows').dropColumn('client_hash').execute();
  await db.schema.alterTable('flows').dropColumn('client_hash').execute();
}
