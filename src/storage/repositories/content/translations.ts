import type { Kysely } from 'kysely';
import type { Database } from '../../schema.js';

// HOME-1..3: the texts of a task, review or benefit plan in the portal's other languages. The
// item's own columns are its English text; its translations are rows of `<kind>_translations`,
// read in the same query as the item (a left join, grouped here) and replaced whole on save.

/** One item's texts in one language other than English. */
export type Translation<Text extends string> = { language: string } & Record<Text, string>;

export const TRANSLATION_TABLES = {
  task_translations: { key: 'task_id', texts: ['title', 'description'] },
  review_translations: { key: 'review_id', texts: ['period', 'strengths', 'goals'] },
  benefit_translations: { key: 'benefit_id', texts: ['plan', 'coverage'] },
} as const;

type TranslationTable = keyof typeof TRANSLATION_TABLES;
type TextsOf<T extends TranslationTable> = (typeof TRANSLATION_TABLES)[T]['texts'][number];

/** The three tables differ only in their key and text columns, so they are written through one loose shape. */
type LooseTables = Record<string, Record<string, string | number>>;

/** Replaces the item's translations with `translations` (none: it has only its English text). Run inside the save's transaction. */
export async function replaceTranslations<T extends TranslationTable>(db: Kysely<Database>, table: T, id: number, translations: readonly Translation<TextsOf<T>>[] | undefined): Promise<void> {
  const loose = db as unknown as Kysely<LooseTables>;
  const { key, texts } = TRANSLATION_TABLES[table];
  await loose.deleteFrom(table as string).where(key, '=', id).execute();
  if (!translations || translations.length === 0) return;
  const rows = translations.map((t) => Object.fromEntries([[key, id], ['language', t.language], ...texts.map((column) => [column, (t as Record<string, string>)[column] ?? ''])]) as Record<string, string | number>);
  await loose.insertInto(table).values(rows).execute();
}

/** A left-joined row carries the translation's columns as `tr_<column>`, null when the item has none. */
export type TranslatedRow<Text extends string> = { id: number | string; tr_language: string | null } & Record<`tr_${Text}`, string | null>;

/**
 * Rows of "item left join translations" (one per item and language, an item's rows in any order)
 * as items with their translations, in the order the items first appear.
 */
export function groupTranslated<Text extends string, Row extends TranslatedRow<Text>, Item extends { translations: Translation<Text>[] }>(
  rows: readonly Row[],
  texts: readonly Text[],
  toItem: (row: Row) => Item,
): Item[] {
  const byId = new Map<number, Item>();
  for (const row of rows) {
    const id = Number(row.id);
    let item = byId.get(id);
    if (!item) {
      item = toItem(row);
      byId.set(id, item);
    }
    if (row.tr_language !== null) {
      const translation = Object.fromEntries([['language', row.tr_language], ...texts.map((text) => [text, row[`tr_${text}`] ?? ''])]) as Translation<Text>;
      item.translations.push(translation);
    }
  }
  return [...byId.values()];
}
