import type { AppDeps, RequestMeta } from '../../core/deps.js';
import type { AuditEventName } from '../../audit/events.js';
import { type AuditEvent } from '../../audit/record-audit.js';

// HELP-5: who acts on whom through the console, and from where; every console action is recorded with it.

export interface ActionContext {
  /** The agent's Employee ID. */
  actorId: string;
  employeeId: string;
  meta: RequestMeta;
}

/** A console action in the audit log: the agent, the employee, the request's origin, `via: console`. */
export function auditConsoleAction(
  deps: AppDeps,
  ctx: ActionContext,
  event: AuditEventName,
  outcome: AuditEvent['outcome'],
  detail: Record<string, string | number | boolean | null>,
): Promise<void> {
  return deps.audit.record({
    event,
    outcome,
    actorId: ctx.actorId,
    subjectId: ctx.employeeId,
    ip: ctx.meta.ip,
    userAgent: ctx.meta.userAgent,
    requestId: ctx.meta.requestId,
    detail: { ...detail, via: 'console' },
  });
}
