import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { listReviewsFor } from '../../storage/repositories/content/reviews.js';
import { messagesFor } from '../../web/i18n.js';
import { IdParams } from '../portal-request.js';
import { profileOf } from '../../app/request-context.js';
import { COMMENT_MAX, acknowledgeOwnReview, normaliseComment, reviewJson } from './acknowledge.js';

// HOME-2 as JSON (SPEC §14.2): the employee's own reviews, newest first, and the acknowledgement;
// HR's texts in the request's language (else English; `language` says which).

export const AcknowledgeBody = Type.Object({ comment: Type.Optional(Type.String({ maxLength: COMMENT_MAX })) }, { additionalProperties: false });

// The body is optional (a POST with none acknowledges without a comment), which a route body
// schema cannot say, so it is checked here against the same TypeBox schema.
export const reviewSchemas = { acknowledge: { params: IdParams } };

export function createReviewsApi(deps: AppDeps) {
  return {
    /** GET /api/v1/reviews */
    list: async (request: FastifyRequest) => {
      const reviews = await listReviewsFor(deps.storage.db, profileOf(request).employeeId);
      const t = messagesFor(request.language);
      return { items: reviews.map((review) => reviewJson(review, t, request.language)) };
    },
    /** POST /api/v1/reviews/:id/acknowledge {comment?} — acknowledging again answers 200 with the review as it was. */
    acknowledge: async (request: FastifyRequest<{ Params: IdParams; Body: unknown }>) => {
      const body = request.body ?? {};
      if (!Value.Check(AcknowledgeBody, body)) throw new AppError('VALIDATION', 'validation', { extra: { field: 'comment' } });
      const comment = normaliseComment(body.comment);
      const { review } = await acknowledgeOwnReview(deps, profileOf(request).employeeId, Number(request.params.id), comment);
      return reviewJson(review, messagesFor(request.language), request.language);
    },
  };
}
