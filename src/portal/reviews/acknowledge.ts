import type { AppDeps } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { acknowledgeReview, findReviewFor, type Review } from '../../storage/repositories/content/reviews.js';
import type { Messages } from '../../web/messages/en.js';
import { inReaderLanguage } from '../../web/reader-language.js';
import { isoMoment } from '../portal-request.js';

// HOME-1/2: an employee acknowledges their own review once, with an optional comment. A second
// acknowledgement changes nothing and is not an error; another employee's review is 404.

export const COMMENT_MAX = 1000;

/** The comment as stored: browsers send line breaks as CRLF, which would count twice; empty means none. */
export function normaliseComment(raw: string | undefined): string | null {
  const text = (raw ?? '').replace(/\r\n?/g, '\n').trim();
  return text.length > 0 ? text : null;
}

export async function acknowledgeOwnReview(
  deps: AppDeps,
  employeeId: string,
  id: number,
  comment: string | null,
): Promise<{ review: Review; already: boolean }> {
  const outcome = await acknowledgeReview(deps.storage.db, id, employeeId, comment, deps.clock.now());
  const review = outcome === 'not_found' ? undefined : await findReviewFor(deps.storage.db, id, employeeId);
  if (!review) throw new AppError('NOT_FOUND', 'notFound');
  return { review, already: outcome === 'already' };
}

export function ratingLabel(t: Messages, rating: number): string {
  return (t.portal.reviews.ratings as Record<number, string | undefined>)[rating] ?? String(rating);
}

/** A review as the JSON API shows it (SPEC §14.2): its texts in `language`, else English, and which it is. */
export function reviewJson(stored: Review, t: Messages, language: string) {
  const review = inReaderLanguage(stored, language);
  return {
    id: review.id,
    period: review.period,
    reviewer: review.reviewer,
    reviewedOn: review.reviewedOn,
    rating: review.rating,
    ratingLabel: ratingLabel(t, review.rating),
    strengths: review.strengths,
    goals: review.goals,
    language: review.language,
    acknowledged: review.acknowledgedAt !== null,
    acknowledgedAt: isoMoment(review.acknowledgedAt),
    comment: review.acknowledgement,
  };
}
