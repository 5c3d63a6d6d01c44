import type { Review } from '../../storage/repositories/content/reviews.js';
import { ErrorSummary } from '../../web/components/error-summary.js';
import { TextAreaField } from '../../web/components/field.js';
import type { FormErrors } from '../../web/components/form-errors.js';
import { PostForm } from '../../web/components/post-form.js';
import { formatDate } from '../../web/i18n.js';
import type { PageContext } from '../../web/page-context.js';
import { inReaderLanguage, langAttribute } from '../../web/reader-language.js';
import { InLanguage, withSlot } from '../../web/components/in-language.js';
import { PortalPage, formatDay } from '../portal-page.js';
import { COMMENT_MAX, ratingLabel } from './acknowledge.js';

// HOME-1/2: performance reviews with their rating in words, strengths and goals (line breaks kept),
// and, until acknowledged, a form to acknowledge with an optional comment. HR's texts are in the
// reader's language (else English, then marked with `lang`).

/** A failed acknowledgement: the review, what was typed, and the problem next to its comment. */
export interface AcknowledgeFailure {
  reviewId: number;
  comment: string;
  errors: FormErrors;
}

/** The comment control of a review's form (one form per review on the page). */
export function commentId(reviewId: number): string {
  return `comment-${reviewId}`;
}

interface ReviewCardProps {
  ctx: PageContext;
  review: Review;
  timeZone: string;
  /** The homepage shows the heading one level down and leaves out strengths and goals. */
  compact?: boolean;
  failed?: AcknowledgeFailure | null;
}

export function ReviewCard({ ctx, review: stored, timeZone, compact = false, failed = null }: ReviewCardProps) {
  const r = ctx.t.portal.reviews;
  const review = inReaderLanguage(stored, ctx.language);
  const lang = langAttribute(review.language, ctx.language);
  const Heading = compact ? 'h3' : 'h2';
  const Sub = compact ? 'h4' : 'h3';
  const headingId = `review-${review.id}`;
  return (
    <article class={compact ? 'review review--compact' : 'card review'} aria-labelledby={headingId}>
      <Heading id={headingId}>{withSlot(r.heading, <InLanguage text={review.period} language={review.language} page={ctx.language} />)}</Heading>
      <dl class="facts facts--compact">
        <div>
          <dt>{r.rating}</dt>
          <dd class="rating">{r.ratingText(review.rating, ratingLabel(ctx.t, review.rating))}</dd>
        </div>
        <div>
          <dt>{r.reviewer}</dt>
          <dd>{review.reviewer}</dd>
        </div>
        <div>
          <dt>{r.reviewedOn}</dt>
          <dd>{formatDate(review.reviewedOn, ctx.language)}</dd>
        </div>
      </dl>
      {compact ? null : (
        <>
          <Sub>{r.strengths}</Sub>
          <p class="pre-line" lang={lang}>
            {review.strengths}
          </p>
          <Sub>{r.goals}</Sub>
          <p class="pre-line" lang={lang}>
            {review.goals}
          </p>
        </>
      )}
      {review.acknowledgedAt !== null ? (
        <div class="acknowledged">
          <p>{r.acknowledgedOn(formatDay(review.acknowledgedAt, ctx.language, timeZone))}</p>
          {review.acknowledgement ? (
            <>
              <Sub>{r.yourComment}</Sub>
              <p class="pre-line">{review.acknowledgement}</p>
            </>
          ) : null}
        </div>
      ) : (
        <AcknowledgeForm ctx={ctx} review={review} headingId={headingId} returnHome={compact} failed={failed?.reviewId === review.id ? failed : null} />
      )}
    </article>
  );
}

interface AcknowledgeFormProps {
  ctx: PageContext;
  review: Review;
  headingId: string;
  returnHome: boolean;
  failed: AcknowledgeFailure | null;
}

function AcknowledgeForm({ ctx, review, headingId, returnHome, failed }: AcknowledgeFormProps) {
  const r = ctx.t.portal.reviews;
  return (
    <PostForm ctx={ctx} action={`/reviews/${review.id}/acknowledge`} class="form acknowledge-form">
      {returnHome ? <input type="hidden" name="returnTo" value="/home" /> : null}
      <p class="hint">{r.notAcknowledged}</p>
      <TextAreaField
        errors={failed?.errors ?? null}
        id={commentId(review.id)}
        name="comment"
        label={r.comment}
        hint={r.commentHint}
        rows={3}
        maxLength={COMMENT_MAX}
        value={failed?.comment ?? ''}
      />
      <div>
        <button type="submit" class="button button--primary" aria-describedby={headingId}>
          {r.acknowledge}
        </button>
      </div>
    </PostForm>
  );
}

interface ReviewsPageProps {
  ctx: PageContext;
  reviews: Review[];
  timeZone: string;
  notice: string | null;
  failed: AcknowledgeFailure | null;
}

/** GET /reviews: newest first. */
export function ReviewsPage({ ctx, reviews, timeZone, notice, failed }: ReviewsPageProps) {
  const r = ctx.t.portal.reviews;
  return (
    <PortalPage ctx={ctx} title={r.title} intro={r.intro} notice={notice} failed={failed !== null}>
      {failed ? <ErrorSummary ctx={ctx} errors={failed.errors} /> : null}
      {reviews.length === 0 ? <p class="card">{r.none}</p> : null}
      {reviews.map((review) => (
        <ReviewCard key={review.id} ctx={ctx} review={review} timeZone={timeZone} failed={failed} />
      ))}
    </PortalPage>
  );
}
