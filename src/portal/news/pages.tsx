import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { pageContext, profileOf } from '../../app/request-context.js';
import { sendPage } from '../../app/render-page.js';
import { pageId } from '../portal-request.js';
import { readArticle, readNewsPage } from './read-news.js';
import { ArticlePage, NewsListPage } from './views.js';

// HOME-2: the news pages. A page number that is not one (or is past the last page) shows page 1.

function pageNumber(request: FastifyRequest): number {
  const raw = (request.query as Record<string, unknown> | undefined)?.page;
  return typeof raw === 'string' && /^[1-9][0-9]{0,5}$/.test(raw) ? Number(raw) : 1;
}

export function createNewsPages(deps: AppDeps) {
  return {
    /** GET /news?page=N */
    list: async (request: FastifyRequest, reply: FastifyReply) => {
      const country = profileOf(request).country;
      let news = await readNewsPage(deps, country, pageNumber(request));
      if (news.page > news.pages) news = await readNewsPage(deps, country, 1);
      return sendPage(reply, <NewsListPage ctx={pageContext(request, reply, deps.config)} news={news} timeZone={deps.config.timeZone} />);
    },
    /** GET /news/:id — the same 404 page for a missing, scheduled, other-country or non-numeric id. */
    article: async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
      const item = await readArticle(deps, pageId(request.params.id), profileOf(request).country);
      if (!item) throw new AppError('NOT_FOUND', 'notFound');
      return sendPage(reply, <ArticlePage ctx={pageContext(request, reply, deps.config)} item={item} timeZone={deps.config.timeZone} />);
    },
  };
}
