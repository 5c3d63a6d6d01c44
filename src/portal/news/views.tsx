import type { NewsItem } from '../../storage/repositories/content/news.js';
import { Layout } from '../../web/layout.js';
import type { PageContext } from '../../web/page-context.js';
import { langAttribute } from '../../web/reader-language.js';
import { PortalPage, formatDay } from '../portal-page.js';
import { plainExcerpt, renderMarkdown } from './markdown.js';
import { pickTranslation, type NewsPage } from './read-news.js';

// HOME-2: the news list (newest first, paged) and one article. Article bodies are HR's Markdown
// rendered by `renderMarkdown`, which lets no HTML through; everything else is escaped by preact.

export function NewsListPage({ ctx, news, timeZone }: { ctx: PageContext; news: NewsPage; timeZone: string }) {
  const n = ctx.t.portal.news;
  return (
    <PortalPage ctx={ctx} title={n.title} intro={n.intro}>
      {news.items.length === 0 ? (
        <p class="card">{n.none}</p>
      ) : (
        <ol class="news-list">
          {news.items.map((item) => {
            const text = pickTranslation(item, ctx.language);
            const other = langAttribute(text.language, ctx.language);
            return (
              <li key={item.id} class="card news-item">
                <h2 lang={other}>
                  <a href={`/news/${item.id}`}>{text.title}</a>
                </h2>
                <p class="meta">{n.published(formatDay(item.publishedAt, ctx.language, timeZone))}</p>
                <p lang={other}>{plainExcerpt(text.body)}</p>
              </li>
            );
          })}
        </ol>
      )}
      {news.pages > 1 ? <Pagination ctx={ctx} page={news.page} pages={news.pages} /> : null}
    </PortalPage>
  );
}

function Pagination({ ctx, page, pages }: { ctx: PageContext; page: number; pages: number }) {
  const n = ctx.t.portal.news;
  return (
    <nav class="pagination" aria-label={n.pagination}>
      {page > 1 ? (
        <a href={`/news?page=${page - 1}`} rel="prev">
          {n.newer}
        </a>
      ) : null}
      <span aria-current="page">{n.pageOf(page, pages)}</span>
      {page < pages ? (
        <a href={`/news?page=${page + 1}`} rel="next">
          {n.older}
        </a>
      ) : null}
    </nav>
  );
}

export function ArticlePage({ ctx, item, timeZone }: { ctx: PageContext; item: NewsItem; timeZone: string }) {
  const n = ctx.t.portal.news;
  const text = pickTranslation(item, ctx.language);
  const other = langAttribute(text.language, ctx.language);
  return (
    <Layout ctx={ctx} title={text.title}>
      <p class="back-link">
        <a href="/news">{n.allNews}</a>
      </p>
      <article class="card article" aria-labelledby="page-heading">
        <h1 id="page-heading" lang={other}>
          {text.title}
        </h1>
        <p class="meta">{n.published(formatDay(item.publishedAt, ctx.language, timeZone))}</p>
        <div class="article-body" lang={other} dangerouslySetInnerHTML={{ __html: renderMarkdown(text.body) }} />
      </article>
    </Layout>
  );
}
