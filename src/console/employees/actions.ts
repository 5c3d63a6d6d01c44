import type { AuditEventName } from '../../audit/events.js';
import { deleteEmployeePasskeys } from '../../storage/repositories/passkeys.js';
import type { AppDeps } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { unlockAccount } from '../../identity/unlock-account.js';
import { endAllSessions } from '../../session/session-store.js';
import { grantRole, isRole, revokeRole } from '../../storage/repositories/roles.js';
import { setMfaMethod } from '../../storage/repositories/mfa.js';
import { accountExists } from '../../storage/repositories/recovery.js';
import { clearLoginLock, secondFactorLockKey } from '../../security/lockout.js';
import { auditConsoleAction, type ActionContext } from './action-context.js';
import { issuePin } from '../../identity/issue-pin.js';
import { confirmCallerCode, requireCallerProof, sendCallerCode } from '../helpdesk/verify-caller.js';

// HELP-3..5: the console's account actions. Each needs a reason and is audited with the agent,
// the employee, the reason and where the request came from. Unknown accounts are a 404.

export const REASON_MIN = 3;
export const REASON_MAX = 500;

export const EMPLOYEE_ACTIONS = ['unlock', 'pin', 'reset-mfa', 'end-sessions', 'roles', 'verify-caller'] as const;
export type EmployeeAction = (typeof EMPLOYEE_ACTIONS)[number];


/** HELP-5: 3–500 characters after trimming, else 400 with `fields.reason`. */
export function checkReason(raw: unknown): string {
  const reason = typeof raw === 'string' ? raw.trim() : '';
  if (reason.length < REASON_MIN || reason.length > REASON_MAX) throw new AppError('VALIDATION', 'employeeReasonInvalid', { fields: { reason: 'employeeReasonInvalid' } });
  return reason;
}

function notFound(): never {
  throw new AppError('NOT_FOUND', 'notFound');
}

async function requireAccount(deps: AppDeps, employeeId: string): Promise<void> {
  if (!(await accountExists(deps.storage.db, employeeId))) notFound();
}

function audit(deps: AppDeps, ctx: ActionContext, event: AuditEventName, detail: Record<string, string | number | boolean | null>): Promise<void> {
  return auditConsoleAction(deps, ctx, event, 'success', detail);
}

/** Clears the temporary and help-desk locks (unlockAccount audits `account.unlocked`). */
export async function unlockEmployee(deps: AppDeps, ctx: ActionContext, rawReason: unknown): Promise<void> {
  const reason = checkReason(rawReason);
  const done = await unlockAccount(deps, { employeeId: ctx.employeeId, reason, actorId: ctx.actorId, now: deps.clock.now(), via: 'console', meta: ctx.meta });
  if (!done) notFound();
}

/** What a PIN or an MFA reset takes: the reason, and an in-person identity check when the caller was not verified by code (HELP-7). */
export interface ProvenActionInput {
  reason?: unknown;
  identityCheck?: unknown;
}

/**
 * HELP-4: the PIN is returned once and never stored or logged in clear (issuePin audits `pin.issued`,
 * with the caller verification that allowed it, HELP-7).
 */
export async function issueEmployeePin(deps: AppDeps, ctx: ActionContext, input: ProvenActionInput): Promise<{ pin: string; expiresAt: number }> {
  const reason = checkReason(input.reason);
  await requireAccount(deps, ctx.employeeId);
  const proof = await requireCallerProof(deps, ctx, input.identityCheck);
  const issued = await issuePin(deps, { employeeId: ctx.employeeId, actorId: ctx.actorId, reason, now: deps.clock.now(), via: 'console', meta: ctx.meta, proof });
  return issued ?? notFound();
}

/**
 * Multi-factor off, authenticator secret and recovery codes removed, the authenticator lock
 * cleared. Sessions stay: the agent ends them separately when the account may be misused.
 */
export async function resetEmployeeMfa(deps: AppDeps, ctx: ActionContext, input: ProvenActionInput): Promise<void> {
  const reason = checkReason(input.reason);
  await requireAccount(deps, ctx.employeeId);
  const proof = await requireCallerProof(deps, ctx, input.identityCheck);
  await setMfaMethod(deps.storage.db, ctx.employeeId, 'off', deps.clock.now());
  // MFA-7: the reset removes the employee's passkeys too.
  const passkeys = await deleteEmployeePasskeys(deps.storage.db, ctx.employeeId);
  await clearLoginLock(deps.storage.db, secondFactorLockKey(ctx.employeeId));
  await audit(deps, ctx, 'mfa.reset', { reason, ...proof, passkeys });
}

/** HELP-7: a code to the employee's registered e-mail or mobile, for the caller to read back. */
export async function startCallerVerification(deps: AppDeps, ctx: ActionContext, input: { reason?: unknown; channel?: unknown }): Promise<{ sentTo: string }> {
  const reason = checkReason(input.reason);
  await requireAccount(deps, ctx.employeeId);
  return sendCallerCode(deps, ctx, { reason, channel: input.channel });
}

/** HELP-7: the code the caller read back; right → verified for 15 minutes. */
export async function finishCallerVerification(deps: AppDeps, ctx: ActionContext, code: unknown): Promise<{ verified: true; until: number }> {
  await requireAccount(deps, ctx.employeeId);
  return confirmCallerCode(deps, ctx, code);
}

export async function endEmployeeSessions(deps: AppDeps, ctx: ActionContext, rawReason: unknown): Promise<number> {
  const reason = checkReason(rawReason);
  await requireAccount(deps, ctx.employeeId);
  const ended = await endAllSessions(deps.storage.db, { employeeId: ctx.employeeId, secret: deps.config.secret, now: deps.clock.now() });
  await audit(deps, ctx, 'session.ended', { reason, count: ended });
  return ended;
}

/** Admin only (the route's guard): grant or revoke one role. */
export async function changeEmployeeRole(deps: AppDeps, ctx: ActionContext, input: { reason?: unknown; role?: unknown; action?: unknown }): Promise<void> {
  const reason = checkReason(input.reason);
  const role = typeof input.role === 'string' ? input.role : '';
  if (!isRole(role)) throw new AppError('VALIDATION', 'consoleRoleInvalid', { fields: { role: 'consoleRoleInvalid' } });
  if (input.action !== 'grant' && input.action !== 'revoke') throw new AppError('VALIDATION', 'consoleRoleInvalid', { fields: { action: 'consoleRoleInvalid' } });
  await requireAccount(deps, ctx.employeeId);
  if (input.action === 'grant') {
    if (!(await grantRole(deps.storage.db, ctx.employeeId, role, deps.clock.now()))) notFound();
    await audit(deps, ctx, 'role.granted', { reason, role });
  } else {
    const held = await revokeRole(deps.storage.db, ctx.employeeId, role);
    await audit(deps, ctx, 'role.revoked', { reason, role, held });
  }
}
