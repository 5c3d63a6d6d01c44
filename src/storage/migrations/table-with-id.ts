import { sql, type Kysely } from 'kysely';

// Migrations see `Kysely<unknown>` and no engine name, so they ask the database. PostgreSQL answers
// `select version()`; SQLite has no such function.
export async function isPostgres(db: Kysely<unknown>): Promise<boolean> {
  try {
    await sql`select version()`.execute(db);
    return true;
  } catch {
    return false;
  }
}

/** A `create table` starter whose tables get an auto-incrementing integer `id` primary key on either engine (bigserial on PostgreSQL). */
export async function tablesWithId(db: Kysely<unknown>) {
  const postgres = await isPostgres(db);
  return (table: string) =>
    db.schema.createTable(table).addColumn('id', postgres ? 'bigserial' : 'integer', (c) => (postgres ? c.primaryKey() : c.primaryKey().autoIncrement()));
}
