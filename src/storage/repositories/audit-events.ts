import type { SelectQueryBuilder } from 'kysely';
import type { Db } from '../database.js';
import type { Database } from '../schema.js';

// The audit log's table: rows are recorded (audit/record-audit.ts) and read back by the console's
// search and the export, both filtered the same way (AUDIT-2).

export async function insertAuditEvent(db: Db, row: NewAuditRow): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      at: row.at,
      event: row.event,
      outcome: row.outcome,
      actor_id: row.actorId,
      subject_id: row.subjectId,
      ip: row.ip,
      user_agent: row.userAgent?.slice(0, 300) ?? null,
      request_id: row.requestId,
      detail: row.detail ? JSON.stringify(row.detail) : null,
    })
    .execute();
}

export interface AuditFilter {
  /** Events where this employee is the actor or the subject. */
  employeeId?: string;
  event?: string;
  /** Milliseconds since the epoch, inclusive. */
  from?: number;
  /** Milliseconds since the epoch, inclusive. */
  to?: number;
}

export interface AuditRow {
  id: number;
  at: number;
  event: string;
  outcome: string;
  actorId: string | null;
  subjectId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  /** The stored JSON object, parsed (null when there is none). */
  detail: Record<string, unknown> | null;
}

/** A row to record; `userAgent` is cut to 300 characters. */
export type NewAuditRow = Omit<AuditRow, 'id'>;

export const AUDIT_SEARCH_LIMIT = 200;
const EXPORT_BATCH = 1000;

type AuditQuery = SelectQueryBuilder<Database, 'audit_events', object>;

function applyFilter<Q extends AuditQuery>(query: Q, filter: AuditFilter): Q {
  let q = query;
  if (filter.employeeId !== undefined) {
    const id = filter.employeeId;
    q = q.where((eb) => eb.or([eb('actor_id', '=', id), eb('subject_id', '=', id)])) as Q;
  }
  if (filter.event !== undefined) q = q.where('event', '=', filter.event) as Q;
  if (filter.from !== undefined) q = q.where('at', '>=', filter.from) as Q;
  if (filter.to !== undefined) q = q.where('at', '<=', filter.to) as Q;
  return q;
}

function baseQuery(db: Db) {
  return db.selectFrom('audit_events').select(['id', 'at', 'event', 'outcome', 'actor_id', 'subject_id', 'ip', 'user_agent', 'request_id', 'detail']);
}

type StoredRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

function toRow(row: StoredRow): AuditRow {
  return {
    id: Number(row.id),
    at: Number(row.at),
    event: row.event,
    outcome: row.outcome,
    actorId: row.actor_id,
    subjectId: row.subject_id,
    ip: row.ip,
    userAgent: row.user_agent,
    requestId: row.request_id,
    detail: parseDetail(row.detail),
  };
}

function parseDetail(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  } catch {
    return { value: text };
  }
}

/** A position in the newest-first order: the time and id of a row (ids break ties of equal times). */
export interface AuditCursor {
  at: number;
  id: number;
}

export interface AuditPage {
  rows: AuditRow[];
  /** Where the next page of older rows starts, when there are more. */
  older: AuditCursor | null;
  /** Where the page of newer rows ends, when there are newer rows. */
  newer: AuditCursor | null;
}

/**
 * One page, newest first, by keyset on (at, id): rows older than `cursor` (or newer, walking back
 * towards the present). Pages never overlap and never skip a row, however many rows arrive meanwhile.
 */
export async function searchAuditPage(
  db: Db,
  filter: AuditFilter,
  options: { limit: number; cursor?: AuditCursor | null; direction?: 'older' | 'newer' },
): Promise<AuditPage> {
  const { limit, cursor = null, direction = 'older' } = options;
  const order = direction === 'older' ? 'desc' : 'asc';
  const past = <Q extends AuditQuery>(query: Q): Q => {
    if (!cursor) return query;
    const beyond = direction === 'older' ? '<' : '>';
    return query.where((eb) => eb.or([eb('at', beyond, cursor.at), eb.and([eb('at', '=', cursor.at), eb('id', beyond, cursor.id)])])) as Q;
  };
  const fetched = (await newestMatching(db, filter, { order, limit: limit + 1, where: past }).execute()).map(toRow);
  const more = fetched.length > limit;
  const page = fetched.slice(0, limit);
  const rows = direction === 'older' ? page : page.reverse();
  const first = rows[0];
  const last = rows[rows.length - 1];
  const position = (row: AuditRow | undefined) => (row ? { at: row.at, id: row.id } : null);
  const hasOlder = direction === 'older' ? more : cursor !== null;
  const hasNewer = direction === 'older' ? cursor !== null : more;
  return { rows, older: hasOlder ? position(last) : null, newer: hasNewer ? position(first) : null };
}

/**
 * The first `limit` matching rows in time order. For one employee, the rows they did and the rows
 * done to them are found apart, each through its own index in time order, and merged: one `or`
 * would walk the whole time index of the table on SQLite to find a quiet employee's few rows.
 */
function newestMatching(db: Db, filter: AuditFilter, options: { order: 'asc' | 'desc'; limit: number; where?: <Q extends AuditQuery>(query: Q) => Q }) {
  const { order, limit, where = (query) => query } = options;
  const ordered = <O>(query: SelectQueryBuilder<Database, 'audit_events', O>) => query.orderBy('at', order).orderBy('id', order).limit(limit);
  if (filter.employeeId === undefined) return ordered(where(applyFilter(baseQuery(db), filter)));
  const { employeeId, ...rest } = filter;
  const branch = (column: 'actor_id' | 'subject_id') => ordered(where(applyFilter(db.selectFrom('audit_events').select('id').where(column, '=', employeeId), rest)));
  const ids = db.selectFrom(branch('actor_id').as('done_by')).select('id').union(db.selectFrom(branch('subject_id').as('done_to')).select('id'));
  return ordered(baseQuery(db).where('id', 'in', ids));
}

/** The console's search: newest first, at most `limit` rows. */
export async function searchAudit(db: Db, filter: AuditFilter, limit = AUDIT_SEARCH_LIMIT): Promise<AuditRow[]> {
  return (await newestMatching(db, filter, { order: 'desc', limit }).execute()).map(toRow);
}

/**
 * Every matching event, oldest first, in batches (keyset pagination by id), so an export never
 * holds the whole table in memory and works the same on both engines.
 */
export async function* auditBatches(db: Db, filter: AuditFilter, batchSize = EXPORT_BATCH): AsyncGenerator<AuditRow[]> {
  let after = 0;
  for (;;) {
    const rows = await applyFilter(baseQuery(db), filter).where('id', '>', after).orderBy('id', 'asc').limit(batchSize).execute();
    if (rows.length === 0) return;
    const batch = rows.map(toRow);
    yield batch;
    after = batch[batch.length - 1]!.id;
    if (rows.length < batchSize) return;
  }
}
