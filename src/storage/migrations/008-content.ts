import type { Kysely } from 'kysely';
import { tablesWithId } from './table-with-id.js';

// HOME-1..3: what HR publishes behind the login. `ref` is HR's own key for a row, so a CSV
// re-import (`portico content import`) updates instead of duplicating. Targeting lists
// (`countries`, `statuses`) are comma-separated codes, null meaning everyone. Calendar dates are
// `YYYY-MM-DD` text in the company time zone; moments are epoch milliseconds.
export async function up(db: Kysely<unknown>): Promise<void> {
  const createTable = await tablesWithId(db);

  await createTable('news')
    .addColumn('ref', 'text', (c) => c.unique())
    .addColumn('countries', 'text')
    .addColumn('published_at', 'bigint', (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('news_published').on('news').columns(['published_at', 'id']).execute();
  await db.schema
    .createTable('news_translations')
    .addColumn('news_id', 'bigint', (c) => c.notNull().references('news.id').onDelete('cascade'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('news_translations_pk', ['news_id', 'language'])
    .execute();

  await createTable('tasks')
    .addColumn('ref', 'text', (c) => c.unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text')
    // One employee, or (when null) everyone matching `countries` and `statuses`.
    .addColumn('assignee_id', 'text')
    .addColumn('countries', 'text')
    .addColumn('statuses', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tasks_assignee').on('tasks').column('assignee_id').execute();
  await db.schema
    .createTable('task_completions')
    .addColumn('task_id', 'bigint', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('employee_id', 'text', (c) => c.notNull())
    .addColumn('done_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('task_completions_pk', ['task_id', 'employee_id'])
    .execute();

  await createTable('reviews')
    .addColumn('ref', 'text', (c) => c.unique())
    .addColumn('employee_id', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('reviewer', 'text', (c) => c.notNull())
    .addColumn('rating', 'integer', (c) => c.notNull())
    .addColumn('strengths', 'text', (c) => c.notNull())
    .addColumn('goals', 'text', (c) => c.notNull())
    .addColumn('reviewed_on', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('acknowledged_at', 'bigint')
    .addColumn('acknowledgement', 'text')
    .execute();
  await db.schema.createIndex('reviews_employee').on('reviews').columns(['employee_id', 'reviewed_on']).execute();

  await createTable('benefits')
    .addColumn('ref', 'text', (c) => c.unique())
    .addColumn('employee_id', 'text', (c) => c.notNull())
    .addColumn('plan', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('coverage', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text')
    .addColumn('enrolment_opens_on', 'text')
    .addColumn('enrolment_closes_on', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('benefits_employee').on('benefits').column('employee_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['benefits', 'reviews', 'task_completions', 'tasks', 'news_translations', 'news']) {
    await db.schema.dropTable(table).execute();
  }
}
