import type { AppDeps } from '../../core/deps.js';
import { countVisibleNews, findVisibleNews, listVisibleNews, type NewsItem, type NewsTranslation } from '../../storage/repositories/content/news.js';
import { pickLanguage } from '../../web/reader-language.js';

// HOME-2: what an employee may read of the news, shared by the JSON API and the pages. Visibility
// (country, publication time) is decided in SQL by the repository.

export const NEWS_PAGE_SIZE = 10;

/** The text in the reader's language, else English, else the first one HR wrote. */
export function pickTranslation(item: NewsItem, language: string): NewsTranslation {
  return pickLanguage(item.translations, language);
}

export interface NewsPage {
  items: NewsItem[];
  page: number;
  pages: number;
  total: number;
}

/** One page of the articles visible to an employee of `country` now, newest first (two queries, run together). */
export async function readNewsPage(deps: AppDeps, country: string, page: number): Promise<NewsPage> {
  const db = deps.storage.db;
  const now = deps.clock.now();
  const [items, total] = await Promise.all([
    listVisibleNews(db, country, now, { limit: NEWS_PAGE_SIZE, offset: (page - 1) * NEWS_PAGE_SIZE }),
    countVisibleNews(db, country, now),
  ]);
  return { items, page, pages: Math.max(1, Math.ceil(total / NEWS_PAGE_SIZE)), total };
}

/** The article if this employee may read it now; otherwise undefined, alike for every reason. */
export function readArticle(deps: AppDeps, id: number, country: string): Promise<NewsItem | undefined> {
  return findVisibleNews(deps.storage.db, id, country, deps.clock.now());
}
