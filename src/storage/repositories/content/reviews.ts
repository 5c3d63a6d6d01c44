import { sql, type ExpressionBuilder, type InferResult, type Kysely, type Selectable } from 'kysely';
import type { ReviewsTable, Database } from '../../schema.js';
import { groupTranslated, replaceTranslations, type Translation } from './translations.js';
import { arg, perLimit, preparedFor, prepareQuery } from '../../prepared.js';

// HOME-2/3: performance reviews. Every read and change names the employee, so one employee can
// never reach another's review (a foreign id looks exactly like a missing one). `period`,
// `strengths` and `goals` are English; `translations` holds the other languages HR gave.

export const REVIEW_TEXTS = ['period', 'strengths', 'goals'] as const;
export type ReviewTranslation = Translation<(typeof REVIEW_TEXTS)[number]>;

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
  /** The period, strengths and goals in languages other than English. */
  translations: ReviewTranslation[];
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
  /** Replaces the stored ones on save; none: English only. */
  translations?: readonly ReviewTranslation[];
}

export const RATINGS = [1, 2, 3, 4, 5] as const;

const COLUMNS = ['id', 'ref', 'employee_id', 'period', 'reviewer', 'rating', 'strengths', 'goals', 'reviewed_on', 'acknowledged_at', 'acknowledgement'] as const;
const TRANSLATION_COLUMNS = ['tr.language as tr_language', 'tr.period as tr_period', 'tr.strengths as tr_strengths', 'tr.goals as tr_goals'] as const;

/** One query (prepared: the homepage and the reviews page run it): the employee's reviews with their translations, newest first (`limit: 1` for the homepage). */
const reviewsFor = preparedFor((db) => {
  const build = (limit: number | undefined) =>
    prepareQuery<[employeeId: string], TranslatedReviewRow>(
      db,
      withTranslations(db, (eb) => {
        const reviews = selectReviews(eb).where('employee_id', '=', arg<string>(0)).orderBy('reviewed_on', 'desc').orderBy('id', 'desc');
        // The limit counts reviews, so it applies before the translations are joined.
        return limit === undefined ? reviews : reviews.limit(sql.lit(limit));
      })
        .orderBy('r.reviewed_on', 'desc')
        .orderBy('r.id', 'desc'),
    );
  return { first: perLimit(build), all: build(undefined) };
});

export async function listReviewsFor(db: Kysely<Database>, employeeId: string, limit?: number): Promise<Review[]> {
  const query = limit === undefined ? reviewsFor(db).all : reviewsFor(db).first(limit);
  return groupTranslated(await query.rows(employeeId), REVIEW_TEXTS, toReview);
}

/** The review if it is the employee's (otherwise undefined, exactly as for a missing id). */
export async function findReviewFor(db: Kysely<Database>, id: number, employeeId: string): Promise<Review | undefined> {
  const rows = await withTranslations(db, (eb) => selectReviews(eb).where('id', '=', id).where('employee_id', '=', employeeId)).execute();
  return groupTranslated(rows, REVIEW_TEXTS, toReview)[0];
}

type From = ExpressionBuilder<Database, never>;

function selectReviews(eb: From) {
  return eb.selectFrom('reviews').select([...COLUMNS, 'created_at']);
}

/**
 * The reviews `choose` picks (a derived table `r`, built inside the query so that it stays one
 * statement), each with a row per translation, or one with nulls when it has none.
 */
function withTranslations(db: Kysely<Database>, choose: (eb: From) => ReturnType<typeof selectReviews>) {
  return db
    .selectFrom((eb) => choose(eb).as('r'))
    .leftJoin('review_translations as tr', 'tr.review_id', 'r.id')
    .selectAll('r')
    .select(TRANSLATION_COLUMNS);
}

type TranslatedReviewRow = InferResult<ReturnType<typeof withTranslations>>[number];

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

/** Records a review, or updates the one with the same `ref` (an acknowledgement is kept, the translations replaced). Run inside a transaction. */
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
  await replaceTranslations(db, 'review_translations', Number(id), input.translations);
  return Number(id);
}

/** The console's list, newest first, with the translations. */
export async function listRecentReviews(db: Kysely<Database>, limit: number): Promise<Review[]> {
  const rows = await withTranslations(db, (eb) => selectReviews(eb).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit))
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    .execute();
  return groupTranslated(rows, REVIEW_TEXTS, toReview);
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
    translations: [],
  };
}
