import type { Db } from '../../database.js';

/** The four kinds of HR content, each its own table. */
export type ContentTable = 'news' | 'tasks' | 'reviews' | 'benefits';

/** HOME-3: whether an item of `kind` with this `ref` is stored already (saving it then updates it). */
export async function isContentRefStored(db: Db, kind: ContentTable, ref: string): Promise<boolean> {
  return (await db.selectFrom(kind).select('id').where('ref', '=', ref).executeTakeFirst()) !== undefined;
}
