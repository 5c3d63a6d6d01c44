import { sql, type Kysely } from 'kysely';
import type { Database } from '../../schema.js';
import { decodeList, encodeList, listIncludes } from './audience.js';
import { arg, perLimit, preparedFor, prepareQuery } from '../../prepared.js';

// HOME-2: news articles, each with its text in one or more languages. An article is visible from
// its publication time to the employees of its countries (all when it names none).

export interface NewsTranslation {
  language: string;
  title: string;
  /** Markdown, rendered safely by `portal/news/markdown.ts`. */
  body: string;
}

export interface NewsItem {
  id: number;
  ref: string | null;
  countries: string[] | null;
  publishedAt: number;
  authorId: string | null;
  translations: NewsTranslation[];
}

export interface NewNews {
  ref?: string | null;
  countries?: readonly string[] | null;
  publishedAt: number;
  authorId?: string | null;
  translations: NewsTranslation[];
}

type Row = { id: number; ref: string | null; countries: string | null; published_at: number; author_id: string | null; language: string; title: string; body: string };

/** One query (prepared: the homepage and the news list run it): the page of articles visible in `country` at `now`, newest first, with all their translations. */
const visibleNews = preparedFor((db) => perLimit((limit) =>
  prepareQuery<[now: number, country: string, offset: number], Row>(
    db,
    db
      .selectFrom('news as n')
      .innerJoin('news_translations as t', 't.news_id', 'n.id')
      .select(['n.id', 'n.ref', 'n.countries', 'n.published_at', 'n.author_id', 't.language', 't.title', 't.body'])
      .where('n.id', 'in', (qb) =>
        qb
          .selectFrom('news')
          .select('id')
          .where('published_at', '<=', arg<number>(0))
          .where(listIncludes('countries', arg<string>(1)))
          .orderBy('published_at', 'desc')
          .orderBy('id', 'desc')
          .limit(sql.lit(limit))
          .offset(arg<number>(2)),
      )
      .orderBy('n.published_at', 'desc')
      .orderBy('n.id', 'desc'),
  ),
));

export async function listVisibleNews(db: Kysely<Database>, country: string, now: number, page: { limit: number; offset: number }): Promise<NewsItem[]> {
  return groupRows(await visibleNews(db)(page.limit).rows(now, country, page.offset));
}

export async function countVisibleNews(db: Kysely<Database>, country: string, now: number): Promise<number> {
  const row = await db
    .selectFrom('news')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('published_at', '<=', now)
    .where(listIncludes('countries', country))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The article if `country` may read it at `now` (otherwise undefined, exactly as for a missing id). */
export async function findVisibleNews(db: Kysely<Database>, id: number, country: string, now: number): Promise<NewsItem | undefined> {
  const rows = await db
    .selectFrom('news as n')
    .innerJoin('news_translations as t', 't.news_id', 'n.id')
    .select(['n.id', 'n.ref', 'n.countries', 'n.published_at', 'n.author_id', 't.language', 't.title', 't.body'])
    .where('n.id', '=', id)
    .where('n.published_at', '<=', now)
    .where(listIncludes('n.countries', country))
    .execute();
  return groupRows(rows)[0];
}

/** The console's list: every article, scheduled and targeted ones included, newest first. */
export async function listAllNews(db: Kysely<Database>, limit: number): Promise<NewsItem[]> {
  const rows = await db
    .selectFrom('news as n')
    .innerJoin('news_translations as t', 't.news_id', 'n.id')
    .select(['n.id', 'n.ref', 'n.countries', 'n.published_at', 'n.author_id', 't.language', 't.title', 't.body'])
    .where('n.id', 'in', (qb) => qb.selectFrom('news').select('id').orderBy('published_at', 'desc').orderBy('id', 'desc').limit(limit))
    .orderBy('n.published_at', 'desc')
    .orderBy('n.id', 'desc')
    .execute();
  return groupRows(rows);
}

/** Creates an article, or replaces the one with the same `ref` (its translations included). Run inside a transaction. */
export async function saveNews(db: Kysely<Database>, input: NewNews, now: number): Promise<number> {
  const values = {
    ref: input.ref ?? null,
    countries: encodeList(input.countries),
    published_at: input.publishedAt,
    author_id: input.authorId ?? null,
    created_at: now,
    updated_at: now,
  };
  const { id } = await db
    .insertInto('news')
    .values(values)
    .onConflict((oc) => oc.column('ref').doUpdateSet({ countries: values.countries, published_at: values.published_at, author_id: values.author_id, updated_at: now }))
    .returning('id')
    .executeTakeFirstOrThrow();
  const newsId = Number(id);
  await db.deleteFrom('news_translations').where('news_id', '=', newsId).execute();
  await db
    .insertInto('news_translations')
    .values(input.translations.map((t) => ({ news_id: newsId, language: t.language, title: t.title, body: t.body })))
    .execute();
  return newsId;
}

function groupRows(rows: Row[]): NewsItem[] {
  const byId = new Map<number, NewsItem>();
  for (const row of rows) {
    const id = Number(row.id);
    let item = byId.get(id);
    if (!item) {
      item = { id, ref: row.ref, countries: decodeList(row.countries), publishedAt: Number(row.published_at), authorId: row.author_id, translations: [] };
      byId.set(id, item);
    }
    item.translations.push({ language: row.language, title: row.title, body: row.body });
  }
  return [...byId.values()];
}
