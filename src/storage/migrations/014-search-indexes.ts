import { sql, type Kysely } from 'kysely';
import { isPostgres } from './table-with-id.js';

// Issue 14: the console's searches stay flat as the roster and the audit log grow.
// - An employee's audit rows are found through the index of the rows they did (`actor_id`) and
//   the one of the rows done to them (`subject_id`, since 002), each in time order.
// - Names are searched by the start of the given or the family name, ignoring case, through an
//   index of the lowercased name compared byte by byte (the "C" collation on PostgreSQL, whatever
//   the database's own; SQLite's default), so that a prefix is a range and the index gives the order.
// - Employee IDs by their start: a range over the primary key on both engines.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('audit_events_actor').on('audit_events').columns(['actor_id', 'at']).execute();
  // Each index holds the whole order of its search (family, given, ID; or given, family, ID), so a
  // search reads exactly one page of it however many employees share a name.
  const bytes = (await isPostgres(db)) ? sql` collate "C"` : sql``;
  const family = sql`lower(family_name)${bytes}`;
  const given = sql`lower(given_name)${bytes}`;
  await db.schema.createIndex('employees_family_lower').on('employees').expression(sql`${family}, ${given}, employee_id`).execute();
  await db.schema.createIndex('employees_given_lower').on('employees').expression(sql`${given}, ${family}, employee_id`).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('employees_given_lower').execute();
  await db.schema.dropIndex('employees_family_lower').execute();
  await db.schema.dropIndex('audit_events_actor').execute();
}
