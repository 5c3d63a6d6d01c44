import type { Db } from '../database.js';

export interface AuditRow {
  at: number;
  event: string;
  outcome: string;
  actorId: string | null;
  subjectId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  detail: Record<string, unknown> | null;
}

export async function insertAuditEvent(db: Db, row: AuditRow): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      at: row.at,
      event: row.event,
      outcome: row.outcome,
      actor_id: row.actorId,
      subject_id: row.subjectId,
      ip: row.ip,
      user_agent: row.userAgent?.slice(0, 300) ?? null,
      request_id: row.requestId,
      detail: row.detail ? JSON.stringify(row.detail) : null,
    })
    .execute();
}
