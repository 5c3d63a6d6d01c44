import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import type { AppDeps, RequestMeta } from '../core/deps.js';

// AUDIT-1: who did what to whom, from where. Never secrets: callers pass only ids and reasons.

export interface AuditEvent {
  event: string;
  outcome: 'success' | 'failure' | 'refused' | 'info';
  actorId?: string | null;
  subjectId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
  detail?: Record<string, string | number | boolean | null>;
}

/** An event a person caused about their own account (actor and subject alike), with the request's origin. */
export function auditOwnEvent(
  deps: AppDeps,
  meta: RequestMeta,
  employeeId: string | null,
  event: string,
  outcome: AuditEvent['outcome'],
  detail: AuditEvent['detail'] = {},
): Promise<void> {
  return recordAudit(deps.storage.db, deps.clock.now(), {
    event,
    outcome,
    actorId: employeeId,
    subjectId: employeeId,
    ip: meta.ip,
    userAgent: meta.userAgent,
    requestId: meta.requestId,
    detail,
  });
}

export async function recordAudit(db: Kysely<Database>, now: number, event: AuditEvent): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      at: now,
      event: event.event,
      outcome: event.outcome,
      actor_id: event.actorId ?? null,
      subject_id: event.subjectId ?? null,
      ip: event.ip ?? null,
      user_agent: event.userAgent?.slice(0, 300) ?? null,
      request_id: event.requestId ?? null,
      detail: event.detail ? JSON.stringify(event.detail) : null,
    })
    .execute();
}
