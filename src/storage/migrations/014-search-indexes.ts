import { sql, type Kysely } from 'kysely';
import { isPostgres } from './table-with-id.js';

// Issue 14: the console's searches stay flat as the roster and the audit log grow.
// - An employee's audit rows are found through the index of the rows they did (`actor_id`) and
//   the one of the rows done to them (`subject_id`, since 002), each in time order.
// - Names are searched by the start of the given or the family name, ignoring case, through an
//   index of the lowercased name: on PostgreSQL with `text_pattern_ops`, so `like 'lop%'` uses it
//   whatever the database's collation; on SQLite a range over the lowercased name does.
// - Employee IDs by their start: a range over the primary key on both engines.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('audit_events_actor').on('audit_events').columns(['actor_id', 'at']).execute();
  const pattern = (await isPostgres(db)) ? sql` text_pattern_ops` : sql``;
  await db.schema.createIndex('employees_family_lower').on('employees').expression(sql`lower(family_name)${pattern}`).execute();
  await db.schema.createIndex('employees_given_lower').on('employees').expression(sql`lower(given_name)${pattern}`).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('employees_given_lower').execute();
  await db.schema.dropIndex('employees_family_lower').execute();
  await db.schema.dropIndex('audit_events_actor').execute();
}
