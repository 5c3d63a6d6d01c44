import { sql, type ExpressionBuilder, type InferResult, type Kysely, type Selectable } from 'kysely';
import type { Database, TasksTable } from '../../schema.js';
import { decodeList, encodeList, listIncludes, type Audience } from './audience.js';
import { groupTranslated, replaceTranslations, type Translation } from './translations.js';
import { arg, perLimit, preparedFor, prepareQuery } from '../../prepared.js';

// HOME-2/3: tasks HR assigns to one employee or to everyone of a country and/or status. A group
// task is matched when read, so it also reaches people who join the roster later; each employee
// marks it done for themselves. `title` and `description` are English; `translations` holds the
// other languages HR gave (every read joins them in the same query).

export const TASK_TEXTS = ['title', 'description'] as const;
export type TaskTranslation = Translation<(typeof TASK_TEXTS)[number]>;

export interface Task {
  id: number;
  ref: string | null;
  title: string;
  description: string;
  /** `YYYY-MM-DD` in the company time zone, or null. */
  dueOn: string | null;
  /** Set for a personal task; null for a group task. */
  assigneeId: string | null;
  countries: string[] | null;
  statuses: string[] | null;
  /** When this employee marked it done. */
  doneAt: number | null;
  /** The title and description in languages other than English. */
  translations: TaskTranslation[];
}

export interface NewTask {
  ref?: string | null;
  title: string;
  description: string;
  dueOn?: string | null;
  assigneeId?: string | null;
  countries?: readonly string[] | null;
  statuses?: readonly string[] | null;
  createdBy?: string | null;
  /** Replaces the stored ones on save; none: English only. */
  translations?: readonly TaskTranslation[];
}

const COLUMNS = ['t.id', 't.ref', 't.title', 't.description', 't.due_on', 't.assignee_id', 't.countries', 't.statuses'] as const;
const TRANSLATION_COLUMNS = ['tr.language as tr_language', 'tr.title as tr_title', 'tr.description as tr_description'] as const;

/** Open first, the earliest due first (undated last); `done` is the column saying when it was done. */
function taskOrder(done: string) {
  return [
    sql`case when ${sql.ref(done)} is null then 0 else 1 end`,
    sql`case when ${sql.ref('t.due_on')} is null then 1 else 0 end`,
    sql`${sql.ref('t.due_on')}`,
    sql`${sql.ref('t.id')}`,
  ];
}

/**
 * One query (prepared: the homepage and the task list run it): every task of the employee with its
 * done state and translations; open ones first, the earliest due first.
 */
const tasksFor = preparedFor((db) => {
  const audience: Audience = { employeeId: arg(0), country: arg(1), status: arg(2) };
  // The limit counts tasks, so it applies before the translations are joined (in a derived table,
  // built inside the query so that it stays one statement). No limit: all of them.
  const build = (openOnly: boolean, limit: number | undefined) => {
    const tasks = (eb: ExpressionBuilder<Database, never>) => {
      let query = eb
        .selectFrom('tasks as t')
        .leftJoin('task_completions as c', (join) => join.onRef('c.task_id', '=', 't.id').on('c.employee_id', '=', audience.employeeId))
        .select([...COLUMNS, 'c.done_at'])
        .where(assignedTo(audience));
      if (openOnly) query = query.where('c.done_at', 'is', null);
      for (const order of taskOrder('c.done_at')) query = query.orderBy(order);
      return (limit === undefined ? query : query.limit(sql.lit(limit))).as('t');
    };
    let query = db.selectFrom(tasks).leftJoin('task_translations as tr', 'tr.task_id', 't.id').selectAll('t').select(TRANSLATION_COLUMNS);
    for (const order of taskOrder('t.done_at')) query = query.orderBy(order);
    return prepareQuery<[employeeId: string, country: string, status: string], InferResult<typeof query>[number]>(db, query);
  };
  return { open: perLimit((limit) => build(true, limit)), everyOpen: build(true, undefined), all: build(false, undefined) };
});

export async function listTasksFor(db: Kysely<Database>, audience: Audience, filter: { openOnly: boolean; limit?: number }): Promise<Task[]> {
  const queries = tasksFor(db);
  const query = !filter.openOnly ? queries.all : filter.limit === undefined ? queries.everyOpen : queries.open(filter.limit);
  return groupTranslated(await query.rows(audience.employeeId, audience.country, audience.status), TASK_TEXTS, toTask);
}

/** The task if it is the employee's (otherwise undefined, exactly as for a missing id). */
export async function findTaskFor(db: Kysely<Database>, id: number, audience: Audience): Promise<Task | undefined> {
  const rows = await db
    .selectFrom('tasks as t')
    .leftJoin('task_completions as c', (join) => join.onRef('c.task_id', '=', 't.id').on('c.employee_id', '=', audience.employeeId))
    .leftJoin('task_translations as tr', 'tr.task_id', 't.id')
    .select([...COLUMNS, 'c.done_at', ...TRANSLATION_COLUMNS])
    .where('t.id', '=', id)
    .where(assignedTo(audience))
    .execute();
  return groupTranslated(rows, TASK_TEXTS, toTask)[0];
}

/** Marks the employee's task done (again is a no-op). Returns false when it is not their task. */
export async function markTaskDone(db: Kysely<Database>, id: number, audience: Audience, now: number): Promise<boolean> {
  const result = await db
    .insertInto('task_completions')
    .columns(['task_id', 'employee_id', 'done_at'])
    .expression((eb) =>
      eb
        .selectFrom('tasks as t')
        .select([sql<number>`${sql.ref('t.id')}`.as('task_id'), sql<string>`${audience.employeeId}`.as('employee_id'), sql<number>`${now}`.as('done_at')])
        .where('t.id', '=', id)
        .where(assignedTo(audience)),
    )
    .onConflict((oc) => oc.columns(['task_id', 'employee_id']).doNothing())
    .executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0) > 0) return true;
  return (await findTaskFor(db, id, audience)) !== undefined;
}

/** Reopens the employee's task. Returns false when it is not their task. */
export async function reopenTask(db: Kysely<Database>, id: number, audience: Audience): Promise<boolean> {
  if (!(await findTaskFor(db, id, audience))) return false;
  await db.deleteFrom('task_completions').where('task_id', '=', id).where('employee_id', '=', audience.employeeId).execute();
  return true;
}

/** Creates a task, or updates the one with the same `ref` (its translations replaced). Run inside a transaction. */
export async function saveTask(db: Kysely<Database>, input: NewTask, now: number): Promise<number> {
  const values = {
    ref: input.ref ?? null,
    title: input.title,
    description: input.description,
    due_on: input.dueOn ?? null,
    assignee_id: input.assigneeId ?? null,
    countries: input.assigneeId ? null : encodeList(input.countries),
    statuses: input.assigneeId ? null : encodeList(input.statuses),
    created_by: input.createdBy ?? null,
    created_at: now,
  };
  const { ref: _ref, created_at: _created, ...changes } = values;
  const { id } = await db
    .insertInto('tasks')
    .values(values)
    .onConflict((oc) => oc.column('ref').doUpdateSet(changes))
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceTranslations(db, 'task_translations', Number(id), input.translations);
  return Number(id);
}

/** The console's list: newest first, with how many employees marked each done, and the translations. */
export async function listRecentTasks(db: Kysely<Database>, limit: number): Promise<(Omit<Task, 'doneAt'> & { doneCount: number; createdAt: number })[]> {
  const tasks = (eb: ExpressionBuilder<Database, never>) =>
    eb
      .selectFrom('tasks as t')
      .select([...COLUMNS, 't.created_at'])
      .select((eb) => eb.selectFrom('task_completions as c').select(eb.fn.countAll<number>().as('n')).whereRef('c.task_id', '=', 't.id').as('done_count'))
      .orderBy('t.created_at', 'desc')
      .orderBy('t.id', 'desc')
      .limit(limit)
      .as('t');
  const rows = await db
    .selectFrom(tasks)
    .leftJoin('task_translations as tr', 'tr.task_id', 't.id')
    .selectAll('t')
    .select(TRANSLATION_COLUMNS)
    .orderBy('t.created_at', 'desc')
    .orderBy('t.id', 'desc')
    .execute();
  return groupTranslated(rows, TASK_TEXTS, (row) => {
    const { doneAt: _doneAt, ...task } = toTask({ ...row, done_at: null });
    return { ...task, doneCount: Number(row.done_count ?? 0), createdAt: Number(row.created_at) };
  });
}

function assignedTo(audience: Audience) {
  return sql<boolean>`(${sql.ref('t.assignee_id')} = ${audience.employeeId} or (${sql.ref('t.assignee_id')} is null and ${listIncludes('t.countries', audience.country)} and ${listIncludes('t.statuses', audience.status)}))`;
}

type Row = Pick<Selectable<TasksTable>, 'id' | 'ref' | 'title' | 'description' | 'due_on' | 'assignee_id' | 'countries' | 'statuses'> & { done_at: number | null };

function toTask(row: Row): Task {
  return {
    id: Number(row.id),
    ref: row.ref,
    title: row.title,
    description: row.description,
    dueOn: row.due_on,
    assigneeId: row.assignee_id,
    countries: decodeList(row.countries),
    statuses: decodeList(row.statuses),
    doneAt: row.done_at === null ? null : Number(row.done_at),
    translations: [],
  };
}
