import type { Db } from '../../src/storage/database.js';
import { insertAuditEvent, type NewAuditRow } from '../../src/storage/repositories/audit-events.js';

/** Seeds one stored audit row as it would sit in the table (any event name, even one no code records). */
export function seedAuditRow(db: Db, at: number, row: Pick<NewAuditRow, 'event' | 'outcome'> & Partial<NewAuditRow>): Promise<void> {
  return insertAuditEvent(db, { actorId: null, subjectId: null, ip: null, userAgent: null, requestId: null, detail: null, ...row, at });
}

/** The stored audit rows of `event`, oldest first (only `subjectId`'s when given). */
export function auditRows(db: Db, event: string, subjectId?: string) {
  let query = db.selectFrom('audit_events').select(['event', 'outcome', 'subject_id', 'detail']).where('event', '=', event);
  if (subjectId !== undefined) query = query.where('subject_id', '=', subjectId);
  return query.orderBy('id').execute();
}
