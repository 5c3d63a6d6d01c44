import type { Db } from '../../storage/database.js';
import { isContentRefStored } from '../../storage/repositories/content/refs.js';
import { saveNews, type NewNews } from '../../storage/repositories/content/news.js';
import { saveTask, type NewTask } from '../../storage/repositories/content/tasks.js';
import { saveReview, type NewReview } from '../../storage/repositories/content/reviews.js';
import { saveBenefit, type NewBenefit } from '../../storage/repositories/content/benefits.js';
import { auditOrigin } from '../../audit/record-audit.js';
import type { OperatorDeps, RequestMeta } from '../../core/deps.js';

// HOME-3: writes what HR created, with its audit row, in one transaction. A `ref` already stored
// updates that item (re-imports and re-submits never duplicate). The audit names the kind, id and
// ref, never the text (AUDIT-1).

export const CONTENT_KINDS = ['news', 'tasks', 'reviews', 'benefits'] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];

export interface ContentValues {
  news: NewNews;
  tasks: NewTask;
  reviews: NewReview;
  benefits: NewBenefit;
}

export type ContentItem = { [K in ContentKind]: { kind: K; value: ContentValues[K] } }[ContentKind];

export interface Saved {
  id: number;
  created: boolean;
}

/** Saves one item (inside the caller's transaction); `actorId` becomes its author. */
export async function saveItem(db: Db, item: ContentItem, actorId: string | null, now: number): Promise<Saved> {
  const ref = item.value.ref ?? null;
  const created = ref === null || !(await isContentRefStored(db, item.kind, ref));
  let id: number;
  switch (item.kind) {
    case 'news':
      id = await saveNews(db, { ...item.value, authorId: actorId }, now);
      break;
    case 'tasks':
      id = await saveTask(db, { ...item.value, createdBy: actorId }, now);
      break;
    case 'reviews':
      id = await saveReview(db, { ...item.value, createdBy: actorId }, now);
      break;
    case 'benefits':
      id = await saveBenefit(db, { ...item.value, createdBy: actorId }, now);
      break;
  }
  return { id, created };
}

/** The employee an item is about, for the audit's subject. */
function subjectOf(item: ContentItem): string | null {
  switch (item.kind) {
    case 'news':
      return null;
    case 'tasks':
      return item.value.assigneeId ?? null;
    default:
      return item.value.employeeId;
  }
}

/** One item from the console or the API: saved and audited (`content.published`) together. */
export async function publishContent(deps: OperatorDeps, item: ContentItem, actor: { actorId: string; meta: RequestMeta }, now: number): Promise<Saved> {
  return deps.storage.db.transaction().execute(async (trx) => {
    const saved = await saveItem(trx, item, actor.actorId, now);
    await deps.audit.record({
      at: now,
      event: 'content.published',
      outcome: 'success',
      actorId: actor.actorId,
      subjectId: subjectOf(item),
      ...auditOrigin(actor.meta),
      detail: { kind: item.kind, id: saved.id, ref: item.value.ref ?? null, action: saved.created ? 'created' : 'updated' },
    }, trx);
    return saved;
  });
}
