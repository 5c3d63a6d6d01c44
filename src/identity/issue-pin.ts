import type { OperatorDeps } from '../core/deps.js';
import { DAY } from '../security/clock.js';
import { auditOrigin } from '../audit/record-audit.js';
import { generatePin, keyedHash } from '../security/tokens.js';
import { endAllSessions } from '../session/session-store.js';
import { findPasswordHash, replacePin } from '../storage/repositories/accounts.js';

/** HELP-4: a help-desk PIN is valid this long. */
export const HELPDESK_PIN_LIFETIME_MS = 14 * DAY;

export interface IssuePinInput {
  employeeId: string;
  /** The agent (null from the command line). */
  actorId: string | null;
  /** HELP-5: why; written to the audit log. */
  reason: string;
  now: number;
  via: 'cli' | 'console';
  /** HELP-5: where a console action came from. */
  meta?: { ip: string; userAgent: string; requestId: string };
  /** HELP-7: how the caller was verified (console), recorded next to the action. */
  proof?: Record<string, string>;
}

/**
 * HELP-4: a new PIN (NORM-4) valid 14 days, replacing any earlier one. Only its keyed hash is
 * stored; the PIN itself is returned once for the agent to pass on and is never logged. A
 * registered account gets a `reset` PIN (→ "set a new password"), a never-registered one a
 * `register` PIN (→ the wizard). Returns null when there is no such account.
 */
export async function issuePin(deps: OperatorDeps, input: IssuePinInput): Promise<{ pin: string; expiresAt: number } | null> {
  const { db } = deps.storage;
  const account = await findPasswordHash(db, input.employeeId);
  if (!account) return null;
  const purpose = account.passwordHash === null ? 'register' : 'reset';
  const pin = generatePin();
  const expiresAt = input.now + HELPDESK_PIN_LIFETIME_MS;
  if (!(await replacePin(db, input.employeeId, { hash: keyedHash(deps.config.secret, pin), expiresAt, purpose }, input.now))) return null;
  // SESS-5: a new PIN ends every session of the account (a caller may be undoing a takeover).
  const sessionsEnded = await endAllSessions(db, { employeeId: input.employeeId, secret: deps.config.secret, now: input.now });
  await deps.audit.record({
    at: input.now,
    event: 'pin.issued',
    outcome: 'success',
    actorId: input.actorId,
    subjectId: input.employeeId,
    ...(input.meta ? auditOrigin(input.meta) : {}),
    detail: { reason: input.reason, purpose, via: input.via, expiresAt: new Date(expiresAt).toISOString(), sessionsEnded, ...input.proof },
  });
  return { pin, expiresAt };
}
