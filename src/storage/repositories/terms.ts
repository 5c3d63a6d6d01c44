import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export interface TermsText {
  version: number;
  title: string;
  body: string;
}

/** The newest published version number (REG-2). */
export async function currentTermsVersion(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('terms').select((eb) => eb.fn.max('version').as('version')).executeTakeFirst();
  return Number(row?.version ?? 0);
}

/** The newest terms in the reader's language, falling back to English. */
export async function currentTerms(db: Kysely<Database>, language: string): Promise<TermsText | null> {
  const version = await currentTermsVersion(db);
  const rows = await db.selectFrom('terms').select(['version', 'title', 'body', 'language']).where('version', '=', version).execute();
  const row = rows.find((r) => r.language === language) ?? rows.find((r) => r.language === 'en') ?? rows[0];
  return row ? { version: row.version, title: row.title, body: row.body } : null;
}

/** Publishes a new version; everyone accepts it at their next sign-in. */
export async function publishTerms(db: Kysely<Database>, texts: { language: string; title: string; body: string }[], now: number): Promise<number> {
  const version = (await currentTermsVersion(db)) + 1;
  await db
    .insertInto('terms')
    .values(texts.map((t) => ({ version, language: t.language, title: t.title, body: t.body, published_at: now })))
    .execute();
  return version;
}
