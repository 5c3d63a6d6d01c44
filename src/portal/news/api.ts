import { Type, type Static } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import type { NewsItem } from '../../storage/repositories/content/news.js';
import { IdParams } from '../portal-request.js';
import { profileOf } from '../../app/request-context.js';
import { plainExcerpt, renderMarkdown } from './markdown.js';
import { pickTranslation, readArticle, readNewsPage } from './read-news.js';

// HOME-2 as JSON (SPEC §14.2): the news list and one article, in the request's language.

const NewsQuery = Type.Object(
  {
    page: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,5}$' })),
    // Any address may carry the app-wide language choice.
    lang: Type.Optional(Type.String({ maxLength: 35 })),
  },
  { additionalProperties: false },
);
type NewsQuery = Static<typeof NewsQuery>;

export const newsSchemas = {
  list: { querystring: NewsQuery },
  article: { params: IdParams },
};

function listItem(item: NewsItem, language: string) {
  const text = pickTranslation(item, language);
  return { id: item.id, title: text.title, excerpt: plainExcerpt(text.body), publishedAt: new Date(item.publishedAt).toISOString(), language: text.language };
}

export function createNewsApi(deps: AppDeps) {
  return {
    /** GET /api/v1/news?page= — 10 a page, newest first; a page past the last is empty. */
    list: async (request: FastifyRequest<{ Querystring: NewsQuery }>) => {
      const profile = profileOf(request);
      const result = await readNewsPage(deps, profile.country, Number(request.query.page ?? '1'));
      return { items: result.items.map((item) => listItem(item, request.language)), page: result.page, pages: result.pages, total: result.total };
    },
    /** GET /api/v1/news/:id — 404 alike for a missing, scheduled or other-country article. */
    article: async (request: FastifyRequest<{ Params: IdParams }>) => {
      const profile = profileOf(request);
      const item = await readArticle(deps, Number(request.params.id), profile.country);
      if (!item) throw new AppError('NOT_FOUND', 'notFound');
      const text = pickTranslation(item, request.language);
      return {
        id: item.id,
        title: text.title,
        bodyMarkdown: text.body,
        bodyHtml: renderMarkdown(text.body),
        publishedAt: new Date(item.publishedAt).toISOString(),
        language: text.language,
      };
    },
  };
}
