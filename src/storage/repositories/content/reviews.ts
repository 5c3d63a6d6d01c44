import type { Kysely, Selectable } from 'kysely';
import type { ReviewsTable, Database } from '../../schema.js';

// HOME-2/3: performance reviews. Every read and change names the employee, so one employee can
// never reach another's review (a foreign id looks exactly like a missing one).

export interface Review {
  id: number;
  ref: string | null;
  employeeId: string;
  period: string;
  reviewer: string;
  /** 1 (needs improvement) to 5 (outstanding). */
  rating: number;
  strengths: string;
  goals: string;
  reviewedOn: string;
  acknowledgedAt: number | null;
  acknowledgement: string | null;
}

export interface NewReview {
  ref?: string | null;
  employeeId: string;
  period: string;
  reviewer: string;
  rating: number;
  strengths: string;
  goals: string;
  reviewedOn: string;
  createdBy?: string | null;
}

export const RATINGS = [1, 2, 3, 4, 5] as const;

const COLUMNS = ['id', 'ref', 'employee_id', 'period', 'reviewer', 'rating', 'strengths', 'goals', 'reviewed_on', 'acknowledged_at', 'acknowledgement'] as const;

/** The employee's reviews, newest first (`limit: 1` for the homepage). */
export async function listReviewsFor(db: Kysely<Database>, employeeId: string, limit?: number): Promise<Review[]> {
  let query = db.selectFrom('reviews').select(COLUMNS).where('employee_id', '=', employeeId).orderBy('reviewed_on', 'desc').orderBy('id', 'desc');
  if (limit !== undefined) query = query.limit(limit);
  return (await query.execute()).map(toReview);
}

/** The review if it is the employee's (otherwise undefined, exactly as for a missing id). */
export async function findReviewFor(db: Kysely<Database>, id: number, employeeId: string): Promise<Review | undefined> {
  const row = await db.selectFrom('reviews').select(COLUMNS).where('id', '=', id).where('employee_id', '=', employeeId).executeTakeFirst();
  return row ? toReview(row) : undefined;
}

export type AcknowledgeOutcome = 'acknowledged' | 'already' | 'not_found';

/** Acknowledges the employee's review once, in one statement; a second acknowledgement changes nothing. */
export async function acknowledgeReview(db: Kysely<Database>, id: number, employeeId: string, comment: string | null, now: number): Promise<AcknowledgeOutcome> {
  const result = await db
    .updateTable('reviews')
    .set({ acknowledged_at: now, acknowledgement: comment })
    .where('id', '=', id)
    .where('employee_id', '=', employeeId)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) > 0) return 'acknowledged';
  const existing = await db.selectFrom('reviews').select('id').where('id', '=', id).where('employee_id', '=', employeeId).executeTakeFirst();
  return existing ? 'already' : 'not_found';
}

/** Records a review, or updates the one with the same `ref` (an acknowledgement is kept). */
export async function saveReview(db: Kysely<Database>, input: NewReview, now: number): Promise<number> {
  const values = {
    ref: input.ref ?? null,
    employee_id: input.employeeId,
    period: input.period,
    reviewer: input.reviewer,
    rating: input.rating,
    strengths: input.strengths,
    goals: input.goals,
    reviewed_on: input.reviewedOn,
    created_by: input.createdBy ?? null,
    created_at: now,
  };
  const { ref: _ref, created_at: _created, ...changes } = values;
  const { id } = await db
    .insertInto('reviews')
    .values(values)
    .onConflict((oc) => oc.column('ref').doUpdateSet(changes))
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

/** The console's list, newest first. */
export async function listRecentReviews(db: Kysely<Database>, limit: number): Promise<Review[]> {
  const rows = await db.selectFrom('reviews').select(COLUMNS).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toReview);
}

type Row = Pick<Selectable<ReviewsTable>, (typeof COLUMNS)[number]>;

function toReview(row: Row): Review {
  return {
    id: Number(row.id),
    ref: row.ref,
    employeeId: row.employee_id,
    period: row.period,
    reviewer: row.reviewer,
    rating: Number(row.rating),
    strengths: row.strengths,
    goals: row.goals,
    reviewedOn: row.reviewed_on,
    acknowledgedAt: row.acknowledged_at === null ? null : Number(row.acknowledged_at),
    acknowledgement: row.acknowledgement,
  };
}
