import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { noticeKey, pageContext, profileOf } from '../../app/request-context.js';
import { listReviewsFor } from '../../storage/repositories/content/reviews.js';
import { sendPage } from '../../app/render-page.js';
import { fieldProblem } from '../../web/components/form-errors.js';
import { formText, UNCUT, type FormBody } from '../../web/form-body.js';
import { pageId, returnPath } from '../portal-request.js';
import { COMMENT_MAX, acknowledgeOwnReview, normaliseComment } from './acknowledge.js';
import { ReviewsPage, commentId } from './views.js';

// HOME-2: the reviews page and its acknowledge form. A comment over 1000 characters shows the page
// again (400) with the error next to the field and the text kept; success redirects (303) with a notice.

export const REVIEW_NOTICES = ['reviewAcknowledged', 'reviewAlready'] as const;

type AcknowledgeForm = FastifyRequest<{ Params: { id: string }; Body: FormBody }>;

export function createReviewsPages(deps: AppDeps) {
  const render = async (request: FastifyRequest, reply: FastifyReply, failed: { reviewId: number; comment: string } | null = null) => {
    const reviews = await listReviewsFor(deps.storage.db, profileOf(request).employeeId);
    // Another employee's review gets the same 404 whatever was typed.
    if (failed && !reviews.some((review) => review.id === failed.reviewId)) throw new AppError('NOT_FOUND', 'notFound');
    const ctx = pageContext(request, reply, deps.config);
    const notice = failed ? null : noticeKey(request, REVIEW_NOTICES);
    return sendPage(
      reply,
      <ReviewsPage
        ctx={ctx}
        reviews={reviews}
        timeZone={deps.config.timeZone}
        notice={notice ? ctx.t.portal.notices[notice] : null}
        failed={failed ? { ...failed, errors: fieldProblem(commentId(failed.reviewId), ctx.t.portal.reviews.commentTooLong) } : null}
      />,
      failed ? 400 : 200,
    );
  };
  return {
    /** GET /reviews */
    list: async (request: FastifyRequest, reply: FastifyReply) => render(request, reply),
    /** POST /reviews/:id/acknowledge {comment} */
    acknowledge: async (request: AcknowledgeForm, reply: FastifyReply) => {
      const id = pageId(request.params.id);
      // Whole: the limit is checked on the comment as stored, below.
      const typed = formText(request.body, 'comment', UNCUT);
      const comment = normaliseComment(typed);
      if (comment !== null && comment.length > COMMENT_MAX) return render(request, reply, { reviewId: id, comment: typed });
      const { already } = await acknowledgeOwnReview(deps, profileOf(request).employeeId, id, comment);
      return reply.redirect(`${returnPath(request.body, '/reviews')}?done=${already ? 'reviewAlready' : 'reviewAcknowledged'}`, 303);
    },
  };
}
