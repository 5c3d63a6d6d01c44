import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { requestMeta } from '../../app/request-context.js';
import { listAllNews } from '../../storage/repositories/content/news.js';
import { listRecentTasks } from '../../storage/repositories/content/tasks.js';
import { listRecentReviews } from '../../storage/repositories/content/reviews.js';
import { listRecentBenefits } from '../../storage/repositories/content/benefits.js';
import type { Validated } from './content-rules.js';
import { validationError } from './problems.js';
import { publishContent, type ContentItem, type ContentKind, type Saved } from './save-content.js';
import { employeeInputs, loadValidationContext, validateContent } from './validate-content.js';

// HOME-3 as JSON (SPEC §14.2 `POST /admin/news|tasks|reviews|benefits`). Bodies are checked by the
// same validators as the console's forms and the CSV import, so a problem is named per field
// (400 VALIDATION with `fields`). 201 `{id}` for a new item; 200 when a `ref` updated an existing one.

const LIST_LIMIT = 50;

/** Validates raw input for `kind` against the roster and the settings. */
export async function checkContent(deps: AppDeps, kind: ContentKind, input: unknown): Promise<Validated<ContentItem>> {
  const { allowedCountries, timeZone } = deps.config;
  const context = await loadValidationContext(deps.storage.db, { allowedCountries, timeZone, now: deps.clock.now() }, employeeInputs(kind, input));
  return validateContent(kind, input, context);
}

/** Saves a checked item as the signed-in HR user, audited with this request's origin. */
export async function publishAs(deps: AppDeps, request: FastifyRequest, item: ContentItem): Promise<Saved> {
  const actorId = request.signedIn?.profile.employeeId;
  if (!actorId) throw new AppError('UNAUTHENTICATED', 'unauthenticated');
  return publishContent(deps, item, { actorId, meta: requestMeta(request) }, deps.clock.now());
}

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

export function createContentApi(deps: AppDeps) {
  const { db } = deps.storage;
  const create = (kind: ContentKind) => async (request: FastifyRequest, reply: FastifyReply) => {
    const checked = await checkContent(deps, kind, request.body);
    if (!checked.ok) throw validationError(checked.problems, request.language, deps.config.allowedCountries);
    const saved = await publishAs(deps, request, checked.value);
    return reply.code(saved.created ? 201 : 200).send({ id: saved.id, created: saved.created });
  };
  return {
    createNews: create('news'),
    createTask: create('tasks'),
    createReview: create('reviews'),
    createBenefit: create('benefits'),
    /** GET /api/v1/admin/news: the latest articles, scheduled and targeted ones included. */
    listNews: async () => ({
      items: (await listAllNews(db, LIST_LIMIT)).map(({ authorId: _author, publishedAt, ...item }) => ({ ...item, publishedAt: iso(publishedAt) })),
    }),
    listTasks: async () => ({ items: (await listRecentTasks(db, LIST_LIMIT)).map(({ createdAt, ...task }) => ({ ...task, createdAt: iso(createdAt) })) }),
    listReviews: async () => ({ items: (await listRecentReviews(db, LIST_LIMIT)).map((review) => ({ ...review, acknowledgedAt: iso(review.acknowledgedAt) })) }),
    listBenefits: async () => ({ items: await listRecentBenefits(db, LIST_LIMIT) }),
  };
}
