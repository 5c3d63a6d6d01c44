import type { Db, Storage } from '../storage/database.js';
import type { Clock } from '../security/clock.js';
import type { AppDeps, RequestMeta } from '../core/deps.js';
import { insertAuditEvent } from '../storage/repositories/audit-events.js';
import type { AuditEventName, AuditOutcome } from './events.js';

// AUDIT-1: who did what to whom, from where. Never secrets: callers pass only ids and reasons.
// The audit log is a port in the dependencies (`deps.audit`), so every layer records the same way.

export interface AuditEvent {
  event: AuditEventName;
  outcome: AuditOutcome;
  actorId?: string | null;
  subjectId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
  detail?: Record<string, string | number | boolean | null>;
  /** When it happened; the clock's now unless a caller records several rows of one moment. */
  at?: number;
}

export interface AuditLog {
  /** Records one event, inside `within` when the event belongs to a transaction's change. */
  record(event: AuditEvent, within?: Db): Promise<void>;
}

export function createAuditLog(storage: Storage, clock: Clock): AuditLog {
  return {
    record: (event, within) =>
      insertAuditEvent(within ?? storage.db, {
        at: event.at ?? clock.now(),
        event: event.event,
        outcome: event.outcome,
        actorId: event.actorId ?? null,
        subjectId: event.subjectId ?? null,
        ip: event.ip ?? null,
        userAgent: event.userAgent ?? null,
        requestId: event.requestId ?? null,
        detail: event.detail ?? null,
      }),
  };
}

/** Where a request came from, as the audit row's origin fields. */
export function auditOrigin(meta: Pick<RequestMeta, 'ip' | 'userAgent' | 'requestId'>): Pick<AuditEvent, 'ip' | 'userAgent' | 'requestId'> {
  return { ip: meta.ip, userAgent: meta.userAgent, requestId: meta.requestId };
}

/** An event a person caused about their own account (actor and subject alike), with the request's origin. */
export function auditOwnEvent(
  deps: AppDeps,
  meta: RequestMeta,
  employeeId: string | null,
  event: AuditEventName,
  outcome: AuditOutcome,
  detail: AuditEvent['detail'] = {},
): Promise<void> {
  return deps.audit.record({ event, outcome, actorId: employeeId, subjectId: employeeId, ...auditOrigin(meta), detail });
}
