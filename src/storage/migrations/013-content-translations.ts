import type { Kysely } from 'kysely';

// HOME-1..3: tasks, reviews and benefit plans in the portal's other languages, like news. The
// item's own columns stay its English text; these tables hold only the other languages (fr-CA,
// es-PR), one row per item and language, replaced whole when the item is saved again by `ref`.

const TABLES = [
  { table: 'task_translations', key: 'task_id', parent: 'tasks', texts: ['title', 'description'] },
  { table: 'review_translations', key: 'review_id', parent: 'reviews', texts: ['period', 'strengths', 'goals'] },
  { table: 'benefit_translations', key: 'benefit_id', parent: 'benefits', texts: ['plan', 'coverage'] },
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const { table, key, parent, texts } of TABLES) {
    let create = db.schema
      .createTable(table)
      .addColumn(key, 'bigint', (c) => c.notNull().references(`${parent}.id`).onDelete('cascade'))
      .addColumn('language', 'text', (c) => c.notNull());
    for (const column of texts) create = create.addColumn(column, 'text', (c) => c.notNull());
    await create.addPrimaryKeyConstraint(`${table}_pk`, [key, 'language']).execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const { table } of [...TABLES].reverse()) await db.schema.dropTable(table).execute();
}
